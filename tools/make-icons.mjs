// Draws the app icons in public/icons/ with Debian's Chromium (run once;
// the PNGs are committed):  node tools/make-icons.mjs
import { launchChromium } from '../tests/e2e/browser.mjs';

const OUT = new URL('../public/icons/', import.meta.url).pathname;
// `inset`: share of the side the rounded tile takes. A maskable icon is cut
// to any shape by the launcher, so its tile fills the square and the letters
// keep inside the central 80 % safe zone.
const icon = (size, maskable) => `<!doctype html><html><body style="margin:0">
<div style="width:${size}px;height:${size}px;background:${maskable ? '#1f4e79' : 'transparent'};display:flex;align-items:center;justify-content:center">
<div style="width:${maskable ? size : size * 0.92}px;height:${maskable ? size : size * 0.92}px;border-radius:${maskable ? 0 : size * 0.19}px;background:#1f4e79;display:flex;align-items:center;justify-content:center;color:#fff;font:700 ${size * (maskable ? 0.34 : 0.42)}px Arial, 'DejaVu Sans', sans-serif">TĐ</div>
</div></body></html>`;

const browser = await launchChromium();
try {
  for (const [name, size, maskable] of [
    ['icon-192.png', 192, false],
    ['icon-512.png', 512, false],
    ['icon-maskable-512.png', 512, true],
  ]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(icon(size, maskable));
    await page.screenshot({ path: OUT + name, omitBackground: !maskable });
    await page.close();
    console.log(OUT + name);
  }
} finally {
  await browser.close();
}
