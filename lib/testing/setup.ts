import { afterAll } from "vitest";
import { openScratchDatabase } from "@/db/scratch";

// Money-path tests reason about item prices alone; shipping has its own tests, which set the fee.
process.env.SHIPPING_FEE ??= "0";

// Runs before each test file, in that file's own module graph: point it at a fresh database
// before any module reads the configuration, then migrate it.
const scratch = await openScratchDatabase("jangteo_test");
const { ensureMigrated, closeDatabase } = await import("@/db/client");
await ensureMigrated();

afterAll(async () => {
  await closeDatabase();
  await scratch.drop();
});
