// Transpiles every .ts file of src/, test/, bench/ and demo/ one-to-one (no bundling) with esbuild.
// Everything, src included, goes to the build folder (default build/, or `--out DIR`, so that people
// working side by side do not share one) so that tests import the sources by the same relative paths
// they use in the tree. The published package (dist/) is scripts/dist.mjs's (`npm run build`).
import { build } from 'esbuild';
import { readdirSync, statSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const outIdx = process.argv.indexOf('--out');
const out = outIdx > 0 ? process.argv[outIdx + 1] : 'build';
const common = { format: 'esm', platform: 'neutral', target: 'es2022', sourcemap: true, logLevel: 'warning' };
const src = walk('src');
rmSync(out, { recursive: true, force: true });
await build({ ...common, entryPoints: [...src, ...walk('test'), ...walk('bench'), ...walk('demo')], outdir: out, outbase: '.' });
