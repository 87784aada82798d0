// Transpiles every .ts file of src/, test/, bench/ and demo/ one-to-one (no bundling) with esbuild.
// src/ goes to dist/ (the published package); everything, src included, also goes to build/ so that
// tests import the sources by the same relative paths they use in the tree.
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

const common = { format: 'esm', platform: 'neutral', target: 'es2022', sourcemap: true, logLevel: 'warning' };
const src = walk('src');
rmSync('build', { recursive: true, force: true });
await Promise.all([
  build({ ...common, entryPoints: src, outdir: 'dist', outbase: 'src' }),
  build({ ...common, entryPoints: [...src, ...walk('test'), ...walk('bench'), ...walk('demo')], outdir: 'build', outbase: '.' }),
]);
