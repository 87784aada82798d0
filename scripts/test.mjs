// `npm test`: builds, then runs every *.test.js of the build with Node's test runner (so its totals
// are printed and any failure fails the run). `node scripts/test.mjs [--out DIR] [filter…]` runs only
// the test files whose path contains one of the filters.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const outIdx = args.indexOf('--out');
const out = outIdx >= 0 ? args[outIdx + 1] : 'build';
const filters = args.filter((_, i) => i !== outIdx && i !== outIdx + 1);

const b = spawnSync(process.execPath, ['scripts/build.mjs', '--out', out], { stdio: 'inherit' });
if (b.status !== 0) process.exit(b.status ?? 1);

function walk(dir, acc = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, acc);
    else if (p.endsWith('.test.js')) acc.push(p);
  }
  return acc;
}
const files = walk(join(out, 'test')).filter((f) => filters.length === 0 || filters.some((x) => f.includes(x))).sort();
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
