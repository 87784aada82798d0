// The SIMD helpers by instruction name. v128 values are 16-byte Uint8Arrays; each helper returns a
// fresh one (or an i32 for tests/bitmask/extract, an i64 extract leaving its high word in H.hi).
// Argument order follows the stack, then immediates:
//   unary (a)  binary (a, b)  ternary (a, b, c)  shifts (a, count)  splat (x) / i64x2.splat (lo, hi)
//   extract_lane (a, lane)  replace_lane (a, lane, x) / i64x2.replace_lane (a, lane, lo, hi)
//   i8x16.shuffle (a, b, lanes: 16 indices)
// Relaxed instructions take their deterministic-profile results. v128.const belongs to the tiers.
// Memory instructions (SIMD_MEMORY_OPS, simd-mem.ts) take the memory's bytes and the effective
// address after the tier's bounds check:
//   loads (m, a)  stores (m, a, v)  lane loads (m, a, v, lane)  lane stores (m, a, v, lane)
// The compile tier inlines all but a few SIMD instructions (compile/simd-words.ts); these helpers
// serve the rest and are the reference the tests hold against native WebAssembly.
import { OPS, PREFIX_SIMD } from '../syntax/opcodes.js';
import { LANE_OPS, type SimdFn } from './simd-lanes.js';
import { INT_OPS } from './simd-int.js';
import { FLOAT_OPS } from './simd-float.js';
import { MEM_OPS } from './simd-mem.js';
export type { SimdFn };

/** The v128 of four int32 words (little-endian), as compile/simd-words.ts materialises its values
 *  (byte stores into one fresh array: no views, no second allocation; it is on a hot path). */
export function v128FromWords(w0: number, w1: number, w2: number, w3: number): Uint8Array {
  const r = new Uint8Array(16);
  r[0] = w0; r[1] = w0 >> 8; r[2] = w0 >> 16; r[3] = w0 >> 24;
  r[4] = w1; r[5] = w1 >> 8; r[6] = w1 >> 16; r[7] = w1 >> 24;
  r[8] = w2; r[9] = w2 >> 8; r[10] = w2 >> 16; r[11] = w2 >> 24;
  r[12] = w3; r[13] = w3 >> 8; r[14] = w3 >> 16; r[15] = w3 >> 24;
  return r;
}

const HELPERS = new Map([...LANE_OPS, ...INT_OPS, ...FLOAT_OPS, ...MEM_OPS]);

function table(memory: boolean): ReadonlyMap<string, SimdFn> {
  const m = new Map<string, SimdFn>();
  for (const o of OPS) {
    if (o.prefix !== PREFIX_SIMD || (o.imm === 'memarg' || o.imm === 'memlane') !== memory) continue;
    const f = HELPERS.get(o.name);
    if (f) m.set(o.name, f);
  }
  return m;
}

/** Every SIMD instruction that is pure computation (no memory, no constant), by its text name. */
export const SIMD_OPS = table(false);
/** Every SIMD load and store, by its text name. */
export const SIMD_MEMORY_OPS = table(true);
