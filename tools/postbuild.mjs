// Trunk post-build hook (Trunk.toml): cuts the page's module at its screens,
// and makes the built site work offline and under a strict
// Content-Security-Policy.
//
// 0. Cuts the page's module (split-page.mjs), so the first load carries the
//    first screen only.
// 1. Moves Trunk's inline loader <script> into a file of its own, so the
//    policy needs no 'unsafe-inline' (script-src 'self' 'wasm-unsafe-eval');
//    beside it, a script that fetches and compiles the stored workspace's
//    decoder early when storage holds a workspace (src/decoder.rs: a first
//    visit never fetches it).
// 2. Writes sw.js, the service worker, with the list of every file of the
//    build to precache and a version made from their contents: any change to
//    the build makes a new service worker, which the app offers as an update.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { splitStaged } from './split-page.mjs';
import { COMPILED_PIECES, piecesOf } from './split-pieces.mjs';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
const sha = (text) => createHash('sha256').update(text).digest('hex');

// 0. The page's module, cut.
splitStaged(dir);

// 1. The loader.
const indexPath = join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');
// Trunk's minifier (Trunk.toml: minify) drops the attribute's quotes.
const inline = /<script type="?module"?>([\s\S]*?)<\/script>/.exec(html);
if (inline) {
  const loader = inline[1].trim() + '\n';
  const name = `start-${sha(loader).slice(0, 16)}.js`;
  writeFileSync(join(dir, name), loader);
  html = html.replace(inline[0], `<script type="module" src="./${name}"></script>`);
  writeFileSync(indexPath, html);
} else if (!/<script type="module" src="\.\/start-/.test(html)) {
  throw new Error('postbuild: no inline loader in index.html and no start-*.js: has Trunk changed?');
}

// 1b. The decoder's preload: a classic async script, run as soon as it has
// arrived (the module loader runs only once the glue and the pieces' loader
// have), that fetches and compiles the stored workspace's decoder
// (src/decoder.rs) beside the page's module when storage holds a workspace;
// the pieces' loader instantiates what it compiled (split-page.mjs). A first
// visit fetches nothing more.
if (!/<script async src="\.\/preload-decoder-/.test(html)) {
  const pieces = readdirSync(dir).find((name) => /^thidua-[0-9a-f]+$/.test(name));
  const decoder = piecesOf(readFileSync(join(dir, pieces, '__wasm_split.js'), 'utf8'), 'decoder');
  const script = `try {
  if (localStorage.getItem('thidua/v2/workspace') !== null || localStorage.getItem('thidua/v1/workspace') !== null) {
    globalThis.${COMPILED_PIECES} = {};
    for (const piece of ${JSON.stringify(decoder)}) {
      const compiled = WebAssembly.compileStreaming(fetch(new URL('./${pieces}/' + piece, document.baseURI)));
      compiled.catch(() => {});
      globalThis.${COMPILED_PIECES}[piece] = compiled;
    }
  }
} catch {}
`;
  const name = `preload-decoder-${sha(script).slice(0, 16)}.js`;
  writeFileSync(join(dir, name), script);
  html = html.replace(/<link [^>]*rel="?stylesheet/, (link) => `<script async src="./${name}"></script>${link}`);
  if (!html.includes(name)) throw new Error('postbuild: no stylesheet link to put the decoder preload before: has index.html changed?');
  writeFileSync(indexPath, html);
}

// 2. The service worker.
function files(at) {
  return readdirSync(at).flatMap((name) => {
    const path = join(at, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}
const assets = files(dir)
  .map((path) => relative(dir, path).split('\\').join('/'))
  .filter((path) => path !== 'sw.js')
  .sort();
const version = sha(assets.map((path) => path + sha(readFileSync(join(dir, path)))).join('\n')).slice(0, 16);
const template = readFileSync(new URL('./sw-template.js', import.meta.url), 'utf8');
writeFileSync(
  join(dir, 'sw.js'),
  template
    .replace("'__VERSION__'", JSON.stringify(version))
    .replace("['__FILES__']", JSON.stringify(['./', ...assets.map((path) => `./${path}`)])),
);
console.log(`postbuild: loader moved out, sw.js ${version} precaches ${assets.length + 1} entries`);
