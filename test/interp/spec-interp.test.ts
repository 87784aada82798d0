// The binary-encoded testsuite (testsuite-bin) on the interpreter tier: every script must give
// exactly the per-file results that test/spec/expected.json records for the compile tier (passed,
// not run, and the lines that fail). The scripts run in the spec pool's worker threads with
// PUREWASM_ENGINE=interpret (exec/interp/select.ts reads it when a worker loads purewasm).
// Scripts that reach instructions of proposals the interpreter has not followed yet (gaps.ts) are
// listed and left out. `SPEC_FILES=a,b` limits the run to matching files.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EXPECTED_PATH, expectationOf, runSpecFiles, specFiles, type Expectation } from '../spec/pool.js';
import { missingInstructions, unexpectedGaps } from './gaps.js';

process.env.PUREWASM_ENGINE = 'interpret';

test('testsuite-bin on the interpreter matches the compile tier (test/spec/expected.json)', { timeout: 10 * 60_000 }, async () => {
  const filter = process.env.SPEC_FILES?.split(',').filter(Boolean) ?? [];
  const names = specFiles().filter((n) => n.endsWith('.bin.wast') && (filter.length === 0 || filter.some((f) => n.includes(f))));
  const expected: Record<string, Expectation> = JSON.parse(readFileSync(EXPECTED_PATH, 'utf8'));
  const t0 = Date.now();
  const results = await runSpecFiles(names);
  const diffs: string[] = [];
  let passed = 0;
  let want = 0;
  const skipped = new Map<string, string[]>();
  for (const [name, r] of results) {
    const gaps = missingInstructions(Object.keys(r.notRunReasons));
    if (gaps.length > 0) {
      skipped.set(name, gaps);
      for (const g of unexpectedGaps(gaps)) diffs.push(`${name}: the interpreter lacks ${g}`);
      continue;
    }
    const e = expected[name];
    const got = expectationOf(r);
    passed += got.passed;
    if (!e) continue;
    want += e.passed;
    if (got.passed !== e.passed || got.notRun !== e.notRun) diffs.push(`${name}: passed ${e.passed} → ${got.passed}, not run ${e.notRun} → ${got.notRun}`);
    const wantSet = new Set(e.failing);
    for (const f of r.failing) if (!wantSet.has(f.line)) diffs.push(`${name}:${f.line}: newly failing: ${f.reason}`);
  }
  const later = new Set([...skipped.values()].flat());
  if (skipped.size > 0) console.log(`not compared: ${skipped.size} scripts reaching ${later.size} GC/SIMD instructions the interpreter does not run yet`);
  console.log(`interpreter: ${passed} checks passed (compile tier: ${want}) over ${names.length} files in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  assert.deepEqual(diffs, []);
});
