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
import { OPS, PREFIX_SIMD } from '../syntax/opcodes.js';
import * as lanes from './simd-lanes.js';
import * as ints from './simd-int.js';
import * as floats from './simd-float.js';
import * as mem from './simd-mem.js';
import { FAST_OPS, FAST_MEMORY_OPS } from './simd-fast.js';
export { v128FromWords } from './simd-fast.js';

export {
  v128Not, v128And, v128Andnot, v128Or, v128Xor, v128Bitselect, v128AnyTrue,
  i8x16Splat, i16x8Splat, i32x4Splat, i64x2Splat, f32x4Splat, f64x2Splat,
  i8x16ExtractLaneS, i8x16ExtractLaneU, i16x8ExtractLaneS, i16x8ExtractLaneU, i32x4ExtractLane, i64x2ExtractLane,
  f32x4ExtractLane, f64x2ExtractLane, i8x16ReplaceLane, i16x8ReplaceLane, i32x4ReplaceLane, i64x2ReplaceLane,
  f32x4ReplaceLane, f64x2ReplaceLane, i8x16Shuffle, i8x16Swizzle,
} from './simd-lanes.js';
export * from './simd-int.js';
export * from './simd-float.js';
export * from './simd-mem.js';

// Any callable: the signatures differ by instruction (see above).
export type SimdFn = (...args: never[]) => Uint8Array | number | void;

/** 'i16x8.extadd_pairwise_i8x16_s' → 'i16x8ExtaddPairwiseI8x16S', the helpers' export names. */
export function simdHelperName(instr: string): string {
  const [shape, op] = instr.split('.');
  return shape + op.split('_').map((p) => p[0].toUpperCase() + p.slice(1)).join('');
}

const HELPERS = { ...lanes, ...ints, ...floats, ...mem } as unknown as Record<string, SimdFn | undefined>;
const COMPARE: Record<string, Record<string, unknown>> = {
  i8x16: ints.i8x16Compare, i16x8: ints.i16x8Compare, i32x4: ints.i32x4Compare, i64x2: ints.i64x2Compare,
  f32x4: floats.f32x4Compare, f64x2: floats.f64x2Compare,
};

function helperFor(instr: string): SimdFn | undefined {
  const [shape, op] = instr.split('.');
  if (op === 'relaxed_swizzle') return lanes.i8x16Swizzle as SimdFn;
  if (op === 'relaxed_laneselect') return lanes.v128Bitselect as SimdFn; // bitselect is an allowed result
  const cmp = COMPARE[shape]?.[op];
  if (cmp) return cmp as SimdFn;
  return HELPERS[simdHelperName(instr)];
}

function table(memory: boolean): ReadonlyMap<string, SimdFn> {
  const m = new Map<string, SimdFn>();
  for (const o of OPS) {
    if (o.prefix !== PREFIX_SIMD || o.name === 'v128.const') continue;
    if ((o.imm === 'memarg' || o.imm === 'memlane') !== memory) continue;
    // Hand-specialised versions of the hot instructions first (simd-fast.ts: same results, faster).
    const f = ((memory ? FAST_MEMORY_OPS : FAST_OPS).get(o.name) as SimdFn | undefined) ?? helperFor(o.name);
    if (f) m.set(o.name, f);
  }
  return m;
}

/** Every SIMD instruction that is pure computation (no memory, no constant), by its text name. */
export const SIMD_OPS = table(false);
/** Every SIMD load and store, by its text name. */
export const SIMD_MEMORY_OPS = table(true);
