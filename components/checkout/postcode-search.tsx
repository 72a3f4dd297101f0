"use client";

import { useState } from "react";

/** What Kakao's postcode service hands to `oncomplete` (the fields this store reads). */
export type PostcodeResult = { zonecode: string; roadAddress?: string; address?: string; buildingName?: string };

type PostcodeConstructor = new (options: { oncomplete: (data: PostcodeResult) => void }) => { open: () => void };
declare global {
  interface Window {
    daum?: { Postcode?: PostcodeConstructor };
  }
}

let loading: Promise<PostcodeConstructor> | null = null;

function loadPostcode(src: string): Promise<PostcodeConstructor> {
  if (window.daum?.Postcode) return Promise.resolve(window.daum.Postcode);
  loading ??= new Promise<PostcodeConstructor>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.async = true;
    script.onload = () => (window.daum?.Postcode ? resolve(window.daum.Postcode) : reject(new Error("no daum.Postcode")));
    script.onerror = () => reject(new Error("postcode script failed to load"));
    document.head.appendChild(script);
  }).catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

/** 우편번호 찾기: Kakao's postcode service (or the sandbox's stand-in), loaded on first use. */
export function PostcodeSearch({ src, onSelect }: { src: string; onSelect: (result: PostcodeResult) => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);

  async function open() {
    setProblem(null);
    setOpening(true);
    try {
      const Postcode = await loadPostcode(src);
      new Postcode({ oncomplete: onSelect }).open();
    } catch {
      setProblem("우편번호 찾기를 열지 못했어요. 우편번호와 주소를 직접 입력해 주세요.");
    } finally {
      setOpening(false);
    }
  }

  return (
    <>
      <button
        type="button"
        onClick={open}
        disabled={opening}
        className="inline-flex min-h-11 shrink-0 items-center rounded-lg border border-stone-400 bg-white px-3 text-sm font-semibold text-stone-800 hover:bg-stone-50 disabled:opacity-70"
      >
        우편번호 찾기
      </button>
      {problem ? (
        <p role="alert" className="basis-full text-sm text-red-700">
          {problem}
        </p>
      ) : null}
    </>
  );
}
