// Which files a split point of the page's module needs, read off the loader
// that wasm-split-cli writes (`NAME/__wasm_split.js`): its own
// `split_<point>.wasm` and the shared `chunk_*.wasm` it lists as
// dependencies. Used by postbuild.mjs (the decoder's pieces are compiled
// ahead when storage holds a workspace) and tests/bench/startup.mjs.

// Where postbuild.mjs's preload script leaves the pieces it compiled ahead,
// by file name, for the loader that split-page.mjs rewrites to take them.
export const COMPILED_PIECES = '__thiduaCompiledPieces';
export function piecesOf(loaderText, point) {
  // `… = wrapAsyncCb(makeLoad(() => { …fetch of split_<point>.wasm… }\n, [deps]));`
  const load = new RegExp(`__wasm_split_load_${point} = [^]*?split_${point}\\.wasm[^]*?\\n\\}\\n, \\[([^\\]]*)\\]`).exec(loaderText);
  if (!load) throw new Error(`split-pieces: no split point ${point} in the pieces' loader: has wasm-split-cli changed?`);
  const chunks = load[1].split(',').map((dep) => dep.trim()).filter(Boolean);
  if (!chunks.every((dep) => /^__chunk_\d+$/.test(dep))) throw new Error(`split-pieces: unexpected dependencies ${load[1]}`);
  return [`split_${point}.wasm`, ...chunks.map((dep) => `${dep.slice(2)}.wasm`)];
}
