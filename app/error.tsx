"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-2xl font-bold">잠시 문제가 생겼어요</h1>
      <p className="mt-3 text-stone-600">잠시 후 다시 시도해 주세요. 문제가 계속되면 고객센터로 알려 주세요.</p>
      {error.digest ? <p className="mt-2 text-xs text-stone-600">오류 코드 {error.digest}</p> : null}
      <button type="button" onClick={reset} className="mt-6 rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
        다시 시도
      </button>
    </div>
  );
}
