// Rewrites test/spec/expected.json from a fresh run of the testsuite scripts (binary and text):
//   node .build-NAME/test/spec/update-expected.js [file-filter…]
// With filters, only the matching files are re-run and replaced; the others keep their entries.
// Commit the result together with the change that moved the numbers.

import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { EXPECTED_PATH, expectationOf, runSpecFiles, specFiles, type Expectation } from './pool.js';

const filters = process.argv.slice(2);
const names = specFiles().filter((n) => filters.length === 0 || filters.some((f) => n.includes(f)));
const old: Record<string, Expectation> = existsSync(EXPECTED_PATH) ? JSON.parse(readFileSync(EXPECTED_PATH, 'utf8')) : {};
const results = await runSpecFiles(names, (name, r, ms) => {
  process.stdout.write(`${name}: ${r.passed} passed, ${r.failing.length} failed, ${r.notRun} not run (${ms} ms)\n`);
});
const all = specFiles();
const out: Record<string, Expectation> = {};
for (const n of all) {
  const r = results.get(n);
  if (r) out[n] = expectationOf(r);
  else if (old[n]) out[n] = old[n];
}
// One file per line keeps diffs readable.
const body = Object.entries(out).map(([n, e]) => `  ${JSON.stringify(n)}: ${JSON.stringify(e)}`).join(',\n');
writeFileSync(EXPECTED_PATH, `{\n${body}\n}\n`);
let p = 0, f = 0, s = 0;
for (const e of Object.values(out)) {
  p += e.passed;
  f += e.failing.length;
  s += e.notRun;
}
console.log(`wrote ${EXPECTED_PATH}: ${Object.keys(out).length} files, ${p} passed, ${f} failed, ${s} not run`);
