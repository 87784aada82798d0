// The binary-encoded testsuite scripts again, with the compile tier splitting every function body
// it can at tiny sizes (PUREWASM_SPLIT, read by exec/compile/body.ts in the worker threads): the
// outlined regions, their exits, frame objects and view reloads must change no result. Must match
// test/spec/expected.json exactly, like testsuite.test.ts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EXPECTED_PATH, expectationOf, runSpecFiles, specFiles, type Expectation } from './pool.js';

test('testsuite (binary scripts) with every body split matches expected.json', { timeout: 15 * 60_000 }, async () => {
  process.env.PUREWASM_SPLIT ??= '200,10';
  const filter = process.env.SPEC_FILES?.split(',').filter(Boolean) ?? [];
  const names = specFiles().filter((n) => n.endsWith('.bin.wast') && (filter.length === 0 || filter.some((f) => n.includes(f))));
  const expected: Record<string, Expectation> = JSON.parse(readFileSync(EXPECTED_PATH, 'utf8'));
  const results = await runSpecFiles(names);
  const diffs: string[] = [];
  let passed = 0;
  for (const [name, r] of results) {
    passed += r.passed;
    const want = expected[name];
    const got = expectationOf(r);
    if (!want) diffs.push(`${name}: no entry in expected.json`);
    else if (got.passed !== want.passed || got.notRun !== want.notRun || got.failing.join() !== want.failing.join()) {
      diffs.push(`${name}: passed ${want.passed} → ${got.passed}, not run ${want.notRun} → ${got.notRun}; ` +
        r.failing.filter((f) => !want.failing.includes(f.line)).slice(0, 3).map((f) => `line ${f.line}: ${f.reason}`).join('; '));
    }
  }
  console.log(`${results.size} binary scripts, ${passed} checks passed with splitting forced`);
  if (filter.length === 0) assert.ok(results.size > 100, 'the binary scripts were found');
  assert.deepEqual(diffs, []);
});
