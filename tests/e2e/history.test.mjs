// The change history in real Chromium browsers: a division's clerk chooses
// “Người nhập” once, types and corrects a count; Tổng quan's formula says who
// corrected it and when; the exported file carries the chain, which the CLI
// checks; the Legal Division's import counts the changes it adds and shows the
// same line; a chain edited by hand (the file re-sealed) is refused with its
// message and storage byte-identical.
import { after, before, beforeEach, afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appReady, browserSession, saveDownload, thiduaCli as cli, useCampaignFile } from './browser.mjs';

const session = browserSession({ before, after, beforeEach, afterEach, assert });
let site;
let page;
let browser;
beforeEach(() => ({ site, page, browser } = session));

const downloads = mkdtempSync(join(tmpdir(), 'thidua-history-'));
const stored = (p) => p.evaluate(() => localStorage.getItem('thidua/v2/workspace'));
const download = async (p, button) => (await saveDownload(p, button, downloads)).path;
const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/** Types `value` into the grid's first cell and waits until it is stored. */
async function typeFirstCell(p, value) {
  const cell = p.locator('#daily-grid input[data-row="0"][data-col="0"]');
  await cell.fill(String(value));
  await cell.press('Enter');
  await p.waitForFunction((n) => localStorage.getItem('thidua/v2/workspace').includes(`"docs_received":${n}`), value);
}

/** The history line of division `unit`'s TC1 formula on Tổng quan. */
async function historyLine(p, unit) {
  await p.goto(`${site.url}#/tong-quan`);
  await appReady(p);
  const formula = p.locator(`#ranking tr[data-unit="${unit}"] td[data-label="TC1"] details`);
  await formula.locator('summary').click();
  return formula.locator('p.history').textContent();
}

describe('history', () => {
  test('who corrected a figure and when: chosen once, shown on Tổng quan, carried to Hợp nhất; a chain edited by hand is refused', async () => {
    await page.goto(`${site.url}#/thiet-lap`);
    await appReady(page);
    const campaign = await download(page, '#export-campaign');

    // The division's own browser.
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const clerk = await context.newPage();
    await useCampaignFile(clerk, site, campaign);
    await clerk.goto(`${site.url}#/nhap-lieu`);
    await appReady(clerk);
    await clerk.locator('#unit-picker').selectOption({ index: 1 });
    const unit = await clerk.locator('#unit-picker').inputValue();
    await clerk.locator('#new-officer-name').fill('Trần Thị Bích');
    await clerk.locator('#new-officer-position').fill('Chuyên viên');
    await clerk.getByRole('button', { name: 'Thêm cán bộ' }).click();
    await clerk.locator('#entrant-hint').waitFor();
    await clerk.locator('#entrant-picker').selectOption({ label: 'Trần Thị Bích' });
    await clerk.locator('#entrant-hint').waitFor({ state: 'detached' });
    const entrant = JSON.parse(await clerk.evaluate(() => localStorage.getItem('thidua/v2/entrant')));
    assert.match(entrant, /.+/, 'the choice is kept in this browser');

    await typeFirstCell(clerk, 12);
    await typeFirstCell(clerk, 15);
    await clerk.reload();
    await appReady(clerk);
    assert.equal(await clerk.locator('#entrant-picker').inputValue(), entrant, 'chosen once, remembered');

    const line = await historyLine(clerk, unit);
    assert.match(line, /^Lịch sử sửa đổi: 2 lần nhập; đã sửa 1 lần, lần cuối \d\d\/\d\d \d\d:\d\d bởi Trần Thị Bích\.$/);
    await clerk.goto(`${site.url}#/nhap-lieu`);
    await appReady(clerk);
    const path = await download(clerk, '#export-unit');
    await context.close();

    // The file carries the chain: the officer added (before anyone was chosen,
    // so by no one named), then 12, then 12 → 15, by her.
    const text = readFileSync(path, 'utf8');
    const [chain] = JSON.parse(text).envelope.payload.history;
    assert.equal(chain.unit_id, unit);
    assert.deepEqual(chain.entries.map((e) => e.kind), ['officer', 'daily_report', 'daily_report']);
    assert.deepEqual(chain.entries[2].fields, [['docs_received', '12', '15']]);
    assert.deepEqual(chain.entries.map((e) => e.by), [undefined, entrant, entrant]);
    assert.match(cli('validate', '--campaign', campaign, path), /lịch sử sửa đổi 3 thay đổi, chuỗi mã băm khớp/);

    // A chain edited by hand, the file re-sealed (and so unsigned): refused, nothing stored.
    await page.goto(`${site.url}#/hop-nhat`);
    await appReady(page);
    const forged = JSON.parse(text);
    delete forged.signature;
    delete forged.envelope.signer;
    forged.envelope.payload.history[0].entries[1].fields[0][2] = '30';
    const envelope = JSON.stringify(forged.envelope);
    const forgedPath = join(downloads, 'lich-su-sua-tay.json');
    writeFileSync(forgedPath, `{"format":"thidua-export","schema_version":2,"envelope_sha256":"${sha256(envelope)}","envelope":${envelope}}`);
    const untouched = await stored(page);
    await page.locator('#import-files').setInputFiles(forgedPath);
    const refused = page.locator('#import-preview tr.rejected');
    await refused.waitFor();
    assert.match(await refused.textContent(), /Lịch sử sửa đổi của “.+” trong tệp đã bị sửa tay: chuỗi mã băm không khớp/);
    assert.equal(await stored(page), untouched);

    // The real file: the preview counts the changes it adds; merged, Tổng quan tells the same.
    await page.goto(`${site.url}#/hop-nhat`);
    await appReady(page);
    await page.locator('#import-files').setInputFiles(path);
    const added = page.locator('#import-preview tr.accepted p.history');
    await added.waitFor();
    assert.equal(await added.textContent(), 'Lịch sử sửa đổi: thêm 3 thay đổi');
    await page.locator('#apply-import').click();
    await page.getByText('Đã hợp nhất 1 tệp.', { exact: false }).waitFor();
    assert.equal(await historyLine(page, unit), line);
  });
});
