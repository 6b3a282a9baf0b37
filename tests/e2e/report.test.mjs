// Báo cáo: the Decree 30 document with its saved fields, CSV exports that
// Excel reads as Vietnamese and never as formulas, the printed A4 pages, and
// the XLSX and DOCX files made by the export worker — the DOCX converted to
// PDF by LibreOffice headless, as the Office would open it, and every sheet
// of the XLSX read back by LibreOffice Calc.
import { after, before, beforeEach, afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appReady, browserSession, loadSample, openPage } from './browser.mjs';

const session = browserSession({ before, after, beforeEach, afterEach, assert });
const pdfPages = (pdf) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))[1]);
const pdfText = (pdf, n) => execFileSync('pdftotext', ['-f', `${n}`, '-l', `${n}`, '-layout', pdf, '-'], { encoding: 'utf8' });
let site;
let page;
beforeEach(() => ({ site, page } = session));


/** Báo cáo with the department sample loaded. */
async function openReport(on) {
  await loadSample(on, site);
  await on.goto(`${site.url}#/bao-cao`);
  await appReady(on);
}

async function fill(selector, text) {
  const field = page.locator(selector).first();
  await field.fill(text);
  await field.press('Tab');
}

describe('report', () => {
  test('the document has the Decree 30 parts and its fields are saved', async () => {
    await openReport(page);
    await fill('#report-signer', 'Nguyễn Văn <b>An</b>');
    await fill('#report-number', '125/BC-SDTTG');
    await page.reload();
    await appReady(page);
    const doc = page.locator('#report-document');
    await doc.getByText('Số: 125/BC-SDTTG').waitFor();
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

  test('the XLSX workbook comes through a real download and LibreOffice Calc reads the same cells as the CSV files', async () => {
    await openReport(page);
    const downloading = page.waitForEvent('download');
    await page.locator('#xlsx-report').click();
    const download = await downloading;
    assert.equal(download.suggestedFilename(), 'bao-cao-thi-dua.xlsx');
    const dir = mkdtempSync(join(tmpdir(), 'thidua-xlsx-'));
    const xlsx = join(dir, 'bao-cao.xlsx');
    await download.saveAs(xlsx);
    assert.equal(readFileSync(xlsx).subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'a ZIP file');
    // Calc writes every sheet as CSV (the last option, -1: all sheets), each
    // cell as shown, in en-US (1033): UTF-8, commas, quotes where needed.
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`,
      '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true,false,false,-1',
      '--outdir', dir, xlsx], { timeout: 120_000, stdio: 'pipe' });
    const lines = (text) => text.replace(/^\uFEFF/, '').replaceAll('\r\n', '\n').trimEnd();
    const sheets = {
      'csv-units': 'Kết quả của các phòng',
      'csv-officers': 'Kết quả của cán bộ, công chức',
      'csv-daily': 'Số liệu hằng ngày',
      'csv-proposals': 'Đề xuất khen thưởng',
    };
    for (const [button, sheet] of Object.entries(sheets)) {
      const csvDownload = page.waitForEvent('download');
      await page.locator(`#${button}`).click();
      const csv = lines(readFileSync(await (await csvDownload).path(), 'utf8'));
      const calc = lines(readFileSync(join(dir, `bao-cao-${sheet}.csv`), 'utf8'));
      assert.ok(calc.split('\n').length > 2, `${sheet}: rows read`);
      assert.equal(calc, csv, `${sheet}: Calc reads what the CSV file holds`);
    }
  });

  test('printed to PDF: A4 pages with the text, page numbers from page 2', async () => {
    await openReport(page);
    await fill('#report-signer', 'Nguyễn Văn An');
    // The document comes from the worker: wait for the one with the signer.
    await page.locator('#report-document').getByText('Nguyễn Văn An').waitFor();
    await page.emulateMedia({ media: 'print' });
    const pdf = join(mkdtempSync(join(tmpdir(), 'thidua-pdf-')), 'bao-cao.pdf');
    await page.pdf({ path: pdf, preferCSSPageSize: true });
    const pages = pdfPages(pdf);
    assert.ok(pages >= 2, `${pages} pages`);
    assert.match(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }), /Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    const pageText = (n) => pdfText(pdf, n);
    const first = pageText(1);
    assert.match(first, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
    assert.match(first, /BÁO CÁO/);
    assert.doesNotMatch(first, /Báo cáo\s+In báo cáo/, 'the editor is not printed');
    assert.doesNotMatch(first.trim().split('\n')[0], /^\s*1\s*$/, 'no number on page 1');
    assert.match(pageText(2).trim().split('\n')[0], /^\s*2\s*$/, 'page 2 is numbered');
    assert.match(pageText(pages), /Nguyễn Văn An/);
  });

  test('the DOCX report opens in LibreOffice: A4, Vietnamese intact, numbered from page 2', async () => {
    await openReport(page);
    await fill('#report-number', '125/BC-SDTTG');
    await fill('#report-signer', 'Nguyễn Thị Ánh Tuyết');
    // The export worker makes the document (and the preview above it).
    const workers = [];
    page.on('worker', (worker) => workers.push(worker.url()));

    const downloading = page.waitForEvent('download');
    await page.locator('#docx-report').click();
    const download = await downloading;
    assert.equal(download.suggestedFilename(), 'bao-cao-thi-dua.docx');
    assert.ok(workers.some((url) => url.endsWith('/thidua-exporter_loader.js')), `worker started: ${workers}`);
    await page.locator('.status-message.ok', { hasText: 'Đã tải xuống bao-cao-thi-dua.docx' }).waitFor();
    assert.equal(await page.locator('#docx-report').isDisabled(), false);

    const dir = mkdtempSync(join(tmpdir(), 'thidua-docx-'));
    const docx = join(dir, 'bao-cao.docx');
    await download.saveAs(docx);
    assert.equal(readFileSync(docx).subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'a ZIP file');
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`,
      '--convert-to', 'pdf', '--outdir', dir, docx], { timeout: 120_000, stdio: 'pipe' });
    const pdf = join(dir, 'bao-cao.pdf');
    const pages = pdfPages(pdf);
    assert.ok(pages >= 2, `${pages} pages`);
    assert.match(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }), /Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    const first = pdfText(pdf, 1);
    for (const part of ['UBND TỈNH KHÁNH HÒA', 'SỞ DÂN TỘC VÀ TÔN GIÁO', 'Số: 125/BC-SDTTG', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc', 'BÁO CÁO', 'I. KẾT QUẢ CHUNG']) {
      assert.ok(first.includes(part), `page 1: ${part}`);
    }
    assert.doesNotMatch(first.trim().split('\n')[0], /^\s*1\s*$/, 'no number on page 1');
    assert.match(pdfText(pdf, 2).trim().split('\n')[0], /^\s*2\s*$/, 'page 2 is numbered');
    const all = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    // The divisions' table and the chart (its bars are labelled “rank. name”).
    const leader = await page.locator('#report-units tbody tr').first().locator('td').nth(1).textContent();
    assert.ok(all.includes(`1. ${leader}`), `chart label for ${leader}`);
    assert.ok(all.includes('Nơi nhận:'));
    assert.match(pdfText(pdf, pages), /Nguyễn Thị Ánh Tuyết/);
  });

  test("a division's own report: reached from Nhập liệu, saved, printed and opened in LibreOffice", async () => {
    await loadSample(page, site);
    await page.goto(`${site.url}#/nhap-lieu`);
    await appReady(page);
    await page.locator('#unit-picker').selectOption({ label: 'Phòng Pháp chế' });
    await page.locator('#unit-report-link').click();
    await page.getByRole('heading', { name: 'Báo cáo của Phòng Pháp chế' }).waitFor();
    await fill('#unit-report-number', '07/BC-PC');
    await fill('#unit-report-assessment', 'Phòng đã chuyển toàn bộ hồ sơ sang môi trường mạng.');
    await page.reload();
    await appReady(page);
    assert.equal(await page.locator('#unit-report-number').inputValue(), '07/BC-PC');
    await page.locator('#unit-report-document').getByText('Phòng đã chuyển toàn bộ hồ sơ').waitFor();
    const shown = await page.locator('#unit-report-document').textContent();
    assert.match(shown, /Số: 07\/BC-PC/);
    assert.match(shown, /I\. KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ/);
    assert.match(shown, /Phòng đã chuyển toàn bộ hồ sơ sang môi trường mạng\./);
    // The figure on the page is the one on Tổng quan.
    const tc1 = (await page.locator('#unit-report-criteria tbody tr').first().locator('td').nth(5).textContent()).trim();

    const downloading = page.waitForEvent('download');
    await page.locator('#docx-unit-report').click();
    const download = await downloading;
    assert.equal(download.suggestedFilename(), 'bao-cao-phong-phap-che.docx');
    const dir = mkdtempSync(join(tmpdir(), 'thidua-unit-docx-'));
    const docx = join(dir, 'bao-cao-phong.docx');
    await download.saveAs(docx);
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`,
      '--convert-to', 'pdf', '--outdir', dir, docx], { timeout: 120_000, stdio: 'pipe' });
    const pdf = join(dir, 'bao-cao-phong.pdf');
    assert.match(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }), /Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    const all = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    for (const part of ['SỞ DÂN TỘC VÀ TÔN GIÁO', 'PHÒNG PHÁP CHẾ', 'Số: 07/BC-PC', 'BÁO CÁO',
      'I. KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ', 'TRƯỞNG PHÒNG', 'Văn phòng Sở (để tổng hợp)', tc1]) {
      assert.ok(all.includes(part), `PDF: ${part}`);
    }

    await page.goto(`${site.url}#/tong-quan`);
    const row = page.locator('#ranking tbody tr', { has: page.locator('th', { hasText: 'Phòng Pháp chế' }) });
    assert.equal((await row.locator('td').nth(1).locator('summary').textContent()).trim(), tc1);
  });

  test('an export worker that cannot load gives a Vietnamese message and the page goes on', async () => {
    // Without the service worker, so that the request can be made to fail.
    const errors = [];
    const { context, page: bare } = await openPage(session.browser, errors, { serviceWorkers: 'block' });
    try {
      await openReport(bare);
      await bare.route('**/thidua-exporter_loader.js', (route) => route.fulfill({ status: 404, body: '' }));
      await bare.locator('#xlsx-report').click();
      await bare.locator('.status-message.error', { hasText: 'Không chạy được bộ xuất tệp' }).waitFor();
      assert.equal(await bare.locator('#xlsx-report').isDisabled(), false, 'the button is usable again');
      await bare.unroute('**/thidua-exporter_loader.js');
      const downloading = bare.waitForEvent('download');
      await bare.locator('#xlsx-report').click();
      assert.equal((await downloading).suggestedFilename(), 'bao-cao-thi-dua.xlsx');
      assert.deepEqual(errors.filter((e) => !/404/.test(e)), [], 'only the 404 was logged');
    } finally {
      await context.close();
    }
  });
});
