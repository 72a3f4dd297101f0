import type { Metadata } from "next";
import { LegalPage } from "@/components/legal/legal-page";
import { env } from "@/lib/env";
import { formatKRW } from "@/lib/money";

export const metadata: Metadata = { title: "이용약관" };

export default function TermsPage() {
  const { business, shipping } = env();
  return (
    <LegalPage
      title="이용약관"
      updated="2026년 11월 30일"
      sections={[
        {
          heading: "목적",
          body: <p>이 약관은 {business.name}(이하 “가게”)가 운영하는 온라인 상점에서 상품을 사고파는 데 필요한 가게와 이용자의 권리와 의무를 정해요.</p>,
        },
        {
          heading: "주문과 계약",
          body: (
            <p>
              이용자가 주문서를 내고 결제를 마치면 주문이 접수돼요. 가게가 주문 완료 화면과 주문번호를 보여 드리면 구매 계약이 이루어진 것으로 봐요. 재고가
              없거나 주문 정보가 사실과 다르면 가게는 주문을 취소하고 결제 금액을 돌려드릴 수 있어요.
            </p>
          ),
        },
        {
          heading: "결제",
          body: <p>결제는 토스페이먼츠를 통해 카드, 계좌이체, 가상계좌, 간편결제로 할 수 있어요. 가게는 카드 번호 같은 결제수단 정보를 저장하지 않아요.</p>,
        },
        {
          heading: "배송",
          body: (
            <p>
              주문 금액이 {formatKRW(shipping.freeThreshold)} 이상이면 배송비가 없고, 그보다 적으면 배송비 {formatKRW(shipping.fee)}을 함께 받아요. 평일 오후
              2시 이전 결제는 그날 보내 드려요.
            </p>
          ),
        },
        {
          heading: "청약철회(교환·반품·환불)",
          body: (
            <p>
              상품을 받은 날부터 7일 안에 청약을 철회할 수 있어요. 단순 변심으로 인한 반품 배송비는 이용자가, 상품에 하자가 있거나 주문과 다른 상품이 왔을
              때의 배송비는 가게가 부담해요. 환불은 반품된 상품을 확인한 날부터 3영업일 안에 결제수단으로 돌려드려요.
            </p>
          ),
        },
        {
          heading: "분쟁 해결",
          body: (
            <p>
              불편한 점은 고객센터({business.phone}, {business.email})로 알려 주세요. 해결되지 않은 분쟁은 공정거래위원회가 정한 소비자분쟁해결기준에 따라
              처리해요.
            </p>
          ),
        },
      ]}
    />
  );
}
