export function Footer() {
  return (
    <footer className="border-t border-stone-200 bg-white">
      <div className="mx-auto grid max-w-6xl gap-2 px-4 py-8 text-xs leading-relaxed text-stone-500 sm:px-6">
        <p className="font-semibold text-stone-700">장터 Jangteo</p>
        <p>상호 장터 · 대표 김장터 · 사업자등록번호 000-00-00000 · 통신판매업신고 제2026-서울-0000호</p>
        <p>결제는 토스페이먼츠가 처리하며, 카드 정보는 가게에 저장되지 않습니다.</p>
        <p>© {new Date().getFullYear()} Jangteo. 데모 상점입니다: 실제로 배송되지 않습니다.</p>
      </div>
    </footer>
  );
}
