import Link from "next/link";
import { env } from "@/lib/env";

const LINKS = [
  { href: "/orders/lookup", label: "비회원 주문조회" },
  { href: "/support", label: "고객센터" },
  { href: "/terms", label: "이용약관" },
  { href: "/privacy", label: "개인정보처리방침", strong: true },
];

/** The seller's details Korean e-commerce law asks for, from configuration (BUSINESS_* settings). */
export function Footer() {
  const business = env().business;
  return (
    <footer className="border-t border-stone-200 bg-white">
      <div className="mx-auto grid max-w-6xl gap-4 px-4 py-8 text-xs leading-relaxed text-stone-700 sm:px-6">
        <nav aria-label="고객 안내">
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {LINKS.map((link) => (
              <li key={link.href}>
                <Link href={link.href} prefetch={false} className={`inline-flex min-h-8 items-center hover:text-brand-700 hover:underline ${link.strong ? "font-bold" : ""}`}>
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="space-y-1">
          <p className="font-semibold text-stone-800">{business.name}</p>
          <p className="break-words">
            대표 {business.representative} · 사업자등록번호 {business.registrationNumber} · 통신판매업 신고번호 {business.mailOrderNumber}
          </p>
          <p className="break-words">주소 {business.address}</p>
          <p className="break-words">
            고객센터 <a href={`tel:${business.phone.replace(/[^\d+]/g, "")}`} className="underline">{business.phone}</a> · {business.hours} · 이메일{" "}
            <a href={`mailto:${business.email}`} className="underline">
              {business.email}
            </a>
          </p>
        </div>
        <p>결제는 토스페이먼츠가 처리하며, 카드 정보는 가게에 저장되지 않아요.</p>
        <p>© {new Date().getFullYear()} Jangteo. 데모 상점이에요: 실제로 배송되지 않아요.</p>
      </div>
    </footer>
  );
}
