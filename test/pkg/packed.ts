// The package as users install it: `npm run build`'s output (scripts/dist.mjs) plus package.json and
// README.md, written to <build>/test/pkg/node_modules/purewasm, so that code in <build>/test/pkg
// imports it by name and goes through the `exports` map. A package.json without a name beside it stops
// Node (and TypeScript) from resolving 'purewasm' to the repository itself (package self-reference).
// Test files run in parallel processes: the first one builds (under a lock directory), the others wait.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

/** The repository (the build folder is one of its direct children). */
export const root = fileURLToPath(new URL('../../../', import.meta.url));
/** <build>/test/pkg: code here imports 'purewasm' from node_modules. */
export const here = fileURLToPath(new URL('.', import.meta.url));
export const pkgDir = join(here, 'node_modules', 'purewasm');

export const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const stamp = join(pkgDir, '.built');

/** Builds the package once per build folder; returns its directory. */
export async function packedPackage(): Promise<string> {
  mkdirSync(join(here, 'node_modules'), { recursive: true });
  try {
    mkdirSync(`${pkgDir}.lock`);
  } catch {
    for (let i = 0; i < 1200 && !existsSync(stamp); i++) await sleep(100);
    if (readFileSync(stamp, 'utf8') !== 'ok') throw new Error(`building the package failed: ${readFileSync(stamp, 'utf8')}`);
    return pkgDir;
  }
  mkdirSync(pkgDir, { recursive: true });
  writeFileSync(join(here, 'package.json'), '{ "private": true, "type": "module" }\n');
  for (const f of ['package.json', 'README.md']) copyFileSync(join(root, f), join(pkgDir, f));
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'dist.mjs'), '--outdir', pkgDir], { encoding: 'utf8' });
  writeFileSync(stamp, r.status === 0 ? 'ok' : r.stdout + r.stderr);
  if (r.status !== 0) throw new Error(`scripts/dist.mjs failed:\n${r.stdout}${r.stderr}`);
  return pkgDir;
}
