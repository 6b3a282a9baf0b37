// Sao lưu và khôi phục in a real Chromium: a backup downloaded in one
// browser restores in a fresh one through its preview, the restore is undone
// after a reload, the automatic backup file is written after every save
// (and asks again for permission as after a restart), hostile backups are
// refused in Vietnamese with storage byte-identical, and the reminder shows
// after the days set in Thiết lập.
import { after, before, beforeEach, afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appReady, browserSession, loadSample, openPage, saveDownload } from './browser.mjs';

const session = browserSession({ before, after, beforeEach, afterEach, assert, contextOptions: { acceptDownloads: true } });
let browser;
let site;
let page;
let context;
let errors;
beforeEach(() => ({ browser, site, page, context, errors } = session));

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
const files = mkdtempSync(join(tmpdir(), 'thidua-backup-'));
const storedRaw = (p) => p.evaluate(() => localStorage.getItem('thidua/v2/workspace'));
const stored = async (p) => JSON.parse(await storedRaw(p)).workspace;
const cell = (p, row, col) => p.locator(`#daily-grid input[data-row="${row}"][data-col="${col}"]`);

async function openSetup(p) {
  await p.goto(`${site.url}#/thiet-lap`);
  await appReady(p);
  await p.locator('#download-backup').waitFor();
}

async function downloadBackup(p, button = '#download-backup') {
  const { path, name } = await saveDownload(p, button, files);
  assert.match(name, /^thidua-sao-luu-\d{4}-\d{2}-\d{2}\.json$/);
  return path;
}

/** A second browser: its own storage, as on another machine. */
async function freshBrowser() {
  const other = await openPage(browser, errors, { acceptDownloads: true });
  await openSetup(other.page);
  return other;
}

describe('backup and restore', () => {
  test('a backup restores in another browser through its preview, and the restore is undone after a reload', async () => {
    await loadSample(page, site);
    await openSetup(page);
    const path = await downloadBackup(page);
    assert.match(await page.locator('#last-kept').textContent(), /tải bản sao lưu lúc/);
    const file = JSON.parse(readFileSync(path, 'utf8'));
    assert.equal(file.format, 'thidua-backup');
    assert.match(file.backup_sha256, /^[0-9a-f]{64}$/);
    assert.deepEqual(file.backup.workspace, await stored(page), 'the backup holds the whole workspace');

    const other = await freshBrowser();
    await other.page.locator('#campaign-title-input').fill('Phong trào của máy mới');
    await other.page.getByText(/Đã lưu trong trình duyệt lúc/).waitFor();
    const before = await storedRaw(other.page);

    await other.page.locator('#restore-backup').setInputFiles(path);
    const preview = other.page.locator('#restore-preview');
    await preview.waitFor();
    const text = await preview.textContent();
    assert.match(text, /8 phòng/);
    assert.match(text, /mã kiểm tra SHA-256 khớp/);
    await preview.getByRole('button', { name: 'Hủy' }).click();
    assert.equal(await storedRaw(other.page), before, 'Hủy changes nothing');

    await other.page.locator('#restore-backup').setInputFiles(path);
    await other.page.locator('#apply-restore').click();
    await other.page.getByText('Đã khôi phục dữ liệu từ bản sao lưu.', { exact: false }).waitFor();
    await other.page.waitForFunction(() => localStorage.getItem('thidua/v2/workspace').includes('DỮ LIỆU MẪU'));
    assert.deepEqual(await stored(other.page), file.backup.workspace, 'restored exactly');

    // The undo is kept in IndexedDB: it survives a reload.
    await other.page.reload();
    await appReady(other.page);
    const undo = other.page.locator('#undo-restore');
    assert.match(await undo.textContent(), /^Hoàn tác lần khôi phục bản sao lưu lúc \d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    await undo.click();
    await other.page.getByText(/Đã hoàn tác lần khôi phục bản sao lưu/).waitFor();
    await other.page.waitForFunction(() => localStorage.getItem('thidua/v2/workspace').includes('máy mới'));
    assert.deepEqual(await stored(other.page), JSON.parse(before).workspace, 'the workspace before the restore is back');
    assert.equal(await undo.count(), 0, 'nothing more to undo');
    await other.context.close();
  });

  test('every hostile backup is refused with its reason and storage stays byte-identical', async () => {
    await loadSample(page, site);
    await openSetup(page);
    const dir = `${FIXTURES}backup/hostile/`;
    const expected = JSON.parse(readFileSync(`${dir}expected.json`, 'utf8'));
    const markupName = join(files, '<i>ten.json');
    writeFileSync(markupName, '<script>alert(1)</script>');
    const png = join(files, 'anh.png');
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const cases = [
      ...Object.entries(expected).map(([name, phrase]) => [dir + name, phrase]),
      [markupName, 'không phải JSON'],
      [png, 'không phải JSON'],
    ];
    assert.ok(cases.length >= 14);
    const before = await storedRaw(page);
    for (const [path, phrase] of cases) {
      const name = path.split('/').pop();
      await page.locator('#restore-backup').setInputFiles(path);
      if (phrase === null) {
        // Restorable: previewed, escaped, and nothing changes until “Khôi phục”.
        const preview = page.locator('#restore-preview');
        await preview.waitFor();
        assert.equal(await preview.locator('img').count(), 0, `${name}: markup stays text`);
        await preview.getByRole('button', { name: 'Hủy' }).click();
      } else {
        const message = page.locator('.status-message.error', { hasText: `Tệp “${name}”` });
        await message.waitFor();
        assert.ok((await message.textContent()).includes(phrase), `${name}: ${await message.textContent()}`);
        assert.equal(await page.locator('#restore-preview').count(), 0, name);
      }
      assert.equal(await storedRaw(page), before, `${name} leaves storage byte-identical`);
    }
    assert.equal(await page.locator('i').filter({ hasText: 'ten' }).count(), 0, 'a name stays text');
  });

  test('the backup file is written after every save, asks again after a restart, and restores elsewhere', async () => {
    // Headless Chromium cannot show the native save dialog: the picker is
    // answered with a real file handle of the origin-private file system,
    // and the permission check made to answer as after a restart when the
    // test says so. Everything else — IndexedDB, createWritable — is real.
    await context.addInitScript(() => {
      window.showSaveFilePicker = async ({ suggestedName }) =>
        (await navigator.storage.getDirectory()).getFileHandle(suggestedName, { create: true });
      const query = FileSystemHandle.prototype.queryPermission;
      FileSystemHandle.prototype.queryPermission = function (options) {
        return sessionStorage.getItem('test/restarted') ? Promise.resolve('prompt') : query.call(this, options);
      };
      FileSystemHandle.prototype.requestPermission = function () {
        sessionStorage.removeItem('test/restarted');
        return Promise.resolve('granted');
      };
    });
    // The file as a reader sees it between writes. Chromium writes through a
    // swap file beside it (a `.crswap`, listed too) and swaps it in on close:
    // only the `.json` counts, and a read that fails mid-swap (a NotFoundError,
    // seen once in CI) is tried again on the next poll.
    const backupFile = () =>
      page.evaluate(async () => {
        const root = await navigator.storage.getDirectory();
        for await (const [name, handle] of root.entries()) {
          if (!/^thidua-sao-luu-.*\.json$/.test(name)) continue;
          try {
            return await (await handle.getFile()).text();
          } catch {
            return null;
          }
        }
        return null;
      });
    const receivedOnDay = async (row) => {
      const text = await backupFile();
      if (!text) return null;
      const reports = JSON.parse(text).backup.workspace.daily_reports;
      return reports.map((r) => r.counts.docs_received).sort((a, b) => a - b).join(',');
    };
    const waitForFile = async (expected) => {
      for (let i = 0; i < 100 && (await receivedOnDay()) !== expected; i += 1) await page.waitForTimeout(100);
      assert.equal(await receivedOnDay(), expected);
    };

    await openSetup(page);
    await page.locator('#auto-backup-file').click();
    await page.getByText(/Đang tự động sao lưu vào tệp/).waitFor();
    await waitForFile('');
    assert.match(await page.locator('#last-kept').textContent(), /tự động sao lưu vào tệp lúc/);

    await page.goto(`${site.url}#/nhap-lieu`);
    await cell(page, 0, 0).fill('7');
    await cell(page, 0, 0).press('Enter');
    await waitForFile('7');

    // After a restart the browser asks again: a banner says so, and one click writes the newest data.
    await page.evaluate(() => sessionStorage.setItem('test/restarted', '1'));
    await page.reload();
    await appReady(page);
    const banner = page.locator('#backup-file-banner');
    await banner.waitFor();
    assert.match(await banner.textContent(), /cho phép lại/);
    await cell(page, 1, 0).fill('9');
    await cell(page, 1, 0).press('Enter');
    await page.getByText(/Đã lưu trong trình duyệt lúc/).waitFor();
    await banner.getByRole('button', { name: 'Cho phép ghi tiếp' }).click();
    await waitForFile('7,9');
    assert.equal(await banner.count(), 0);

    const path = join(files, 'tu-dong.json');
    writeFileSync(path, await backupFile());
    const other = await freshBrowser();
    await other.page.locator('#restore-backup').setInputFiles(path);
    await other.page.locator('#apply-restore').click();
    await other.page.getByText('Đã khôi phục dữ liệu từ bản sao lưu.', { exact: false }).waitFor();
    // Restored exactly, its change history closed: the new browser writes chains of its own.
    const original = await stored(page);
    const restored = await stored(other.page);
    assert.equal(original.history.own.length, 1, 'the typing was recorded');
    assert.equal(restored.history.own, undefined, 'no chain of the backup is written on');
    delete original.history.own;
    assert.deepEqual(restored, original);
    await other.context.close();
  });

  test('the reminder shows when changes stayed in the browser for the days set, and goes with a backup', async () => {
    const day = 24 * 3600 * 1000;
    const start = Date.now();
    await page.clock.setFixedTime(start);
    await openSetup(page);
    await page.locator('#reminder-days').fill('5');
    await page.locator('#reminder-days').press('Tab');
    await page.locator('#reminder-days').fill('0');
    await page.locator('#reminder-days').press('Tab');
    await page.getByText('Số ngày nhắc sao lưu là một số nguyên từ 1 đến 30.').waitFor();
    await page.goto(`${site.url}#/nhap-lieu`);
    await cell(page, 0, 0).fill('4');
    await cell(page, 0, 0).press('Enter');
    await page.getByText(/Đã lưu trong trình duyệt lúc/).waitFor();

    await page.clock.setFixedTime(start + 3 * day);
    await page.reload();
    await appReady(page);
    assert.equal(await page.locator('#backup-reminder').count(), 0, 'three days is fewer than the five set');

    await page.clock.setFixedTime(start + 6 * day);
    await page.reload();
    await appReady(page);
    const reminder = page.locator('#backup-reminder');
    await reminder.waitFor();
    assert.match(await reminder.textContent(), /\(6 ngày\) chỉ nằm trong trình duyệt này/);
    assert.match(await reminder.textContent(), /chưa từng được xuất hay sao lưu/);
    const path = await downloadBackup(page, '#backup-now');
    assert.equal(await reminder.count(), 0, 'the backup ends the reminder');
    const restored = JSON.parse(readFileSync(path, 'utf8')).backup.workspace;
    assert.deepEqual(restored, await stored(page));
  });
});
