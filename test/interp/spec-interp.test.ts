// The binary-encoded testsuite (testsuite-bin, every proposal the compile tier runs: SIMD, GC,
// exceptions …) and the legacy exception handling scripts (testsuite/legacy, text) on the
// interpreter tier: every script must give exactly the per-file results that test/spec/expected.json
// records for the compile tier (passed, not run, and the lines that fail). The scripts run in the
// spec pool's worker threads with PUREWASM_ENGINE=interpret (exec/interp/select.ts reads it when a
// worker loads purewasm). An instruction the interpreter lacks is reported as such (gaps.ts).
// `SPEC_FILES=a,b` limits the run to matching files.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EXPECTED_PATH, expectationOf, runSpecFiles, specFiles, type Expectation } from '../spec/pool.js';
import { missingInstructions, interpScripts } from './gaps.js';

process.env.PUREWASM_ENGINE = 'interpret';

test('testsuite-bin and the legacy exception scripts on the interpreter match the compile tier (test/spec/expected.json)', { timeout: 10 * 60_000 }, async () => {
  const filter = process.env.SPEC_FILES?.split(',').filter(Boolean) ?? [];
  const names = interpScripts(specFiles(), filter);
  const expected: Record<string, Expectation> = JSON.parse(readFileSync(EXPECTED_PATH, 'utf8'));
  const t0 = Date.now();
  const results = await runSpecFiles(names);
  const diffs: string[] = [];
  let passed = 0;
  let want = 0;
  let checks = 0;
  for (const [name, r] of results) {
    for (const g of missingInstructions([...Object.keys(r.notRunReasons), ...r.failing.map((f) => f.reason)])) diffs.push(`${name}: the interpreter lacks ${g}`);
    checks += r.passed + r.notRun + r.failing.length;
    const e = expected[name];
    const got = expectationOf(r);
    passed += got.passed;
    if (!e) {
      diffs.push(`${name}: not in expected.json`);
      continue;
    }
    want += e.passed;
    if (got.passed !== e.passed || got.notRun !== e.notRun) diffs.push(`${name}: passed ${e.passed} → ${got.passed}, not run ${e.notRun} → ${got.notRun}`);
    const wantSet = new Set(e.failing);
    for (const f of r.failing) if (!wantSet.has(f.line)) diffs.push(`${name}:${f.line}: newly failing: ${f.reason}`);
  }
  console.log(`interpreter: ${passed} of ${checks} checks passed (compile tier: ${want}) over ${names.length} files in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  assert.deepEqual(diffs, []);
});
