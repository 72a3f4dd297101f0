import type { Metadata } from "next";
import { db } from "@/db/client";
import { requireAdmin } from "@/app/admin/access";
import { listAccountEvents, listAccounts } from "@/lib/auth/accounts";
import { formatKoreanDateTime } from "@/lib/format";
import { AccountActions, CreateAccountForm } from "./account-forms";

export const metadata: Metadata = { title: "계정" };

const ROLE_LABEL = { owner: "점주", staff: "직원" } as const;
const EVENT_LABEL: Record<string, string> = { CREATED: "계정 생성", DISABLED: "비활성화", ENABLED: "다시 사용", PASSWORD_RESET: "비밀번호 재설정", SIGNED_OUT_EVERYWHERE: "모든 기기에서 로그아웃" };

export default async function AccountsPage() {
  const me = await requireAdmin({ role: "owner", from: "/admin/accounts" });
  const [accounts, events] = await Promise.all([listAccounts(db), listAccountEvents(db, 50)]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-black">계정</h1>

      <section aria-label="계정 만들기" className="rounded-2xl border border-stone-200 bg-white p-6">
        <h2 className="mb-3 text-lg font-bold">직원 계정 만들기</h2>
        <CreateAccountForm />
      </section>

      <section aria-label="계정 목록" className="rounded-2xl border border-stone-200 bg-white p-6 text-sm">
        <h2 className="mb-3 text-lg font-bold">계정 목록</h2>
        <ul className="divide-y divide-stone-100">
          {accounts.map((account) => (
            <li key={account.id} data-testid="account-row" className="flex flex-wrap items-start justify-between gap-4 py-3">
              <div>
                <p className="font-semibold">
                  {account.email} {account.name ? <span className="font-normal text-stone-600">· {account.name}</span> : null}
                </p>
                <p className="text-xs text-stone-500">
                  {ROLE_LABEL[account.role]} · {account.disabled ? <span className="font-bold text-red-700">비활성</span> : "사용 중"} · {formatKoreanDateTime(account.createdAt)} 생성
                </p>
              </div>
              <AccountActions userId={account.id} email={account.email} disabled={account.disabled} self={account.id === me.id} />
            </li>
          ))}
        </ul>
      </section>

      <section aria-label="계정 기록" className="rounded-2xl border border-stone-200 bg-white p-6 text-sm">
        <h2 className="mb-3 text-lg font-bold">계정 기록</h2>
        {events.length === 0 ? (
          <p className="text-stone-500">아직 없어요.</p>
        ) : (
          <ul className="space-y-1" data-testid="account-events">
            {events.map((event) => (
              <li key={event.id}>
                {formatKoreanDateTime(event.createdAt)} · {EVENT_LABEL[event.type] ?? event.type} · {event.email} · {event.actor}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
