// The package as published: every `exports` entry resolves by name for `import` and `require` and
// works; the polyfill and the main entry share one namespace in each module system; TypeScript
// accepts the namespace as its own lib's `typeof WebAssembly` through the `types` conditions (ESM and
// CommonJS); `npm pack` would publish only package.json, README and dist/.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packedPackage, here, root, tsc } from './packed.js';

let pkg = '';
before(async () => {
  pkg = await packedPackage();
});

interface Target { [condition: string]: string | Target }
function targets(t: string | Target, acc: string[] = []): string[] {
  if (typeof t === 'string') acc.push(t);
  else for (const v of Object.values(t)) targets(v, acc);
  return acc;
}

test('every file the exports map, main, module, types and bin name exists in the package', () => {
  const json = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
  const files = [...targets(json.exports), json.main, json.module, json.types, ...Object.values(json.bin as Record<string, string>)];
  const missing = files.filter((f) => !existsSync(join(pkg, f)));
  assert.deepEqual(missing, []);
  // Every entry has a `types` condition beside each `default`.
  for (const [k, v] of Object.entries(json.exports as Record<string, Target>)) {
    if (k === './package.json') continue;
    const walk = (t: Target): void => {
      if ('default' in t) assert.ok(typeof t.types === 'string', `${k}: types condition`);
      else for (const x of Object.values(t)) if (typeof x !== 'string') walk(x);
    };
    walk(v);
  }
});

function node(args: string[], code: string, type: 'module' | 'commonjs'): string {
  const r = spawnSync(process.execPath, ['--no-warnings', ...args, `--input-type=${type}`, '-e', code], { cwd: here, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

const ADD = '(module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))';

test('import by name: purewasm, /polyfill, /text, /precompile, /wasi (node and browser conditions), one namespace', () => {
  const code = (wasi: string) => `
    const before = typeof WebAssembly;
    await import('purewasm/polyfill');
    const p = await import('purewasm');
    const { parseModule, printBinary } = await import('purewasm/text');
    const { precompile } = await import('purewasm/precompile');
    const w = await import('purewasm/wasi');
    const bytes = parseModule(${JSON.stringify(ADD)});
    const { instance } = await WebAssembly.instantiate(bytes);
    console.log(JSON.stringify([before, p.WebAssembly === WebAssembly, instance.exports.add(2, 3), printBinary(bytes).includes('i32.add'),
      precompile(bytes).includes('code.set('), ${wasi}]));`;
  assert.deepEqual(JSON.parse(node(['--jitless'], code(`typeof w.Wasi, typeof w.WasiCore`), 'module')),
    ['undefined', true, 5, true, true, 'function', 'function']);
  // Without the `node` condition (what a browser bundler sees): WasiCore and the in-memory host only.
  assert.deepEqual(JSON.parse(node(['--jitless', '--conditions=browser', '-C', 'x'], code(`typeof w.Wasi, typeof w.createMemoryHost`), 'module')),
    ['undefined', true, 5, true, true, 'function', 'function']);
});

test('purewasm/precompile: a file made with it lets purewasm/polyfill run the module compiled where eval is refused', () => {
  const out = node(['--jitless'], `
    const { writeFileSync } = await import('node:fs');
    const { parseModule } = await import('purewasm/text');
    const { precompile } = await import('purewasm/precompile');
    const bytes = parseModule(${JSON.stringify(ADD)});
    const file = process.cwd() + '/add.precompiled.mjs';
    writeFileSync(file, precompile(bytes, 'add.wasm'));
    const refuse = () => { throw new EvalError('refused'); };
    globalThis.Function = new Proxy(Function, { construct: refuse, apply: refuse });
    Function.prototype.constructor = globalThis.Function;
    let refused = false;
    try { new Function('return 1'); } catch { refused = true; }
    await import(file);
    const registry = globalThis[Symbol.for('purewasm.precompiled')];
    const get = registry.get.bind(registry);
    let hits = 0;
    registry.get = (key) => { const f = get(key); if (f) hits++; return f; };
    await import('purewasm/polyfill');
    const { instance } = await WebAssembly.instantiate(bytes);
    console.log(JSON.stringify([refused, registry.size, instance.exports.add(40, 2), hits]));`, 'module');
  // The one function's code came from the file (the interpreter would not have looked it up).
  assert.deepEqual(JSON.parse(out), [true, 1, 42, 1]);
});

test('require by name: the CommonJS builds, one namespace shared by purewasm and purewasm/polyfill', () => {
  const out = node(['--jitless'], `
    const before = typeof WebAssembly;
    require('purewasm/polyfill');
    const p = require('purewasm');
    const { parseModule, printBinary } = require('purewasm/text');
    const { Wasi } = require('purewasm/wasi');
    const { precompile } = require('purewasm/precompile');
    const m = new WebAssembly.Module(parseModule(${JSON.stringify(ADD)}));
    console.log(JSON.stringify([before, p.WebAssembly === WebAssembly, new WebAssembly.Instance(m).exports.add(40, 2),
      typeof printBinary, typeof Wasi, typeof p.configure, require.resolve('purewasm').endsWith('.cjs'), typeof precompile]));`, 'commonjs');
  assert.deepEqual(JSON.parse(out), ['undefined', true, 42, 'function', 'function', 'function', true, 'function']);
});

test('a usable native WebAssembly is kept by the polyfill (import and require)', () => {
  assert.equal(node([], `const n = WebAssembly; await import('purewasm/polyfill'); console.log(WebAssembly === n);`, 'module'), 'true');
  assert.equal(node([], `const n = WebAssembly; require('purewasm/polyfill'); console.log(WebAssembly === n);`, 'commonjs'), 'true');
});

// Compiled by tsc against the package's declarations, resolved through the `types` conditions.
const ESM_FIXTURE = `
import { WebAssembly as PureWasm, configure, install } from 'purewasm';
import 'purewasm/polyfill';
import { parseModule, printBinary, TextError } from 'purewasm/text';
import { Wasi, WasiCore } from 'purewasm/wasi';

const w: typeof WebAssembly = PureWasm;
const bytes: Uint8Array = parseModule('(module)');
const text: string = printBinary(bytes);
const mod = new PureWasm.Module(bytes);
const inst: Promise<WebAssembly.Instance> = PureWasm.instantiate(mod, {});
const add: Promise<number> = PureWasm.instantiate(bytes).then(({ instance }) => (instance.exports.add as (a: number, b: number) => number)(1, 2));
const mem: WebAssembly.Memory = new w.Memory({ initial: 1 });
const prev: { engine: 'compile' | 'interpret' | 'auto' } = configure({ engine: 'auto' });
const done: boolean = install({ force: false });
const wasi: WasiCore = new Wasi({ args: ['x'] });
// @ts-expect-error: validate takes bytes (the declarations are real types, not any)
PureWasm.validate('not bytes');
// @ts-expect-error: engine is one of three names
configure({ engine: 'jit' });
export { w, text, inst, add, mem, prev, done, wasi, TextError };
`;
const CJS_FIXTURE = `
import pw = require('purewasm');
import text = require('purewasm/text');
import wasi = require('purewasm/wasi');
require('purewasm/polyfill');
const w: typeof WebAssembly = pw.WebAssembly;
const b: Uint8Array = text.parseModule('(module)');
const c: typeof wasi.WasiCore = wasi.WasiCore;
// @ts-expect-error: validate takes bytes
pw.WebAssembly.validate(1);
export = { w, b, c };
`;

test('tsc accepts the namespace as typeof WebAssembly (lib.dom) through each entry, ESM and CommonJS', () => {
  const dir = join(here, 'types');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'esm.mts'), ESM_FIXTURE);
  writeFileSync(join(dir, 'cjs.cts'), CJS_FIXTURE);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true,
      lib: ['es2022', 'dom'], types: ['node'], typeRoots: [join(root, 'node_modules', '@types')], skipLibCheck: true,
    },
    files: ['esm.mts', 'cjs.cts'],
  }));
  const r = spawnSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('tsc with the older node10 resolution (no exports map) finds every entry through typesVersions', () => {
  const dir = join(here, 'types-node10');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'a.ts'), `import { WebAssembly as PureWasm } from 'purewasm';
import { parseModule } from 'purewasm/text';
import { Wasi } from 'purewasm/wasi';
import 'purewasm/polyfill';
const w: typeof WebAssembly = PureWasm;
// @ts-expect-error: real types, not any
parseModule(1);
export { w, Wasi };
`);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      module: 'commonjs', moduleResolution: 'node10', target: 'es2022', strict: true, noEmit: true,
      lib: ['es2022', 'dom'], types: ['node'], typeRoots: [join(root, 'node_modules', '@types')], skipLibCheck: true,
    },
    files: ['a.ts'],
  }));
  const r = spawnSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('npm pack publishes package.json, README and dist/ only', () => {
  // --ignore-scripts: list what `files` selects without running prepack's build.
  for (const cwd of [root, pkg]) {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const files: string[] = JSON.parse(r.stdout)[0].files.map((f: { path: string }) => f.path);
    assert.deepEqual(files.filter((f) => !/^(package\.json|README\.md|LICENSE|dist\/.+)$/.test(f)), [], cwd);
    assert.ok(files.includes('package.json'));
    if (cwd === pkg) {
      assert.ok(files.includes('dist/index.js') && files.includes('dist/cjs/index.cjs') && files.includes('dist/index.d.ts'));
      assert.ok(!files.includes('dist/.built'));
      assert.deepEqual(files.filter((f) => /(^|\/)tests?\/|\.test\.|\.tsbuildinfo$/.test(f)), []);
    }
  }
});

test('bundlers honour sideEffects: the polyfill import survives bundling, unused entries are dropped', async () => {
  const { build } = await import('esbuild');
  /** Bundles `contents`; returns the source modules (src/…) that contribute code, read from the
   * bundle's source map (esbuild follows the package's own source maps back to src/). */
  const bundle = async (contents: string, out: string) => {
    await build({
      stdin: { contents, resolveDir: here, loader: 'js' }, bundle: true, format: 'esm', platform: 'node',
      write: true, outfile: join(here, out), sourcemap: true, logLevel: 'silent',
    });
    const sources: string[] = JSON.parse(readFileSync(join(here, `${out}.map`), 'utf8')).sources;
    return sources.map((p) => p.replace(/^.*?\bsrc\//, 'src/'));
  };
  // A bare import of the polyfill must be kept (it is listed in sideEffects) and install purewasm.
  await bundle(`import 'purewasm/polyfill';
    import { parseModule } from 'purewasm/text';
    const m = new WebAssembly.Module(parseModule(${JSON.stringify(ADD)}));
    console.log(new WebAssembly.Instance(m).exports.add(20, 22));`, 'bundle-polyfill.mjs');
  const r = spawnSync(process.execPath, ['--jitless', '--no-warnings', join(here, 'bundle-polyfill.mjs')], { encoding: 'utf8' });
  assert.equal(r.stdout.trim(), '42', r.stderr);
  // Only the text format: nothing of the engine or the JS API comes along (the binary reader's
  // CompileError class aside), although the package's chunks are shared with the main entry.
  const inputs = await bundle(`import { parseModule } from 'purewasm/text'; console.log(parseModule('(module)').length);`, 'bundle-text.mjs');
  assert.deepEqual(inputs.filter((p) => /^src\/(api\/(?!errors)|exec|runtime|valid)/.test(p)), []);
  assert.ok(inputs.includes('src/text/parse.ts'), inputs.join(' '));
});

test('ESM entries are bundles: a cold import reads a few files, not one per source module', () => {
  const files = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
  const js = files(join(pkg, 'dist')).filter((f) => !f.startsWith('cjs'));
  // The entries, the CLI's two lazily loaded commands and a handful of shared chunks.
  assert.ok(js.length <= 22, js.join(' '));
  for (const e of ['index.js', 'polyfill.js', 'text/index.js', 'precompile.js', 'wasi/index.js', 'wasi/browser.js', 'cli/main.js']) {
    assert.ok(js.includes(e), e);
    assert.ok(existsSync(join(pkg, 'dist', `${e}.map`)), `${e}.map`);
  }
  assert.match(readFileSync(join(pkg, 'dist', 'cli', 'main.js'), 'utf8'), /^#!\/usr\/bin\/env node\n/);
});
