// Tổng quan with the department sample: the ranking, its explanations, and
// names that carry markup shown as text.
import { after, before, beforeEach, afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appReady, browserSession, loadSample } from './browser.mjs';

const session = browserSession({ before, after, beforeEach, afterEach, assert });
let site;
let page;
beforeEach(() => ({ site, page } = session));

describe('first visit', () => {
  test('an empty browser gets the start panel, and the sample is one click away', async () => {
    await page.goto(site.url);
    await appReady(page);
    const panel = page.locator('#start-panel');
    await panel.waitFor();
    assert.match(await panel.textContent(), /Phòng Pháp chế, Văn phòng Sở.*Cán bộ nhập liệu của một phòng/s);
    assert.equal(await panel.getByRole('link', { name: 'Nhập liệu' }).count(), 1);
    await panel.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
    await page.locator('#ranking tbody tr').first().waitFor();
    assert.equal(await page.locator('#start-panel').count(), 0, 'gone once there is data');
    await page.reload();
    await page.locator('#ranking tbody tr').first().waitFor();
    assert.equal(await page.locator('#start-panel').count(), 0);
  });
});

describe('ranking', () => {
  test('every division is ranked once and each figure explains itself', async () => {
    await loadSample(page, site);
    await page.getByRole('link', { name: 'Tổng quan' }).click();
    const rows = page.locator('#ranking tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 8);
    const ranks = await page.locator('#ranking tbody tr td:first-child').allTextContents();
    assert.deepEqual(ranks, ['1', '2', '3', '4', '5', '6', '7', '8']);
    const classes = await page.locator('#ranking td.classification').allTextContents();
    for (const label of classes) {
      assert.match(label, /^(Hoàn thành xuất sắc|Hoàn thành tốt|Hoàn thành|Chưa hoàn thành)$/);
    }

    const first = rows.first();
    await first.locator('td').nth(1).locator('summary').click();
    const formula = await first.locator('td').nth(1).locator('details p:not(.provenance)').textContent();
    assert.match(formula, /^TC1: [\d.]+ văn bản đến và hồ sơ công việc xử lý trên mạng \/ [\d.]+ .* = [\d,]+%; chỉ tiêu 100%: (đạt|chưa đạt)\.$/);
    // …and where its counts came from: the sample's are typed.
    const origin = await first.locator('td').nth(1).locator('details p.provenance').textContent();
    assert.match(origin, /^Nguồn số liệu: \d+ ngày, đều nhập tay\.$/);
    await first.locator('td.score summary').click();
    assert.match(await first.locator('td.score details p').textContent(), /^Điểm = \(TC1 /);
    // Paper-free days explain themselves, naming the exempted pages when there are any.
    const paperCell = first.locator('td[data-label="Ngày không in giấy"]');
    await paperCell.locator('summary').click();
    assert.match(
      await paperCell.locator('details p').textContent(),
      /^\d+ ngày không in giấy trên 24 ngày làm việc \(24 ngày có báo cáo\); \d+ tuần làm việc không văn bản giấy\./,
    );
  });

  test('a division named with markup is shown as text', async () => {
    await page.goto(`${site.url}#/thiet-lap`);
    await appReady(page);
    const hostile = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">';
    const name = page.locator('input.unit-name').first();
    await name.fill(hostile);
    await name.press('Tab');
    await page.getByRole('link', { name: 'Tổng quan' }).click();
    await page.locator('#ranking tbody tr').first().waitFor();
    const names = await page.locator('#ranking tbody th').allTextContents();
    assert.ok(names.includes(hostile), names.join(' | '));
    assert.equal(await page.locator('#ranking img').count(), 0);
    assert.equal(await page.evaluate(() => window.pwned), undefined);
  });
});

describe('charts', () => {
  test('the ranking and attainment charts draw every division', async () => {
    await loadSample(page, site);
    await page.getByRole('link', { name: 'Tổng quan' }).click();
    await page.locator('#chart-ranking svg').waitFor();
    // Background plus one bar per division; background plus 8 × 5 cells.
    assert.equal(await page.locator('#chart-ranking svg rect').count(), 9);
    assert.equal(await page.locator('#chart-attainment svg rect').count(), 41);
    const labels = await page.locator('#chart-ranking svg text').allTextContents();
    assert.ok(labels.some((t) => t.trim().startsWith('1. ')), labels.join('|'));
  });

  test('the daily trend and the paper calendar cover every working day', async () => {
    await loadSample(page, site);
    await page.getByRole('link', { name: 'Tổng quan' }).click();
    await page.locator('#chart-trend svg').waitFor();
    // The sample reports every one of the 24 working days: 3 rates a day.
    assert.equal(await page.locator('#chart-trend svg circle').count(), 3 * 24);
    // Background, three legend squares, 8 divisions × 24 days.
    assert.equal(await page.locator('#chart-calendar svg rect').count(), 1 + 3 + 8 * 24);
    // The ranking's paper-free days are the calendar's green squares.
    const freeDays = (await page.locator('#ranking td[data-label="Ngày không in giấy"] summary').allTextContents())
      .reduce((sum, t) => sum + Number(t.trim()), 0);
    const green = await page.locator('#chart-calendar svg rect[fill="#1E7B46"]').count();
    assert.equal(green, freeDays + 1, 'plus the legend square');
  });
});

describe('headline figures and officers', () => {
  test('the department figures explain themselves and match the divisions', async () => {
    await loadSample(page, site);
    await page.getByRole('link', { name: 'Tổng quan' }).click();
    const first = page.locator('#headline .stat').first();
    await first.locator('summary').click();
    assert.match(await first.locator('details p').textContent(), /^Toàn Sở — TC1: [\d.]+ .* \/ [\d.]+ .* = [\d,]+%/);
    assert.equal((await page.locator('#headline .stat').count()), 5 + 2);
  });

  test('officers are ranked across the department, filtered by division, a page at a time', async () => {
    await loadSample(page, site);
    await page.getByRole('link', { name: 'Tổng quan' }).click();
    const rows = page.locator('#officer-ranking tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 20);
    await page.locator('#officer-more').click();
    assert.equal(await rows.count(), 40);

    const unit = page.locator('#officer-unit');
    const unitName = await unit.locator('option').nth(1).textContent();
    await unit.selectOption({ index: 1 });
    await page.waitForFunction(() => document.querySelectorAll('#officer-ranking tbody tr').length === 10);
    const units = await page.locator('#officer-ranking td.unit').allTextContents();
    assert.ok(units.every((name) => name === unitName), units.join('|'));
    const ranks = (await page.locator('#officer-ranking td.rank').allTextContents()).map(Number);
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), 'department ranks, ascending');
    assert.equal(await page.locator('#officer-more').count(), 0, 'all ten shown');
  });

  test('on a phone the ranking reads as cards without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await loadSample(page, site);
    await page.getByRole('link', { name: 'Tổng quan' }).click();
    await page.locator('#ranking tbody tr').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    assert.equal(await page.locator('#ranking thead').isVisible(), false);
    const score = page.locator('#ranking tbody tr').first().locator('td.score');
    await score.locator('summary').click();
    assert.ok(await score.locator('details p').isVisible());
  });
});

describe('proposals', () => {
  test('the sample proposes some under the default rules; the loosest rules propose everyone', async () => {
    await loadSample(page, site);
    await page.getByRole('link', { name: 'Tổng quan' }).click();
    const proposed = page.locator('table#proposals tbody tr');
    await proposed.first().waitFor();
    const kinds = await proposed.locator('td:nth-child(2)').allTextContents();
    const collectives = kinds.filter((k) => k === 'Tập thể').length;
    assert.ok(collectives >= 1 && collectives <= 4, `${collectives} collectives`);
    assert.ok(kinds.length - collectives >= 1, 'at least one individual');
    assert.ok(kinds.length < 88, 'not everyone');

    // Loosen every rule in the stored campaign, as Thiết lập would, then reload.
    await page.evaluate(() => {
      const stored = JSON.parse(localStorage.getItem('thidua/v2/workspace'));
      const campaign = stored.workspace.campaign;
      for (const criterion of campaign.criteria) criterion.target.value = 0;
      campaign.thresholds = { excellent: 0, good: 0, done: 0 };
      campaign.award_rules = { min_paperless_weeks: 0, individual_needs_initiative: false };
      stored.generation += 1;
      localStorage.setItem('thidua/v2/workspace', JSON.stringify(stored));
      localStorage.setItem('thidua/v2/generation', String(stored.generation));
    });
    await page.reload();
    const rows = page.locator('table#proposals tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 88, '8 divisions and 80 officers');
    assert.equal(await rows.first().locator('td').nth(1).textContent(), 'Tập thể');
    assert.match(await rows.first().locator('.reasons li').first().textContent(), /Hoàn thành xuất sắc/);
    assert.equal(await rows.last().locator('td').nth(1).textContent(), 'Cá nhân');
  });
});
