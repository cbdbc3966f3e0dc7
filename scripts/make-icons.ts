// Renders app/icon.svg into the PNG icons the web app manifest names (192, 512, and Apple's
// 180) and app/favicon.ico (a 32 px PNG inside an ICO), with Debian's Chromium through
// Playwright. The outputs are committed; run again after changing the SVG:
//   node_modules/.bin/tsx scripts/make-icons.ts
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const root = path.resolve(__dirname, "..");
const svg = readFileSync(path.join(root, "app", "icon.svg"), "utf8");

/** An ICO file holding one PNG image (supported by every browser since Vista-era IE). */
function icoFromPng(png: Buffer, size: number): Buffer {
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18); // offset of the image
  return Buffer.concat([header, png]);
}

async function main() {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  try {
    const render = async (size: number): Promise<Buffer> => {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      await page.setContent(`<!DOCTYPE html><html><body style="margin:0">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`);
      const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      await page.close();
      return png;
    };
    for (const size of [192, 512]) writeFileSync(path.join(root, "public", "icons", `icon-${size}.png`), await render(size));
    writeFileSync(path.join(root, "app", "apple-icon.png"), await render(180));
    writeFileSync(path.join(root, "app", "favicon.ico"), icoFromPng(await render(32), 32));
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
