// `npm start`: runs a real C program (demo/c/demo.c, compiled to WebAssembly by clang) on purewasm,
// prints what it prints, checks every result against Node's native WebAssembly, and shows how long
// each engine took.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WebAssembly as PureWasm } from '../src/index.js';

type Namespace = typeof globalThis.WebAssembly;
const native = (globalThis as { WebAssembly?: Namespace }).WebAssembly;
const bytes = readFileSync(fileURLToPath(new URL('../../demo/c/demo.wasm', import.meta.url)));

interface Run {
  output: string;
  results: unknown[];
  ms: number;
}

function run(ns: Namespace): Run {
  let output = '';
  const start = performance.now();
  const module = new ns.Module(bytes);
  const instance = new ns.Instance(module, { env: { emit: (c: number) => { output += String.fromCharCode(c); } } });
  const e = instance.exports as Record<string, (...args: unknown[]) => unknown>;
  const results: unknown[] = [];
  e.hello();
  results.push(e.mandelbrot(64, 24, 200));
  e.show(64, 24);
  e.sha256_canvas(64 * 24, 2000);
  e.show_digest();
  results.push(e.sort64(4096, 42n));
  return { output, results, ms: performance.now() - start };
}

const pure = run(PureWasm as unknown as Namespace);
process.stdout.write(pure.output);
console.log(`mandelbrot iterations: ${pure.results[0]}, sorted-i64 checksum: ${pure.results[1]}`);
if (native) {
  const ref = run(native);
  const same = ref.output === pure.output && ref.results.every((r, i) => r === pure.results[i]);
  console.log(same ? 'identical to native WebAssembly' : 'MISMATCH with native WebAssembly');
  console.log(`purewasm ${pure.ms.toFixed(1)} ms, native ${ref.ms.toFixed(1)} ms (first run, including compilation)`);
  if (!same) process.exitCode = 1;
} else {
  console.log(`purewasm ${pure.ms.toFixed(1)} ms (no native WebAssembly here to compare with)`);
}
