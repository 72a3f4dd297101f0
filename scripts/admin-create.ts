// npm run admin:create -- --email owner@example.com [--role staff] [--name 이름]
// Prompts for the password (twice) on a terminal, or reads it from standard input:
//   printf '%s' "$PASSWORD" | npm run admin:create -- --email staff@example.com --role staff
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { z } from "zod";
import { closeDatabase, connection, describeDatabaseError, ensureMigrated } from "../db/client";
import { passwordProblem } from "../lib/auth/password";
import { createUser, DuplicateEmailError } from "../lib/auth/users";

if (existsSync(".env")) process.loadEnvFile(".env");

const args = z
  .object({
    email: z.email("--email must be an email address"),
    role: z.enum(["owner", "staff"], "--role must be owner or staff").default("owner"),
    name: z.string().max(100).default(""),
  })
  .safeParse(parseArgs({ options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" } } }).values);

async function readStdin(): Promise<string> {
  let data = "";
  for await (const chunk of process.stdin) data += chunk;
  return data.replace(/\r?\n$/, "");
}

function prompt(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
  let asked = false;
  // Echo the question, never the password.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
    if (!asked) write.call(rl, s);
  };
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
    asked = true;
  });
}

async function main() {
  if (!args.success) {
    console.error(args.error.issues[0]?.message ?? "usage: npm run admin:create -- --email EMAIL [--role owner|staff] [--name NAME]");
    process.exit(2);
  }
  let password: string;
  if (process.stdin.isTTY) {
    password = await prompt("Password: ");
    if ((await prompt("Again: ")) !== password) {
      console.error("The two passwords differ.");
      process.exit(2);
    }
  } else {
    password = await readStdin();
  }
  const problem = passwordProblem(password);
  if (problem) {
    console.error(`Password refused: at least 10 and at most 256 characters (${problem})`);
    process.exit(2);
  }
  const conn = connection();
  await ensureMigrated();
  const user = await createUser(conn.db, { email: args.data.email, password, role: args.data.role, name: args.data.name });
  console.log(`Created ${user.role} ${user.email} (${conn.kind} at ${conn.location})`);
}

main()
  .then(() => closeDatabase())
  .catch(async (error: unknown) => {
    console.error(error instanceof DuplicateEmailError ? error.message : describeDatabaseError(error));
    await closeDatabase().catch(() => {});
    process.exit(1);
  });
