// Cuts the page's module into the first screen and the rest (issue #12;
// docs/hosting.md, “The page cut at its screens”).
//
// The screens behind the menu and the stored workspace's reader are split
// points (src/screens.rs, src/decoder.rs). Trunk builds the page's module
// whole; this hook takes cargo's module (linked with its relocations,
// build.rs) and, as cargo-leptos's `--split` does:
// 1. wasm-split-cli cuts it: the main module keeps what Tổng quan and the app
//    around it need, each split point and each piece two of them share become
//    modules of their own, and __wasm_split.js fetches them on first use (or
//    instantiates one the decoder's preload script has compiled already);
// 2. wasm-bindgen makes the main module's glue (keeping lld's exports, which
//    the pieces import), and wasm-opt -Oz shrinks every module, as Trunk would;
// 3. the main module and its glue replace Trunk's, under a name made from
//    cargo's module, and the pieces go into a folder of that name, so a new
//    build never meets an old piece in a cache. index.html names the new
//    files, with their integrity.
//
// postbuild.mjs, Trunk's hook, calls `splitStaged` first, then lists the
// pieces for the service worker. `node tools/split-page.mjs MODULE OUT
// [--names]` cuts a module into OUT (./dev bench: the Debian path's page
// module; ./dev size: the main module as shipped, with its names).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMPILED_PIECES } from './split-pieces.mjs';

const WASM_OPT = new URL('../node_modules/.bin/wasm-opt', import.meta.url).pathname;
const features = (process.env.WASM_OPT_FEATURES ?? '').split(' ').filter(Boolean);
if (features.length === 0) throw new Error('split-page: WASM_OPT_FEATURES is not set (./dev sets it)');

const run = (tool, args) => execFileSync(tool, args, { stdio: ['ignore', 'ignore', 'inherit'] });
const digest = (bytes, algorithm = 'sha256') => createHash(algorithm).update(bytes).digest();

/// Cuts `module` (cargo's page module) into `out`: `NAME.js`, `NAME_bg.wasm`
/// and the folder NAME/ of the pieces, NAME made from the module's bytes.
/// Returns NAME. `keepNames`: the functions' names stay (for twiggy).
export function splitPage(module, out, { keepNames = false } = {}) {
  const bytes = readFileSync(module);
  if (!bytes.includes(Buffer.from('reloc.CODE'))) {
    throw new Error(`split-page: ${module} has no relocations: build.rs links the page with --emit-relocs`);
  }
  const name = `thidua-${digest(bytes).toString('hex').slice(0, 16)}`;
  const scratch = mkdtempSync(join(tmpdir(), 'split-page-'));
  try {
    run('wasm-split-cli', [module, scratch, '--target', 'web', '--out-name', name]);
    run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-typescript', '--out-dir', scratch,
      '--out-name', name, join(scratch, `${name}.wasm`)]);
    rmSync(join(scratch, `${name}.wasm`));
    const pieces = join(out, name);
    rmSync(pieces, { recursive: true, force: true });
    mkdirSync(pieces, { recursive: true });
    for (const file of readdirSync(scratch)) {
      const inMain = file === `${name}.js` || file === `${name}_bg.wasm`;
      const target = inMain ? join(out, file) : join(pieces, file);
      if (file.endsWith('.wasm')) {
        run(WASM_OPT, ['-Oz', ...(keepNames ? ['-g'] : []), ...features, join(scratch, file), '-o', target]);
      } else {
        renameSync(join(scratch, file), target);
      }
    }
    // The glue finds the loader in the pieces' folder; the loader finds the
    // glue one folder up.
    const glue = join(out, `${name}.js`);
    const glueText = readFileSync(glue, 'utf8');
    if (!glueText.includes(' from "./__wasm_split.js"')) throw new Error('split-page: the glue does not import the loader: has wasm-bindgen changed?');
    writeFileSync(glue, glueText.replaceAll(' from "./__wasm_split.js"', ` from "./${name}/__wasm_split.js"`));
    const loader = join(pieces, '__wasm_split.js');
    const loaderText = readFileSync(loader, 'utf8');
    if (!loaderText.includes(`from "./${name}.js"`)) throw new Error('split-page: the loader does not import the glue: has wasm-split-cli changed?');
    // A piece compiled ahead (postbuild.mjs's preload script compiles the
    // decoder's while the main module loads) is instantiated from there;
    // any other is fetched and compiled when first needed, as before.
    let early = 0;
    const withEarly = loaderText
      .replace(`from "./${name}.js"`, `from "../${name}.js"`)
      .replace(/(const src = fetch\(new URL\("\.\/(\w+\.wasm)", import\.meta\.url\)\);)/g, (fetching, _, piece) => {
        early += 1;
        return `const early = globalThis.${COMPILED_PIECES}?.[${JSON.stringify(piece)}];
    if (early) {
        delete globalThis.${COMPILED_PIECES}[${JSON.stringify(piece)}];
        return async (imports) => WebAssembly.instantiate(await early, imports);
    }
    ${fetching}`;
      });
    if (early === 0) throw new Error('split-page: the loader fetches no piece as expected: has wasm-split-cli changed?');
    writeFileSync(loader, withEarly);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return name;
}

const integrity = (path) => `sha384-${digest(readFileSync(path), 'sha384').toString('base64')}`;

/// In Trunk's staging folder `site`: Trunk's whole page module replaced.
export function splitStaged(site) {
  const profile = process.env.TRUNK_PROFILE === 'debug' ? 'debug' : 'release';
  const targetDir = process.env.CARGO_TARGET_DIR ?? 'target';
  const trunkGlue = readdirSync(site).find((file) => /^thidua-[0-9a-f]+\.js$/.test(file));
  if (!trunkGlue) throw new Error(`split-page: no thidua-*.js in ${site}: has Trunk changed?`);
  const trunkName = trunkGlue.slice(0, -'.js'.length);
  if (readdirSync(site).includes(trunkName)) {
    console.log(`split-page: ${trunkName} is cut already`);
    return;
  }
  const name = splitPage(join(targetDir, 'wasm32-unknown-unknown', profile, 'thidua.wasm'), site);
  rmSync(join(site, `${trunkName}.js`));
  rmSync(join(site, `${trunkName}_bg.wasm`));
  const indexPath = join(site, 'index.html');
  let html = readFileSync(indexPath, 'utf8').replaceAll(trunkName, name);
  for (const file of [`${name}.js`, `${name}_bg.wasm`]) {
    const link = new RegExp(`(href="?\\./${file}"? integrity="?)sha384-[A-Za-z0-9+/=]+`);
    if (!link.test(html)) throw new Error(`split-page: index.html has no integrity for ${file}: has Trunk changed?`);
    html = html.replace(link, `$1${integrity(join(site, file))}`);
  }
  writeFileSync(indexPath, html);
  const pieces = readdirSync(join(site, name)).length;
  console.log(`split-page: ${trunkName} → ${name}.js, ${name}_bg.wasm and ${pieces} files in ${name}/`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!process.argv[3]) throw new Error('usage: node tools/split-page.mjs MODULE OUT [--names]');
  console.log(splitPage(process.argv[2], process.argv[3], { keepNames: process.argv[4] === '--names' }));
}
