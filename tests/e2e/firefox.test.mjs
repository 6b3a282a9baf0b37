// A smoke run in Firefox ESR (Debian's firefox-esr, driven by geckodriver
// through selenium-webdriver; Playwright drives only its own Firefox build):
// open the app, enter a day, reload, export the division's file through a
// real download, import it on Hợp nhất (the import worker), and download a
// backup and preview its restore. The rest of the end-to-end suite runs in
// Chromium; the storage tests run in both browsers (tests/browser.rs).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Builder, By, Key, until } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import { serveDist } from './browser.mjs';

const GECKODRIVER = process.env.GECKODRIVER ?? execFileSync('sh', ['-c', 'command -v geckodriver']).toString().trim();
const downloads = mkdtempSync(join(tmpdir(), 'thidua-firefox-'));
let site;
let driver;

before(async () => {
  site = await serveDist();
  const options = new firefox.Options()
    .setBinary(process.env.FIREFOX ?? '/usr/bin/firefox-esr')
    .addArguments('-headless')
    .setPreference('browser.download.folderList', 2)
    .setPreference('browser.download.dir', downloads)
    .setPreference('browser.download.useDownloadDir', true)
    .setPreference('browser.download.always_ask_before_handling_new_types', false)
    .setPreference('browser.helperApps.neverAsk.saveToDisk', 'application/json')
    .setPreference('intl.locale.requested', 'vi-VN');
  driver = await new Builder()
    .forBrowser('firefox')
    .setFirefoxOptions(options)
    .setFirefoxService(new firefox.ServiceBuilder(GECKODRIVER))
    .build();
});

after(async () => {
  await driver?.quit();
  await site?.close();
});

const find = (css) => driver.wait(until.elementLocated(By.css(css)), 30_000);
const cell = (row, col) => find(`#daily-grid input[data-row="${row}"][data-col="${col}"]`);
const textOf = async (css) => (await find(css)).getText();
const waitForText = (text) =>
  driver.wait(async () => (await driver.findElement(By.css('body')).getText()).includes(text), 30_000, `“${text}”`);
const stored = () =>
  driver.executeScript("return JSON.parse(localStorage.getItem('thidua/v2/workspace')).workspace");

// Firefox creates the target file empty at once and writes the bytes into a
// `.part` file beside it, renaming it over the target when done: a file that
// merely exists may still be empty (CI read one so). Wait until no `.part`
// remains and the file parses.
async function downloaded(prefix) {
  let found;
  await driver.wait(() => {
    const names = readdirSync(downloads);
    if (names.some((name) => name.endsWith('.part'))) return false;
    found = names.find((name) => name.startsWith(prefix) && name.endsWith('.json'));
    if (found === undefined) return false;
    try {
      JSON.parse(readFileSync(join(downloads, found), 'utf8'));
      return true;
    } catch {
      return false;
    }
  }, 30_000, `a downloaded, complete ${prefix}….json`);
  return join(downloads, found);
}

describe('Firefox ESR', () => {
  test('open, enter a day, reload, export, import, back up', async () => {
    await driver.get(`${site.url}#/nhap-lieu`);
    await (await cell(0, 0)).sendKeys('12', Key.ENTER);
    await waitForText('Đã lưu trong trình duyệt lúc');

    await driver.navigate().refresh();
    assert.equal(await (await cell(0, 0)).getAttribute('value'), '12', 'the day is there after a reload');
    const workspace = await stored();
    assert.deepEqual(workspace.daily_reports.map((r) => r.counts.docs_received), [12]);

    await (await find('#export-unit')).click();
    const exported = await downloaded('thidua-');
    const file = JSON.parse(readFileSync(exported, 'utf8'));
    assert.equal(file.format, 'thidua-export');
    assert.equal(file.envelope.payload.daily_reports[0].counts.docs_received, 12);

    // The import worker reads the file in Firefox too.
    await driver.get(`${site.url}#/hop-nhat`);
    await (await find('#import-files')).sendKeys(exported);
    await find('#import-preview tr.accepted');
    assert.equal(await textOf('#import-preview td.outcome'), 'Không có gì mới');
    await (await find('#apply-import')).click();
    await waitForText('Đã hợp nhất 1 tệp.');

    // Firefox has no File System Access: Thiết lập says so; the downloaded backup previews.
    await driver.get(`${site.url}#/thiet-lap`);
    assert.match(await textOf('#auto-backup-state'), /không cho ứng dụng tự ghi vào một tệp/);
    await (await find('#download-backup')).click();
    const backup = await downloaded('thidua-sao-luu-');
    assert.equal(JSON.parse(readFileSync(backup, 'utf8')).format, 'thidua-backup');
    await (await find('#restore-backup')).sendKeys(backup);
    assert.match(await textOf('#restore-preview'), /mã kiểm tra SHA-256 khớp/);
  });
});
