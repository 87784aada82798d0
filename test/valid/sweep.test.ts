// Decode/validate sweep over every binary module of the official testsuite (.bin.wast, top level and
// custom/): modules outside assert_malformed/assert_invalid must compile, the others must fail with
// CompileError, and nothing else may escape. Prints totals and per-file failures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
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

/** The bytes of a `.wast` string literal's contents (escapes \hh, \n, \t, \", \\ …). */
function stringBytes(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\') {
      out.push(...new TextEncoder().encode(s[i]));
    } else if (/[0-9a-fA-F]{2}/.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      const c = s[++i];
      out.push(({ n: 10, t: 9, r: 13 } as Record<string, number>)[c] ?? c.charCodeAt(0));
    }
  }
  return out;
}

test('testsuite-bin: error messages contain the reference interpreter\'s text', () => {
  // Messages are not part of the JS API contract, but the script runner and users read them.
  const re = /\((assert_malformed|assert_invalid)\s*\(module(?:\s+definition)?(?:\s+\$[^\s()]+)?\s+binary((?:\s+"(?:[^"\\]|\\.)*")*)\s*\)\s*"([^"]*)"/g;
  let total = 0;
  let matching = 0;
  const misses: string[] = [];
  for (const file of binWastFiles()) {
    const text = readFileSync(file, 'utf8');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const bytes: number[] = [];
      for (const s of m[2].matchAll(/"((?:[^"\\]|\\.)*)"/g)) bytes.push(...stringBytes(s[1]));
      let message = '(accepted)';
      try {
        compileModule(Uint8Array.from(bytes));
      } catch (e) {
        message = (e as Error).message;
      }
      total++;
      if (message.includes(m[3])) matching++;
      else misses.push(`"${m[3]}" <- ${message}`);
    }
  }
  console.log(`messages: ${matching}/${total} contain the expected text`);
  for (const x of misses.slice(0, 30)) console.log(`    ${x}`);
  assert.ok(matching >= total * 0.98, `only ${matching}/${total} messages match`);
});
