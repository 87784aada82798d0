// Body validation over every binary module of the official testsuite: valid modules must pass
// decode + module validation + validateFunction for every defined function; assert_invalid
// modules must be refused somewhere along that path with a CompileError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { binWastFiles, binaryModules } from '../util/wast-binaries.js';
import { compileModule } from '../../src/valid/index.js';
import { validateFunction } from '../../src/valid/body.js';
import { CompileError } from '../../src/api/errors.js';

test('testsuite-bin: function bodies of valid modules pass, invalid modules are refused', () => {
  let total = 0;
  let passed = 0;
  const failures: string[] = [];
  for (const file of binWastFiles()) {
    for (const mod of binaryModules(file)) {
      if (mod.kind === 'malformed') continue;
      total++;
      const mustFail = mod.kind === 'invalid';
      let problem: string | null = null;
      try {
        const m = compileModule(mod.bytes);
        for (let f = m.numImportedFuncs; f < m.funcs.length; f++) validateFunction(m, f);
        if (mustFail) problem = 'invalid module accepted';
      } catch (e) {
        if (!(e instanceof CompileError)) problem = `crash: ${(e as Error)?.stack ?? e}`;
        else if (!mustFail) problem = `valid module refused: ${(e as Error).message}`;
      }
      if (problem === null) passed++;
      else failures.push(`${basename(file)} #${total}: ${problem.split('\n').slice(0, 3).join(' | ')}`);
    }
  }
  for (const f of failures.slice(0, 60)) console.log(f);
  console.log(`body sweep: ${passed}/${total} modules as expected`);
  assert.equal(passed, total);
});
