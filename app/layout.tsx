import type { Metadata, Viewport } from "next";
import { CartLink } from "@/components/cart/cart-link";
import { Footer } from "@/components/layout/footer";
import { Header } from "@/components/layout/header";
import { StoreChrome } from "@/components/layout/store-chrome";
import { env } from "@/lib/env";
import { contentSecurityPolicy } from "@/lib/security-headers";
import "./globals.css";

export const metadata: Metadata = {
  metadataBase: new URL(env().appUrl),
  title: { default: "장터 Jangteo — 우리 동네 장인의 가게", template: "%s | 장터" },
  description: "장인이 만든 먹거리와 살림살이를 토스페이먼츠로 간편하게 결제할 수 있어요.",
  openGraph: { siteName: "장터 Jangteo", locale: "ko_KR", type: "website" },
};

export const viewport: Viewport = { themeColor: "#c2410c" };

// Shared by every page, so it reads nothing of the shopper's: the cart count is fetched by the
// browser after hydration, which keeps the catalog pages cacheable as a whole. The back office
// gets none of the storefront's header and footer (StoreChrome), only its own layout.
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="ko">
      <head>
        {/* Rendered where the page is: at request or revalidation time for the catalog and the
            private pages, at build time for the few static ones (terms, privacy, support, order
            lookup), which load no third-party script. */}
        <meta httpEquiv="Content-Security-Policy" content={contentSecurityPolicy(env())} />
      </head>
      <body className="flex min-h-screen flex-col bg-stone-50 text-stone-900 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          본문으로 건너뛰기
        </a>
        <StoreChrome header={<Header cartSlot={<CartLink />} />} footer={<Footer />}>
          {children}
        </StoreChrome>
      </body>
    </html>
  );
}
