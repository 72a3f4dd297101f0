import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/uploads/[file]/route";
import { connection, db } from "@/db/client";
import { orders, products } from "@/db/schema";
import type { AdminActor } from "@/lib/auth/actor";
import { placeOrder } from "@/lib/orders/place-order";
import { transitionOrder } from "@/lib/orders/state";
import { createCart, createProduct as insertProduct, validCheckoutForm } from "@/lib/testing/factories";
import { adjustStock, createProduct, findProductSlugRedirect, listProductEvents, listProductsForAdmin, productChangeTags, updateProduct } from "./admin";
import { MAX_IMAGE_BYTES, saveProductImage, sniffImageType } from "./images";

const owner: AdminActor = { email: "owner@jangteo.test", role: "owner" };
let uploads: string;
beforeAll(() => {
  uploads = mkdtempSync(path.join(tmpdir(), "jangteo-uploads-"));
  process.env.UPLOAD_DIR = uploads;
});
afterAll(() => rmSync(uploads, { recursive: true, force: true }));

let seq = 0;
const valid = () => ({ name: "제주 한라봉 3kg", slug: `hallabong-${Date.now().toString(36)}-${seq++}`, description: "새콤달콤", price: "32000", stock: "12", active: true, image: "/products/jeju-hallabong.svg" });

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const WEBP = Uint8Array.from([...Buffer.from("RIFF"), 1, 0, 0, 0, ...Buffer.from("WEBPVP8 ")]);
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

describe("product forms", () => {
  it("creates a product from form values and says what is wrong, field by field, in Korean", async () => {
    const created = await createProduct(db, owner, valid());
    expect(created).toMatchObject({ ok: true, product: { name: "제주 한라봉 3kg", price: 32_000, stock: 12 } });
    const bad = await createProduct(db, owner, { name: " ", slug: "!!", description: "x".repeat(2001), price: "12.5", stock: "-1", image: "https://evil.test/x.svg" });
    expect(bad).toEqual({
      ok: false,
      message: "입력한 내용을 확인해 주세요",
      fieldErrors: {
        name: "상품명을 입력해 주세요",
        slug: "주소는 영문이나 숫자, 한글로 2자 이상 입력해 주세요",
        description: "설명은 2,000자 이내로 입력해 주세요",
        price: "가격은 원 단위 숫자로 입력해 주세요",
        stock: "재고는 0개 이상이어야 해요",
        image: "이미지를 다시 올려 주세요",
      },
    });
    const taken = await createProduct(db, owner, { ...valid(), slug: created.ok ? created.product.slug : "" });
    expect(taken).toMatchObject({ ok: false, fieldErrors: { slug: "이미 쓰이고 있는 주소예요" } });
  });

  it("takes a Korean or spaced address as its romanization, and makes one from the name when it is left empty", async () => {
    const tag = `${Date.now().toString(36)}${seq++}`;
    const korean = await createProduct(db, owner, { ...valid(), slug: `유자차 선물 ${tag}` });
    expect(korean).toMatchObject({ ok: true, product: { slug: `yujacha-seonmul-${tag}` } });
    const fromName = await createProduct(db, owner, { ...valid(), name: `안동 간고등어 ${tag}`, slug: "  " });
    expect(fromName).toMatchObject({ ok: true, product: { slug: `andong-gangodeungeo-${tag}` } });
    const spaced = await createProduct(db, owner, { ...valid(), slug: ` Bad Slug ${tag}! ` });
    expect(spaced).toMatchObject({ ok: true, product: { slug: `bad-slug-${tag}` } });
  });

  it("a slug change keeps the old URL redirecting, revalidates both pages, and the old slug cannot be given to another product", async () => {
    const created = await createProduct(db, owner, valid());
    if (!created.ok) throw new Error(created.message);
    const oldSlug = created.product.slug;
    const renamed = await updateProduct(db, owner, created.product.id, { ...valid(), slug: `${oldSlug}-new`, price: 30000 });
    expect(renamed).toMatchObject({ ok: true, product: { slug: `${oldSlug}-new`, price: 30_000, stock: 12 } });
    expect(await findProductSlugRedirect(db, oldSlug)).toBe(`${oldSlug}-new`);
    expect(await createProduct(db, owner, { ...valid(), slug: oldSlug })).toMatchObject({ ok: false, fieldErrors: { slug: "이미 쓰이고 있는 주소예요" } });
    // Renamed again: both old URLs lead to the newest one; taking back the first slug removes its redirect.
    await updateProduct(db, owner, created.product.id, { ...valid(), slug: `${oldSlug}-3` });
    expect(await findProductSlugRedirect(db, oldSlug)).toBe(`${oldSlug}-3`);
    expect(await findProductSlugRedirect(db, `${oldSlug}-new`)).toBe(`${oldSlug}-3`);
    await updateProduct(db, owner, created.product.id, { ...valid(), slug: oldSlug });
    expect(await findProductSlugRedirect(db, oldSlug)).toBeNull();
    expect(await findProductSlugRedirect(db, `${oldSlug}-3`)).toBe(oldSlug);
    expect(productChangeTags("a", "a")).toEqual(["catalog", "product:a"]);
  });
});

describe("product images", () => {
  it("accepts PNG, JPEG and WebP by their bytes, refuses SVG and look-alikes, and limits the size", async () => {
    expect(sniffImageType(PNG)?.contentType).toBe("image/png");
    expect(sniffImageType(JPEG)?.contentType).toBe("image/jpeg");
    expect(sniffImageType(WEBP)?.contentType).toBe("image/webp");
    expect(sniffImageType(SVG)).toBeNull();
    expect(sniffImageType(Uint8Array.from([...Buffer.from("RIFF"), 1, 0, 0, 0, ...Buffer.from("AVI ")]))).toBeNull();
    expect(await saveProductImage(SVG)).toEqual({ ok: false, message: "PNG, JPEG, WebP 이미지만 올릴 수 있어요" });
    const big = new Uint8Array(MAX_IMAGE_BYTES + 1);
    big.set(PNG);
    expect(await saveProductImage(big)).toEqual({ ok: false, message: "이미지는 2MB 이하만 올릴 수 있어요" });
    expect(await saveProductImage(new Uint8Array())).toEqual({ ok: false, message: "이미지 파일을 골라 주세요" });
  });

  it("stores an upload under its hash and serves it with its type and a long cache; other names are 404", async () => {
    const saved = await saveProductImage(JPEG);
    if (!saved.ok) throw new Error(saved.message);
    expect(saved.path).toMatch(/^\/uploads\/[a-f0-9]{32}\.jpg$/);
    const file = saved.path.split("/").at(-1)!;
    const res = await GET(new Request(`http://localhost${saved.path}`), { params: Promise.resolve({ file }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(JPEG);
    for (const name of ["../../etc/passwd", `${file.slice(0, -4)}.svg`, "x.png", `${"0".repeat(32)}.png`]) {
      expect((await GET(new Request("http://localhost/uploads/x"), { params: Promise.resolve({ file: name }) })).status).toBe(404);
    }
  });
});

describe("stock", () => {
  it("relative and absolute changes with a reason, recorded as events; never below zero; an absolute set refuses a stale view", async () => {
    const p = await insertProduct({ stock: 5 });
    expect(await adjustStock(db, owner, p.id, { mode: "relative", delta: 3, reason: "입고" })).toMatchObject({ ok: true, product: { stock: 8 } });
    expect(await adjustStock(db, owner, p.id, { mode: "relative", delta: -9, reason: "파손" })).toMatchObject({ ok: false, message: "재고는 0개보다 적을 수 없어요 (현재 8개)" });
    expect(await adjustStock(db, owner, p.id, { mode: "absolute", stock: 20, expectedStock: 5, reason: "실사" })).toMatchObject({ ok: false, message: "그 사이 재고가 8개로 바뀌었어요. 다시 확인해 주세요" });
    expect(await adjustStock(db, owner, p.id, { mode: "absolute", stock: 20, expectedStock: 8, reason: "실사" })).toMatchObject({ ok: true, product: { stock: 20 } });
    expect(await adjustStock(db, owner, p.id, { mode: "relative", delta: 1, reason: " " })).toMatchObject({ ok: false, fieldErrors: { reason: "재고를 바꾸는 사유를 입력해 주세요" } });
    const events = await listProductEvents(db, p.id);
    expect(events.map((e) => [e.type, e.delta, e.stockAfter, e.reason, e.actor])).toEqual([
      ["STOCK_SET", 12, 20, "실사", "admin:owner@jangteo.test"],
      ["STOCK_ADJUSTED", 3, 8, "입고", "admin:owner@jangteo.test"],
    ]);
  });

  it.skipIf(connection().kind !== "postgres")("never races with checkout reservations (PostgreSQL, 20 rounds)", async () => {
    for (let round = 0; round < 20; round++) {
      const p = await insertProduct({ stock: 4 });
      const carts = await Promise.all(Array.from({ length: 4 }, () => createCart([{ productId: p.id, quantity: 1 }])));
      const [adjusted, ...placed] = await Promise.all([
        adjustStock(db, owner, p.id, { mode: "relative", delta: -3, reason: "파손" }),
        ...carts.map((c) => placeOrder(db, c, validCheckoutForm)),
      ]);
      const orderCount = placed.filter((r) => r.ok).length;
      const [row] = await db.select({ stock: products.stock }).from(products).where(eq(products.id, p.id));
      expect(row!.stock).toBeGreaterThanOrEqual(0);
      expect(row!.stock, `round ${round}`).toBe(4 - orderCount - (adjusted!.ok ? 3 : 0));
    }
  });
});

describe("product list", () => {
  it("shows stock state and the last 30 days' paid units and revenue", async () => {
    const p = await insertProduct({ stock: 10, price: 1_000 });
    const cartId = await createCart([{ productId: p.id, quantity: 3 }]);
    const placed = await placeOrder(db, cartId, validCheckoutForm);
    if (!placed.ok) throw new Error(placed.message);
    const [order] = await db.select().from(orders).where(eq(orders.orderId, placed.order.orderId));
    await db.transaction(async (tx) => {
      const confirming = await transitionOrder(tx, order!, "CONFIRMING", { type: "TEST" });
      await transitionOrder(tx, confirming!, "PAID", { type: "TEST" }, { paidAt: new Date() });
    });
    const soldOut = await insertProduct({ stock: 0 });
    const list = await listProductsForAdmin(db);
    expect(list.find((r) => r.id === p.id)).toMatchObject({ stock: 7, stockState: "IN_STOCK", unitsSold30d: 3, revenue30d: 3_000 });
    expect(list.find((r) => r.id === soldOut.id)).toMatchObject({ stockState: "SOLD_OUT", unitsSold30d: 0 });
  });

  it("calls stock low exactly when the shoppers' pages say 품절 임박", async () => {
    const low = await insertProduct({ stock: 3 });
    const plenty = await insertProduct({ stock: 4 });
    const list = await listProductsForAdmin(db);
    expect(list.find((r) => r.id === low.id)?.stockState).toBe("LOW");
    expect(list.find((r) => r.id === plenty.id)?.stockState).toBe("IN_STOCK");
  });
});
