// The whole tree (src, test, bench, demo) type-checks under the repository's tsconfig: the build
// (esbuild) strips types without checking them, so without this a type error would reach main.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { root, tsc } from './packed.js';

test('tsc --noEmit accepts the repository', () => {
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, `tsc reported:\n${r.stdout.slice(0, 4000)}${r.stderr.slice(0, 1000)}`);
});
