// One real program in a fresh process: `node [--jitless] jitless-child.js polyfill|native NAME`, NAME
// being 'demo' (demo/c/demo.wasm, driven as demo/demo.ts does) or a test/realworld workload. With
// 'polyfill' it first imports 'purewasm/polyfill' by package name (the exports map, from
// ./node_modules); the program itself only ever uses globalThis.WebAssembly. Prints one JSON line:
// { before: typeof WebAssembly at start, output } or { error }.
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { WORKLOADS } from '../realworld/workloads.js';

const [mode, name] = process.argv.slice(2);
const before = typeof (globalThis as { WebAssembly?: unknown }).WebAssembly;

function demo(): string {
  const bytes = readFileSync(new URL('../../../demo/c/demo.wasm', import.meta.url));
  let out = '';
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { emit: (c: number) => { out += String.fromCharCode(c); } } });
  const e = instance.exports as Record<string, (...args: unknown[]) => unknown>;
  e.hello();
  const iterations = e.mandelbrot(64, 24, 200);
  e.show(64, 24);
  e.sha256_canvas(64 * 24, 2000);
  e.show_digest();
  return `${out}${iterations} ${e.sort64(4096, 42n)}`;
}

try {
  const spec = 'purewasm/polyfill'; // a variable: the repository's typecheck need not resolve it
  if (mode === 'polyfill') await import(spec);
  register(new URL('../realworld/wasm-esm-hooks.js', import.meta.url));
  const output = name === 'demo' ? demo() : await (await WORKLOADS[name].load('test'))();
  console.log(JSON.stringify({ before, output }));
} catch (e) {
  console.log(JSON.stringify({ error: String((e as Error)?.stack ?? e) }));
}
