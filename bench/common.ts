// Shared helpers for the benchmarks: timing as the minimum of several repeats, ratio formatting.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const require = createRequire(import.meta.url);
export const nativeWasm = (globalThis as { WebAssembly?: typeof globalThis.WebAssembly }).WebAssembly;

/** Minimum wall time in ms of `repeats` runs of `fn` (after one warm-up run unless `warm` is false). */
export function minTime(fn: () => unknown, repeats = 5, warm = true): number {
  if (warm) fn();
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

export function packageFile(pkg: string, file: string): Uint8Array<ArrayBuffer> {
  const pkgJson = require.resolve(`${pkg}/package.json`);
  return readFileSync(pkgJson.replace(/package\.json$/, file));
}

export function ratio(x: number, base: number): string {
  return `${(x / base).toFixed(2)}x`;
}

export function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ')).join('\n');
}
