// Prints the README's feature table from test/spec/expected.json (what the spec test last measured
// and asserts): checks passed / failed / not yet run per feature group, for the binary scripts
// (testsuite-bin), the text originals (testsuite, through the WAT parser) and the proposals beyond 3.0.
// `node scripts/status.mjs` (markdown to stdout).
import { readFileSync } from 'node:fs';

const expected = JSON.parse(readFileSync(new URL('../test/spec/expected.json', import.meta.url), 'utf8'));

/** Feature group of a testsuite file, by its name without folder and suffix (first match wins). */
const GROUPS = [
  ['SIMD and relaxed SIMD', /^(simd_|relaxed_|i8x16_relaxed|i16x8_relaxed|i32x4_relaxed|f32x4_relaxed|f64x2_relaxed)/],
  ['GC (structs, arrays, i31, casts, type hierarchy)', /^(array|struct|i31|ref_(eq|test|cast)|br_on_cast|type-(canon|equivalence|rec|subtyping)|extern|any|binary-gc)/],
  ['typed function references', /^(call_ref|return_call_ref|ref_as_non_null|br_on_(non_)?null|local_init|func_ref)/],
  ['exceptions (exnref; legacy try/catch in text)', /^(throw|throw_ref|try_table|tag|exception|rethrow|try_catch|try_delegate)/],
  ['memory64 / table64', /64$/],
  ['custom sections and annotations', /^(custom|branch_hint|custom_annot|name_annot|annotations)/],
  ['core 1.0/2.0 and other 3.0 (tail calls, multi-memory, extended-const)', /./],
];
const KINDS = [
  ['binary scripts (testsuite-bin)', (f) => f.endsWith('.bin.wast')],
  ['text scripts (testsuite, incl. legacy/)', (f) => !f.endsWith('.bin.wast') && !f.startsWith('proposals/')],
  ['proposals beyond 3.0 (text)', (f) => f.startsWith('proposals/')],
];

const pct = (a, b) => (b ? `${(Math.floor((10000 * a) / b) / 100).toFixed(2)}%` : "—");
const blank = () => ({ files: 0, done: 0, passed: 0, failed: 0, notRun: 0 });
const add = (t, r) => {
  t.files++;
  t.passed += r.passed;
  t.failed += r.failing.length;
  t.notRun += r.notRun;
  if (r.failing.length === 0 && r.notRun === 0) t.done++;
};
const row = (label, t) => `| ${label} | ${t.done} / ${t.files} | ${t.passed} | ${t.failed} | ${t.notRun} | ${pct(t.passed, t.passed + t.failed + t.notRun)} |`;

const out = [];
for (const [kind, test] of KINDS) {
  const files = Object.entries(expected).filter(([f]) => test(f));
  if (files.length === 0) continue;
  out.push(`**${kind}**`, '', '| feature | files fully passing | checks passed | failed | not yet run | pass rate |', '|---|---|---|---|---|---|');
  const totals = new Map(GROUPS.map(([g]) => [g, blank()]));
  const all = blank();
  for (const [file, r] of files) {
    const base = file.replace(/^.*\//, '').replace(/(\.bin)?\.wast$/, '');
    const [group] = file.startsWith('proposals/') ? [file.split('/')[1]] : GROUPS.find(([, re]) => re.test(base));
    if (!totals.has(group)) totals.set(group, blank());
    add(totals.get(group), r);
    add(all, r);
  }
  for (const [g, t] of totals) if (t.files) out.push(row(g, t));
  out.push(row('**all**', all), '');
}
console.log(out.join('\n'));
