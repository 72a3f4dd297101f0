import { hash, verify } from "@node-rs/argon2";
import bcrypt from "bcryptjs";

/** The one place passwords are hashed and checked: sign-in, admin:create, staff accounts, resets. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane).
const ARGON2_OPTIONS = { algorithm: 2 /* Algorithm.Argon2id, a const enum */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Why a new password is refused, in Korean for the form; null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `비밀번호는 ${PASSWORD_MIN_LENGTH}자 이상이어야 해요.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `비밀번호는 ${PASSWORD_MAX_LENGTH}자까지 쓸 수 있어요.`;
  return null;
}

export async function hashPassword(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw new Error(problem);
  return hash(password, ARGON2_OPTIONS);
}

export type PasswordCheck = { ok: false } | { ok: true; needsRehash: boolean };

/**
 * Checks a password against a stored hash: argon2id, or a bcrypt hash from before argon2id
 * (those verify once more and come back with needsRehash, so sign-in upgrades them).
 */
export async function verifyPassword(storedHash: string, password: string): Promise<PasswordCheck> {
  try {
    if (storedHash.startsWith("$argon2")) {
      if (!(await verify(storedHash, password))) return { ok: false };
      return { ok: true, needsRehash: !storedHash.startsWith(`$argon2id$v=19$m=${ARGON2_OPTIONS.memoryCost},t=${ARGON2_OPTIONS.timeCost},p=${ARGON2_OPTIONS.parallelism}$`) };
    }
    if (/^\$2[aby]\$/.test(storedHash)) {
      // bcrypt ignores everything past 72 bytes: such a password would match any longer one.
      if (Buffer.byteLength(password) > 72) return { ok: false };
      return (await bcrypt.compare(password, storedHash)) ? { ok: true, needsRehash: true } : { ok: false };
    }
  } catch {
    return { ok: false };
  }
  return { ok: false };
}

let dummy: Promise<string> | undefined;

/** Spends the time of one real check, so an unknown email answers as slowly as a known one. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummy ??= hash("jangteo-dummy-password", ARGON2_OPTIONS);
  await verify(await dummy, password).catch(() => false);
}
