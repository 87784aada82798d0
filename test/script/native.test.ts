// Checks the runner itself against the host's native WebAssembly (script/native-engine.ts): on the
// scripts whose features Node 20's V8 supports (native-files.json), a browser-grade engine must pass
// every check (v128 and NaN payloads included, through exact wasm wrappers), so any failure here
// is a runner bug, not an engine bug. The text originals run the same way through our WAT parser.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScriptSource } from '../../src/script/runner.js';
import { nativeEngine } from '../../src/script/native-engine.js';
import { parseModule } from '../../src/text/parse.js';
import { SHARED, TESTSUITE_BIN } from '../util/wast-binaries.js';

// Standardised features that Node 20 still keeps behind flags.
v8.setFlagsFromString('--experimental-wasm-extended-const');
v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

const FILES: string[] = JSON.parse(readFileSync(new URL('../../../test/script/native-files.json', import.meta.url), 'utf8'));

test('the runner passes every carried check of the testsuite on native WebAssembly', { timeout: 5 * 60_000 }, () => {
  let passed = 0;
  let notRun = 0;
  const failures: string[] = [];
  for (const name of FILES) {
    const r = runScriptSource(readFileSync(join(TESTSUITE_BIN, name), 'utf8'), nativeEngine());
    passed += r.passed;
    notRun += r.notRun;
    for (const c of r.checks) if (c.outcome === 'failed') failures.push(`${name}:${c.line} ${c.command}: ${c.reason}`);
  }
  console.log(`native: ${FILES.length} scripts, ${passed} checks passed, ${failures.length} failed, ${notRun} not carried by the JS API`);
  assert.deepEqual(failures.slice(0, 30), []);
  assert.ok(passed > 50000, `${passed} checks`);
});

test('the text originals, through purewasm\'s WAT parser, pass every check on native WebAssembly', { timeout: 5 * 60_000 }, () => {
  // The same scripts as text: our parser's modules must behave under V8 exactly as the reference
  // encodings do, and every quoted malformed module must be rejected.
  let passed = 0;
  const failures: string[] = [];
  const legacy = readdirSync(join(SHARED, 'spec/testsuite/legacy')).map((f) => `legacy/${f}`); // V8 has legacy EH
  for (const name of [...FILES.map((f) => f.replace(/\.bin\.wast$/, '.wast')), ...legacy]) {
    const r = runScriptSource(readFileSync(join(SHARED, 'spec/testsuite', name), 'utf8'), nativeEngine(undefined, { parseText: parseModule }));
    passed += r.passed;
    for (const c of r.checks) if (c.outcome === 'failed') failures.push(`${name}:${c.line} ${c.command}: ${c.reason}`);
  }
  console.log(`native, text: ${FILES.length + legacy.length} scripts, ${passed} checks passed, ${failures.length} failed`);
  assert.deepEqual(failures.slice(0, 30), []);
  assert.ok(passed > 50000, `${passed} checks`);
});
