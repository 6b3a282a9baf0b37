// Offline and hosting: the built site served under a sub-path with the
// Content-Security-Policy as a response header; after the first visit it
// works with the network off (every route, data entry, a file export, a DOCX
// from the export worker, which was never opened online), and a
// new build is offered as an update, never forced.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appReady, launchChromium } from './browser.mjs';
import { serveStatic } from './static-server.mjs';

// The policy of index.html's <meta>, sent as a header as a careful host would.
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; " +
  "connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; " +
  "form-action 'none'; frame-ancestors 'none'";

// Only Tổng quan is opened online: every other screen's piece of the page
// (src/screens.rs) comes from the service worker's cache the first time.
const ROUTES = ['tong-quan', 'nhap-lieu', 'hop-nhat', 'bao-cao', 'khen-thuong', 'thiet-lap', 'huong-dan', 'bao-cao-phong'];

let browser;
let site;
let root;
before(async () => {
  // A copy of the build, so the test can publish a "new version" of it.
  root = mkdtempSync(join(tmpdir(), 'thidua-site-'));
  cpSync(new URL('../../dist', import.meta.url).pathname, root, { recursive: true });
  browser = await launchChromium();
  site = await serveStatic(root, { prefix: '/thidua/', headers: { 'content-security-policy': CSP } });
});
after(async () => {
  await browser?.close();
  await site?.close();
});

describe('offline', () => {
  test('after one visit everything works offline, and a new build is offered as an update', async () => {
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      // A CSP violation is reported on the console as an error.
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });

    // First visit, online: the service worker installs and takes control.
    await page.goto(`${site.url}#/tong-quan`);
    await appReady(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    const manifest = await page.evaluate(async () => (await fetch(document.querySelector('link[rel=manifest]').href)).json());
    assert.equal(manifest.name, 'Thi đua không giấy');
    assert.deepEqual(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`), ['192x192 any', '512x512 any', '512x512 maskable']);

    // Offline: reload and use every screen.
    await context.setOffline(true);
    await page.reload();
    await appReady(page);
    for (const route of ROUTES) {
      await page.goto(`${site.url}#/${route}`);
      await page.locator('main h1').first().waitFor();
    }
    await page.goto(`${site.url}#/nhap-lieu`);
    const cell = page.locator('#daily-grid input[data-row="0"][data-col="0"]');
    await cell.fill('17');
    await cell.press('Enter');
    await page.waitForFunction(() => localStorage.getItem('thidua/v2/workspace').includes('"docs_received":17'));
    const downloading = page.waitForEvent('download');
    await page.locator('#export-unit').click();
    const download = await downloading;
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(exported.format, 'thidua-export');
    assert.equal(exported.envelope.payload.daily_reports[0].counts.docs_received, 17);
    // The export worker was precached, though never used online.
    await page.goto(`${site.url}#/bao-cao`);
    const writing = page.waitForEvent('download');
    await page.locator('#docx-report').click();
    const docx = readFileSync(await (await writing).path());
    assert.equal(docx.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
    // So was the register reader: a register is read and counted offline.
    await page.goto(`${site.url}#/nhap-lieu`);
    await page
      .locator('#register-files')
      .setInputFiles(new URL('../fixtures/registers/so-van-ban-den-phong-phap-che.xlsx', import.meta.url).pathname);
    await page.locator('#register-preview').waitFor();
    // A fresh page of the site, offline, opens too.
    const second = await context.newPage();
    await second.goto(`${site.url}#/hop-nhat`);
    await appReady(second);
    await second.close();

    // Back online, a new build is published: it is offered, not forced.
    await context.setOffline(false);
    const sw = join(root, 'sw.js');
    writeFileSync(sw, `${readFileSync(sw, 'utf8')}\n// bản dựng mới\n`);
    await page.reload();
    await appReady(page);
    await page.locator('#update-banner').waitFor({ timeout: 30_000 });
    assert.match(await page.locator('#update-banner').textContent(), /Đã có phiên bản mới/);
    // Nothing happened behind the user's back: the entry is still on screen.
    await page.goto(`${site.url}#/nhap-lieu`);
    assert.equal(await cell.inputValue(), '17');
    // Listen before clicking: the reload can be over before a later wait starts.
    const reloaded = page.waitForEvent('load');
    await page.getByRole('button', { name: 'Cập nhật ngay' }).click();
    await reloaded;
    await appReady(page);
    assert.equal(await page.locator('#update-banner').count(), 0);
    assert.equal(await page.locator('#daily-grid input[data-row="0"][data-col="0"]').inputValue(), '17');
    const caches = await page.evaluate(() => caches.keys());
    assert.equal(caches.length, 1, `old caches removed: ${caches}`);

    assert.deepEqual(problems, [], 'no page error and no CSP violation');
    await context.close();
  });
});
