// Khen thưởng: the Office's commendation dossier from the sample's
// proposals — the Council's vote checked against the members present, a
// proposal removed and one added by hand (each with its reason), the Tờ
// trình downloaded as DOCX and opened by LibreOffice, the whole dossier as
// one ZIP.
import { after, before, beforeEach, afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appReady, browserSession, loadSample } from './browser.mjs';

const session = browserSession({ before, after, beforeEach, afterEach, assert });
let site;
let page;
beforeEach(() => ({ site, page } = session));

async function fill(selector, text) {
  const field = page.locator(selector).first();
  await field.fill(text);
  await field.press('Tab');
}

const stored = () => page.evaluate(() => JSON.parse(localStorage.getItem('thidua/v2/workspace')).workspace);

describe('commendation dossier', () => {
  test('votes, hand changes with reasons, the Tờ trình in LibreOffice and the whole dossier as a ZIP', async () => {
    await loadSample(page, site);
    await page.goto(`${site.url}#/khen-thuong`);
    await appReady(page);
    const rows = page.locator('#dossier-nominees tbody tr');
    await rows.first().waitFor();
    const count = await rows.count();
    assert.ok(count >= 2, `${count} nominees from the sample's proposals`);

    await fill('#council-present', '7');
    for (let i = 0; i < count; i += 1) {
      await rows.nth(i).locator('input.votes').fill('6');
      await rows.nth(i).locator('input.votes').press('Tab');
    }
    await page.locator('#dossier-nominees td.status.met').nth(count - 1).waitFor();
    // More votes than members present is refused in words, and does not pass.
    await rows.nth(1).locator('input.votes').fill('9');
    await rows.nth(1).locator('input.votes').press('Tab');
    await page.locator('#council-problems').getByText('9 phiếu đồng ý nhiều hơn 7 thành viên có mặt').waitFor();
    assert.equal((await rows.nth(1).locator('td.status').textContent()).trim(), 'Không đạt');
    await rows.nth(1).locator('input.votes').fill('3');
    await rows.nth(1).locator('input.votes').press('Tab');
    await page.locator('#council-problems li').first().waitFor({ state: 'detached' });

    // A proposal removed by hand, with its reason.
    const removedName = (await rows.first().locator('th').first().innerText()).split('\n')[0].trim();
    page.once('dialog', (dialog) => dialog.accept('Đã được khen cấp trên'));
    await rows.first().getByRole('button', { name: 'Bỏ' }).click();
    await page.locator('#dossier-removed').getByText('Đã được khen cấp trên').waitFor();
    assert.equal(await rows.count(), count - 1);

    // One added by hand; markup in the reason stays text.
    const candidate = await page.locator('#dossier-candidate option').nth(0).getAttribute('value');
    await page.locator('#dossier-candidate').selectOption(candidate);
    await page.locator('#dossier-reason').fill('<b>Sáng kiến</b> =1+1');
    await page.getByRole('button', { name: 'Thêm đề xuất bổ sung' }).click();
    const added = page.locator(`#dossier-nominees tr[data-nominee="${candidate}"]`);
    await added.getByText('Đề xuất bổ sung: <b>Sáng kiến</b> =1+1').waitFor();
    await added.locator('input.votes').fill('7');
    await added.locator('input.votes').press('Tab');
    await fill('#dossier-director', 'Bạch Văn Dương');
    await fill('#dossier-submission-number', '15/TTr-SDTTG');

    const dossier = (await stored()).dossier;
    assert.deepEqual(dossier.removed.map((r) => r.reason), ['Đã được khen cấp trên']);
    assert.equal(dossier.added[0].reason, '<b>Sáng kiến</b> =1+1');

    // The document on screen: the list names the added nominee, not the removed one.
    await page.locator('#dossier-documents').getByRole('button', { name: 'Danh sách', exact: true }).click();
    // The preview comes from the export worker.
    await page.locator('#dossier-document h1', { hasText: 'DANH SÁCH' }).waitFor();
    await page.locator('#dossier-document').getByText('Đề xuất bổ sung').first().waitFor();
    const list = await page.locator('#dossier-document').textContent();
    const listed = await page.locator('#dossier-document tbody tr td:nth-child(2)').allTextContents();
    assert.ok(!listed.includes(removedName), `${removedName} was removed: ${listed}`);
    assert.ok(list.includes('(Đề xuất bổ sung: <b>Sáng kiến</b> =1+1)'));

    // Every document as DOCX, opened by LibreOffice: its heading, a nominee, a figure.
    const dir = mkdtempSync(join(tmpdir(), 'thidua-dossier-'));
    const passedName = (await page.locator('#dossier-nominees tbody tr', { has: page.locator('td.status.met') })
      .first().locator('th').first().innerText()).split('\n')[0].trim();
    const expectations = {
      'to-trinh': ['TỜ TRÌNH', 'Số: 15/TTr-SDTTG', 'Kính gửi: Ủy ban nhân dân tỉnh Khánh Hòa', 'Bạch Văn Dương', /tặng Bằng khen cho \d+ tập thể và \d+ cá nhân/],
      'danh-sach': ['DANH SÁCH', passedName, /Điểm tổng hợp \d+,\d/],
      'tom-tat-thanh-tich': ['BÁO CÁO TÓM TẮT THÀNH TÍCH', passedName, /TC1 \(Xử lý văn bản, hồ sơ trên mạng\) [\d.]+\/[\d.]+ = [\d,]+%/],
      'bien-ban-hoi-dong': ['BIÊN BẢN', '7 thành viên', passedName, 'Không đạt'],
      'quyet-dinh-giay-khen': ['QUYẾT ĐỊNH', 'Điều 1.', 'DANH SÁCH TẶNG GIẤY KHEN'],
    };
    let downloading;
    let download;
    for (const [key, parts] of Object.entries(expectations)) {
      downloading = page.waitForEvent('download');
      await page.locator(`#docx-${key}`).click();
      download = await downloading;
      assert.equal(download.suggestedFilename(), `ho-so-khen-thuong-${key}.docx`);
      const docx = join(dir, `${key}.docx`);
      await download.saveAs(docx);
      execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`,
        '--convert-to', 'pdf', '--outdir', dir, docx], { timeout: 120_000, stdio: 'pipe' });
      // Table cells wrap: compare with every run of white space as one space.
      const text = execFileSync('pdftotext', [join(dir, `${key}.pdf`), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      for (const part of parts) {
        assert.ok(typeof part === 'string' ? text.includes(part) : part.test(text), `${key}: ${part}`);
      }
    }

    // The whole dossier, one ZIP of five documents.
    downloading = page.waitForEvent('download');
    await page.locator('#dossier-zip').click();
    download = await downloading;
    assert.equal(download.suggestedFilename(), 'ho-so-khen-thuong.zip');
    const zip = readFileSync(await download.path());
    assert.equal(zip.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
    const names = new Set(zip.toString('latin1').match(/ho-so-khen-thuong-[a-z-]+\.docx/g));
    assert.equal(names.size, 5, [...names].join(', '));
  });

  test('without proposals the dossier says so and its documents still download', async () => {
    await page.goto(`${site.url}#/khen-thuong`);
    await appReady(page);
    await page.getByText('Chưa có tập thể, cá nhân nào trong danh sách').waitFor();
    await page.locator('#dossier-document').getByText('Chưa có tập thể, cá nhân nào được Hội đồng', { exact: false }).waitFor();
    const downloading = page.waitForEvent('download');
    await page.locator('#docx-quyet-dinh-giay-khen').click();
    const download = await downloading;
    assert.equal(readFileSync(await download.path()).subarray(0, 4).toString('latin1'), 'PK\x03\x04');
  });
});
