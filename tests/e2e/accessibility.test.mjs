// Accessibility: axe-core on every screen, empty and with the sample, must
// find no serious or critical violation; the daily grid, the import preview
// and the report are used with the keyboard alone, and the focused element
// always shows it has the focus.
import { after, before, beforeEach, afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { appReady, browserSession, loadSample } from './browser.mjs';

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const FIXTURES = new URL('../fixtures/exchange/', import.meta.url).pathname;

// axe is injected as a script, which the app's own Content-Security-Policy
// forbids (rightly): these pages run with CSP bypassed, and only here.
const session = browserSession({ before, after, beforeEach, afterEach, assert, contextOptions: { bypassCSP: true } });
let site;
let page;
beforeEach(() => ({ site, page } = session));

const SCREENS = ['tong-quan', 'nhap-lieu', 'hop-nhat', 'bao-cao', 'thiet-lap', 'huong-dan'];

/** Serious and critical violations on the current page, one line each. */
async function violations(p) {
  if (!(await p.evaluate(() => 'axe' in window))) await p.addScriptTag({ content: AXE });
  const result = await p.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

async function auditEveryScreen(p) {
  const found = [];
  for (const screen of SCREENS) {
    await p.goto(`${site.url}#/${screen}`);
    await appReady(p);
    await p.waitForTimeout(100);
    for (const line of await violations(p)) found.push(`${screen}: ${line}`);
  }
  return found;
}

/** Whether the focused element shows a visible focus indicator. */
const focusShows = (p) =>
  p.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return false;
    const style = getComputedStyle(element);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
  });

describe('axe-core on every screen', () => {
  test('empty: no serious or critical violation', async () => {
    assert.deepEqual(await auditEveryScreen(page), []);
  });

  test('with the sample: no serious or critical violation', async () => {
    await loadSample(page, site);
    assert.deepEqual(await auditEveryScreen(page), []);
  });

  test('the register import screen (drawn by its worker): none either, and a changed control keeps the focus', async () => {
    await loadSample(page, site);
    await page.goto(`${site.url}#/nhap-lieu`);
    await appReady(page);
    const registers = new URL('../fixtures/registers/', import.meta.url).pathname;
    await page
      .locator('#register-files')
      .setInputFiles(['so-van-ban-den-phong-phap-che.xlsx', 'ho-so-cong-viec-phong-phap-che.csv'].map((n) => registers + n));
    await page.locator('#register-preview').waitFor();
    assert.deepEqual(await violations(page), []);
    // The screen is redrawn after each change: the focus comes back to the control.
    const control = page.locator('select[data-control="mark"][data-mark="interconnect"]').first();
    const id = await control.getAttribute('id');
    await control.focus();
    const before = await page.locator('#register-work').innerHTML();
    await control.selectOption('');
    await page.waitForFunction((html) => document.querySelector('#register-work').innerHTML !== html, before);
    await page.waitForFunction((wanted) => document.activeElement?.id === wanted && !document.querySelector('#register-busy'), id);
    assert.ok(await focusShows(page), 'the focus shows on the redrawn control');
  });
});

describe('keyboard alone', () => {
  test('the daily grid: Tab in, type, Enter down, arrows across', async () => {
    await page.goto(`${site.url}#/nhap-lieu`);
    await appReady(page);
    const first = page.locator('#daily-grid input[data-row="0"][data-col="0"]');
    await first.waitFor();
    // From the division picker, Tab reaches the grid's first cell.
    await page.locator('#unit-picker').focus();
    for (let i = 0; i < 40 && !(await first.evaluate((e) => e === document.activeElement)); i += 1) {
      await page.keyboard.press('Tab');
      assert.ok(await focusShows(page), `focus visible on step ${i}`);
    }
    assert.ok(await first.evaluate((e) => e === document.activeElement), 'Tab reached the grid');
    await page.keyboard.type('12');
    await page.keyboard.press('Enter');
    await page.keyboard.type('9');
    await page.keyboard.press('ArrowRight');
    assert.ok(await focusShows(page));
    await page.keyboard.type('8');
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction(() => {
      const w = JSON.parse(localStorage.getItem('thidua/v2/workspace')).workspace;
      const [a, b] = [...w.daily_reports].sort((x, y) => x.date.localeCompare(y.date));
      return a?.counts.docs_received === 12 && b?.counts.docs_received === 9 && b?.counts.docs_received_online === 8;
    });
  });

  test('the import preview: choose files, reach Hợp nhất by Tab, apply with Enter', async () => {
    await page.goto(`${site.url}#/thiet-lap`);
    await appReady(page);
    await page.locator('#import-campaign').setInputFiles(`${FIXTURES}thiet-lap-phong-trao.json`);
    const use = page.getByRole('button', { name: 'Dùng thiết lập này' });
    await use.focus();
    await page.keyboard.press('Enter');
    await page.getByText('Đã dùng thiết lập phong trào từ tệp.').waitFor();
    await page.goto(`${site.url}#/hop-nhat`);
    await appReady(page);
    // The picker opens the system dialog, which no test drives: the files
    // are handed to it directly, then everything else is keyboard.
    await page.locator('#import-files').setInputFiles([`${FIXTURES}thidua-van-phong.json`, `${FIXTURES}thidua-phong-phap-che.json`]);
    await page.locator('#import-preview tr.accepted').nth(1).waitFor();
    await page.locator('#import-files').focus();
    const apply = page.locator('#apply-import');
    for (let i = 0; i < 30 && !(await apply.evaluate((e) => e === document.activeElement)); i += 1) {
      await page.keyboard.press('Tab');
      assert.ok(await focusShows(page), `focus visible on step ${i}`);
    }
    assert.ok(await apply.evaluate((e) => e === document.activeElement), 'Tab reached Hợp nhất');
    await page.keyboard.press('Enter');
    await page.getByText('Đã hợp nhất 2 tệp.', { exact: false }).waitFor();
  });

  test('the report: fields by Tab, the DOCX by Enter', async () => {
    await loadSample(page, site);
    await page.goto(`${site.url}#/bao-cao`);
    await appReady(page);
    const docx = page.locator('#docx-report');
    await docx.waitFor();
    await page.locator('nav.menu a').last().focus();
    let typed = false;
    for (let i = 0; i < 60 && !(await docx.evaluate((e) => e === document.activeElement)); i += 1) {
      await page.keyboard.press('Tab');
      assert.ok(await focusShows(page), `focus visible on step ${i}`);
      const id = await page.evaluate(() => document.activeElement.id);
      if (!typed && id === 'report-number') {
        await page.keyboard.press('Control+A');
        await page.keyboard.type('125/BC-SDTTG');
        typed = true;
      }
    }
    assert.ok(typed, 'the number field was reached by Tab');
    assert.ok(await docx.evaluate((e) => e === document.activeElement), 'Tab reached the DOCX button');
    const downloading = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const file = await downloading;
    assert.match(file.suggestedFilename(), /\.docx$/);
    await page.locator('.paper').getByText('125/BC-SDTTG', { exact: false }).waitFor();
  });
});
