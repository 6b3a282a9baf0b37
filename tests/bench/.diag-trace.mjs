// diagnostic (not committed): a Chromium trace of the first render with the department sample stored
import { writeFileSync } from 'node:fs';
import { appReady, launchChromium, serveDist } from '../e2e/browser.mjs';
const browser = await launchChromium();
const site = await serveDist();
const setup = await browser.newContext();
const page = await setup.newPage();
await page.goto(`${site.url}#/thiet-lap`);
await appReady(page);
page.once('dialog', (d) => d.accept());
await page.locator('#load-sample').click();
await page.waitForFunction(() => localStorage.getItem('thidua/v2/workspace')?.includes('DỮ LIỆU MẪU'));
const stored = await page.evaluate(() => ({
  workspace: localStorage.getItem('thidua/v2/workspace'),
  generation: localStorage.getItem('thidua/v2/generation'),
}));
await setup.close();
for (let run = 0; run < Number(process.env.RUNS ?? 3); run++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript((data) => {
    if (!localStorage.getItem('thidua/v2/workspace')) {
      localStorage.setItem('thidua/v2/workspace', data.workspace);
      localStorage.setItem('thidua/v2/generation', data.generation);
    }
    new MutationObserver((_, observer) => {
      if (document.querySelector('#ranking tbody tr') && !window.__firstRender) {
        window.__firstRender = performance.now();
        performance.mark('ranking');
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  }, stored);
  const p = await context.newPage();
  await browser.startTracing(p, { categories: ['devtools.timeline', 'v8', 'v8.wasm', 'blink.user_timing', 'loading', 'disabled-by-default-devtools.timeline'] });
  await p.goto(`${site.url}#/tong-quan`);
  await p.waitForFunction(() => window.__firstRender !== undefined);
  const fr = await p.evaluate(() => window.__firstRender);
  const buf = await browser.stopTracing();
  writeFileSync(`/tmp/diag/trace${run}.json`, buf);
  console.log('first render', fr.toFixed(0));
  await context.close();
}
await browser.close();
await site.close();
