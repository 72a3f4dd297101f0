import Link from "next/link";

export function Header({ cartSlot }: { cartSlot?: React.ReactNode }) {
  return (
    <header className="sticky top-0 z-40 border-b border-stone-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-16 max-w-6xl items-center justify-between px-4 sm:px-6">
        <Link href="/" className="flex min-h-11 items-center gap-2">
          <span className="text-2xl font-black tracking-tight text-brand-600">장터</span>
          <span className="text-sm font-medium text-stone-600">Jangteo</span>
        </Link>
        <nav aria-label="주 메뉴" className="flex items-center gap-4 text-sm font-medium sm:gap-6">
          <Link href="/" className="inline-flex min-h-11 items-center hover:text-brand-700">
            전체 상품
          </Link>
          {cartSlot ?? (
            <Link href="/cart" className="inline-flex min-h-11 items-center hover:text-brand-700">
              장바구니
            </Link>
          )}
        </nav>
      </div>
    </header>
  );
}
