// Counts from the e-office registers, in a real Chromium: the registers
// `thidua-cli sample` writes for Phòng Pháp chế (XLSX with a title block and
// merged headers, a UTF-16 dossier list) are picked through the real file
// picker, the guessed mapping is accepted, the preview is checked, Hủy
// changes nothing, Áp dụng writes the counts, which are there after a
// reload, on Tổng quan (with where they came from) and in the division's
// export. Hostile files are refused by name and change nothing.
import { after, before, beforeEach, afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { appReady, browserSession } from './browser.mjs';

const session = browserSession({ before, after, beforeEach, afterEach, assert });
let site;
let page;
beforeEach(() => ({ site, page } = session));

const REGISTERS = new URL('../fixtures/registers/', import.meta.url).pathname;
const EXCHANGE = new URL('../fixtures/exchange/', import.meta.url).pathname;
const REGISTER_FILES = [
  'so-van-ban-den-phong-phap-che.xlsx',
  'so-van-ban-di-phong-phap-che.xlsx',
  'ho-so-cong-viec-phong-phap-che.csv',
].map((name) => REGISTERS + name);
// What the registers must give: Phòng Pháp chế's sample data (a native test
// keeps the two fixtures in step).
const expected = JSON.parse(readFileSync(`${EXCHANGE}thidua-phong-phap-che.json`, 'utf8')).envelope.payload
  .daily_reports;
// Grid columns the registers decide (all but the two page counts, 11 and 13).
const FIELDS = [
  'docs_received', 'docs_received_online', 'docs_issued', 'docs_signed_online', 'docs_excluded_secret',
  'docs_excluded_state_award', 'dossiers', 'dossiers_online', 'interconnect_sent', 'interconnect_received',
  'external_total', null, 'received_excluded', null,
];
const stored = (p) => p.evaluate(() => localStorage.getItem('thidua/v2/workspace'));
const cell = (p, row, col) => p.locator(`#daily-grid input[data-row="${row}"][data-col="${col}"]`);
const INTERCONNECT = 'select[data-control="mark"][data-mark="interconnect"]';
const scratch = mkdtempSync(join(tmpdir(), 'thidua-registers-'));

async function openPhongPhapChe(p) {
  await p.goto(`${site.url}#/thiet-lap`);
  await appReady(p);
  await p.locator('#import-campaign').setInputFiles(`${EXCHANGE}thiet-lap-phong-trao.json`);
  await p.getByRole('button', { name: 'Dùng thiết lập này' }).click();
  await p.goto(`${site.url}#/nhap-lieu`);
  await appReady(p);
  await p.locator('#unit-picker').selectOption({ label: 'Phòng Pháp chế' });
  await cell(p, 0, 0).waitFor();
}

async function pickRegisters(p, files) {
  await p.locator('#register-files').setInputFiles(files);
  await p.locator('.register-file').first().waitFor();
  await p.locator('#register-busy').waitFor({ state: 'detached' });
}

describe('register import', () => {
  test('registers picked, previewed, cancelled, applied: the counts are the sample’s, with their origin', async () => {
    await openPhongPhapChe(page);
    assert.match(await page.locator('#register-privacy').textContent(), /trích yếu của văn bản không được lưu/);
    await pickRegisters(page, REGISTER_FILES);
    await page.locator('#register-preview').waitFor();
    const legends = await page.locator('.register-file legend').allTextContents();
    assert.deepEqual(legends, REGISTER_FILES.map((path) => path.split('/').pop()));
    const kinds = await page
      .locator('select[data-control="kind"]')
      .evaluateAll((selects) => selects.map((s) => s.value));
    assert.deepEqual(kinds, ['incoming', 'outgoing', 'dossiers'], 'each register recognised by its headers');
    assert.match(
      await page.locator('#register-preview-summary').textContent(),
      new RegExp(`^${expected.length} ngày làm việc do sổ quyết định, ${expected.length} ngày sẽ thay đổi`),
    );
    assert.equal(await page.locator('#register-preview tbody tr').count(), expected.length);
    // Documents registered on a Saturday count on the Monday after it.
    assert.match(await page.locator('.register-moved').first().textContent(), /Thứ Bảy.*tính vào Thứ Hai/);
    const summaries = await page.locator('.register-summary').allTextContents();
    assert.ok(summaries.every((text) => /không tính 0 dòng/.test(text)), summaries.join(' | '));

    // Hủy: nothing changes.
    const before = await stored(page);
    await page.locator('#cancel-register').click();
    await page.locator('#register-preview').waitFor({ state: 'detached' });
    assert.equal(await stored(page), before, 'storage byte-identical after Hủy');

    await pickRegisters(page, REGISTER_FILES);
    await page.locator('#apply-register').click();
    await page.waitForFunction(() => localStorage.getItem('thidua/v2/workspace').includes('"source"'));
    assert.match(await page.locator('#register-import .status-message').textContent(), /Đã ghi số liệu của \d+ ngày/);
    const after = JSON.parse(await stored(page)).workspace;
    assert.equal(after.campaign.register_mappings.length, 3, 'the mappings are remembered per set of headers');

    await page.reload();
    await appReady(page);
    await cell(page, 0, 0).waitFor();
    for (const [row, day] of expected.entries()) {
      for (const [col, field] of FIELDS.entries()) {
        if (field === null) continue;
        assert.equal(await cell(page, row, col).inputValue(), String(day.counts[field]), `${day.date} ${field}`);
      }
      assert.equal(await cell(page, row, 11).inputValue(), '0', 'pages printed are not the registers’');
    }

    // The division's export carries the counts and where they came from, and
    // nothing of the documents themselves.
    const downloading = page.waitForEvent('download');
    await page.locator('#export-unit').click();
    const path = join(scratch, 'phong-phap-che.json');
    await (await downloading).saveAs(path);
    const exported = readFileSync(path, 'utf8');
    const reports = JSON.parse(exported).envelope.payload.daily_reports;
    assert.equal(reports.length, expected.length);
    assert.deepEqual(reports[0].source.files, REGISTER_FILES.map((p) => p.split('/').pop()));
    assert.ok(!/UBND-VP|Về việc|HS-0/.test(exported), 'no document number or excerpt leaves the browser');

    // Tổng quan says where the counts came from.
    await page.goto(`${site.url}#/`);
    await appReady(page);
    const provenance = page.locator('#ranking tr[data-unit="don-vi-0002"] .provenance').first();
    assert.match(
      await provenance.textContent(),
      new RegExp(`Nguồn số liệu: ${expected.length}/${expected.length} ngày đọc từ sổ văn bản`),
    );
  });

  test('an import is undone in one step, and a remembered mapping is used next time', async () => {
    await openPhongPhapChe(page);
    await pickRegisters(page, REGISTER_FILES.slice(0, 1));
    // The person says the interconnection column does not count for this register.
    await page.locator(INTERCONNECT).selectOption('');
    await page.locator('#register-busy').waitFor({ state: 'detached' });
    const before = await stored(page);
    await page.locator('#apply-register').click();
    await page.waitForFunction(() => localStorage.getItem('thidua/v2/workspace').includes('"source"'));
    assert.equal(await cell(page, 0, 9).inputValue(), '0', 'no interconnection counted');
    await page.locator('#undo-register').click();
    // The stored value carries a write counter; the workspace in it is the one from before.
    const workspaceOf = (text) => JSON.stringify(JSON.parse(text).workspace);
    await page.waitForFunction(() => !localStorage.getItem('thidua/v2/workspace').includes('"source"'));
    assert.equal(workspaceOf(await stored(page)), workspaceOf(before), 'the workspace as it was before the import');

    // The undo took the remembered mapping with it: the guess is back.
    const interconnect = page.locator(INTERCONNECT);
    await pickRegisters(page, REGISTER_FILES.slice(0, 1));
    assert.notEqual(await interconnect.inputValue(), '', 'guessed again');
    await interconnect.selectOption('');
    await page.locator('#register-busy').waitFor({ state: 'detached' });
    await page.locator('#apply-register').click();
    await page.waitForFunction(() => localStorage.getItem('thidua/v2/workspace').includes('"source"'));
    // Next week's import of a register with the same headers: one click.
    await pickRegisters(page, REGISTER_FILES.slice(0, 1));
    assert.equal(await interconnect.inputValue(), '', 'the mapping remembered for these headers');
  });
});

/** A ZIP whose one entry declares that it inflates to 3.75 GB. */
function zipBomb() {
  const data = deflateRawSync(Buffer.alloc(1 << 20));
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const declared = 0xf0000000;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(local.length + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

describe('hostile registers', () => {
  test('each is refused with a Vietnamese reason naming it, and storage stays byte-identical', async () => {
    const hostile = {
      'anh-chup.png': [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0xff, 0x00]), 'không phải bảng tính'],
      'co-mat-khau.xlsx': [Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), 'mật khẩu'],
      'hong.xlsx': [Buffer.from('PK\x03\x04 cắt ngang'), 'bị hỏng'],
      'bom-nen.xlsx': [zipBomb(), 'tệp nén giải ra tới'],
      'trieu-dong.csv': [Buffer.from(`Ngày đến,Số đến\n${'15/07/2025,1\n'.repeat(1_000_000)}`), 'quá giới hạn'],
      'khong-tieu-de.csv': [Buffer.from('a,b\n1,2\n'), 'không tìm thấy dòng tiêu đề'],
      'trong.csv': [Buffer.from(''), 'trống'],
      // Never even read by the page: the worker refuses it from its size.
      'qua-lon.csv': [Buffer.alloc(101 * 1024 * 1024, 0x41), 'quá giới hạn 100 MB'],
    };
    const paths = Object.entries(hostile).map(([name, [bytes]]) => {
      const path = join(scratch, name);
      writeFileSync(path, bytes);
      return path;
    });
    await openPhongPhapChe(page);
    const before = await stored(page);
    await pickRegisters(page, paths);
    const alerts = await page.locator('.register-file [role=alert]').allTextContents();
    assert.equal(alerts.length, paths.length, alerts.join('\n'));
    for (const [name, [, phrase]] of Object.entries(hostile)) {
      const alert = alerts.find((text) => text.startsWith(`Tệp «${name}»`));
      assert.ok(alert, `a message naming ${name}: ${alerts.join('\n')}`);
      assert.ok(alert.includes(phrase), `${name}: ${alert}`);
    }
    assert.ok(await page.locator('#apply-register').isDisabled(), 'nothing to apply');
    await page.locator('#cancel-register').click();
    assert.equal(await stored(page), before, 'storage byte-identical');
  });
});
