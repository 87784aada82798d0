// Decode/validate sweep over every binary module of the official testsuite (.bin.wast, top level and
// custom/): modules outside assert_malformed/assert_invalid must compile, the others must fail with
// CompileError, and nothing else may escape. Prints totals and per-file failures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { binWastFiles, binaryModules, TESTSUITE_BIN } from '../util/wast-binaries.js';
import { compileModule } from '../../src/valid/index.js';
import { CompileError } from '../../src/api/errors.js';

test('testsuite-bin: every module compiles or fails exactly as its assertion says', () => {
  let total = 0;
  let passed = 0;
  const failures = new Map<string, string[]>();
  // custom-page-sizes is the one proposal beyond 3.0 that the decoder implements.
  const files = [...binWastFiles(), join(TESTSUITE_BIN, 'proposals/custom-page-sizes/binary.bin.wast')];
  for (const file of files) {
    for (const mod of binaryModules(file)) {
      total++;
      const mustFail = mod.kind === 'invalid' || mod.kind === 'malformed';
      let problem: string | null = null;
      try {
        compileModule(mod.bytes);
        if (mustFail) problem = `${mod.kind} module accepted`;
      } catch (e) {
        if (!(e instanceof CompileError)) problem = `crash: ${(e as Error)?.stack ?? e}`;
        else if (!mustFail) problem = `valid module refused: ${(e as Error).message}`;
      }
      if (problem === null) passed++;
      else {
        const key = file.slice(TESTSUITE_BIN.length + 1);
        const list = failures.get(key) ?? [];
        list.push(problem.split('\n').slice(0, 3).join(' | '));
        failures.set(key, list);
      }
    }
  }
  for (const [file, list] of failures) {
    console.log(`${file}: ${list.length} failing`);
    for (const p of list.slice(0, 5)) console.log(`    ${p}`);
  }
  console.log(`sweep: ${passed}/${total} modules as expected, ${failures.size} files with failures`);
  assert.equal(passed, total);
});
