// The exchange between browsers: divisions export through real downloads,
// the Legal Division imports through the real file picker and sees the
// merged ranking; hostile files are refused, each with its message, and
// never change what is stored.
import { after, before, beforeEach, afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appReady, browserSession, loadSample, saveDownload, useCampaignFile } from './browser.mjs';

const session = browserSession({ before, after, beforeEach, afterEach, assert });
let site;
let page;
let browser;
beforeEach(() => ({ site, page, browser } = session));

const FIXTURES = new URL('../fixtures/exchange/', import.meta.url).pathname;
const stored = (p) => p.evaluate(() => localStorage.getItem('thidua/v2/workspace'));
const workspaceOf = async (p) => JSON.parse(await stored(p)).workspace;

const downloads = mkdtempSync(join(tmpdir(), 'thidua-exchange-'));

const download = (p, button) => saveDownload(p, button, downloads);

/** A division's browser: takes the campaign file, enters one day, exports. */
async function divisionExports(campaignFile, unitIndex, received) {
  const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const p = await context.newPage();
  await useCampaignFile(p, site, campaignFile);
  await p.goto(`${site.url}#/nhap-lieu`);
  await appReady(p);
  await p.locator('#unit-picker').selectOption({ index: unitIndex });
  const first = p.locator('#daily-grid input[data-row="0"][data-col="0"]');
  await first.fill(String(received));
  await first.press('ArrowRight');
  await p.locator('#daily-grid input[data-row="0"][data-col="1"]').fill(String(received));
  await p.locator('#daily-grid input[data-row="0"][data-col="1"]').press('Enter');
  await p.waitForFunction((n) => localStorage.getItem('thidua/v2/workspace').includes(`"docs_received_online":${n}`), received);
  const file = await download(p, '#export-unit');
  await context.close();
  return file;
}

describe('exchange', () => {
  test('two divisions export, the Legal Division imports both, and importing again changes nothing', async () => {
    await page.goto(`${site.url}#/thiet-lap`);
    await appReady(page);
    const campaign = await download(page, '#export-campaign');

    const office = await divisionExports(campaign.path, 0, 40);
    const legal = await divisionExports(campaign.path, 1, 30);
    assert.equal(office.name.replace(/\d{4}-\d{2}-\d{2}/, 'D'), 'thidua-van-phong-D.json');
    assert.equal(legal.name.replace(/\d{4}-\d{2}-\d{2}/, 'D'), 'thidua-phong-phap-che-D.json');

    await page.goto(`${site.url}#/hop-nhat`);
    await appReady(page);
    const before = await stored(page);
    await page.locator('#import-files').setInputFiles([office.path, legal.path]);
    const rows = page.locator('#import-preview tbody tr');
    await rows.nth(1).waitFor();
    assert.equal(await page.locator('#import-preview tr.accepted').count(), 2);
    assert.equal(await rows.first().locator('td').nth(2).textContent(), '1', 'one new daily report');
    assert.equal(await stored(page), before, 'the preview changes nothing');

    await page.locator('#apply-import').click();
    await page.getByText('Đã hợp nhất 2 tệp.', { exact: false }).waitFor();
    const merged = await workspaceOf(page);
    assert.deepEqual(merged.daily_reports.map((r) => r.counts.docs_received).sort(), [30, 40]);
    assert.deepEqual(merged.submissions.map((s) => s.unit_id).sort(), ['phong-phap-che', 'van-phong']);

    await page.getByRole('link', { name: 'Tổng quan' }).click();
    const ranking = page.locator('#ranking tbody tr');
    await ranking.first().waitFor();
    const tc1 = await page.locator('#ranking tbody tr td[data-label="TC1"] summary').allTextContents();
    assert.deepEqual(tc1, ['100,0%', '100,0%'], 'both divisions processed everything online');
    assert.match(await page.locator('#submission-summary').textContent(), /chưa nộp 0 trên 2 phòng/);

    // The same files again: nothing new, nothing changes.
    await page.getByRole('link', { name: 'Hợp nhất' }).click();
    const afterFirst = JSON.stringify(await workspaceOf(page));
    await page.locator('#import-files').setInputFiles([office.path, legal.path]);
    await page.locator('#import-preview tr.accepted').nth(1).waitFor();
    const outcomes = await page.locator('#import-preview td.outcome').allTextContents();
    assert.deepEqual(outcomes, ['Không có gì mới', 'Không có gì mới']);
    await page.locator('#apply-import').click();
    await page.getByText('Đã hợp nhất 2 tệp.', { exact: false }).waitFor();
    assert.equal(JSON.stringify(await workspaceOf(page)), afterFirst);

    // And the last import can be undone, after a reload too.
    await page.reload();
    await appReady(page);
    await page.locator('#undo-import').click();
    await page.getByText(/Đã hoàn tác lần nhập 2 tệp lúc \d\d\/\d\d\/\d{4} \d\d:\d\d\./).waitFor();
    assert.equal(JSON.stringify(await workspaceOf(page)), afterFirst);
  });

  // The worker merges into the workspace it checked the files against only
  // while the page's is unchanged: a change in between, here another tab's
  // save taken by this one, is sent along and kept.
  test('a change another tab saves between the check and “Hợp nhất” is kept with the merged file', async () => {
    await page.goto(`${site.url}#/thiet-lap`);
    await appReady(page);
    const campaign = await download(page, '#export-campaign');
    const office = await divisionExports(campaign.path, 0, 40);

    await page.goto(`${site.url}#/hop-nhat`);
    await appReady(page);
    await page.locator('#import-files').setInputFiles([office.path]);
    await page.locator('#import-preview tr.accepted').first().waitFor();

    const other = await page.context().newPage();
    await other.goto(`${site.url}#/nhap-lieu`);
    await appReady(other);
    await other.locator('#unit-picker').selectOption({ index: 1 });
    const cell = other.locator('#daily-grid input[data-row="0"][data-col="0"]');
    await cell.fill('9');
    await cell.press('Enter');
    await other.waitForFunction(() => localStorage.getItem('thidua/v2/workspace').includes('"docs_received":9'));
    await page.getByText('Đã cập nhật dữ liệu mới do một thẻ khác lưu.').waitFor();
    await other.close();

    await page.locator('#apply-import').click();
    await page.getByText('Đã hợp nhất 1 tệp.', { exact: false }).waitFor();
    const merged = await workspaceOf(page);
    assert.deepEqual(merged.daily_reports.map((r) => r.counts.docs_received).sort((a, b) => a - b), [9, 40]);
  });

  test('every hostile file is refused with its message and storage stays byte-identical', async () => {
    await loadSample(page, site);
    await page.goto(`${site.url}#/hop-nhat`);
    await appReady(page);
    const before = await stored(page);

    const dir = `${FIXTURES}hostile/`;
    const expected = JSON.parse(readFileSync(`${dir}expected.json`, 'utf8'));
    const names = readdirSync(dir).filter((n) => n in expected).sort();
    // Plus a file far over the size limit.
    const oversize = join(downloads, 'qua-lon.json');
    writeFileSync(oversize, Buffer.alloc(65 * 1024 * 1024, 32));
    await page.locator('#import-files').setInputFiles([...names.map((n) => dir + n), oversize]);
    const rows = page.locator('#import-preview tbody tr');
    await rows.nth(names.length).waitFor({ timeout: 60_000 });
    for (const name of names) {
      const row = page.locator('#import-preview tbody tr', { has: page.locator(`th:text-is("${name}")`) });
      if (expected[name] === null) {
        assert.equal(await row.getAttribute('class'), 'accepted', name);
        if (name.startsWith('old-format')) {
          // Accepted, but the preview says its export time is not protected.
          assert.match(await row.textContent(), /định dạng cũ \(phiên bản 1\)/, name);
        }
      } else {
        const reason = await row.locator('td.reason').textContent();
        assert.ok(reason.includes(expected[name]), `${name}: ${reason}`);
      }
    }
    const big = page.locator('#import-preview tbody tr', { has: page.locator('th:text-is("qua-lon.json")') });
    assert.match(await big.locator('td.reason').textContent(), /Tệp quá lớn/);
    assert.equal(await stored(page), before, 'nothing changed while previewing');

    // Cancelling leaves everything as it was; applying takes only the good file.
    await page.getByRole('button', { name: 'Hủy' }).click();
    assert.equal(await stored(page), before);
    await page.locator('#import-files').setInputFiles([`${dir}markup-in-names.json`, `${dir}tampered-digest.json`]);
    await page.locator('#import-preview tr.rejected').waitFor();
    await page.locator('#apply-import').click();
    await page.getByText('Đã hợp nhất 1 tệp.', { exact: false }).waitFor();

    // Markup in names arrives as text.
    await page.getByRole('link', { name: 'Tổng quan' }).click();
    await page.locator('#officer-unit').selectOption({ label: 'Phòng Pháp chế' });
    await page.locator('#officer-ranking th', { hasText: '<script>window.pwned=1</script>' }).waitFor();
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    assert.equal(await page.locator('#officer-ranking img').count(), 0);
  });

  test('files dropped on the drop zone are checked like picked ones', async () => {
    await loadSample(page, site);
    await page.goto(`${site.url}#/hop-nhat`);
    await appReady(page);
    const texts = ['thidua-van-phong.json', 'hostile/truncated.json'].map((name) => [
      name.replace('hostile/', ''),
      readFileSync(FIXTURES + name, 'utf8'),
    ]);
    // A real DataTransfer holding real File objects, as the browser builds for a drop.
    const transfer = await page.evaluateHandle((files) => {
      const data = new DataTransfer();
      for (const [name, text] of files) data.items.add(new File([text], name, { type: 'application/json' }));
      return data;
    }, texts);
    await page.dispatchEvent('.drop-zone', 'dragover', { dataTransfer: transfer });
    await page.dispatchEvent('.drop-zone', 'drop', { dataTransfer: transfer });
    await page.locator('#import-preview tbody tr').nth(1).waitFor();
    assert.equal(await page.locator('#import-preview tr.accepted').count(), 1);
    assert.match(await page.locator('#import-preview tr.rejected td.reason').textContent(), /bị cắt dở/);
  });

  test('the files are read in a worker with a progress bar, and Hủy leaves storage byte-identical', async () => {
    await loadSample(page, site);
    await page.goto(`${site.url}#/hop-nhat`);
    await appReady(page);
    const before = await stored(page);
    // Ten files of 40 MB each: valid JSON the pipeline must scan to the end
    // before it can refuse them, so the reading takes seconds.
    const big = `{"ghi_chu":[${'0,'.repeat(20 * 1024 * 1024 - 1)}0]}`;
    const paths = Array.from({ length: 10 }, (_, i) => {
      const path = join(downloads, `lon-${i}.json`);
      writeFileSync(path, big);
      return path;
    });
    const workers = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.locator('#import-files').setInputFiles(paths);
    const progress = page.locator('#import-progress');
    await progress.waitFor();
    await page.getByText(/Đã đọc và kiểm tra \d+\/10 tệp \([\d,]+\/400,0 MB\)/).waitFor();
    assert.ok(workers.some((url) => url.endsWith('/thidua-import_loader.js')), `import worker started: ${workers}`);
    await page.locator('#cancel-import').click();
    await page.getByText('Đã hủy lần nhập; dữ liệu không thay đổi.').waitFor();
    assert.equal(await page.locator('#import-progress').count(), 0);
    assert.equal(await page.locator('#import-preview').count(), 0, 'no preview after cancelling');
    assert.equal(await stored(page), before, 'cancelling changes nothing');
  });

  test('a conflict is shown with a choice, and the choice made is what gets stored', async () => {
    await loadSample(page, site);
    await page.goto(`${site.url}#/hop-nhat`);
    await appReady(page);
    // The Office's file with an officer renamed at the same revision: the
    // same record in two versions. Sealed again as the app seals (SHA-256
    // over the envelope's exact bytes), so only the conflict is left.
    const file = JSON.parse(readFileSync(`${FIXTURES}thidua-van-phong.json`, 'utf8'));
    const officer = file.envelope.payload.officers[0];
    const storedName = (await workspaceOf(page)).campaign.officers.find((o) => o.id === officer.id).name;
    officer.name = 'Tên <i>đã đổi</i>';
    const envelope = JSON.stringify(file.envelope);
    const sha = createHash('sha256').update(envelope).digest('hex');
    const path = join(downloads, 'xung-dot.json');
    writeFileSync(path, `{"format":"thidua-export","schema_version":2,"envelope_sha256":"${sha}","envelope":${envelope}}`);
    await page.locator('#import-files').setInputFiles(path);
    await page.locator('#conflicts li').waitFor();
    assert.match(await page.locator('#conflicts li').textContent(), /Cán bộ .*Tên <i>đã đổi<\/i>/);
    // Whichever version is the provisional winner, choose the other one.
    const local = page.getByRole('radio', { name: /Giữ bản đang có/ });
    const incoming = page.getByRole('radio', { name: /Lấy bản trong tệp/ });
    const keepLocal = await incoming.isChecked();
    await (keepLocal ? local : incoming).check();
    await page.locator('#apply-import').click();
    await page.getByText('Đã hợp nhất 1 tệp.', { exact: false }).waitFor();
    const merged = (await workspaceOf(page)).campaign.officers.find((o) => o.id === officer.id);
    assert.equal(merged.name, keepLocal ? storedName : 'Tên <i>đã đổi</i>');
    assert.equal(merged.meta.rev, 2, 'a choice against the provisional winner raises the revision');
  });

  test('an officer removed in a division is removed at the Legal Division too', async () => {
    await loadSample(page, site);
    // The division's browser holds the same sample (same campaign) and removes an officer.
    const division = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const p = await division.newPage();
    await loadSample(p, site);
    await p.goto(`${site.url}#/nhap-lieu`);
    await appReady(p);
    const rows = p.locator('tr.officer-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 10);
    const name = await rows.first().locator('input').first().inputValue();
    p.once('dialog', (dialog) => dialog.accept());
    await rows.first().getByRole('button', { name: 'Xóa' }).click();
    await p.waitForFunction(() => document.querySelectorAll('tr.officer-row').length === 9);
    const file = await download(p, '#export-unit');
    await division.close();
    const exported = JSON.parse(readFileSync(file.path, 'utf8'));
    const tombstone = exported.envelope.payload.officers.find((o) => o.name === name);
    assert.equal(tombstone.meta.deleted, true, 'the removal travels as a tombstone');

    await page.goto(`${site.url}#/hop-nhat`);
    await appReady(page);
    await page.locator('#import-files').setInputFiles(file.path);
    await page.locator('#import-preview tr.accepted').waitFor();
    assert.equal(await page.locator('#import-preview tr.accepted td').nth(3).textContent(), '1', 'one record updated');
    await page.locator('#apply-import').click();
    await page.getByText('Đã hợp nhất 1 tệp.', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Tổng quan' }).click();
    await page.locator('#officer-ranking tbody tr').first().waitFor();
    assert.match(await page.locator('.toolbar .hint').textContent(), /^79 cán bộ, công chức$/);
  });
});

describe('the submissions of many divisions', () => {
  test('Hợp nhất lists a province-sized list of divisions a page at a time', async () => {
    await loadSample(page, site);
    // 250 divisions, as a consolidating office above several departments has.
    await page.evaluate(() => {
      const value = JSON.parse(localStorage.getItem('thidua/v2/workspace'));
      const { units } = value.workspace.campaign;
      for (let n = 1; units.length < 250; n += 1) units.push({ id: `them-${n}`, name: `Đơn vị thêm ${n}`, head: '' });
      value.generation += 1;
      localStorage.setItem('thidua/v2/workspace', JSON.stringify(value));
      localStorage.setItem('thidua/v2/generation', String(value.generation));
    });
    await page.goto(`${site.url}#/hop-nhat`);
    await page.reload();
    await appReady(page);
    const rows = page.locator('#submissions tbody tr');
    await rows.first().waitFor();
    assert.match(await page.locator('#submission-summary').textContent(), /chưa nộp 250 trên 250 phòng/);
    assert.equal(await rows.count(), 100);
    const more = page.locator('#submission-more');
    assert.equal(await more.textContent(), 'Xem thêm (150 phòng nữa)');
    await more.click();
    await page.waitForFunction(() => document.querySelectorAll('#submissions tbody tr').length === 200);
    assert.equal(await more.textContent(), 'Xem thêm (50 phòng nữa)');
    await more.click();
    await page.waitForFunction(() => document.querySelectorAll('#submissions tbody tr').length === 250);
    assert.equal(await more.count(), 0, 'all shown, no button');
    assert.equal(await rows.last().locator('th').textContent(), 'Đơn vị thêm 242');
  });

  test('a pick of many files previews the first hundred and every file that needs a look', async () => {
    await loadSample(page, site);
    await page.goto(`${site.url}#/nhap-lieu`);
    await appReady(page);
    const file = readFileSync((await download(page, '#export-unit')).path);
    await page.goto(`${site.url}#/hop-nhat`);
    await appReady(page);
    const files = Array.from({ length: 130 }, (_, n) => ({ name: `phong-${n}.json`, mimeType: 'application/json', buffer: file }));
    files.push({ name: 'cat-do.json', mimeType: 'application/json', buffer: file.subarray(0, 200) });
    await page.locator('#import-files').setInputFiles(files);
    await page.locator('#import-preview tr.rejected').waitFor();
    // The first hundred rows; the other 30 are not even in the page yet.
    const accepted = page.locator('#import-preview tr.accepted');
    assert.equal(await accepted.count(), 100);
    const folded = page.locator('#import-preview tr.folded');
    assert.equal(await folded.count(), 1, 'one run of folded rows, before the refused file');
    assert.equal(await folded.isVisible(), false);
    assert.ok(await page.locator('#import-preview tr.rejected').isVisible(), 'a refused file is never folded');
    assert.equal(await page.locator('#apply-import').textContent(), 'Hợp nhất 130 tệp hợp lệ');
    const more = page.locator('#preview-more');
    assert.equal(await more.textContent(), 'Xem cả 30 tệp hợp lệ còn lại');
    await more.click();
    await page.waitForFunction(() => document.querySelectorAll('#import-preview tr.accepted').length === 130);
    assert.equal(await folded.count(), 0);
    assert.equal(await more.isVisible(), false);
    const names = await page.locator('#import-preview tbody th').allTextContents();
    assert.deepEqual(names.slice(99, 102), ['phong-99.json', 'phong-100.json', 'phong-101.json'], 'in the order picked');
    assert.equal(names.at(-1), 'cat-do.json');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'phong-100.json');
  });
});
