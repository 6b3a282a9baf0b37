// Startup budget (not a test: prints figures). `./dev bench` runs it on the
// release build in dist/:
// - bytes a first visit transfers for the app itself, gzip -9 as a static
//   host would serve them (wasm + js + css; goal ≤ 250 KB, issue #12), apart
//   from the pieces of the page's module that only other screens need (or
//   the stored workspace's decoder: a first visit has nothing stored), and
//   the workers fetched on demand: the export worker (thidua-exporter*,
//   on export and the document screens), the import worker (thidua-import*,
//   when Hợp nhất imports files) and the register reader (thidua-register*,
//   when a division imports a register);
// - time from navigation to the first render of Tổng quan's ranking, with
//   the department-scale sample already stored, cold HTTP cache, 7 runs
//   (goal ≤ 200 ms), and to the first paint of the same runs (the ranking in
//   the DOM is not yet on screen: style, layout and paint come after);
// - with DEBIAN_PAGE_WASM (a page module built on the Debian path), the first
//   load on that path.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { appReady, launchChromium, serveDist } from '../e2e/browser.mjs';
import { piecesOf } from '../../tools/split-pieces.mjs';

const dist = new URL('../../dist/', import.meta.url).pathname;
const measure = (name) => {
  const bytes = readFileSync(dist + name);
  return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const sizes = readdirSync(dist)
  .filter((name) => /\.(wasm|js|css)$/.test(name) && name !== 'sw.js')
  .map(measure);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const { name, raw, gzip } of sizes) console.log(`STARTUP ${name}: ${kb(raw)} raw, ${kb(gzip)} gzip`);
const workers = ['thidua-exporter', 'thidua-import', 'thidua-register'];
const workerOf = (name) => workers.find((worker) => name.startsWith(worker));
const sum = (list) => list.reduce((total, s) => total + s.gzip, 0);
// The page's module is cut at its screens (tools/split-page.mjs): the pieces'
// loader comes with the first load (the glue imports it), the pieces when
// their screen is first opened.
const page = sizes.find((s) => s.name.endsWith('_bg.wasm') && !workerOf(s.name));
const piecesDir = page.name.slice(0, -'_bg.wasm'.length);
const pieces = readdirSync(dist + piecesDir).map((name) => measure(`${piecesDir}/${name}`));
const loader = pieces.find((s) => s.name.endsWith('/__wasm_split.js'));
const firstLoad = sum(sizes.filter((s) => !workerOf(s.name))) + loader.gzip;
console.log(`STARTUP first load, wasm + js + css: ${kb(firstLoad)} gzip (goal ≤ 250 KB)`);
// The stored workspace's decoder (src/decoder.rs) and the shared pieces it
// needs, as the pieces' loader lists them: fetched when storage holds a
// workspace (every visit after the first, from the service worker's cache).
const decoderFiles = piecesOf(readFileSync(dist + loader.name, 'utf8'), 'decoder');
const decoder = sum(pieces.filter((s) => decoderFiles.includes(s.name.split('/')[1])));
console.log(
  `STARTUP a visit with a workspace stored also fetches the decoder: ${kb(decoder)} gzip in ${decoderFiles.length} pieces ` +
    `(${kb(firstLoad + decoder)} with the first load; from the service worker's cache once installed)`,
);
const onDemand = sum(pieces) - loader.gzip;
const screens = pieces.filter((s) => /\/split_.*\.wasm$/.test(s.name) && !s.name.endsWith('/split_decoder.wasm'));
console.log(
  `STARTUP the other screens, on first opening: ${kb(onDemand)} gzip in ${pieces.length - 1} pieces with the decoder's; ` +
    screens.map((s) => `${s.name.split('/split_')[1].slice(0, -5)} ${kb(s.gzip)}`).join(', ') +
    `, and ${kb(onDemand - sum(screens))} shared between them`,
);
// The Debian path's first load: the same files, with the page's module as
// Debian's rustc-web builds it (`./dev bench` passes it when it can build one).
if (process.env.DEBIAN_PAGE_WASM) {
  const debian = gzipSync(readFileSync(process.env.DEBIAN_PAGE_WASM), { level: 9 }).length;
  console.log(
    `STARTUP first load on the Debian path (page module ${kb(debian)} gzip instead of ${kb(page.gzip)}): ` +
      `${kb(firstLoad - page.gzip + debian)} gzip (goal ≤ 250 KB)`,
  );
}
for (const worker of workers) {
  console.log(`STARTUP ${worker} worker, on demand: ${kb(sum(sizes.filter((s) => workerOf(s.name) === worker)))} gzip`);
}

const browser = await launchChromium();
const site = await serveDist();
try {
  // The department sample, stored once, then copied into each fresh browser.
  const setup = await browser.newContext();
  const page = await setup.newPage();
  await page.goto(`${site.url}#/thiet-lap`);
  await appReady(page);
  page.once('dialog', (dialog) => dialog.accept());
  await page.locator('#load-sample').click();
  await page.waitForFunction(() => localStorage.getItem('thidua/v2/workspace').includes('DỮ LIỆU MẪU'));
  const stored = await page.evaluate(() => ({
    workspace: localStorage.getItem('thidua/v2/workspace'),
    generation: localStorage.getItem('thidua/v2/generation'),
  }));
  await setup.close();

  const times = [];
  const paints = [];
  for (let run = 0; run < 7; run += 1) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript((data) => {
      if (!localStorage.getItem('thidua/v2/workspace')) {
        localStorage.setItem('thidua/v2/workspace', data.workspace);
        localStorage.setItem('thidua/v2/generation', data.generation);
      }
      new MutationObserver((_, observer) => {
        if (document.querySelector('#ranking tbody tr') && !window.__firstRender) {
          window.__firstRender = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
      // The first paint with anything in it: with a workspace stored, the
      // page is blank until the app has mounted, so this is Tổng quan's.
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          if (entry.name === 'first-contentful-paint') window.__firstPaint = entry.startTime;
        }
      }).observe({ type: 'paint', buffered: true });
    }, stored);
    const p = await context.newPage();
    await p.goto(`${site.url}#/tong-quan`);
    await p.waitForFunction(() => window.__firstRender !== undefined && window.__firstPaint !== undefined);
    const [render, paint] = await p.evaluate(() => [window.__firstRender, window.__firstPaint]);
    times.push(render);
    paints.push(paint);
    await context.close();
  }
  const spread = (list) => {
    list.sort((a, b) => a - b);
    return `median ${list[3].toFixed(0)} ms, min ${list[0].toFixed(0)} ms, max ${list[6].toFixed(0)} ms over 7 runs`;
  };
  console.log(
    `STARTUP first render of Tổng quan (department sample, cold cache): ${spread(times)} (goal ≤ 200 ms)`,
  );
  console.log(`STARTUP its first paint (first-contentful-paint, the same runs): ${spread(paints)}`);
} finally {
  await browser.close();
  await site.close();
}
