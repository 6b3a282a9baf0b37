// Signed division files in real Chromium browsers: a division's export is
// signed by its browser's key; the CLI verifies that signature (the browser
// and the CLI agree); the Legal Division pins the key on the first file,
// holds a file signed in another browser until “Chấp nhận khóa mới”, records
// the change, and refuses a file whose signature was changed.
import { after, before, beforeEach, afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appReady, browserSession, saveDownload, thiduaCli as cli, useCampaignFile } from './browser.mjs';

const session = browserSession({ before, after, beforeEach, afterEach, assert });
let site;
let page;
let browser;
beforeEach(() => ({ site, page, browser } = session));

const downloads = mkdtempSync(join(tmpdir(), 'thidua-signatures-'));
const stored = (p) => p.evaluate(() => localStorage.getItem('thidua/v2/workspace'));

const download = async (p, button) => (await saveDownload(p, button, downloads)).path;

/** A division's browser of its own (its own key): takes the campaign file, enters a day, exports. */
async function divisionExports(campaignFile, received) {
  const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const p = await context.newPage();
  await useCampaignFile(p, site, campaignFile);
  const ownKey = p.locator('#own-signing-key', { hasText: /[0-9a-f]{4}( [0-9a-f]{4}){3}/ });
  await ownKey.waitFor();
  const own = fingerprintOf(await ownKey.textContent());
  await p.goto(`${site.url}#/nhap-lieu`);
  await appReady(p);
  await p.locator('#unit-picker').selectOption({ index: 1 });
  const first = p.locator('#daily-grid input[data-row="0"][data-col="0"]');
  await first.fill(String(received));
  await first.press('Enter');
  await p.waitForFunction((n) => localStorage.getItem('thidua/v2/workspace').includes(`"docs_received":${n}`), received);
  const path = await download(p, '#export-unit');
  await context.close();
  return { path, own };
}

const fingerprintOf = (text) => text.match(/[0-9a-f]{4}( [0-9a-f]{4}){3}/)?.[0];

describe('signatures', () => {
  test('the key is pinned on the first signed file, another key is held until accepted, a changed signature is refused', async () => {
    await page.goto(`${site.url}#/thiet-lap`);
    await appReady(page);
    const campaign = await download(page, '#export-campaign');

    const first = await divisionExports(campaign, 30);
    const file = JSON.parse(readFileSync(first.path, 'utf8'));
    assert.match(file.signature, /^[A-Za-z0-9+/]{86}==$/, 'r‖s, 64 bytes in base64');
    assert.equal(file.envelope.signer.algorithm, 'ECDSA-P256-SHA256');
    assert.ok(first.own, 'Thiết lập shows the browser its key');

    // The CLI (p256) verifies what the browser (WebCrypto) signed.
    const validated = cli('validate', '--campaign', campaign, first.path);
    assert.match(validated, /hợp lệ, chữ ký hợp lệ \(khóa [0-9a-f ]{19}\)/);
    assert.equal(fingerprintOf(validated), first.own);

    await page.goto(`${site.url}#/hop-nhat`);
    await appReady(page);
    await page.locator('#import-files').setInputFiles(first.path);
    const signature = page.locator('#import-preview tbody tr td.signature');
    await signature.waitFor();
    assert.match(await signature.textContent(), /Chữ ký hợp lệ · khóa .* \(lần đầu: sẽ được ghi nhận cho phòng\)/);
    assert.equal(fingerprintOf(await signature.textContent()), first.own);
    await page.locator('#apply-import').click();
    await page.getByText('Đã hợp nhất 1 tệp.', { exact: false }).waitFor();

    await page.goto(`${site.url}#/thiet-lap`);
    await appReady(page);
    const pinned = page.locator('#signing-keys tbody tr');
    await pinned.waitFor();
    assert.equal(fingerprintOf(await pinned.textContent()), first.own);

    // The same division from another browser: held, storage untouched, until accepted.
    const second = await divisionExports(campaign, 35);
    assert.notEqual(second.own, first.own);
    await page.goto(`${site.url}#/hop-nhat`);
    await appReady(page);
    const before = await stored(page);
    await page.locator('#import-files').setInputFiles(second.path);
    const held = page.locator('#import-preview tr.held');
    await held.waitFor();
    assert.match(await held.textContent(), /Khóa khác lần trước/);
    assert.ok(await page.locator('#apply-import').isDisabled(), 'nothing to merge while the key is not accepted');
    assert.equal(await stored(page), before);
    // A click, not check(): the worker redraws the row as accepted at once, so
    // a locator on the held row may no longer find the box to confirm it.
    await held.getByLabel('Chấp nhận khóa mới').click();
    await page.locator('#import-preview tr.accepted input.accept-key:checked').waitFor();
    await page.waitForFunction(() => document.activeElement?.classList.contains('accept-key'));
    await page.getByRole('button', { name: 'Hợp nhất 1 tệp hợp lệ' }).click();
    await page.getByText('Đã hợp nhất 1 tệp.', { exact: false }).waitFor();
    await page.goto(`${site.url}#/thiet-lap`);
    await appReady(page);
    const changed = await page.locator('#signing-keys tbody tr').textContent();
    assert.equal(fingerprintOf(changed), second.own);
    assert.match(changed, new RegExp(`1 lần \\(khóa cũ: ${first.own}\\)`));

    // Registered ahead: the pinned key goes into the campaign file, and a
    // browser that takes that file knows it before any file has come.
    await page.locator('#register-keys').click();
    await page.getByText(/mang 1 khóa ký của các phòng/).waitFor();
    const withKeys = await download(page, '#export-campaign');
    const keys = JSON.parse(readFileSync(withKeys, 'utf8')).campaign.registered_keys;
    assert.deepEqual(keys.map((k) => k.unit_id), ['phong-phap-che']);
    const elsewhere = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const other = await elsewhere.newPage();
    await other.goto(`${site.url}#/thiet-lap`);
    await appReady(other);
    await other.locator('#import-campaign').setInputFiles(withKeys);
    assert.match(await other.locator('#campaign-file-preview').textContent(), /Đăng ký trước khóa ký của 1 phòng\./);
    await other.getByRole('button', { name: 'Dùng thiết lập này' }).click();
    const registered = other.locator('#signing-keys tbody tr');
    await registered.waitFor();
    assert.match(await registered.textContent(), /Đăng ký trước qua tệp thiết lập \(chưa nhận tệp\)/);
    assert.equal(fingerprintOf(await registered.textContent()), second.own);
    await elsewhere.close();

    // A signature changed by hand: refused with its reason, nothing stored.
    const forged = join(downloads, 'chu-ky-sua.json');
    const text = readFileSync(first.path, 'utf8');
    const at = text.indexOf('"signature":"') + 13;
    writeFileSync(forged, text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1));
    await page.goto(`${site.url}#/hop-nhat`);
    await appReady(page);
    const untouched = await stored(page);
    await page.locator('#import-files').setInputFiles(forged);
    const refused = page.locator('#import-preview tr.rejected');
    await refused.waitFor();
    assert.match(await refused.textContent(), /Chữ ký của tệp không hợp lệ/);
    assert.equal(await stored(page), untouched);
  });
});
