// `npm run build`: the published package. `node scripts/dist.mjs [--outdir DIR]` writes DIR/dist
// (default: the repository's dist/):
//   dist/<entry>.js, .js.map     ESM, one esbuild bundle per public entry (ESM_ENTRIES) with code
//   dist/chunks/*.js, .js.map    shared between entries split into chunks: the polyfill and the main
//                                entry share one namespace object, and a cold import reads a handful
//                                of files instead of ~140 modules (see docs/package.md for timings)
//   dist/**.d.ts                 declarations, one per source module (tsc; entries' .d.ts import them)
//   dist/cjs/*.cjs, .cjs.map     CommonJS, one esbuild bundle per entry; polyfill.cjs requires
//                                index.cjs so that `require` users also get a single namespace
//   dist/cjs/**.d.ts             the declarations again, under a {"type":"commonjs"} package.json
//                                so that TypeScript reads them as CommonJS for `require`
// The entries are the ones package.json's `exports` map (and `bin`) names; test/pkg checks both agree.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, rmSync, mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const i = process.argv.indexOf('--outdir');
const dist = join(i > 0 ? process.argv[i + 1] : root, 'dist');

/** ESM entries (dist/<path>.js): the exports map's targets and the bin. */
export const ESM_ENTRIES = ['src/index.ts', 'src/polyfill.ts', 'src/text/index.ts', 'src/precompile.ts', 'src/wasi/index.ts', 'src/wasi/browser.ts', 'src/cli/main.ts'];
/** CommonJS bundle name → source entry. */
export const ENTRIES = {
  index: 'src/index.ts',
  text: 'src/text/index.ts',
  precompile: 'src/precompile.ts',
  wasi: 'src/wasi/index.ts',
  'wasi-browser': 'src/wasi/browser.ts',
};

function walkDts(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walkDts(p, out);
    else if (p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

rmSync(dist, { recursive: true, force: true });
const common = { target: 'es2022', sourcemap: true, bundle: true, logLevel: 'warning', absWorkingDir: root };
await Promise.all([
  // One build, so that chunks are shared; `node:` modules (WASI's Node host, the CLI) stay imports.
  build({
    ...common, format: 'esm', platform: 'neutral', splitting: true, external: ['node:*'],
    entryPoints: ESM_ENTRIES, outdir: dist, outbase: join(root, 'src'), chunkNames: 'chunks/[name]-[hash]',
  }),
  ...Object.entries(ENTRIES).map(([name, entry]) =>
    build({ ...common, format: 'cjs', platform: 'node', entryPoints: [entry], outfile: join(dist, 'cjs', `${name}.cjs`) })),
]);
writeFileSync(join(dist, 'cjs', 'polyfill.cjs'), `"use strict";\n// require('purewasm/polyfill'): installs the namespace of index.cjs (see polyfill-install.ts).\nrequire("./index.cjs").install();\n`);
// --noCheck: declarations only; type errors are npm run typecheck's to report (and it is 4x faster).
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--noCheck', '--outDir', dist], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
// Declarations for `require`: the same files, read as CommonJS because of the package.json beside them.
// (The CLI and the .wast runner are the bin's, which is ESM: no CommonJS entry reaches them.)
for (const f of walkDts(dist).filter((f) => !/^(cli|script)\//.test(relative(dist, f)))) {
  const to = join(dist, 'cjs', relative(dist, f));
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(f, to);
}
writeFileSync(join(dist, 'cjs', 'package.json'), '{ "type": "commonjs" }\n');
