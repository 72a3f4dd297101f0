import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import postgres from "postgres";
import { checkoutFormSchema } from "@/lib/orders/checkout-form";
import { hostileActionArguments, hostileBodies, hostileStrings } from "./hostile-inputs";
import { agreeToAll, fillCheckoutForm } from "./payment-helpers";
import { e2ePorts, e2eUrls } from "./ports";

// Throws the corpus at every endpoint that reads input from outside, the way a client would send
// it over HTTP, and asserts that nothing answers 5xx. With DATABASE_URL it then reads the store's
// database and asserts that nothing was written that the input rule forbids.

const PRODUCT = "matcha-latte";
const validForm: Record<string, string> = {
  customerName: "김토스",
  customerEmail: "toss@example.com",
  customerPhone: "010-1234-5678",
  postcode: "06236",
  address: "서울특별시 강남구 테헤란로 131",
  addressDetail: "15층",
  deliveryMemo: "문 앞에 놓아 주세요",
  agreeTerms: "on",
  agreePrivacy: "on",
};

type Failure = { what: string; status: number };

/** Query and path text as a browser would percent-encode it (a lone surrogate becomes U+FFFD on the wire). */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.toWellFormed());
  }
}

/** Arguments near Next's 1 MB action body limit: see the test of what Next itself refuses. */
function isHuge(value: unknown): boolean {
  return typeof value === "string" && value.length > 100_000;
}

function short(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…(${text.length})` : text);
}

/** The build's server actions by exported name, and the page each one is served from. */
function serverActions(): Record<string, { id: string; page: string }> {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; exportedName?: string }>;
  };
  const actions: Record<string, { id: string; page: string }> = {};
  for (const [id, entry] of Object.entries(manifest.node)) {
    const worker = Object.keys(entry.workers)[0]!;
    const page = worker.replace(/^app/, "").replace(/\/page$/, "").replace("[slug]", PRODUCT) || "/";
    if (entry.exportedName) actions[entry.exportedName] = { id, page };
  }
  return actions;
}

/** Calls a server action as React's client does: JSON-encoded arguments, or a multipart form. */
async function callAction(request: APIRequestContext, action: { id: string; page: string }, body: { json?: string; multipart?: FormData }) {
  const headers = { "next-action": action.id, accept: "text/x-component", origin: e2eUrls.app };
  const response = body.multipart
    ? await request.post(action.page, { headers, multipart: body.multipart, maxRedirects: 0 })
    : await request.post(action.page, { headers: { ...headers, "content-type": "text/plain;charset=UTF-8" }, data: body.json, maxRedirects: 0 });
  return response;
}

/**
 * A multipart body for `placeOrderAction(formData)`, as React's encodeReply writes it: the form's
 * fields under the part prefix first, then the root "0" that points at them (the server reads
 * the parts in order).
 */
function placeOrderBody(form: Record<string, string>) {
  const multipart = new FormData();
  for (const [name, value] of Object.entries(form)) multipart.append(`_1_${name}`, value);
  multipart.append("0", '["$K1"]');
  return { multipart };
}

async function productIdOf(request: APIRequestContext): Promise<number> {
  const page = await request.get(`/products/${PRODUCT}`);
  expect(page.status()).toBe(200);
  const id = Number((await page.text()).match(/productId\\?":(\d+)/)?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

async function expectNo5xx(failures: Failure[], sent: number) {
  expect(sent).toBeGreaterThan(0);
  expect(failures, failures.map((f) => `${f.status} ${f.what}`).join("\n")).toEqual([]);
}

test.setTimeout(180_000);

test("pages with parameters never answer 5xx", async ({ request }) => {
  const failures: Failure[] = [];
  let sent = 0;
  for (const value of hostileStrings) {
    for (const path of [`/products/${encode(value)}`, `/orders/${encode(value)}`, `/orders/${encode(value)}/status`]) {
      const status = (await request.get(path, { maxRedirects: 0 })).status();
      sent++;
      if (status >= 500) failures.push({ what: `GET ${path.split("/").slice(0, 2).join("/")}/… with ${short(value)}`, status });
    }
  }
  await expectNo5xx(failures, sent);
});

test("/fail and the page it leads to never answer 5xx", async ({ request }) => {
  const failures: Failure[] = [];
  let sent = 0;
  for (const value of hostileStrings) {
    for (const path of ["/fail", "/checkout/failed"]) {
      for (const name of ["code", "message", "orderId"]) {
        const status = (await request.get(`${path}?code=PAY_PROCESS_CANCELED&${name}=${encode(value)}`, { maxRedirects: 0 })).status();
        sent++;
        if (status >= 500) failures.push({ what: `${path} ${name}=${short(value)}`, status });
      }
    }
  }
  await expectNo5xx(failures, sent);
});

test("/success never answers 5xx", async ({ request }) => {
  const failures: Failure[] = [];
  let sent = 0;
  // A real PENDING order, so that each parameter is read as far as the handler goes.
  const actions = serverActions();
  const productId = await productIdOf(request);
  expect((await callAction(request, actions.addToCartAction!, { json: JSON.stringify([productId, 1]) })).status()).toBe(200);
  const placed = await (await request.post(actions.placeOrderAction!.page, {
    headers: { "next-action": actions.placeOrderAction!.id, accept: "text/x-component", origin: e2eUrls.app },
    multipart: placeOrderBody(validForm).multipart,
  })).text();
  const orderId = placed.match(/"orderId":"(jt_[A-Za-z0-9_-]+)"/)?.[1];
  const amount = placed.match(/"amount":(\d+)/)?.[1];
  expect(orderId && amount, placed.slice(0, 300)).toBeTruthy();
  const valid = { paymentKey: "tgen_fuzz", orderId: orderId!, amount: amount!, paymentType: "NORMAL" };
  for (const value of hostileStrings) {
    for (const name of Object.keys(valid)) {
      const query = new URLSearchParams(valid).toString().replace(new RegExp(`${name}=[^&]*`), `${name}=${encode(value)}`);
      const status = (await request.get(`/success?${query}`, { maxRedirects: 0 })).status();
      sent++;
      if (status >= 500) failures.push({ what: `/success ${name}=${short(value)}`, status });
    }
  }
  await expectNo5xx(failures, sent);
});

test("the webhook never answers 5xx", async ({ request }) => {
  const failures: Failure[] = [];
  let sent = 0;
  const post = async (what: string, data: string, contentType = "application/json") => {
    const status = (await request.post("/api/webhooks/toss", { data, headers: { "content-type": contentType }, maxRedirects: 0 })).status();
    sent++;
    if (status >= 500) failures.push({ what, status });
  };
  for (const body of hostileBodies) await post(`body ${short(body)}`, body);
  await post("form body", "a=\u0000", "application/x-www-form-urlencoded");
  for (const value of hostileStrings.filter((v) => v.length < 100_000)) {
    const status = { eventType: "PAYMENT_STATUS_CHANGED", createdAt: "2026-01-01T00:00:00.000000", data: { paymentKey: "tgen_x", orderId: "jt_unknownorder0000", status: "DONE" } };
    const variants: [string, unknown][] = [
      ["eventType", { ...status, eventType: value }],
      ["data.orderId", { ...status, data: { ...status.data, orderId: value } }],
      ["data.paymentKey", { ...status, data: { ...status.data, paymentKey: value } }],
      ["data.status", { ...status, data: { ...status.data, status: value } }],
      ["deposit secret", { createdAt: "2026-01-01T00:00:00.000000", secret: value, orderId: "jt_unknownorder0000", status: "DONE", transactionKey: value }],
    ];
    for (const [field, body] of variants) await post(`${field}=${short(value)}`, JSON.stringify(body));
  }
  await expectNo5xx(failures, sent);
});

test("cart actions refuse wrong arguments without 5xx and keep cart lines within their bounds", async ({ request }) => {
  const actions = serverActions();
  const failures: Failure[] = [];
  let sent = 0;
  for (const name of ["addToCartAction", "setCartQuantityAction", "removeFromCartAction"]) {
    const action = actions[name];
    expect(action, `${name} in the build's server-reference manifest`).toBeDefined();
    const bodies = [
      "[]",
      ...hostileActionArguments.filter((value) => !isHuge(value)).flatMap((value) => [JSON.stringify([value]), JSON.stringify([1, value]), JSON.stringify([value, 1])]),
    ];
    for (const json of bodies) {
      const status = (await callAction(request, action!, { json })).status();
      sent++;
      if (status >= 500) failures.push({ what: `${name} ${short(json)}`, status });
    }
  }
  await expectNo5xx(failures, sent);
});

test("placeOrderAction refuses wrong types and hostile forms without 5xx", async ({ request }) => {
  const actions = serverActions();
  const place = actions.placeOrderAction!;
  const failures: Failure[] = [];
  let sent = 0;
  // A real cart, so that a form that passes the rule does place an order.
  const productId = await productIdOf(request);
  expect((await callAction(request, actions.addToCartAction!, { json: JSON.stringify([productId, 1]) })).status()).toBe(200);

  for (const args of ["[]", '["x"]', "[{}]", "[null]", JSON.stringify([validForm]), ...hostileActionArguments.map((v) => JSON.stringify([v]))]) {
    const status = (await callAction(request, place, { json: args })).status();
    sent++;
    if (status >= 500) failures.push({ what: `placeOrderAction(${short(args)})`, status });
  }
  let placed = 0;
  for (const field of ["customerName", "customerEmail", "customerPhone", "postcode", "address", "addressDetail", "deliveryMemo"]) {
    for (const value of hostileStrings) {
      const response = await callAction(request, place, placeOrderBody({ ...validForm, [field]: value }));
      const status = response.status();
      sent++;
      if (status >= 500) failures.push({ what: `placeOrderAction form ${field}=${short(value)}`, status });
      const answer = status === 200 ? await response.text() : "";
      if (answer.includes('"ok":true')) placed++;
      // NUL never reaches the database: the form answers with a message for that field.
      if (value.includes("\u0000")) expect(answer, `${field}=${short(value)}`).toContain(`"code":"INVALID_FORM"`);
    }
  }
  await expectNo5xx(failures, sent);
  // Text that is odd but storable (markup, quotes, Hangul) does place orders: the forms were read.
  expect(placed).toBeGreaterThan(0);
});

test("every server action in the build answers hostile arguments without 5xx", async ({ request }) => {
  const actions = serverActions();
  expect(Object.keys(actions).length).toBeGreaterThan(0);
  const failures: Failure[] = [];
  let sent = 0;
  for (const [name, action] of Object.entries(actions)) {
    const bodies: { json?: string; multipart?: FormData }[] = [
      { json: "[]" },
      ...hostileActionArguments.filter((value) => !isHuge(value)).flatMap((value) => [{ json: JSON.stringify([value]) }, { json: JSON.stringify([value, value]) }]),
      ...hostileStrings.filter((value) => !isHuge(value)).map((value) => placeOrderBody({ id: value, name: value, value })),
    ];
    for (const body of bodies) {
      const status = (await callAction(request, action, body)).status();
      sent++;
      if (status >= 500) failures.push({ what: `${name} ${short(body.json ?? "form")}`, status });
    }
  }
  await expectNo5xx(failures, sent);
});

test("a server action body over the store's 3 MB limit is refused with 413", async ({ request }) => {
  const place = serverActions().placeOrderAction!;
  const response = await callAction(request, place, placeOrderBody({ ...validForm, deliveryMemo: "x".repeat(4_000_000) }));
  expect(response.status()).toBe(413);
});

// Bodies that React's decodeReply cannot decode (not JSON, or references to parts the request does
// not carry): Next.js 16 throws before any action of ours runs and would answer 500, so proxy.ts
// refuses text bodies it cannot decode.
test("malformed text action bodies are refused with 400", async ({ request }) => {
  const actions = serverActions();
  for (const action of Object.values(actions)) {
    for (const json of ["", "not json", '["$Q9"]', '["$T"]', '["$K9"]', '["$@9"]']) {
      expect((await callAction(request, action, { json })).status(), `${action.page} ${json}`).toBe(400);
    }
  }
});

test("1 MB action arguments never answer 5xx", async ({ request }) => {
  const actions = serverActions();
  const failures: Failure[] = [];
  let sent = 0;
  for (const action of Object.values(actions)) {
    const huge = hostileActionArguments.filter(isHuge).map((value) => ({ json: JSON.stringify([value]) }));
    const bodies: { json?: string; multipart?: FormData }[] = huge;
    for (const body of bodies) {
      const status = (await callAction(request, action, body)).status();
      sent++;
      if (status >= 500) failures.push({ what: `${action.page} ${short(body.json ?? "")}`, status });
    }
  }
  await expectNo5xx(failures, sent);
});

test("a NUL in the checkout form is a message in the form, not an error page", async ({ page }) => {
  await page.goto(`/products/${PRODUCT}`);
  await page.getByRole("button", { name: "장바구니 담기" }).click();
  await expect(page.getByText("장바구니에 담았어요")).toBeVisible();
  await page.goto("/checkout");
  await fillCheckoutForm(page, { 이름: "김토스\u0000", 주소: "서울특별시 강남구\u0000" });
  await page.getByRole("radio", { name: "카드" }).check();
  await agreeToAll(page);
  await page.getByRole("button", { name: /결제하기$/ }).click();
  await expect(page.getByText("이름은 50자 이내의 글자로 입력해 주세요")).toBeVisible();
  await expect(page.getByText("주소는 200자 이내의 글자로 입력해 주세요")).toBeVisible();
});

test("nothing the input rule forbids reached the database (PostgreSQL only)", async () => {
  test.skip(!process.env.DATABASE_URL, "the e2e server holds its embedded database; lib/hostile-input.test.ts checks rows on PGlite");
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/jangteo_e2e_${e2ePorts.app}`;
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    const orders = await sql`select customer_name, customer_email, customer_phone, postcode, address, address_detail, delivery_memo, amount, shipping_fee,
      (select coalesce(sum(line_total), 0)::int from order_items i where i.order_id = o.id) as items_total from orders o`;
    for (const o of orders) {
      const form = checkoutFormSchema.safeParse({
        customerName: o.customer_name,
        customerEmail: o.customer_email,
        customerPhone: o.customer_phone,
        postcode: o.postcode,
        address: o.address,
        addressDetail: o.address_detail,
        deliveryMemo: o.delivery_memo,
      });
      expect(form.success, JSON.stringify(o).slice(0, 200)).toBe(true);
      expect(o.amount).toBe(o.items_total + o.shipping_fee);
    }
    const [lines] = await sql`select count(*)::int as bad from cart_items where quantity < 1 or quantity > 99`;
    expect(lines!.bad).toBe(0);
    const [stock] = await sql`select count(*)::int as bad from products where stock < 0`;
    expect(stock!.bad).toBe(0);
  } finally {
    await sql.end();
  }
});
