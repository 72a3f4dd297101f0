import type { Metadata } from "next";
import Link from "next/link";
import { signOut } from "@/auth";
import { AdminMenu, type AdminNavLink } from "@/components/admin/admin-menu";
import { db } from "@/db/client";
import { signOutEverywhere } from "@/lib/auth/accounts";
import { env } from "@/lib/env";
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
  const links: AdminNavLink[] = [
    { href: "/admin", label: "대시보드" },
    { href: "/admin/orders", label: "주문" },
    { href: "/admin/products", label: "상품" },
    ...(user.role === "owner" ? [{ href: "/admin/accounts", label: "계정" }] : []),
  ];
  const account = (
    <div className="space-y-3">
      <p data-testid="admin-user" className="break-all text-stone-800">
        {user.name ? <span className="block font-semibold">{user.name}</span> : null}
        {user.email} <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs font-bold whitespace-nowrap text-stone-700">{ROLE_LABEL[user.role]}</span>
      </p>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <form action={signOutAction}>
          <button type="submit" className="inline-flex min-h-10 items-center rounded-lg border border-stone-300 bg-white px-3 font-semibold hover:border-brand-600 hover:text-brand-700">
            로그아웃
          </button>
        </form>
        <form action={signOutEverywhereAction}>
          <button type="submit" className="inline-flex min-h-10 items-center text-xs font-semibold text-stone-700 underline underline-offset-2 hover:text-brand-700">
            모든 기기에서 로그아웃
          </button>
        </form>
      </div>
      <Link href="/" className="inline-flex min-h-8 items-center text-xs font-semibold text-stone-700 hover:text-brand-700 hover:underline">
        상점 보기
      </Link>
    </div>
  );
  // No storefront header or footer here (components/layout/store-chrome.tsx): the back office is
  // the owner's workplace, with the navigation beside the page on a desktop and above it on a phone.
  return (
    <div className="min-h-screen lg:flex">
      <aside className="border-b border-stone-200 bg-white lg:sticky lg:top-0 lg:h-screen lg:w-60 lg:shrink-0 lg:overflow-y-auto lg:border-r lg:border-b-0">
        <AdminMenu shopName={env().business.name} links={links} account={account} />
      </aside>
      <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-6 lg:px-8 lg:py-8">
        <div className="mx-auto max-w-6xl">{children}</div>
      </main>
    </div>
  );
}
