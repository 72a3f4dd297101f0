import type { NewProduct } from "./schema";

/** The demo catalog seeded into an empty database. Images ship in public/products (offline). */
export const demoProducts: NewProduct[] = [
  { slug: "jeju-hallabong", name: "제주 한라봉 3kg", price: 32000, stock: 20, description: "서귀포 노지에서 겨울 햇살을 받고 자란 한라봉입니다. 당도 13브릭스 이상만 골라 담았습니다." },
  { slug: "matcha-latte", name: "유기농 말차 라떼 파우더", price: 18500, stock: 40, description: "제주 유기농 첫물 말차와 국산 우유 분말을 섞었습니다. 따뜻한 물이나 우유에 타서 드세요." },
  { slug: "yakgwa-set", name: "수제 개성 약과 세트", price: 24000, stock: 15, description: "조청과 참기름으로 반죽해 매일 아침 튀겨 내는 개성식 모약과 12개입입니다." },
  { slug: "najeon-jewelry-box", name: "나전칠기 보석함", price: 128000, stock: 1, description: "통영 장인이 자개를 한 조각씩 붙여 만든 보석함입니다. 한 점만 남았습니다." },
  { slug: "hanji-mood-lamp", name: "한지 무드등", price: 45000, stock: 8, description: "전주 전통 한지로 감싼 무드등입니다. 은은한 빛이 방 안을 따뜻하게 채웁니다." },
  { slug: "andong-mackerel", name: "안동 간고등어 2손", price: 29900, stock: 0, description: "안동 간잡이 방식으로 소금 간을 한 고등어 두 손입니다. 다음 입고를 기다려 주세요." },
  { slug: "boseong-green-tea", name: "보성 녹차 티백 50입", price: 12000, stock: 60, description: "보성 차밭에서 우전 다음으로 딴 세작을 티백에 담았습니다." },
  { slug: "bangjja-cutlery", name: "방짜 유기 수저 세트", price: 89000, stock: 5, description: "두드려 만든 안성 방짜 유기 수저 2벌입니다. 쓸수록 은은한 광이 납니다." },
  { slug: "yuja-tea", name: "고흥 꿀 유자차 1kg", price: 15800, stock: 30, description: "고흥 유자를 껍질째 채 썰어 국산 벌꿀에 재웠습니다." },
  { slug: "moon-jar-mini", name: "백자 달항아리 미니", price: 68000, stock: 3, description: "여주 도예가가 빚은 한 뼘 크기의 달항아리입니다. 가마마다 모양이 조금씩 다릅니다." },
  { slug: "knit-dishcloth", name: "손뜨개 면 행주 3매", price: 9900, stock: 50, description: "순면 실로 한 코씩 뜬 행주 세 장입니다. 삶아 써도 튼튼합니다." },
  { slug: "cheongsong-apple", name: "청송 꿀사과 5kg", price: 39000, stock: 12, description: "일교차 큰 청송 산지에서 자라 과육이 단단하고 꿀이 든 부사입니다." },
  { slug: "beeswax-candle", name: "천연 밀랍 초", price: 16500, stock: 25, description: "국산 밀랍만 녹여 만든 초입니다. 그을음이 적고 달콤한 꿀 향이 납니다." },
  { slug: "sesame-oil-set", name: "저온 압착 참기름 세트", price: 27000, stock: 18, description: "국산 참깨를 낮은 온도에서 짜낸 참기름과 들기름 두 병입니다." },
].map((p) => ({ ...p, image: `/products/${p.slug}.svg` }));
