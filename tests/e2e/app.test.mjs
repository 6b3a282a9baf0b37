// The app shell in a real Chromium against the built static site: routes
// deep-link and survive reloads, the campaign survives reloads, deadlines
// count down from the browser's today.
import { after, before, beforeEach, afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appReady, browserSession, serveDist } from './browser.mjs';

const ROUTES = [
  ['#/tong-quan', 'Tổng quan'],
  ['#/nhap-lieu', 'Nhập liệu'],
  ['#/hop-nhat', 'Hợp nhất'],
  ['#/bao-cao', 'Báo cáo'],
  ['#/thiet-lap', 'Thiết lập'],
  ['#/huong-dan', 'Hướng dẫn'],
];

const session = browserSession({ before, after, beforeEach, afterEach, assert });
let site;
let page;
beforeEach(() => ({ site, page } = session));

const activeMenu = () => page.locator('nav.menu a.active').textContent();

describe('routes', () => {
  test('every route deep-links and survives a reload', async () => {
    for (const [hash, label] of ROUTES) {
      await page.goto(site.url + hash);
      await appReady(page);
      assert.equal(await activeMenu(), label, `${hash} opens ${label}`);
      await page.reload();
      await appReady(page);
      assert.equal(await activeMenu(), label, `${hash} still ${label} after reload`);
      assert.equal(new URL(page.url()).hash, hash);
    }
  });

  test('the menu navigates and the back button returns', async () => {
    await page.goto(site.url);
    await appReady(page);
    assert.equal(await activeMenu(), 'Tổng quan');
    await page.getByRole('link', { name: 'Hướng dẫn' }).click();
    await page.getByRole('heading', { name: 'Hướng dẫn sử dụng' }).waitFor();
    assert.equal(new URL(page.url()).hash, '#/huong-dan');
    // The evaluation rules, in Vietnamese, where a civil servant can read them.
    await page.getByRole('heading', { name: 'Cách đánh giá' }).waitFor();
    const guide = await page.locator('article').textContent();
    assert.match(guide, /Hoàn thành xuất sắc: từ 95,0 điểm/);
    assert.match(guide, /trang in cho văn bản mật, hồ sơ khen thưởng cấp nhà nước không tính/);
    assert.doesNotMatch(guide, /docs\//);
    await page.goBack();
    await page.locator('#campaign-title').waitFor();
    assert.equal(await activeMenu(), 'Tổng quan');
  });

  test('a screen whose piece cannot be fetched says so in Vietnamese, and the rest goes on', async () => {
    // The other screens are fetched on first opening (src/screens.rs); here
    // Thiết lập's piece never arrives, as on a first visit without network.
    await page.route(/\/split_setup\.wasm$/, (route) => route.abort('internetdisconnected'));
    await page.goto(`${site.url}#/thiet-lap`);
    await appReady(page);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /Không mở được màn hình này.*kết nối mạng/);
    assert.equal(await page.locator('main h1').count(), 0);
    await page.locator('nav.menu a', { hasText: 'Nhập liệu' }).click();
    await page.locator('main h1', { hasText: 'Nhập liệu' }).waitFor();
    // The failed fetch is on the console; nothing else may be.
    const expected = (error) => /split_setup\.wasm|Failed to fetch|failed to load|ERR_INTERNET_DISCONNECTED/i.test(error);
    assert.ok(session.errors.length > 0 && session.errors.every(expected), session.errors.join('\n'));
    session.errors.length = 0;
  });

  test('stored data whose decoder cannot be fetched is left exactly as it was, and says so', async () => {
    // The stored workspace's reader is a piece of its own (src/decoder.rs),
    // fetched only when storage holds a workspace; here it never arrives.
    await page.goto(site.url);
    await appReady(page);
    const stored = () => page.evaluate(() => ({ ...localStorage }));
    const before = await stored();
    assert.ok(before['thidua/v2/workspace'], 'the first visit stored the template');
    await page.route(/\/split_decoder\.wasm$/, (route) => route.abort('internetdisconnected'));
    await page.reload();
    const missing = page.locator('#decoder-missing');
    await missing.waitFor();
    assert.match(await missing.textContent(), /Chưa mở được dữ liệu đã lưu.*vẫn nguyên trong trình duyệt.*tải lại trang/);
    assert.equal(await page.locator('nav.menu').count(), 0, 'no app, so nothing that could save');
    assert.deepEqual(await stored(), before);
    await page.unroute(/\/split_decoder\.wasm$/);
    await page.reload();
    await appReady(page);
    assert.equal(await page.locator('#working-days').textContent(), '24');
    assert.deepEqual(await stored(), before, 'read back, nothing rewritten');
    const expected = (error) => /split_decoder\.wasm|Failed to fetch|failed to load|ERR_INTERNET_DISCONNECTED/i.test(error);
    assert.ok(session.errors.length > 0 && session.errors.every(expected), session.errors.join('\n'));
    session.errors.length = 0;
  });

  test('an unknown route falls back to the dashboard', async () => {
    await page.goto(`${site.url}#/khong-ton-tai`);
    await appReady(page);
    assert.equal(await activeMenu(), 'Tổng quan');
  });
});

describe('campaign storage', () => {
  test('the template campaign is stored on the first visit', async () => {
    await page.goto(site.url);
    await appReady(page);
    const stored = await page.evaluate(() => localStorage.getItem('thidua/v2/workspace'));
    const { generation, workspace } = JSON.parse(stored);
    assert.equal(generation, 1);
    assert.equal(workspace.schema_version, 1);
    assert.match(workspace.campaign.id, /^[0-9a-f-]{36}$/);
    assert.equal(workspace.campaign.criteria.length, 5);
    assert.equal(await page.locator('#working-days').textContent(), '24');
  });

  test('an edited campaign is there after a reload, with the same id', async () => {
    await page.goto(`${site.url}#/thiet-lap`);
    await appReady(page);
    const before = JSON.parse(await page.evaluate(() => localStorage.getItem('thidua/v2/workspace'))).workspace;
    const title = 'Phong trào thử nghiệm <b>không in giấy</b> 2025';
    await page.locator('#campaign-title-input').fill(title);
    await page.reload();
    await appReady(page);
    assert.equal(await page.locator('#campaign-title-input').inputValue(), title);
    await page.getByRole('link', { name: 'Tổng quan' }).click();
    // Shown as text, never as markup.
    assert.equal(await page.locator('#campaign-title').textContent(), title);
    assert.equal(await page.locator('#campaign-title b').count(), 0);
    const afterReload = JSON.parse(await page.evaluate(() => localStorage.getItem('thidua/v2/workspace'))).workspace;
    assert.equal(afterReload.campaign.id, before.campaign.id);
  });

  test('a damaged store is kept aside and reported in Vietnamese', async () => {
    await page.goto(site.url);
    await appReady(page);
    await page.evaluate(() => localStorage.setItem('thidua/v2/workspace', '{"generation":1,'));
    await page.reload();
    await appReady(page);
    const alert = await page.getByRole('alert').textContent();
    assert.match(alert, /không dùng được/);
    const kept = await page.evaluate(() => localStorage.getItem('thidua/v2/workspace.unreadable'));
    assert.equal(kept, '{"generation":1,');
  });
});

describe('deadlines', () => {
  const countdowns = () => page.locator('.deadline .countdown').allTextContents();

  test('three days before the division deadline', async () => {
    await page.clock.setFixedTime(new Date('2025-08-14T09:00:00+07:00'));
    await page.goto(site.url);
    await appReady(page);
    assert.deepEqual(await countdowns(), ['Còn 3 ngày', 'Còn 5 ngày', 'Còn 5 ngày']);
    assert.match(await page.locator('.phase').textContent(), /ngày thứ 31\/32/);
  });

  test('on the last day and after it', async () => {
    await page.clock.setFixedTime(new Date('2025-08-17T09:00:00+07:00'));
    await page.goto(site.url);
    await appReady(page);
    assert.deepEqual(await countdowns(), ['Hôm nay là ngày cuối cùng', 'Còn 2 ngày', 'Còn 2 ngày']);

    await page.clock.setFixedTime(new Date('2026-11-27T09:00:00+07:00'));
    await page.reload();
    await appReady(page);
    assert.deepEqual(await countdowns(), [
      'Đã quá hạn 467 ngày',
      'Đã quá hạn 465 ngày',
      'Đã quá hạn 465 ngày',
    ]);
    assert.match(await page.locator('.phase').textContent(), /Đã kết thúc 469 ngày trước/);
  });
});

describe('hosting', () => {
  test('the site works under a sub-path', async () => {
    const nested = await serveDist({ prefix: '/thidua/' });
    try {
      await page.goto(`${nested.url}#/bao-cao`);
      await appReady(page);
      assert.equal(await activeMenu(), 'Báo cáo');
      // The document comes from the export worker, which loads under the sub-path too.
      await page.locator('#report-criteria tbody tr').nth(4).waitFor();
      assert.equal(await page.locator('#report-criteria tbody tr').count(), 5);
    } finally {
      await nested.close();
    }
  });
});
