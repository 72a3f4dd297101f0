"use client";

import { ActionForm, fieldClass } from "@/components/admin/action-form";
import { FieldError } from "@/components/field-error";
import { createAccountAction, resetPasswordAction, setAccountDisabledAction } from "./actions";

export function CreateAccountForm() {
  return (
    <ActionForm action={createAccountAction} submitLabel="계정 만들기" testId="create-account" resetOnSuccess>
      {(errors) => (
        <>
          <div className="grid gap-3 sm:grid-cols-2">
            <label className="block font-semibold">
              이메일
              <input name="email" type="email" required maxLength={320} autoComplete="off" aria-invalid={!!errors.email} className={fieldClass} />
              <FieldError message={errors.email} />
            </label>
            <label className="block font-semibold">
              이름
              <input name="name" maxLength={100} autoComplete="off" aria-invalid={!!errors.name} className={fieldClass} />
              <FieldError message={errors.name} />
            </label>
            <label className="block font-semibold">
              역할
              <select name="role" defaultValue="staff" className={fieldClass}>
                <option value="staff">직원 (주문·상품 보기, 재고 변경)</option>
                <option value="owner">점주 (모든 권한)</option>
              </select>
              <FieldError message={errors.role} />
            </label>
            <label className="block font-semibold">
              비밀번호 (비우면 자동 생성)
              <input name="password" type="password" minLength={10} maxLength={256} autoComplete="new-password" aria-invalid={!!errors.password} className={fieldClass} />
              <FieldError message={errors.password} />
            </label>
          </div>
        </>
      )}
    </ActionForm>
  );
}

export function AccountActions({ userId, email, disabled, self }: { userId: number; email: string; disabled: boolean; self: boolean }) {
  return (
    <div className="space-y-2">
      {self ? null : (
        <ActionForm
          action={setAccountDisabledAction}
          submitLabel={disabled ? "다시 사용" : "비활성화"}
          className="text-sm"
          secondary
          confirm={disabled ? undefined : { question: `${email} 계정을 비활성화할까요? 바로 로그아웃되고 다시 로그인할 수 없어요.`, yes: "네, 비활성화해요" }}
        >
          {() => (
            <>
              <input type="hidden" name="userId" value={userId} />
              <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
            </>
          )}
        </ActionForm>
      )}
      <details className="text-sm">
        <summary className="inline-flex min-h-10 cursor-pointer items-center font-semibold text-brand-700">비밀번호 재설정</summary>
        <ActionForm action={resetPasswordAction} submitLabel="재설정" className="mt-2 space-y-2 text-sm" resetOnSuccess>
          {(errors) => (
            <>
              <input type="hidden" name="userId" value={userId} />
              <label className="block">
                {email}의 새 비밀번호 (비우면 자동 생성)
                <input name="password" type="password" minLength={10} maxLength={256} autoComplete="new-password" aria-invalid={!!errors.password} className={fieldClass} />
              </label>
              <FieldError message={errors.password} />
            </>
          )}
        </ActionForm>
      </details>
    </div>
  );
}
