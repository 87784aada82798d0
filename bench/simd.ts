// A real SIMD-using program (bench/simd/kernels.c: image blend, saturating add, saxpy + clamp,
// 16-bit dot product and mix, SAD; built by bench/simd/build.sh with clang -msimd128 and without)
// on native V8 and purewasm in this one process, as ratios: purewasm SIMD vs native SIMD, and vs
// the same program built without SIMD on purewasm. Checksums must agree across all four runs.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WebAssembly as pure } from '../src/index.js';
import { minTime, nativeWasm, table } from './common.js';

interface Exports { init(): void; run(iters: number): number }

const file = (name: string): Uint8Array<ArrayBuffer> =>
  readFileSync(fileURLToPath(new URL(`../../bench/simd/${name}`, import.meta.url)));

type Namespace = typeof globalThis.WebAssembly;

function instance(ns: Namespace, bytes: Uint8Array<ArrayBuffer>): Exports {
  return new ns.Instance(new ns.Module(bytes), {}).exports as unknown as Exports;
}

/** Fastest of several runs after warm-up runs: the big vectorised function takes V8's optimising
 *  compiler a while (seconds on a loaded machine), and steady state is what is compared. */
function measure(x: Exports, iters: number): { ms: number; sum: number } {
  let sum = 0;
  const once = (): void => {
    x.init();
    sum = x.run(iters) >>> 0;
  };
  for (let i = 0; i < 4; i++) once();
  return { ms: minTime(once, 7), sum };
}

export function benchSimd(iters = 200): string {
  const simd = file('kernels-simd.wasm');
  const scalar = file('kernels-scalar.wasm');
  const nSimd = measure(instance(nativeWasm!, simd), iters);
  const nScalar = measure(instance(nativeWasm!, scalar), iters);
  const pSimd = measure(instance(pure as unknown as Namespace, simd), iters);
  const pScalar = measure(instance(pure as unknown as Namespace, scalar), iters);
  const same = [nScalar, pSimd, pScalar].every((r) => r.sum === nSimd.sum) ? 'same' : 'WRONG OUTPUT';
  const rows = [
    ['build', 'native ms', 'purewasm ms', 'purewasm / native'],
    ['-msimd128', nSimd.ms.toFixed(1), pSimd.ms.toFixed(1), `${(pSimd.ms / nSimd.ms).toFixed(2)}x`],
    ['scalar', nScalar.ms.toFixed(1), pScalar.ms.toFixed(1), `${(pScalar.ms / nScalar.ms).toFixed(2)}x`],
  ];
  return `${table(rows)}\n\npurewasm SIMD / purewasm scalar: ${(pSimd.ms / pScalar.ms).toFixed(2)}x; ` +
    `native SIMD / native scalar: ${(nSimd.ms / nScalar.ms).toFixed(2)}x; checksums: ${same} (${iters} iterations)`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(benchSimd(Number(process.argv[2] ?? 200)));
