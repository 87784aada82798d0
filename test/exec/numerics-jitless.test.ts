// The unit tests of exec/numerics again under `node --jitless`, the configuration purewasm exists
// for: V8's interpreter takes other paths than its compilers (e.g. its Math.floor returns a
// signalling NaN unchanged, where optimised code quiets it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('numerics unit tests pass under node --jitless', () => {
  const file = fileURLToPath(new URL('./numerics.test.js', import.meta.url));
  // Without NODE_TEST_CONTEXT, the child reports as a top-level run, to its own stdout.
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const r = spawnSync(process.execPath, ['--jitless', '--test-reporter=tap', file], { encoding: 'utf8', env });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /# pass [1-9]/);
  assert.match(r.stdout, /# fail 0/);
});
