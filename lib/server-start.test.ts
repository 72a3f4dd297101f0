import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { products } from "@/db/schema";
import { seedOnStart } from "./server-start";

describe("what a starting server seeds", () => {
  it("never the demo catalog on a production server, nor on PostgreSQL; only `npm run dev` on an empty embedded database", async () => {
    const owner = { ADMIN_EMAIL: "owner@example.com", ADMIN_PASSWORD: "a-long-owner-password" };
    expect((await seedOnStart(db, { NODE_ENV: "production", ...owner }, "pglite")).products).toBe(0);
    expect((await seedOnStart(db, { NODE_ENV: "production", ...owner }, "postgres")).products).toBe(0);
    expect((await seedOnStart(db, { NODE_ENV: "development", ...owner }, "postgres")).products).toBe(0);
    expect(await db.$count(products)).toBe(0);

    expect((await seedOnStart(db, { NODE_ENV: "development", ...owner }, "pglite")).products).toBe(14);
    expect(await db.$count(products)).toBe(14);
  });
});
