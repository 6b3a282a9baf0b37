// The province import through the real screen (not a test: prints figures).
// `./dev bench` runs it on the release build in dist/, after writing the
// province sample with `thidua-cli sample --scale province` (its path is the
// first argument):
// - the campaign file (2,000 divisions, 20,000 officers) taken in Thiết lập;
// - Hợp nhất: the 2,000 division files picked through the real file input,
//   read and checked by the import worker, to the preview of them all;
// - the page's longest task meanwhile (PerformanceObserver, `longtask`:
//   goal ≤ 50 ms), then the same for “Hợp nhất” until the merged workspace
//   is stored;
// - JSON.parse of the same files' text in the same page, as the yardstick.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { appReady, launchChromium, serveDist, useCampaignFile } from '../e2e/browser.mjs';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node tests/bench/import.mjs DIR (from thidua-cli sample --scale province)');
const names = readdirSync(dir);
const campaign = join(dir, names.find((n) => n.startsWith('thiet-lap-phong-trao')));
const divisions = names.filter((n) => n.startsWith('thidua-')).map((n) => join(dir, n));

const browser = await launchChromium();
const site = await serveDist();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await useCampaignFile(page, site, campaign);
  // A province's workspace is stored compressed (docs/data-model.md).
  await page.waitForFunction(() => /don-vi-2000|workspace_deflate/.test(localStorage.getItem('thidua/v2/workspace') ?? ''));

  await page.goto(`${site.url}#/hop-nhat`);
  await appReady(page);
  // The picked files, kept before the app empties the input (for the yardstick below).
  await page.evaluate(() =>
    document.addEventListener('change', (event) => {
      if (event.target.id === 'import-files') window.__picked = [...event.target.files];
    }, true),
  );
  const watch = () =>
    page.evaluate(() => {
      window.__longest = 0;
      window.__tasks = 0;
      window.__observer?.disconnect();
      window.__entries = [];
      window.__observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          window.__tasks += 1;
          window.__longest = Math.max(window.__longest, entry.duration);
          window.__entries.push([Math.round(entry.startTime - window.__started), Math.round(entry.duration)]);
        }
      });
      window.__observer.observe({ type: 'longtask' });
      window.__started = performance.now();
    });
  const longest = () => page.evaluate(() => ({ longest: window.__longest, tasks: window.__tasks, entries: window.__entries }));

  await watch();
  await page.locator('#import-files').setInputFiles(divisions);
  // The preview shows its first hundred rows (the rest folded away until
  // asked for); the button counts every file that can be merged.
  await page.waitForFunction(
    (n) => document.querySelector('#apply-import')?.textContent.replace(/\D/g, '') === String(n),
    divisions.length,
    { timeout: 300_000, polling: 100 },
  );
  const toPreview = await page.evaluate(() => performance.now() - window.__started);
  const picking = await longest();
  console.log(
    `IMPORT ${divisions.length} province files, pick to preview (read, checked, dry run in the import worker): ` +
      `${toPreview.toFixed(0)} ms; the page's longest task ${picking.longest.toFixed(0)} ms ` +
      `(${picking.tasks} tasks over 50 ms at [ms after the pick, ms long]: ${JSON.stringify(picking.entries)}; goal ≤ 50 ms)`,
  );

  // The yardstick, in the same page: the browser's own parser over the same text.
  const parse = await page.evaluate(async () => {
    const files = window.__picked;
    const texts = await Promise.all(files.map((f) => f.text()));
    const started = performance.now();
    for (const text of texts) JSON.parse(text);
    return { ms: performance.now() - started, bytes: texts.reduce((n, t) => n + t.length, 0) };
  });
  console.log(`IMPORT JSON.parse of the same ${(parse.bytes / 1e6).toFixed(1)} M characters in this page: ${parse.ms.toFixed(0)} ms`);

  await watch();
  await page.locator('#apply-import').click();
  // “2.000 tệp”: the app groups thousands with a dot.
  const grouped = String(divisions.length).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  await page.getByText(`Đã hợp nhất ${grouped} tệp.`, { exact: false }).waitFor({ timeout: 300_000 });
  const toApplied = await page.evaluate(() => performance.now() - window.__started);
  const applying = await longest();
  const summary = `trên ${grouped} phòng`;
  if ((await page.getByText(summary, { exact: false }).count()) === 0) throw new Error(`the submissions' summary lacks “${summary}”`);
  console.log(
    `IMPORT “Hợp nhất” to stored: ${toApplied.toFixed(0)} ms; the page's longest task ${applying.longest.toFixed(0)} ms ` +
      `(${applying.tasks} tasks over 50 ms at [ms after the click, ms long]: ${JSON.stringify(applying.entries)}; goal ≤ 50 ms)`,
  );
} finally {
  await browser.close();
  await site.close();
}
