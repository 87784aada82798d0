// returnOnExit: false ends the whole process with the guest's exit code, as node:wasi does.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

const wasi = new URL('../../src/wasi/index.js', import.meta.url).href;
const program = new URL('../../../test/wasi/programs/exitcode.wasm', import.meta.url).href;

test('proc_exit with returnOnExit false exits the process with the code', () => {
  const script = `
    import { Wasi } from ${JSON.stringify(wasi)};
    import { readFileSync } from 'node:fs';
    const w = new Wasi({ args: ['exitcode', '23'], returnOnExit: false });
    const m = new WebAssembly.Module(readFileSync(new URL(${JSON.stringify(program)})));
    w.start(new WebAssembly.Instance(m, { wasi_snapshot_preview1: w.imports }));
    console.log('not reached');`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 23, r.stderr);
  assert.equal(r.stdout, 'exiting with 23\n');
});
