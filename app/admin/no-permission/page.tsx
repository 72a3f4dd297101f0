import type { Metadata } from "next";
import Link from "next/link";
import { signOut } from "@/auth";
import { requireAdmin } from "@/app/admin/access";
import { ownerOnlyPageName } from "@/lib/auth/owner-pages";

export const metadata: Metadata = { title: "권한이 필요해요" };

type Props = { searchParams: Promise<{ from?: string | string[] }> };

/** Where a staff account lands when it opens an owner-only page (requireAdmin in app/admin/access.ts). */
export default async function NoPermissionPage({ searchParams }: Props) {
  const user = await requireAdmin({ from: "/admin" });
  const raw = (await searchParams).from;
  const page = ownerOnlyPageName(Array.isArray(raw) ? raw[0] : raw);

  async function signInAsOwner() {
    "use server";
    await signOut({ redirectTo: `/signin?callbackUrl=${encodeURIComponent(page?.path ?? "/admin")}` });
  }

  return (
    <div className="max-w-xl space-y-4 rounded-2xl border border-stone-200 bg-white p-6">
      <h1 className="text-2xl font-black">점주 계정만 열 수 있는 화면이에요</h1>
      <p className="text-stone-700">
        {page ? <strong>{page.name}</strong> : "이 화면"}
        {page ? " 화면은" : "은"} 점주 계정만 쓸 수 있어요. 지금은 직원 계정({user.email})으로 로그인하고 있어요.
      </p>
      <p className="text-stone-700">
        권한은 <strong>점주 계정</strong>이 줄 수 있어요. 점주에게 부탁하거나, 점주 계정이 있다면 그 계정으로 다시 로그인해 주세요.
      </p>
      <div className="flex flex-wrap items-center gap-3 pt-2 text-sm">
        <Link href="/admin" className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 font-bold text-white hover:bg-brand-700">
          대시보드로 가기
        </Link>
        <form action={signInAsOwner}>
          <button type="submit" className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 px-4 font-semibold hover:border-brand-600 hover:text-brand-700">
            점주 계정으로 다시 로그인
          </button>
        </form>
      </div>
    </div>
  );
}
