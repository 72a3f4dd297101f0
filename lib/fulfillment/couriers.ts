/**
 * The carriers a Korean shop ships with: each with the tracking-number shape this store accepts
 * (digits only, the lengths the carrier's waybills use) and its public tracking page. No server
 * imports: the admin's forms, the upload preview and the shopper's order page share it.
 * A carrier that changes its numbering or tracking address is changed here, once.
 */
export type Courier = {
  code: string;
  name: string;
  /** Digits only, after dashes and spaces are removed; null = no number (직접 전달). */
  trackingPattern: RegExp | null;
  /** The carrier's public tracking page for a number; null when there is none. */
  trackingUrl: ((trackingNumber: string) => string) | null;
};

const encoded = (template: string) => (n: string) => template.replace("{n}", encodeURIComponent(n));

export const couriers: readonly Courier[] = [
  { code: "CJ", name: "CJ대한통운", trackingPattern: /^\d{10}(\d{2})?$/, trackingUrl: encoded("https://trace.cjlogistics.com/next/tracking.html?wblNo={n}") },
  { code: "LOTTE", name: "롯데택배", trackingPattern: /^\d{12,13}$/, trackingUrl: encoded("https://www.lotteglogis.com/home/reservation/tracking/linkView?InvNo={n}") },
  { code: "HANJIN", name: "한진택배", trackingPattern: /^\d{10,12}$/, trackingUrl: encoded("https://www.hanjin.com/kor/CMS/DeliveryMgr/WaybillResult.do?mCode=MN038&schLang=KR&wblnumText2={n}") },
  { code: "EPOST", name: "우체국택배", trackingPattern: /^\d{13}$/, trackingUrl: encoded("https://service.epost.go.kr/trace.RetrieveDomRigiTraceList.comm?sid1={n}") },
  { code: "LOGEN", name: "로젠택배", trackingPattern: /^\d{11}$/, trackingUrl: encoded("https://www.ilogen.com/web/personal/trace/{n}") },
  { code: "KDEXP", name: "경동택배", trackingPattern: /^\d{9,16}$/, trackingUrl: encoded("https://kdexp.com/service/delivery/etc/delivery.do?barcode={n}") },
  { code: "CU", name: "CU 편의점택배", trackingPattern: /^\d{10,12}$/, trackingUrl: encoded("https://www.cupost.co.kr/postbox/delivery/localResult.cupost?invoice_no={n}") },
  { code: "GS", name: "GS Postbox 택배", trackingPattern: /^\d{10,13}$/, trackingUrl: encoded("https://www.cvsnet.co.kr/invoice/tracking.do?invoice_no={n}") },
  { code: "ILYANG", name: "일양로지스", trackingPattern: /^\d{9,11}$/, trackingUrl: encoded("https://www.ilyanglogis.com/functionality/tracking_result.asp?hawb_no={n}") },
  { code: "DAESIN", name: "대신택배", trackingPattern: /^\d{13}$/, trackingUrl: encoded("https://www.ds3211.co.kr/freight/internalFreightSearch.ht?billno={n}") },
  { code: "DIRECT", name: "직접 전달", trackingPattern: null, trackingUrl: null },
];

const byCode = new Map(couriers.map((c) => [c.code, c]));
const byName = new Map(couriers.map((c) => [c.name.replace(/\s/g, ""), c]));

/** A courier by its code or by its Korean name as owners and couriers' files write it (spaces ignored). */
export function findCourier(codeOrName: string): Courier | undefined {
  const key = codeOrName.trim();
  return byCode.get(key.toUpperCase()) ?? byName.get(key.replace(/\s/g, ""));
}

export type TrackingCheck = { ok: true; courier: Courier; trackingNumber: string | null } | { ok: false; message: string };

/** Checks a courier and tracking number as an owner typed them; dashes and spaces are dropped. */
export function checkTracking(codeOrName: string, rawNumber: string | null | undefined): TrackingCheck {
  const courier = findCourier(codeOrName);
  if (!courier) return { ok: false, message: `'${codeOrName}'은(는) 이 가게가 쓰는 택배사가 아니에요.` };
  const number = (rawNumber ?? "").replace(/[\s-]/g, "");
  if (!courier.trackingPattern) {
    return number === "" ? { ok: true, courier, trackingNumber: null } : { ok: false, message: `${courier.name}은(는) 송장번호 없이 등록해요.` };
  }
  if (number === "") return { ok: false, message: `${courier.name} 송장번호를 입력해 주세요.` };
  if (!courier.trackingPattern.test(number)) return { ok: false, message: `${courier.name} 송장번호 형식이 아니에요: ${number}` };
  return { ok: true, courier, trackingNumber: number };
}

/** The 배송 조회 link for a parcel, or null (직접 전달, or a courier without a public page). */
export function trackingLink(courierCode: string, trackingNumber: string | null): string | null {
  const courier = byCode.get(courierCode);
  return courier?.trackingUrl && trackingNumber ? courier.trackingUrl(trackingNumber) : null;
}

export function courierName(courierCode: string): string {
  return byCode.get(courierCode)?.name ?? courierCode;
}
