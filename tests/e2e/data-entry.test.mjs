// Nhập liệu and Thiết lập in a real Chromium: a week entered by keyboard and
// by paste survives a reload, bad input is refused in Vietnamese, two tabs
// never overwrite each other, the campaign file goes out and back in.
import { after, before, beforeEach, afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appReady, browserSession } from './browser.mjs';

const session = browserSession({ before, after, beforeEach, afterEach, assert });
let browser;
let site;
let page;
let context;
let errors;
beforeEach(() => ({ browser, site, page, context, errors } = session));

const cell = (p, row, col) => p.locator(`#daily-grid input[data-row="${row}"][data-col="${col}"]`);
const stored = (p) =>
  p.evaluate(() => JSON.parse(localStorage.getItem('thidua/v2/workspace')).workspace);

async function openEntry(p) {
  await p.goto(`${site.url}#/nhap-lieu`);
  await appReady(p);
  await cell(p, 0, 0).waitFor();
}

describe('daily grid', () => {
  test('a week typed with Enter and arrow keys is there after a reload', async () => {
    await openEntry(page);
    await cell(page, 0, 0).click();
    for (const value of ['10', '12', '8', '11', '9']) {
      await page.keyboard.type(value);
      await page.keyboard.press('Enter');
    }
    // Arrow keys: up five rows, right one column, then type down the column.
    for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowRight');
    for (const value of ['10', '12', '8', '11', '9']) {
      await page.keyboard.type(value);
      await page.keyboard.press('Enter');
    }
    assert.equal(await page.locator('tr.totals td').nth(0).textContent(), '50');
    assert.equal(await page.locator('tr.totals td').nth(1).textContent(), '50');

    await page.reload();
    await cell(page, 0, 0).waitFor();
    const values = [];
    for (let row = 0; row < 5; row += 1) values.push(await cell(page, row, 1).inputValue());
    assert.deepEqual(values, ['10', '12', '8', '11', '9']);
    const workspace = await stored(page);
    assert.equal(workspace.daily_reports.length, 5);
    assert.equal(workspace.daily_reports[0].date, '2025-07-15');
  });

  test('a block pasted from a spreadsheet fills the week', async () => {
    await openEntry(page);
    const block = '20\t19\t6\t5\t1\t0\n18\t18\t4\t4\t0\t0\n1.250\t1.200\t3\t3\t0\t0\n';
    await cell(page, 0, 0).focus();
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.activeElement.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, block);
    await page.getByText('Đã dán 18 ô.').waitFor();
    assert.equal(await cell(page, 2, 0).inputValue(), '1250');
    assert.equal(await page.locator('tr.totals td').nth(0).textContent(), '1.288');
    await page.reload();
    await cell(page, 2, 1).waitFor();
    assert.equal(await cell(page, 2, 1).inputValue(), '1200');
  });

  test('bad input is refused in Vietnamese and changes nothing stored', async () => {
    await openEntry(page);
    await cell(page, 0, 0).fill('5');
    await cell(page, 0, 0).press('Enter');
    const before = await page.evaluate(() => localStorage.getItem('thidua/v2/workspace'));

    await cell(page, 0, 0).fill('-3');
    await cell(page, 0, 0).press('Tab');
    await page.getByText('Số lượng không được âm.').waitFor();

    await cell(page, 1, 0).focus();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', '1\t2\n<img src=x onerror=alert(1)>\t3\n');
      document.activeElement.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    });
    await page.getByText(/Không dán: 1 ô không phải số hợp lệ/).waitFor();
    assert.equal(await page.locator('img[src=x]').count(), 0);
    const afterwards = await page.evaluate(() => localStorage.getItem('thidua/v2/workspace'));
    assert.equal(afterwards, before);
  });

  test('online above total is flagged on its row', async () => {
    await openEntry(page);
    await cell(page, 0, 0).fill('3');
    await cell(page, 0, 0).press('Tab');
    await cell(page, 0, 1).fill('5');
    await cell(page, 0, 1).press('Tab');
    await page.getByText('“Văn bản đến xử lý trên mạng” (5) lớn hơn “Văn bản đến” (3).').waitFor();
    assert.equal(await page.locator('#daily-grid tbody tr').first().locator('td.invalid').count(), 1);
  });
});

describe('two tabs', () => {
  test('a second tab follows the first and never overwrites it', async () => {
    await openEntry(page);
    const other = await context.newPage();
    other.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    await openEntry(other);

    await cell(page, 0, 0).fill('7');
    await cell(page, 0, 0).press('Enter');
    // The storage event brings the value to the other tab without a reload.
    await other.waitForFunction(
      () => document.querySelector('#daily-grid input[data-row="0"][data-col="0"]').value === '7',
    );
    await other.getByText('Đã cập nhật dữ liệu mới do một thẻ khác lưu.').waitFor();

    await cell(other, 1, 0).fill('4');
    await cell(other, 1, 0).press('Enter');
    await page.waitForFunction(
      () => document.querySelector('#daily-grid input[data-row="1"][data-col="0"]').value === '4',
    );
    const workspace = await stored(page);
    const received = workspace.daily_reports.map((r) => r.counts.docs_received).sort();
    assert.deepEqual(received, [4, 7]);
    await other.close();
  });
});

describe('setup', () => {
  test('sample data loads after confirmation and is labelled as sample', async () => {
    await page.goto(`${site.url}#/thiet-lap`);
    await appReady(page);
    page.once('dialog', (dialog) => dialog.accept());
    await page.locator('#load-sample').click();
    await page.locator('#stored-size').getByText(/Dung lượng đang dùng/).waitFor();
    await page.getByRole('link', { name: 'Tổng quan' }).click();
    assert.match(await page.locator('#campaign-title').textContent(), /^DỮ LIỆU MẪU/);
    const workspace = await stored(page);
    assert.equal(workspace.campaign.units.length, 8);
    assert.equal(workspace.daily_reports.length, 192);
    const size = await page.evaluate(() => localStorage.getItem('thidua/v2/workspace').length);
    console.log(`# department sample: ${size} UTF-16 code units in localStorage`);
  });

  test('a refused confirmation leaves the data as it was', async () => {
    await page.goto(`${site.url}#/thiet-lap`);
    await appReady(page);
    const before = await page.evaluate(() => localStorage.getItem('thidua/v2/workspace'));
    page.once('dialog', (dialog) => dialog.dismiss());
    await page.locator('#reset').click();
    assert.equal(await page.evaluate(() => localStorage.getItem('thidua/v2/workspace')), before);
  });

  test('the campaign file goes out through a real download and back in', async () => {
    await page.goto(`${site.url}#/thiet-lap`);
    await appReady(page);
    await page.locator('#new-unit-name').fill('Phòng Tôn giáo <b>mới</b>');
    await page.getByRole('button', { name: 'Thêm phòng' }).click();
    const downloading = page.waitForEvent('download');
    await page.locator('#export-campaign').click();
    const download = await downloading;
    assert.match(download.suggestedFilename(), /^thiet-lap-phong-trao-\d{4}-\d{2}-\d{2}\.json$/);
    const file = await download.path();

    // Another browser (a division) imports it and shares the campaign id.
    const division = await browser.newContext();
    const divisionPage = await division.newPage();
    await divisionPage.goto(`${site.url}#/thiet-lap`);
    await appReady(divisionPage);
    await divisionPage.locator('#import-campaign').setInputFiles(file);
    await divisionPage.locator('#campaign-file-preview').waitFor();
    await divisionPage.getByRole('button', { name: 'Dùng thiết lập này' }).click();
    await divisionPage.getByText('Đã dùng thiết lập phong trào từ tệp.').waitFor();
    const legal = await stored(page);
    const shared = await stored(divisionPage);
    assert.equal(shared.campaign.id, legal.campaign.id);
    assert.equal(shared.campaign.units.at(-1).name, 'Phòng Tôn giáo <b>mới</b>');
    await division.close();
  });

  test('a wrong or truncated campaign file is refused and nothing changes', async () => {
    await page.goto(`${site.url}#/thiet-lap`);
    await appReady(page);
    const before = await page.evaluate(() => localStorage.getItem('thidua/v2/workspace'));
    const dir = await mkdtemp(join(tmpdir(), 'thidua-'));
    const cases = [
      ['cat-do.json', '{"format":"thidua-campaign","schema_version":1,"campa', /không phải JSON hợp lệ hoặc bị cắt dở/],
      ['khac.json', '{"format":"thidua-export"}', /Đây không phải tệp thiết lập phong trào/],
      ['moi.json', '{"format":"thidua-campaign","schema_version":99}', /phiên bản mới hơn/],
    ];
    for (const [name, content, message] of cases) {
      const path = join(dir, name);
      await writeFile(path, content);
      await page.locator('#import-campaign').setInputFiles(path);
      await page.getByText(message).waitFor();
      assert.equal(await page.locator('#campaign-file-preview').count(), 0);
    }
    assert.equal(await page.evaluate(() => localStorage.getItem('thidua/v2/workspace')), before);
  });
});

describe('officers and initiatives', () => {
  test('an officer with KPI and an initiative are recorded and survive a reload', async () => {
    await openEntry(page);
    await page.locator('#new-officer-name').fill('Trần Thị <i>Hoa</i>');
    await page.locator('#new-officer-position').fill('Chuyên viên');
    await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
    const row = page.locator('tr.officer-row').first();
    await row.getByLabel('Đã đánh giá KPI').check();
    await row.getByLabel('Điểm KPI').fill('92,5');
    await row.getByLabel('Điểm KPI').press('Tab');
    await row.getByLabel('Văn bản xử lý').fill('40');
    await row.getByLabel('Văn bản xử lý').press('Tab');
    await row.getByLabel('Xử lý trên mạng').fill('45');
    await row.getByLabel('Xử lý trên mạng').press('Tab');
    await row.getByText('Văn bản xử lý trên mạng (45) nhiều hơn văn bản xử lý (40).').waitFor();

    await page.locator('#initiative-title').fill('Số hóa sổ theo dõi công văn');
    await page.locator('#initiative-date').fill('01/09/2025');
    await page.getByRole('button', { name: 'Thêm sáng kiến' }).click();
    await page.getByText('Ngày 01/09/2025 nằm ngoài thời gian phong trào thi đua.').waitFor();
    await page.locator('#initiative-date').fill('30/07/2025');
    await page.getByRole('button', { name: 'Thêm sáng kiến' }).click();
    await page.locator('li.initiative').getByText('Số hóa sổ theo dõi công văn').waitFor();

    await page.reload();
    await page.locator('tr.officer-row').first().waitFor();
    const reloaded = page.locator('tr.officer-row').first();
    assert.equal(await reloaded.getByLabel('Họ và tên').inputValue(), 'Trần Thị <i>Hoa</i>');
    assert.equal(await reloaded.getByLabel('Điểm KPI').inputValue(), '92,5');
    assert.ok(await reloaded.getByLabel('Đã đánh giá KPI').isChecked());
    assert.equal(await page.locator('li.initiative').count(), 1);
    const workspace = await stored(page);
    assert.equal(workspace.officer_records[0].kpi_score, 92.5);
    assert.equal(workspace.officer_records[0].docs_handled_online, 45);
    assert.equal(workspace.initiatives[0].date, '2025-07-30');

    // Edited, the initiative keeps its id, raises its revision and travels in the export.
    await page.locator('li.initiative').getByRole('button', { name: 'Sửa' }).click();
    assert.equal(await page.locator('#initiative-title').inputValue(), 'Số hóa sổ theo dõi công văn');
    assert.equal(await page.locator('#initiative-date').inputValue(), '30/07/2025');
    await page.locator('#initiative-title').fill('Sổ theo dõi công văn điện tử');
    await page.locator('#initiative-score').fill('88,5');
    await page.getByRole('button', { name: 'Lưu sáng kiến' }).click();
    await page.locator('li.initiative').getByText('Sổ theo dõi công văn điện tử').waitFor();
    assert.equal(await page.locator('li.initiative').count(), 1);
    const edited = (await stored(page)).initiatives[0];
    assert.equal(edited.meta.id, workspace.initiatives[0].meta.id);
    assert.equal(edited.meta.rev, workspace.initiatives[0].meta.rev + 1);
    assert.equal(edited.council_score, 88.5);
    assert.ok(await page.getByRole('button', { name: 'Thêm sáng kiến' }).isVisible());
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-unit').click()]);
    const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
    const travelled = exported.envelope.payload.initiatives.find((i) => i.meta.id === edited.meta.id);
    assert.equal(travelled.title, 'Sổ theo dõi công văn điện tử');
    assert.equal(travelled.meta.rev, edited.meta.rev);
  });
});

describe('calendar', () => {
  test('a holiday leaves the grid and a reversed period is refused', async () => {
    await page.goto(`${site.url}#/thiet-lap`);
    await appReady(page);
    await page.locator('#new-holiday').fill('28/07/2025');
    await page.getByRole('button', { name: 'Thêm ngày nghỉ' }).click();
    await page.locator('#working-day-count').getByText('23 ngày').waitFor();
    // “30 ngày đêm”: a working Saturday joins the grid.
    await page.locator('#new-working-day').fill('19/07/2025');
    await page.getByRole('button', { name: 'Thêm ngày làm việc' }).click();
    await page.locator('#working-day-count').getByText('24 ngày').waitFor();
    await page.locator('#extra-working-days').getByText('19/07/2025').waitFor();
    await page.locator('#new-working-day').fill('21/07/2025');
    await page.getByRole('button', { name: 'Thêm ngày làm việc' }).click();
    await page.getByText('đã là ngày làm việc').waitFor();

    await page.locator('#period-start').fill('01/09/2025');
    await page.locator('#period-start').dispatchEvent('change');
    await page.getByText(/phải trước ngày kết thúc \(15\/08\/2025\); chưa thay đổi gì/).waitFor();
    const workspace = await stored(page);
    assert.equal(workspace.campaign.period.start, '2025-07-15');

    await page.getByRole('link', { name: 'Nhập liệu' }).click();
    await cell(page, 0, 0).waitFor();
    assert.equal(await page.locator('#daily-grid tbody tr').count(), 24);
    assert.equal(await page.locator('#daily-grid tr[data-date="2025-07-28"]').count(), 0);
    await cell(page, 4, 0).fill('6');
    await cell(page, 4, 0).press('Enter');
    assert.equal(await page.locator('#daily-grid tbody tr').nth(4).getAttribute('data-date'), '2025-07-19');
    await page.waitForFunction(() =>
      JSON.parse(localStorage.getItem('thidua/v2/workspace')).workspace.daily_reports.some(
        (r) => r.date === '2025-07-19' && r.counts.docs_received === 6,
      ),
    );
    // The export panel names the Office as the plan does (V.1), not the Legal Division.
    await page.locator('#export-unit-instruction').getByText('Gửi tệp này cho Văn phòng Sở').waitFor();
    assert.match(await page.locator('h2', { hasText: 'Gửi dữ liệu cho' }).textContent(), /Văn phòng Sở/);
  });
});

describe('screen widths', () => {
  test('a 1366 px laptop shows every column of the grid; a 390 px phone keeps the picker on screen', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openEntry(page);
    const wrap = page.locator('#daily-grid').locator('xpath=..');
    const { scroll, client } = await wrap.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
    assert.ok(scroll <= client, `the grid scrolls sideways: ${scroll} > ${client}`);
    const lastHeader = page.locator('#daily-grid thead th.check-col');
    const box = await lastHeader.boundingBox();
    assert.ok(box.x + box.width <= 1366, 'the check column is on screen');

    await page.setViewportSize({ width: 390, height: 844 });
    const picker = await page.locator('#unit-picker').boundingBox();
    assert.ok(picker.x >= 0 && picker.x + picker.width <= 390, `picker ${JSON.stringify(picker)}`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'the page does not scroll sideways');
  });
});

describe('dates', () => {
  test('an English-language browser still shows and reads dd/mm/yyyy', async () => {
    const errors = [];
    const english = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Ho_Chi_Minh' });
    const p = await english.newPage();
    p.on('pageerror', (error) => errors.push(error.message));
    await p.goto(`${site.url}#/thiet-lap`);
    await appReady(p);
    assert.equal(await p.evaluate(() => navigator.language), 'en-US');
    assert.equal(await p.locator('#period-start').inputValue(), '15/07/2025');
    assert.equal(await p.locator('#period-end').inputValue(), '15/08/2025');
    // 05/08 is the 5th of August, not the 8th of May.
    await p.locator('#new-holiday').fill('05/08/2025');
    await p.getByRole('button', { name: 'Thêm ngày nghỉ' }).click();
    await p.locator('#holidays').getByText('05/08/2025').waitFor();
    const holidays = await p.evaluate(
      () => JSON.parse(localStorage.getItem('thidua/v2/workspace')).workspace.campaign.calendar.holidays,
    );
    assert.deepEqual(holidays, ['2025-08-05']);
    await p.locator('#new-holiday').fill('08/31/2025');
    await p.getByRole('button', { name: 'Thêm ngày nghỉ' }).click();
    await p.getByText('Nhập ngày dạng ngày/tháng/năm, ví dụ 28/07/2025.').waitFor();
    await english.close();
    assert.deepEqual(errors, []);
  });
});

describe('full storage', () => {
  test('a refused save shows the banner, keeps the stored data and exports it', async () => {
    await openEntry(page);
    await cell(page, 0, 0).fill('3');
    await cell(page, 0, 0).press('Enter');
    const before = await page.evaluate(() => localStorage.getItem('thidua/v2/workspace'));
    // Fill this site's localStorage for real until the browser refuses.
    const fillers = await page.evaluate(() => {
      let count = 0;
      for (let size = 256 * 1024; size >= 1; ) {
        try {
          localStorage.setItem(`filler/${count}`, 'x'.repeat(size));
          count += 1;
        } catch {
          size = Math.floor(size / 2);
        }
      }
      return count;
    });
    assert.ok(fillers > 0);
    await cell(page, 1, 0).fill('123456');
    await cell(page, 1, 0).press('Enter');
    const alert = page.getByRole('alert');
    await alert.getByText(/Bộ nhớ của trình duyệt cho trang này đã đầy/).waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('thidua/v2/workspace')), before);

    const downloading = page.waitForEvent('download');
    await alert.getByRole('button', { name: 'Xuất dữ liệu ngay' }).click();
    const download = await downloading;
    assert.match(download.suggestedFilename(), /^thidua-sao-luu-\d{4}-\d{2}-\d{2}\.json$/);
    const { readFile } = await import('node:fs/promises');
    const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.equal(exported.format, 'thidua-backup', 'a backup Thiết lập restores');
    const received = exported.backup.workspace.daily_reports.map((r) => r.counts.docs_received).sort((a, b) => a - b);
    assert.deepEqual(received, [3, 123456], 'the export holds the unsaved edit too');

    // Space freed: the next edit saves everything again.
    await page.evaluate((count) => {
      for (let i = 0; i < count; i += 1) localStorage.removeItem(`filler/${i}`);
    }, fillers);
    await cell(page, 2, 0).fill('1');
    await cell(page, 2, 0).press('Enter');
    await page.getByText(/Đã lưu trong trình duyệt lúc/).waitFor();
    assert.equal((await stored(page)).daily_reports.length, 3);
  });
});
