// purewasm where evaluating code is refused (test/interp/no-eval-child.ts replaces Function, eval and
// Function.prototype.constructor by throwing stubs before loading it): with the default engine
// 'auto' the whole binary testsuite (SIMD, GC and exceptions included) and the legacy exception
// scripts still give test/spec/expected.json's results, and programs run.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const child = fileURLToPath(new URL('./no-eval-child.js', import.meta.url));

test("no eval: engine 'auto' falls back to the interpreter for the testsuite and a program", { timeout: 10 * 60_000 }, () => {
  const env = { ...process.env };
  delete env.PUREWASM_ENGINE;
  const r = spawnSync(process.execPath, ['--stack-size=4000', child], { encoding: 'utf8', env, maxBuffer: 64 << 20, timeout: 9 * 60_000 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  let res: { refused: boolean; files: number; passed: number; checks: number; diffs: string[]; program: string };
  try {
    res = JSON.parse(line);
  } catch {
    assert.fail(`no result (exit ${r.status}, ${r.signal}): ${r.stderr.slice(-2000)}`);
  }
  assert.ok(res.refused, 'the stubs did not refuse new Function');
  assert.ok(res.files >= 262, `only ${res.files} scripts ran`); // 258 of testsuite-bin, 4 legacy
  assert.deepEqual(res.diffs, []);
  assert.equal(res.program, '2880067194370816120');
  console.log(`no eval: ${res.passed} of ${res.checks} checks passed over ${res.files} scripts, program ok`);
});
