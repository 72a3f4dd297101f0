import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import type { Executor } from "@/db/client";
import { demoProducts } from "@/db/catalog-seed";
import { products, users } from "@/db/schema";

export interface SeedResult {
  products: number;
  /** Set when a local owner account was created with a generated password. */
  generatedAdmin?: { email: string; password: string };
}

/**
 * Seeds the first owner and, when `catalog` is set, the demo catalog, each only when its table is
 * empty. A production server never passes `catalog`: its products come from the owner.
 */
export async function seedIfEmpty(
  db: Executor,
  config: { adminEmail?: string; adminPassword?: string; production: boolean; catalog: boolean },
): Promise<SeedResult> {
  const result: SeedResult = { products: 0 };
  if (config.catalog && (await db.$count(products)) === 0) {
    const inserted = await db.insert(products).values(demoProducts).onConflictDoNothing().returning({ id: products.id });
    result.products = inserted.length;
  }
  if ((await db.$count(users)) === 0) {
    let email = config.adminEmail;
    let password = config.adminPassword;
    if (!email || !password) {
      // A production store gets its owner from ADMIN_EMAIL/ADMIN_PASSWORD, never a generated one.
      if (config.production) return result;
      email ??= "owner@jangteo.local";
      password = randomBytes(9).toString("base64url");
      result.generatedAdmin = { email, password };
    }
    await db
      .insert(users)
      .values({ email: email.toLowerCase(), name: "Owner", role: "owner", passwordHash: await hashPassword(password) })
      .onConflictDoNothing();
  }
  return result;
}
