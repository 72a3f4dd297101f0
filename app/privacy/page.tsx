import type { Metadata } from "next";
import { LegalPage } from "@/components/legal/legal-page";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "개인정보처리방침" };

export default function PrivacyPage() {
  const { business } = env();
  return (
    <LegalPage
      title="개인정보처리방침"
      updated="2026년 11월 30일"
      sections={[
        {
          heading: "수집하는 개인정보",
          body: <p>주문할 때 받는 분 이름, 휴대폰 번호, 이메일, 배송 주소, 배송 메모를 받아요. 회원가입은 없어요.</p>,
        },
        {
          heading: "이용 목적",
          body: <p>주문 확인과 배송, 주문 안내 연락, 비회원 주문조회, 교환·반품·환불 처리에만 써요.</p>,
        },
        {
          heading: "보유 기간",
          body: (
            <p>
              전자상거래법에 따라 계약·청약철회와 대금결제·재화 공급에 관한 기록은 5년, 소비자 불만·분쟁 처리에 관한 기록은 3년 동안 보관하고, 그 뒤에는
              지체 없이 파기해요.
            </p>
          ),
        },
        {
          heading: "제3자 제공과 처리 위탁",
          body: <p>결제 처리를 위해 토스페이먼츠에 주문번호, 주문명, 결제 금액, 구매자 이름·이메일·휴대폰 번호를 전달해요. 배송을 위해 택배사에 받는 분 정보와 주소를 전달해요.</p>,
        },
        {
          heading: "이용자의 권리",
          body: <p>자신의 개인정보를 열람하거나 고치거나 지워 달라고 요청할 수 있어요. 고객센터로 알려 주시면 지체 없이 처리해요.</p>,
        },
        {
          heading: "개인정보 보호책임자",
          body: (
            <p>
              {business.representative} ({business.email}, {business.phone})
            </p>
          ),
        },
      ]}
    />
  );
}
