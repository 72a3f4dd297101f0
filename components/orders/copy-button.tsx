"use client";

import { useState } from "react";

/** Copies `value` and says so where a screen reader hears it. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2_000);
    } catch {
      setCopied(false);
    }
  }
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={copy}
        className="inline-flex min-h-8 items-center rounded-md border border-stone-300 bg-white px-2.5 text-xs font-semibold text-stone-800 hover:bg-stone-50"
      >
        {label}
      </button>
      <span role="status" className="text-xs text-emerald-800">
        {copied ? "복사했어요" : ""}
      </span>
    </span>
  );
}
