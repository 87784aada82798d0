// The official 3.0 testsuite against purewasm: the binary-encoded scripts of
// ../shared/spec/testsuite-bin and the text originals of ../shared/spec/testsuite (top level,
// custom/, legacy/; these also exercise the WAT parser) and the proposals beyond 3.0, subtotalled
// apart. Prints a per-file table and totals, and fails on ANY difference from expected.json —
// a check that newly fails, and equally one that newly passes (then run
// `node test/spec/update-expected-clean.mjs [your changed files…]` so the file keeps stating the
// truth of HEAD). `SPEC_FILES=a,b` limits the run to matching files; failing checks with their
// reasons: `node <build>/test/spec/show.js [-v] file-filter…`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EXPECTED_PATH, HEADER, expectationOf, groupOf, row, runSpecFiles, specFiles, type Expectation } from './pool.js';

test('testsuite scripts match test/spec/expected.json', { timeout: 15 * 60_000 }, async () => {
  const filter = process.env.SPEC_FILES?.split(',').filter(Boolean) ?? [];
  const names = specFiles().filter((n) => filter.length === 0 || filter.some((f) => n.includes(f)));
  const expected: Record<string, Expectation> = JSON.parse(readFileSync(EXPECTED_PATH, 'utf8'));
  const t0 = Date.now();
  const results = await runSpecFiles(names);

  const lines = [HEADER];
  const notRunReasons: Record<string, number> = {};
  const diffs: string[] = [];
  for (const [name, r] of results) {
    lines.push(row(name, r));
    for (const [k, v] of Object.entries(r.notRunReasons)) notRunReasons[k] = (notRunReasons[k] ?? 0) + v;
    const want = expected[name];
    const got = expectationOf(r);
    if (!want) {
      diffs.push(`${name}: no entry in expected.json`);
      continue;
    }
    if (got.passed !== want.passed || got.notRun !== want.notRun) {
      diffs.push(`${name}: passed ${want.passed} → ${got.passed}, not run ${want.notRun} → ${got.notRun}`);
    }
    const wantSet = new Set(want.failing);
    const gotSet = new Set(got.failing);
    for (const f of r.failing) if (!wantSet.has(f.line)) diffs.push(`${name}:${f.line}: newly failing: ${f.reason}`);
    for (const l of want.failing) if (!gotSet.has(l)) diffs.push(`${name}:${l}: no longer failing`);
  }
  const totals = new Map<string, Expectation>();
  for (const [name, r] of results) {
    for (const g of [`TOTAL ${groupOf(name)}`, 'TOTAL']) {
      const t = totals.get(g) ?? { passed: 0, failing: [], notRun: 0 };
      t.passed += r.passed;
      t.notRun += r.notRun;
      t.failing.push(...r.failing.map((f) => f.line));
      totals.set(g, t);
    }
  }
  for (const g of ['TOTAL binary', 'TOTAL text', 'TOTAL proposals', 'TOTAL']) if (totals.has(g)) lines.push(row(g, totals.get(g)!));
  lines.push(`(${results.size} files in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  const reasons = Object.entries(notRunReasons).sort((a, b) => b[1] - a[1]).slice(0, 10);
  if (reasons.length > 0) lines.push('not run, by reason:', ...reasons.map(([k, v]) => `  ${String(v).padStart(6)}  ${k}`));
  console.log(lines.join('\n'));
  if (diffs.length > 0) {
    const shown = diffs.slice(0, 60).join('\n');
    assert.fail(`${diffs.length} differences from expected.json; when intended, update it with\n  node test/spec/update-expected-clean.mjs [your uncommitted files…]   (HEAD snapshot + your files)\n${shown}`);
  }
});
