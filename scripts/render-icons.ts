// Renders the store's raster icons and social image from app/icon.svg with Chromium:
//   npx tsx scripts/render-icons.ts
// Writes app/favicon.ico (16+32+48 px), app/apple-icon.png (180), public/icons/icon-{192,512}.png
// and app/opengraph-image.png (1200×630).
import { readFileSync, writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";

const svg = readFileSync("app/icon.svg", "utf8");
const browser = await chromium.launch({ executablePath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });

async function render(html: string, width: number, height: number): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><html><body style="margin:0">${html}</body></html>`);
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width, height } });
  await page.close();
  return png;
}

const icon = (size: number) => render(svg.replace("<svg ", `<svg width="${size}" height="${size}" style="display:block" `), size, size);
// A touch icon is drawn full-bleed: the system rounds its corners itself.
const square = (size: number) => render(svg.replace('rx="14"', 'rx="0"').replace("<svg ", `<svg width="${size}" height="${size}" style="display:block" `), size, size);

/** An .ico whose entries are PNG images (read by every current browser). */
function ico(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

writeFileSync("app/favicon.ico", ico(await Promise.all([16, 32, 48].map(async (size) => ({ size, png: await icon(size) })))));
writeFileSync("app/apple-icon.png", await square(180));
writeFileSync("public/icons/icon-192.png", await icon(192));
writeFileSync("public/icons/icon-512.png", await icon(512));
writeFileSync(
  "app/opengraph-image.png",
  await render(
    `<div style="width:1200px;height:630px;box-sizing:border-box;padding:80px;background:#fff7ed;display:flex;flex-direction:column;justify-content:center;gap:28px;font-family:'Noto Sans CJK KR','Noto Sans KR',sans-serif;color:#1c1917">
      <div style="display:flex;align-items:center;gap:28px">${svg.replace("<svg ", '<svg width="140" height="140" ')}<span style="font-size:96px;font-weight:900;color:#c2410c">장터</span><span style="font-size:48px;color:#57534e">Jangteo</span></div>
      <div style="font-size:52px;font-weight:700">우리 동네 장인의 가게</div>
      <div style="font-size:34px;color:#44403c">장인이 만든 먹거리와 살림살이를 토스페이먼츠로 간편하게</div>
    </div>`,
    1200,
    630,
  ),
);
await browser.close();
console.log("icons written");
