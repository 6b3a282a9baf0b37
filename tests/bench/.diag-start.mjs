// diagnostic (not committed): where the first render's time goes
import { appReady, launchChromium, serveDist } from '../e2e/browser.mjs';
const runs = Number(process.env.RUNS ?? 5);
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
console.log('stored chars', stored.workspace.length);
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript((data) => {
    if (process?.env) {}
  }, null).catch(() => {});
  await context.addInitScript((data) => {
    if (!localStorage.getItem('thidua/v2/workspace') && data) {
      localStorage.setItem('thidua/v2/workspace', data.workspace);
      localStorage.setItem('thidua/v2/generation', data.generation);
    }
    const log = (window.__log = []);
    const mark = (what) => log.push([what, +performance.now().toFixed(1)]);
    for (const fn of ['instantiateStreaming', 'instantiate', 'compileStreaming', 'compile']) {
      const orig = WebAssembly[fn];
      WebAssembly[fn] = function (...args) {
        const n = log.length;
        mark(fn + ' start');
        const p = orig.apply(this, args);
        p.then(() => mark(fn + ' end #' + n));
        return p;
      };
    }
    new MutationObserver((_, observer) => {
      if (document.querySelector('nav.menu') && !window.__nav) { window.__nav = 1; mark('nav'); }
      if (document.querySelector('#ranking tbody tr') && !window.__firstRender) {
        window.__firstRender = performance.now();
        mark('ranking');
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
    document.addEventListener('DOMContentLoaded', () => mark('DCL'));
  }, process.env.EMPTY ? null : stored);
  const p = await context.newPage();
  await p.goto(`${site.url}#/tong-quan`);
  await p.waitForFunction(() => window.__firstRender !== undefined || document.querySelector('nav.menu'));
  await p.waitForTimeout(300);
  const out = await p.evaluate(() => ({
    log: window.__log,
    res: performance.getEntriesByType('resource').map((r) => [r.name.split('/').slice(-1)[0].slice(0, 30), +r.startTime.toFixed(0), +r.responseEnd.toFixed(0)]),
    nav: performance.getEntriesByType('navigation')[0].responseEnd.toFixed(0),
  }));
  console.log(JSON.stringify(out));
  await context.close();
}
await browser.close();
await site.close();
