// Báo cáo: the Decree 30 document with its saved fields, CSV exports that
// Excel reads as Vietnamese and never as formulas, and the printed A4 pages.
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

describe('report', () => {
  test('the document has the Decree 30 parts and its fields are saved', async () => {
    await loadSample(page, site);
    await page.goto(`${site.url}#/bao-cao`);
    await appReady(page);
    await fill('#report-signer', 'Nguyễn Văn <b>An</b>');
    await fill('#report-number', '125/BC-SDTTG');
    await page.reload();
    await appReady(page);
    const doc = page.locator('#report-document');
    await doc.waitFor();
    const text = await doc.textContent();
    for (const part of ['UBND TỈNH KHÁNH HÒA', 'SỞ DÂN TỘC VÀ TÔN GIÁO', 'Số: 125/BC-SDTTG', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc', 'BÁO CÁO', 'Kết quả thực hiện', 'I. KẾT QUẢ CHUNG', 'Nơi nhận:', 'GIÁM ĐỐC', 'Nguyễn Văn <b>An</b>']) {
      assert.ok(text.includes(part), part);
    }
    assert.equal(await page.locator('#report-units tbody tr').count(), 8);
    assert.equal(await page.locator('#report-criteria tbody tr').count(), 5);
    assert.equal(await doc.locator('b').count(), 0, 'markup in a field is text');
  });

  test('CSV files carry a BOM, Vietnamese headers, plain numbers and no formulas', async () => {
    await page.goto(`${site.url}#/thiet-lap`);
    await appReady(page);
    await fill('input.unit-name', '=HYPERLINK("http://x","Phòng")');
    await page.goto(`${site.url}#/bao-cao`);
    await appReady(page);
    const downloading = page.waitForEvent('download');
    await page.locator('#csv-units').click();
    const download = await downloading;
    assert.equal(download.suggestedFilename(), 'ket-qua-cua-cac-phong.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    assert.ok(csv.startsWith('\uFEFFHạng,Phòng,TC1 (%)'), csv.slice(0, 40));
    assert.ok(csv.includes(`"'=HYPERLINK(""http://x"",""Phòng"")"`), csv);
    assert.equal(csv.trim().split('\r\n').length, 1 + 2, 'header and the two template divisions');
  });

  test('the XLSX workbook comes through a real download', async () => {
    await loadSample(page, site);
    await page.goto(`${site.url}#/bao-cao`);
    await appReady(page);
    const downloading = page.waitForEvent('download');
    await page.locator('#xlsx-report').click();
    const download = await downloading;
    assert.equal(download.suggestedFilename(), 'bao-cao-thi-dua.xlsx');
    const bytes = readFileSync(await download.path());
    assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'a ZIP file');
    const names = bytes.toString('latin1');
    for (let sheet = 1; sheet <= 5; sheet += 1) assert.ok(names.includes(`xl/worksheets/sheet${sheet}.xml`), `sheet ${sheet}`);
  });

  test('printed to PDF: A4 pages with the text, page numbers from page 2', async () => {
    await loadSample(page, site);
    await page.goto(`${site.url}#/bao-cao`);
    await appReady(page);
    await fill('#report-signer', 'Nguyễn Văn An');
    await page.locator('#report-document').waitFor();
    await page.emulateMedia({ media: 'print' });
    const pdf = join(mkdtempSync(join(tmpdir(), 'thidua-pdf-')), 'bao-cao.pdf');
    await page.pdf({ path: pdf, preferCSSPageSize: true });
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);
    assert.ok(pages >= 2, `${pages} pages`);
    assert.match(info, /Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    const pageText = (n) => execFileSync('pdftotext', ['-f', `${n}`, '-l', `${n}`, '-layout', pdf, '-'], { encoding: 'utf8' });
    const first = pageText(1);
    assert.match(first, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
    assert.match(first, /BÁO CÁO/);
    assert.doesNotMatch(first, /Báo cáo\s+In báo cáo/, 'the editor is not printed');
    assert.doesNotMatch(first.trim().split('\n')[0], /^\s*1\s*$/, 'no number on page 1');
    assert.match(pageText(2).trim().split('\n')[0], /^\s*2\s*$/, 'page 2 is numbered');
    assert.match(pageText(pages), /Nguyễn Văn An/);
  });
});
