import { describe, expect, it } from "vitest";
import { connection, db, describeDatabaseError } from "./client";
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
});
