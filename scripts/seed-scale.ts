// npm run db:seed-scale -- [--orders 100000]
// Adds realistic orders to the database DATABASE_URL (or PGLITE_DIR) names, for trying the admin at
// scale and for bench/admin-orders.ts: a year of dates, mixed statuses and payment methods, Korean
// names and phone numbers, one line item and (where money moved) a payment each. Run it again to add more.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { connection, ensureMigrated } from "../db/client";
import { runCommand, UsageError } from "../lib/cli";
import { seedIfEmpty } from "../lib/seed";

const { values } = parseArgs({ options: { orders: { type: "string", default: "100000" } } });
const count = Number(values.orders);

async function main() {
  if (!Number.isInteger(count) || count < 1 || count > 5_000_000) throw new UsageError("--orders must be a whole number between 1 and 5,000,000");
  const conn = connection();
  await ensureMigrated();
  await seedIfEmpty(conn.db, { production: false, catalog: true });
  const run = randomBytes(3).toString("hex");
  const started = performance.now();
  // Deterministic per-row choices from hashes of the row number: no client-side loop, one statement.
  const h = (salt: string) => sql.raw(`abs(hashtext(g::text || '${salt}'))`);
  await conn.db.execute(sql`
    with p as (select row_number() over (order by id) as rn, id, name, price from products where price > 0),
         n as (select count(*) as c from p),
         rows as (
           select g,
                  p.name as product_name,
                  p.price * (1 + ${h("q")} % 3) as amount,
                  now() - (${h("t")} % (365 * 86400)) * interval '1 second' as created_at,
                  case when ${h("s")} % 100 < 68 then 'PAID'
                       when ${h("s")} % 100 < 74 then 'WAITING_FOR_DEPOSIT'
                       when ${h("s")} % 100 < 84 then 'EXPIRED'
                       when ${h("s")} % 100 < 90 then 'FAILED'
                       when ${h("s")} % 100 < 95 then 'CANCELED'
                       when ${h("s")} % 100 < 98 then 'PARTIAL_CANCELED'
                       else 'PENDING' end::order_status as status
           from generate_series(1, ${count}) g cross join n join p on p.rn = 1 + g % n.c
         )
    insert into orders (order_id, order_name, status, amount, customer_name, customer_email, customer_phone,
                        postcode, address, address_detail, customer_key, payment_key, created_at, updated_at, status_changed_at, paid_at)
    select 'seed_' || ${run} || '_' || g,
           product_name,
           status,
           amount,
           (array['김','이','박','최','정','강','조','윤','장','임','한','오'])[1 + ${h("f")} % 12]
             || (array['민준','서연','도윤','하은','지호','수아','예준','지우','시우','서윤','주원','하린'])[1 + ${h("l")} % 12],
           'customer' || g || '.' || ${run} || '@example.com',
           '010' || lpad((${h("p")} % 100000000)::text, 8, '0'),
           lpad((${h("z")} % 63000 + 1000)::text, 5, '0'),
           (array['서울특별시 강남구 테헤란로 ','부산광역시 해운대구 해운대로 ','대구광역시 중구 동성로 ','인천광역시 연수구 컨벤시아대로 ','광주광역시 서구 상무대로 '])[1 + g % 5] || (1 + g % 300),
           (1 + g % 20) || '층',
           md5(g::text || ${run}),
           case when status in ('PENDING') then null else 'seed_pk_' || ${run} || '_' || g end,
           created_at, created_at, created_at + interval '2 minutes',
           case when status in ('PAID', 'CANCELED', 'PARTIAL_CANCELED') then created_at + interval '1 minute' end
    from rows
  `);
  await conn.db.execute(sql`
    insert into order_items (order_id, product_id, product_name, unit_price, quantity, line_total)
    select o.id, p.id, p.name, p.price, o.amount / p.price, o.amount
    from orders o join products p on p.name = o.order_name
    where o.order_id like ${`seed_${run}_%`}
  `);
  await conn.db.execute(sql`
    insert into payments (order_id, payment_key, method, provider_status, total_amount, balance_amount, approved_at,
                          virtual_account_bank_code, virtual_account_number, virtual_account_holder, virtual_account_due_date, raw, created_at, updated_at)
    select o.id, o.payment_key, m.method,
           case o.status when 'PAID' then 'DONE' when 'WAITING_FOR_DEPOSIT' then 'WAITING_FOR_DEPOSIT' when 'CANCELED' then 'CANCELED'
                         when 'PARTIAL_CANCELED' then 'PARTIAL_CANCELED' when 'EXPIRED' then 'EXPIRED' else 'ABORTED' end,
           o.amount,
           case o.status when 'PAID' then o.amount when 'PARTIAL_CANCELED' then o.amount / 2 when 'WAITING_FOR_DEPOSIT' then o.amount else 0 end,
           o.paid_at,
           case when m.method = '가상계좌' then '88' end,
           case when m.method = '가상계좌' then '5620' || lpad((o.id % 100000000)::text, 8, '0') end,
           case when m.method = '가상계좌' then '장터' end,
           case when m.method = '가상계좌' then o.created_at + interval '3 days' end,
           '{}'::jsonb, o.created_at, o.created_at
    from orders o
    cross join lateral (select case when o.status = 'WAITING_FOR_DEPOSIT' then '가상계좌'
                                    else (array['카드','카드','카드','카드','카드','간편결제','간편결제','계좌이체','가상계좌','휴대폰'])[1 + o.id % 10] end as method) m
    where o.order_id like ${`seed_${run}_%`} and o.payment_key is not null
  `);
  await conn.db.execute(sql`analyze orders`);
  await conn.db.execute(sql`analyze payments`);
  console.log(`Added ${count.toLocaleString("en")} orders (seed_${run}_*) to ${conn.kind} at ${conn.location} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

runCommand(main);
