// Recomputes test/spec/expected.json on a clean snapshot of HEAD (plus the files you name, e.g.
// your own uncommitted change), so that others' unfinished work in the shared tree never leaks
// into the expectations:
//   node test/spec/update-expected-clean.mjs [path…] [-- file-filter…]
// The snapshot is built in a temporary folder beside the repository (so ../shared resolves) and
// removed afterwards; only test/spec/expected.json is written back.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const dash = args.indexOf('--');
const own = dash >= 0 ? args.slice(0, dash) : args;
const filters = dash >= 0 ? args.slice(dash + 1) : [];

const snap = mkdtempSync(join(dirname(root), '.spec-snapshot-'));
try {
  const tar = execFileSync('git', ['archive', 'HEAD'], { cwd: root, maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', snap], { input: tar });
  for (const f of own) {
    mkdirSync(dirname(join(snap, f)), { recursive: true });
    cpSync(join(root, f), join(snap, f));
  }
  symlinkSync(join(root, 'node_modules'), join(snap, 'node_modules'));
  execFileSync(process.execPath, ['scripts/build.mjs', '--out', '.build-snapshot'], { cwd: snap, stdio: 'inherit' });
  execFileSync(process.execPath, ['.build-snapshot/test/spec/update-expected.js', ...filters], { cwd: snap, stdio: ['ignore', 'ignore', 'inherit'] });
  cpSync(join(snap, 'test/spec/expected.json'), join(root, 'test/spec/expected.json'));
  console.log(`test/spec/expected.json updated from HEAD${own.length ? ` + ${own.join(' ')}` : ''}`);
} finally {
  rmSync(snap, { recursive: true, force: true });
}
