// Runs in a child process where code evaluation is refused, as under a strict Content-Security-
// Policy: globalThis.Function, eval and Function.prototype.constructor are replaced by throwing
// stubs BEFORE purewasm loads (everything is imported dynamically below). With the default engine
// 'auto', purewasm must still run: the whole binary testsuite and the legacy exception scripts
// (compared with test/spec/expected.json), and a small program through the JS API. Prints one
// JSON line: { refused, files, passed, checks, diffs, program }.

import { refuseEval } from '../util/refuse-eval.js';

const refused = refuseEval('no-eval test');

const { readFileSync } = await import('node:fs');
const { runScriptSource } = await import('../../src/script/runner.js');
const { contractEngine } = await import('../../src/script/contract-engine.js');
const { parseModule } = await import('../../src/text/parse.js');
const { specFiles, specPath, EXPECTED_PATH } = await import('../spec/pool.js');
const { WebAssembly: W } = await import('../../src/index.js');
const { missingInstructions, interpScripts } = await import('./gaps.js');

const expected = JSON.parse(readFileSync(EXPECTED_PATH, 'utf8')) as Record<string, { passed: number; notRun: number; failing: number[] }>;
const filter = process.argv.slice(2);
const names = interpScripts(specFiles(), filter);
const diffs: string[] = [];
let passed = 0;
let checks = 0;
for (const name of names) {
  const r = runScriptSource(readFileSync(specPath(name), 'utf8'), contractEngine({ parseText: parseModule }));
  passed += r.passed;
  checks += r.checks.length;
  for (const g of missingInstructions(r.checks.filter((c) => c.outcome !== 'passed').map((c) => c.reason ?? ''))) diffs.push(`${name}: the interpreter lacks ${g}`);
  const e = expected[name];
  const failing = r.checks.filter((c) => c.outcome === 'failed');
  if (!e) diffs.push(`${name}: not in expected.json`);
  else if (r.passed !== e.passed || r.notRun !== e.notRun) diffs.push(`${name}: passed ${e.passed} → ${r.passed}, not run ${e.notRun} → ${r.notRun}`);
  for (const c of failing) if (!e?.failing.includes(c.line)) diffs.push(`${name}:${c.line}: ${c.reason}`);
}

// A program through the JS API: iterative Fibonacci with i64 and a memory checksum.
const program = parseModule(`(module (memory (export "m") 1)
  (func (export "fib") (param $n i32) (result i64) (local $a i64) (local $b i64) (local $t i64)
    (local.set $b (i64.const 1))
    (block $done (loop $next (br_if $done (i32.eqz (local.get $n)))
      (local.set $t (i64.add (local.get $a) (local.get $b))) (local.set $a (local.get $b)) (local.set $b (local.get $t))
      (i64.store (i32.shl (i32.and (local.get $n) (i32.const 63)) (i32.const 3)) (local.get $a))
      (local.set $n (i32.sub (local.get $n) (i32.const 1))) (br $next)))
    (local.get $a)))`);
const { instance } = await W.instantiate(program);
const fib = (instance.exports as Record<string, unknown>).fib as (n: number) => bigint;
const out = String(fib(90));

console.log(JSON.stringify({ refused, files: names.length, passed, checks, diffs, program: out }));
