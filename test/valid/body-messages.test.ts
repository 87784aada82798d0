// Every assert_invalid of testsuite-bin refused by a function body must carry the testsuite's
// expected message text (the reference interpreter's wording), e.g. "type mismatch",
// "alignment must not be larger than natural", "invalid lane index", "uninitialized local".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { binWastFiles } from '../util/wast-binaries.js';
import { compileModule } from '../../src/valid/index.js';

function bytesOf(strings: string): Uint8Array {
  const out: number[] = [];
  for (const [, s] of strings.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
    for (let i = 0; i < s.length; i++) {
      if (s[i] === '\\' && /[0-9a-fA-F]{2}/.test(s.slice(i + 1, i + 3))) {
        out.push(parseInt(s.slice(i + 1, i + 3), 16));
        i += 2;
      } else if (s[i] === '\\') {
        out.push(({ n: 10, t: 9, r: 13 } as Record<string, number>)[s[i + 1]] ?? s.charCodeAt(i + 1));
        i++;
      } else out.push(...new TextEncoder().encode(s[i]));
    }
  }
  return Uint8Array.from(out);
}

test('body validation errors use the testsuite wording', () => {
  const re = /\(assert_invalid\s+\(module(?:\s+definition)?(?:\s+\$[^\s()]+)?\s+binary((?:\s+"(?:[^"\\]|\\.)*")*)\s*\)\s*"([^"]*)"/g;
  let checked = 0;
  const wrong: string[] = [];
  for (const file of binWastFiles()) {
    const text = readFileSync(file, 'utf8');
    for (const [, strings, expected] of text.matchAll(re)) {
      let message = 'accepted';
      try {
        compileModule(bytesOf(strings));
      } catch (e) {
        message = (e as Error).message;
      }
      if (!message.includes(': in function ')) continue;
      checked++;
      if (!message.includes(expected)) wrong.push(`${file.split('/').pop()}: expected "${expected}", got "${message}"`);
    }
  }
  assert.ok(checked > 2000, `only ${checked} body errors checked`);
  assert.deepEqual(wrong, []);
});
