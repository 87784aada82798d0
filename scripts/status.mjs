// Prints the README's feature table from test/spec/expected.json (what the spec test last measured
// and asserts): checks passed / failed / not yet run per feature group of the testsuite.
// `node scripts/status.mjs` (markdown to stdout).
import { readFileSync } from 'node:fs';

const expected = JSON.parse(readFileSync(new URL('../test/spec/expected.json', import.meta.url), 'utf8'));

/** Feature group of a testsuite file, by its name (first match wins). */
const GROUPS = [
  ['SIMD and relaxed SIMD', /^(simd_|relaxed_)/],
  ['GC (structs, arrays, i31, casts, type hierarchy)', /^(array|struct|i31|ref_(eq|test|cast)|br_on_cast|type-(canon|equivalence|rec|subtyping)|extern|any|binary-gc)/],
  ['typed function references', /^(call_ref|return_call_ref|ref_as_non_null|br_on_(non_)?null|local_init|func_ref)/],
  ['exceptions (exnref)', /^(throw|throw_ref|try_table|tag|exception)/],
  ['memory64 / table64', /64\.bin\.wast$/],
  ['custom sections and annotations', /^custom\//],
  ['core 1.0/2.0 and other 3.0 (tail calls, multi-memory, extended-const)', /./],
];

const totals = new Map(GROUPS.map(([g]) => [g, { files: 0, done: 0, passed: 0, failed: 0, notRun: 0 }]));
for (const [file, r] of Object.entries(expected)) {
  const [group] = GROUPS.find(([, re]) => re.test(file));
  const t = totals.get(group);
  t.files++;
  t.passed += r.passed;
  t.failed += r.failing.length;
  t.notRun += r.notRun;
  if (r.failing.length === 0 && r.notRun === 0) t.done++;
}
const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '—');
const rows = ['| feature (testsuite-bin files) | files fully passing | checks passed | failed | not yet run | pass rate |', '|---|---|---|---|---|---|'];
const all = { files: 0, done: 0, passed: 0, failed: 0, notRun: 0 };
for (const [g, t] of totals) {
  rows.push(`| ${g} | ${t.done} / ${t.files} | ${t.passed} | ${t.failed} | ${t.notRun} | ${pct(t.passed, t.passed + t.failed + t.notRun)} |`);
  for (const k of Object.keys(all)) all[k] += t[k];
}
rows.push(`| **all** | ${all.done} / ${all.files} | ${all.passed} | ${all.failed} | ${all.notRun} | ${pct(all.passed, all.passed + all.failed + all.notRun)} |`);
console.log(rows.join('\n'));
