// purewasm's own WebAssembly namespace (src/index.ts) driven by the spec scripts through the
// native adapter, against the engine contract directly: the JS API layer must not change any
// outcome. Wherever both evaluated a check, they must agree (pass/fail); the scripts are a third of
// those the runner is proven on against V8 (native-files.json).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScriptSource } from '../../src/script/runner.js';
import { nativeEngine } from '../../src/script/native-engine.js';
import { contractEngine } from '../../src/script/contract-engine.js';
import { WebAssembly as PureWebAssembly } from '../../src/index.js';
import { TESTSUITE_BIN } from '../util/wast-binaries.js';

// Every third script of the list: the API layer is the same code for all of them, and this keeps
// the test to a few seconds (the spec test already runs every script on the engine).
const FILES: string[] = (JSON.parse(readFileSync(new URL('../../../test/script/native-files.json', import.meta.url), 'utf8')) as string[])
  .filter((_, i) => i % 3 === 0);

test('the JS API layer agrees with the engine contract on every check both run', { timeout: 5 * 60_000 }, () => {
  let both = 0;
  let apiPassed = 0;
  const disagreements: string[] = [];
  for (const name of FILES) {
    const source = readFileSync(join(TESTSUITE_BIN, name), 'utf8');
    const api = runScriptSource(source, nativeEngine(PureWebAssembly));
    const direct = runScriptSource(source, contractEngine());
    apiPassed += api.passed;
    const byLine = new Map(direct.checks.map((c) => [c.line, c]));
    for (const a of api.checks) {
      const d = byLine.get(a.line);
      if (!d || a.outcome === 'not run' || d.outcome === 'not run') continue;
      both++;
      if (a.outcome !== d.outcome) disagreements.push(`${name}:${a.line} API ${a.outcome}${a.reason ? ` (${a.reason})` : ''}, engine ${d.outcome}${d.reason ? ` (${d.reason})` : ''}`);
    }
  }
  console.log(`JS API vs engine: ${FILES.length} scripts, ${both} checks run by both, ${apiPassed} passed through the API, ${disagreements.length} disagreements`);
  assert.deepEqual(disagreements.slice(0, 30), []);
});
