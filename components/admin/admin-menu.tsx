"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";

export type AdminNavLink = { href: string; label: string };

function isCurrent(pathname: string, href: string): boolean {
  return href === "/admin" ? pathname === "/admin" : pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * The back office's navigation and account block: always shown beside the page on a desktop,
 * behind a 메뉴 button on a phone (closed again by the next navigation).
 */
export function AdminMenu({ shopName, links, account }: { shopName: string; links: AdminNavLink[]; account: React.ReactNode }) {
  const pathname = usePathname();
  // Open for the page it was opened on: a navigation closes it without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  return (
    <div className="lg:flex lg:h-full lg:flex-col">
      <div className="flex min-h-14 items-center justify-between gap-3 px-4 lg:px-5 lg:pt-5">
        <Link href="/admin" className="flex min-w-0 items-baseline gap-2">
          <span className="truncate text-lg font-black text-brand-700">{shopName}</span>
          <span className="shrink-0 text-xs font-semibold text-stone-600">관리자</span>
        </Link>
        <button
          type="button"
          aria-expanded={open}
          aria-controls="admin-menu"
          onClick={() => setOpenOn(open ? null : pathname)}
          className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 px-3 text-sm font-semibold lg:hidden"
        >
          {open ? "메뉴 닫기" : "메뉴"}
        </button>
      </div>
      <div id="admin-menu" className={`${open ? "block" : "hidden"} border-t border-stone-200 lg:flex lg:flex-1 lg:flex-col lg:border-t-0`}>
        <nav aria-label="관리자 메뉴" className="px-2 py-2 lg:px-3 lg:py-4">
          <ul className="space-y-1 text-sm font-semibold">
            {links.map((link) => {
              const current = isCurrent(pathname, link.href);
              return (
                <li key={link.href}>
                  <Link
                    href={link.href}
                    aria-current={current ? "page" : undefined}
                    className={`flex min-h-11 items-center rounded-lg px-3 ${current ? "bg-brand-50 text-brand-700" : "text-stone-800 hover:bg-stone-100"}`}
                  >
                    {link.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="border-t border-stone-200 px-4 py-4 text-sm lg:mt-auto lg:px-5">{account}</div>
      </div>
    </div>
  );
}
