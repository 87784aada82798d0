// Memory of a compiled module stays proportional to its size: a Module keeps its bytes (functions
// are compiled lazily from them) and the decoded module, well under 3x the file (issue #8's bound
// for the compiled form), on real modules from the npm packages of test/realworld.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const child = fileURLToPath(new URL('./memory-child.js', import.meta.url));

test('a Module keeps less than 3x its byte size (SQLite, photon)', () => {
  const inPackage = (pkg: string, file: string): string => require.resolve(`${pkg}/package.json`).replace(/package\.json$/, file);
  const files = [inPackage('@sqlite.org/sqlite-wasm', 'sqlite-wasm/jswasm/sqlite3.wasm'), inPackage('@silvia-odwyer/photon', 'photon_rs_bg.wasm')];
  // One process per module: what an earlier compile leaves to collect must not count.
  const rows = files.map((file) => {
    const r = spawnSync(process.execPath, ['--expose-gc', child, file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return (JSON.parse(r.stdout) as { file: string; bytes: number; held: number }[])[0];
  });
  for (const { file, bytes, held } of rows) {
    const ratio = held / bytes;
    console.log(`${file.split('/').pop()}: ${bytes} bytes, Module keeps ${held} (${ratio.toFixed(2)}x)`);
    assert.ok(ratio >= 1 && ratio < 3, `${file}: ${ratio.toFixed(2)}x`);
  }
});
