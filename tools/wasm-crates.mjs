// Where a wasm module's bytes go, by crate: reads `twiggy top -f csv` of a
// build that kept its function names (wasm-opt -g) and sums each item's
// shallow size under the crate (for the app's own code, its module) that
// the item's name points at. Used by `./dev size` and `./dev bench`.
//
//   node tools/wasm-crates.mjs < top.csv
import { readFileSync } from 'node:fs';

const csv = readFileSync(0, 'utf8').trim().split('\n').slice(1);

// Splits one CSV line of twiggy's (the name is quoted when it has commas).
function parseLine(line) {
  const match = /^("(?:[^"]|"")*"|[^,]*),(\d+),/.exec(line);
  if (!match) return null;
  const name = match[1].startsWith('"') ? match[1].slice(1, -1).replace(/""/g, '"') : match[1];
  return { name, bytes: Number(match[2]) };
}

// The crate an item belongs to. Trait impls count for the type they are
// written for (`<impl Deserialize for thidua::core::campaign::model::X>` is
// the app's serde code), other generic code for the crate it comes from.
function owner(name) {
  if (name.startsWith('data segment')) return 'data (strings, tables)';
  if (/function names|__wasm_bindgen|custom section|producers|target_features/.test(name)) return null;
  let path = name;
  const forType = / for ([^>\s]+)/.exec(name);
  const implDerive = /^<?<?impl [^ ]*(serde_core|serde)::(de|ser)/.test(name.replace(/^.*?_::/, ''));
  if (/::_::<impl serde_core::(de|ser)::/.test(name) || (implDerive && forType)) {
    const target = forType ? forType[1] : name;
    return `serde derive: ${target.split('::').slice(0, 3).join('::')}`;
  }
  // `<T as tachys::…>`, `<f64 as core::…>`: the trait's crate.
  const viaTrait = /^<[^<>]*? as ([A-Za-z_]\w*)/.exec(path);
  const asTrait = /^<&?(?:mut )?([A-Za-z_][\w]*(?:\[[0-9a-f]+\])?)::/.exec(path);
  if (viaTrait) path = viaTrait[1];
  else if (asTrait) path = asTrait[1];
  const first = path.replace(/^[<&]+/, '').split('::')[0].replace(/\[[0-9a-f]+\]$/, '');
  if (first === 'thidua') {
    // The app by module; the screens and components one level further.
    const parts = name.split('::').filter((part) => !/^h[0-9a-f]{16}$|^\{\{closure\}\}$|^_$/.test(part));
    const depth = parts[2] === 'pages' || parts[2] === 'components' ? 4 : 3;
    return parts.slice(0, depth).join('::').replace(/^thidua::(\w+)$/, 'thidua::$1 (binary)');
  }
  if (/^(core|alloc|std|compiler_builtins|dlmalloc)$/.test(first)) return `std (${first})`;
  if (/^(func|global|elem|table|memory|type|import|export|code)\b/.test(first) || /^[a-z_]+\[\d+\]$/.test(first)) {
    return 'unnamed (merged by wasm-opt, glue, imports)';
  }
  return first;
}

const LISTED = 30;
const totals = new Map();
let all = 0;
for (const line of csv) {
  const item = parseLine(line);
  if (!item) continue;
  const crate = owner(item.name);
  if (crate === null) continue;
  totals.set(crate, (totals.get(crate) ?? 0) + item.bytes);
  all += item.bytes;
}
const rows = [...totals].sort((a, b) => b[1] - a[1]);
const kb = (n) => `${(n / 1024).toFixed(1).padStart(7)} KB`;
for (const [crate, bytes] of rows.slice(0, LISTED)) {
  console.log(`${kb(bytes)} ${((100 * bytes) / all).toFixed(1).padStart(5)}%  ${crate}`);
}
const rest = rows.slice(LISTED).reduce((sum, [, b]) => sum + b, 0);
console.log(`${kb(rest)} ${((100 * rest) / all).toFixed(1).padStart(5)}%  (${rows.length - LISTED} more)`);
console.log(`${kb(all)} 100.0%  code and data after wasm-opt, uncompressed`);
