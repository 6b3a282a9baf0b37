// The site served over plain HTTP from an intranet host name, as a
// department's own web server would: not a secure origin, so the browser
// withholds crypto.randomUUID, navigator.storage and service workers. The
// first visit and every “add” must still work. Serving from 127.0.0.1 could
// not show this — browsers treat loopback as secure — so Chromium resolves a
// made-up host name to the local server instead.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appReady, launchChromium, openPage, serveDist } from './browser.mjs';

const HOST = 'thidua.so-dttg.intranet';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let browser;
let site;
let url;
before(async () => {
  browser = await launchChromium([
    `--host-resolver-rules=MAP ${HOST} 127.0.0.1`,
    // Stay on http://: no attempt at an https:// upgrade first.
    '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable',
  ]);
  site = await serveDist();
  url = site.url.replace('127.0.0.1', HOST);
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const stored = (page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem('thidua/v2/workspace')).workspace);

describe('a plain-HTTP intranet host', () => {
  test('the first visit, a new division, officer and initiative work without a secure origin', async () => {
    const errors = [];
    const { context, page } = await openPage(browser, errors);
    await page.goto(`${url}#/thiet-lap`);
    await appReady(page);
    const origin = await page.evaluate(() => ({
      secure: window.isSecureContext,
      randomUUID: typeof crypto.randomUUID,
      storage: typeof navigator.storage,
      serviceWorker: 'serviceWorker' in navigator,
    }));
    assert.deepEqual(origin, { secure: false, randomUUID: 'undefined', storage: 'undefined', serviceWorker: false });

    await page.locator('#new-unit-name').fill('Phòng Thử nghiệm');
    await page.getByRole('button', { name: 'Thêm phòng' }).click();
    await page.waitForFunction(() => localStorage.getItem('thidua/v2/workspace')?.includes('Phòng Thử nghiệm'));

    await page.getByRole('link', { name: 'Nhập liệu' }).click();
    await page.locator('#new-officer-name').fill('Nguyễn Văn An');
    await page.locator('#new-officer-position').fill('Chuyên viên');
    await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
    await page.locator('#initiative-title').fill('Sổ công văn điện tử');
    await page.locator('#initiative-date').fill('30/07/2025');
    await page.getByRole('button', { name: 'Thêm sáng kiến' }).click();
    await page.locator('li.initiative').getByText('Sổ công văn điện tử').waitFor();

    const workspace = await stored(page);
    assert.match(workspace.campaign.id, UUID);
    const unit = workspace.campaign.units.find((u) => u.name === 'Phòng Thử nghiệm');
    assert.match(unit.id, UUID);
    assert.match(workspace.campaign.officers.at(-1).id, UUID);
    assert.match(workspace.initiatives.at(-1).meta.id, UUID);
    const ids = [workspace.campaign.id, unit.id, workspace.campaign.officers.at(-1).id, workspace.initiatives.at(-1).meta.id];
    assert.equal(new Set(ids).size, ids.length);
    await context.close();
    assert.deepEqual(errors, [], 'the page logged errors');
  });
});
