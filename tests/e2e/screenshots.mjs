// Takes the screenshots in docs/screenshots/ from the built site with the
// department-scale sample loaded:  node tests/e2e/screenshots.mjs
import { appReady, launchChromium, serveDist } from './browser.mjs';

const OUT = new URL('../../docs/screenshots/', import.meta.url).pathname;
const browser = await launchChromium();
const site = await serveDist();
try {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date('2025-08-14T09:00:00+07:00'));
  await page.goto(`${site.url}#/thiet-lap`);
  await appReady(page);
  page.once('dialog', (dialog) => dialog.accept());
  await page.locator('#load-sample').click();
  for (const [hash, name] of [
    ['#/tong-quan', 'tong-quan'],
    ['#/nhap-lieu', 'nhap-lieu'],
    ['#/thiet-lap', 'thiet-lap'],
    ['#/bao-cao', 'bao-cao'],
  ]) {
    await page.goto(site.url + hash);
    await appReady(page);
    await page.screenshot({ path: `${OUT}${name}.png`, fullPage: name === 'tong-quan' || name === 'bao-cao' });
    console.log(`${OUT}${name}.png`);
  }
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const phonePage = await phone.newPage();
  await phonePage.clock.setFixedTime(new Date('2025-08-14T09:00:00+07:00'));
  await phonePage.goto(`${site.url}#/tong-quan`);
  await appReady(phonePage);
  await phonePage.screenshot({ path: `${OUT}tong-quan-dien-thoai.png` });
} finally {
  await browser.close();
  await site.close();
}
