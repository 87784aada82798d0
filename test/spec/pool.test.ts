// The spec pool's failure handling: a hung command and a crashing command each cost one failed
// check, and the rest of the file still runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.SPEC_COMMAND_TIME_LIMIT_MS = '1500';
const { runSpecFiles } = await import('./pool.js');

test('a hung command fails alone; the file is re-run without it', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'purewasm-pool-'));
  try {
    const file = join(dir, 'hang.wast');
    writeFileSync(file, `(module
  (func (export "spin") (loop (br 0)))
  (func (export "one") (result i32) (i32.const 1)))
(assert_return (invoke "one") (i32.const 1))
(assert_return (invoke "spin"))
(assert_return (invoke "one") (i32.const 1))
(assert_return (invoke "one") (i32.const 2))
`);
    const r = (await runSpecFiles([file])).get(file)!;
    assert.equal(r.passed, 3);
    assert.deepEqual(r.failing.map((f) => f.line), [5, 7]);
    assert.match(r.failing[0].reason, /^hung: no result within 1500 ms/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
