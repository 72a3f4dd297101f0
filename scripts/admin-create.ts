// npm run admin:create -- --email owner@example.com [--role staff] [--name 이름]
// Prompts for the password (twice) on a terminal, or reads it from standard input:
//   printf '%s' "$PASSWORD" | npm run admin:create -- --email staff@example.com --role staff
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { z } from "zod";
import { connection, ensureMigrated } from "../db/client";
import { passwordProblem } from "../lib/auth/password";
import { createUser, DuplicateEmailError } from "../lib/auth/users";
import { runCommand, UsageError } from "../lib/cli";

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
    throw new UsageError(args.error.issues[0]?.message ?? "usage: npm run admin:create -- --email EMAIL [--role owner|staff] [--name NAME]");
  }
  let password: string;
  if (process.stdin.isTTY) {
    password = await prompt("Password: ");
    if ((await prompt("Again: ")) !== password) {
      throw new UsageError("The two passwords differ.");
    }
  } else {
    password = await readStdin();
  }
  const problem = passwordProblem(password);
  if (problem) {
    throw new UsageError(`Password refused: at least 10 and at most 256 characters (${problem})`);
  }
  const conn = connection();
  await ensureMigrated();
  const user = await createUser(conn.db, { email: args.data.email, password, role: args.data.role, name: args.data.name });
  console.log(`Created ${user.role} ${user.email} (${conn.kind} at ${conn.location})`);
}

runCommand(main, (error) => (error instanceof DuplicateEmailError ? error.message : undefined));
