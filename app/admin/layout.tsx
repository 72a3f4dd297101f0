import type { Metadata } from "next";
import Link from "next/link";
import { signOut } from "@/auth";
import { db } from "@/db/client";
import { signOutEverywhere } from "@/lib/auth/accounts";
import { currentAdmin, requireAdmin } from "@/app/admin/access";

export const metadata: Metadata = { title: { default: "관리자", template: "%s | 장터 관리자" }, robots: { index: false } };

const ROLE_LABEL = { owner: "점주", staff: "직원" } as const;

async function signOutAction() {
  "use server";
  await signOut({ redirectTo: "/signin" });
}

/** For a lost phone or a shared computer: every session of this account ends, here too. */
async function signOutEverywhereAction() {
  "use server";
  const access = await currentAdmin();
  if (access.ok) await signOutEverywhere(db, access.user);
  await signOut({ redirectTo: "/signin" });
}

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireAdmin({ from: "/admin" });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-2xl border border-stone-200 bg-white px-5 py-3">
        <nav aria-label="관리자 메뉴" className="flex items-center gap-5 text-sm font-semibold">
          <span className="font-black text-brand-600">관리자</span>
          <Link href="/admin" className="hover:text-brand-600">
            대시보드
          </Link>
          <Link href="/admin/orders" className="hover:text-brand-600">
            주문
          </Link>
          <Link href="/admin/products" className="hover:text-brand-600">
            상품
          </Link>
          {user.role === "owner" ? (
            <Link href="/admin/accounts" className="hover:text-brand-600">
              계정
            </Link>
          ) : null}
        </nav>
        <div className="flex items-center gap-3 text-sm">
          <span data-testid="admin-user">
            {user.name ? `${user.name} · ` : ""}
            {user.email} <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs font-bold text-stone-700">{ROLE_LABEL[user.role]}</span>
          </span>
          <form action={signOutAction}>
            <button type="submit" className="rounded-lg border border-stone-300 px-3 py-1 font-semibold hover:border-brand-600 hover:text-brand-600">
              로그아웃
            </button>
          </form>
          <form action={signOutEverywhereAction}>
            <button type="submit" className="px-1 py-1 text-xs font-semibold text-stone-600 underline underline-offset-2 hover:text-brand-600">
              모든 기기에서 로그아웃
            </button>
          </form>
        </div>
      </div>
      {children}
    </div>
  );
}
