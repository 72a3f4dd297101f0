import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { afterCommit, connection, db, describeDatabaseError } from "./client";
import { products } from "./schema";

describe("database client", () => {
  it("runs on the driver the environment selects, with migrations applied", async () => {
    expect(connection().kind).toBe(process.env.DATABASE_URL ? "postgres" : "pglite");
    const rows = await db.select().from(products);
    expect(rows).toEqual([]);
  });

  it("enforces money and quantity constraints in the database itself", async () => {
    await expect(
      db.insert(products).values({ slug: "neg", name: "x", price: -1, image: "/x.png", stock: 1 }),
    ).rejects.toThrow();
    await expect(
      db.insert(products).values({ slug: "neg-stock", name: "x", price: 100, image: "/x.png", stock: -1 }),
    ).rejects.toThrow();
    expect(await db.$count(products)).toBe(0);
  });

  it("describes an unreachable server in one line", () => {
    const line = describeDatabaseError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }));
    expect(line).toMatch(/connection refused/);
    expect(line).not.toContain("\n");
  });

  it("runs after-commit work once the transaction has committed, and never after a rollback", async () => {
    const seen: string[] = [];
    await db.transaction(async (tx) => {
      await tx.insert(products).values({ slug: "after-commit", name: "x", price: 100, image: "/x.png", stock: 1 });
      afterCommit(tx, () => seen.push("committed"));
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual(["committed"]);
    await expect(
      db.transaction(async (tx) => {
        afterCommit(tx, () => seen.push("rolled back"));
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(seen).toEqual(["committed"]);
  });

  it("answers a committed transaction as committed when its after-commit work throws", async () => {
    const result = await db.transaction(async (tx) => {
      await tx.insert(products).values({ slug: "after-commit-throws", name: "x", price: 100, image: "/x.png", stock: 1 });
      afterCommit(tx, () => {
        throw new Error("follow-up failed");
      });
      return "done";
    });
    expect(result).toBe("done");
    expect(await db.$count(products, eq(products.slug, "after-commit-throws"))).toBe(1);
  });
});

