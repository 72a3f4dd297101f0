import Link from "next/link";

export function Header({ cartSlot }: { cartSlot?: React.ReactNode }) {
  return (
    <header className="sticky top-0 z-40 border-b border-stone-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-16 max-w-6xl items-center justify-between px-4 sm:px-6">
        <Link href="/" className="flex items-baseline gap-2" aria-label="장터 홈">
          <span className="text-2xl font-black tracking-tight text-brand-600">장터</span>
          <span className="text-sm font-medium text-stone-500">Jangteo</span>
        </Link>
        <nav aria-label="주 메뉴" className="flex items-center gap-6 text-sm font-medium">
          <Link href="/" className="hover:text-brand-600">
            전체 상품
          </Link>
          {cartSlot ?? (
            <Link href="/cart" className="hover:text-brand-600">
              장바구니
            </Link>
          )}
        </nav>
      </div>
    </header>
  );
}
