import type { Metadata } from "next";
import { safeCallbackPath } from "@/lib/auth/callback";
import { SignInForm } from "./signin-form";

export const metadata: Metadata = { title: "관리자 로그인", robots: { index: false } };

type Props = { searchParams: Promise<{ callbackUrl?: string | string[] }> };

export default async function SignInPage({ searchParams }: Props) {
  const { callbackUrl } = await searchParams;
  return (
    <div className="mx-auto max-w-sm space-y-6 rounded-2xl border border-stone-200 bg-white p-8">
      <header className="space-y-1">
        <h1 className="text-2xl font-black">관리자 로그인</h1>
        <p className="text-sm text-stone-600">가게 주인과 직원 계정으로 로그인하세요.</p>
      </header>
      <SignInForm callbackUrl={safeCallbackPath(typeof callbackUrl === "string" ? callbackUrl : undefined)} />
    </div>
  );
}
