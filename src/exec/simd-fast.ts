// Hand-specialised SIMD helpers for the instructions most used by compiled C (clang -msimd128
// auto-vectorised loops) that the interpreter calls (exec/interp/simd.ts runs the bitwise ones,
// add/sub, splats, lanes, shuffle, swizzle, v128.load/store inline; the compile tier inlines all of them).
// Same contract as simd.ts; one loop per instruction with no calls, which the generic helpers'
// shared loops cannot be: 1.3x (JIT) to 1.5x (--jitless) on bench/simd's kernels in the interpreter.
// Checked against the generic helpers (test/exec/simd-fast.test.ts).

type V = Uint8Array;

const u16 = (a: V, k: number): number => a[2 * k] | (a[2 * k + 1] << 8);
const s16 = (a: V, k: number): number => ((a[2 * k] | (a[2 * k + 1] << 8)) << 16) >> 16;
const w32 = (a: V, k: number): number => a[4 * k] | (a[4 * k + 1] << 8) | (a[4 * k + 2] << 16) | (a[4 * k + 3] << 24);
function put16(r: V, k: number, x: number): void {
  r[2 * k] = x;
  r[2 * k + 1] = x >> 8;
}
function put32(r: V, k: number, x: number): void {
  r[4 * k] = x;
  r[4 * k + 1] = x >> 8;
  r[4 * k + 2] = x >> 16;
  r[4 * k + 3] = x >> 24;
}

// ---- bitwise and byte lanes ----
function i8x16AddSatU(a: V, b: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 16; k++) {
    const x = a[k] + b[k];
    r[k] = x > 255 ? 255 : x;
  }
  return r;
}
function i8x16SubSatU(a: V, b: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 16; k++) {
    const x = a[k] - b[k];
    r[k] = x < 0 ? 0 : x;
  }
  return r;
}
function i8x16MinU(a: V, b: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 16; k++) r[k] = a[k] < b[k] ? a[k] : b[k];
  return r;
}
function i8x16MaxU(a: V, b: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 16; k++) r[k] = a[k] > b[k] ? a[k] : b[k];
  return r;
}
function i8x16Eq(a: V, b: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 16; k++) r[k] = a[k] === b[k] ? 255 : 0;
  return r;
}
function i8x16NarrowI16x8U(a: V, b: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 8; k++) {
    const x = s16(a, k), y = s16(b, k);
    r[k] = x < 0 ? 0 : x > 255 ? 255 : x;
    r[k + 8] = y < 0 ? 0 : y > 255 ? 255 : y;
  }
  return r;
}
function i8x16NarrowI16x8S(a: V, b: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 8; k++) {
    const x = s16(a, k), y = s16(b, k);
    r[k] = x < -128 ? -128 : x > 127 ? 127 : x;
    r[k + 8] = y < -128 ? -128 : y > 127 ? 127 : y;
  }
  return r;
}

// ---- i16x8 ----
function i16x8Mul(a: V, b: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 8; k++) put16(r, k, Math.imul(u16(a, k), u16(b, k)));
  return r;
}
function i16x8AddSatS(a: V, b: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 8; k++) {
    const x = s16(a, k) + s16(b, k);
    put16(r, k, x < -32768 ? -32768 : x > 32767 ? 32767 : x);
  }
  return r;
}
function i16x8AddSatU(a: V, b: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 8; k++) {
    const x = u16(a, k) + u16(b, k);
    put16(r, k, x > 65535 ? 65535 : x);
  }
  return r;
}
function i16x8SubSatU(a: V, b: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 8; k++) {
    const x = u16(a, k) - u16(b, k);
    put16(r, k, x < 0 ? 0 : x);
  }
  return r;
}
function i16x8Shl(a: V, n: number): V {
  const r = new Uint8Array(16), s = n & 15;
  for (let k = 0; k < 8; k++) put16(r, k, u16(a, k) << s);
  return r;
}
function i16x8ShrS(a: V, n: number): V {
  const r = new Uint8Array(16), s = n & 15;
  for (let k = 0; k < 8; k++) put16(r, k, s16(a, k) >> s);
  return r;
}
function i16x8ShrU(a: V, n: number): V {
  const r = new Uint8Array(16), s = n & 15;
  for (let k = 0; k < 8; k++) put16(r, k, u16(a, k) >>> s);
  return r;
}
function i16x8NarrowI32x4U(a: V, b: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 4; k++) {
    const x = w32(a, k), y = w32(b, k);
    put16(r, k, x < 0 ? 0 : x > 65535 ? 65535 : x);
    put16(r, k + 4, y < 0 ? 0 : y > 65535 ? 65535 : y);
  }
  return r;
}
function i16x8NarrowI32x4S(a: V, b: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 4; k++) {
    const x = w32(a, k), y = w32(b, k);
    put16(r, k, x < -32768 ? -32768 : x > 32767 ? 32767 : x);
    put16(r, k + 4, y < -32768 ? -32768 : y > 32767 ? 32767 : y);
  }
  return r;
}
function i16x8ExtendLowI8x16U(a: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 8; k++) r[2 * k] = a[k];
  return r;
}
function i16x8ExtendHighI8x16U(a: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 8; k++) r[2 * k] = a[k + 8];
  return r;
}

// ---- i32x4 ----
function i32x4MinS(a: V, b: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 4; k++) {
    const x = w32(a, k), y = w32(b, k);
    put32(r, k, x < y ? x : y);
  }
  return r;
}
function i32x4MaxS(a: V, b: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 4; k++) {
    const x = w32(a, k), y = w32(b, k);
    put32(r, k, x > y ? x : y);
  }
  return r;
}
function i32x4MinU(a: V, b: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 4; k++) {
    const x = w32(a, k), y = w32(b, k);
    put32(r, k, x >>> 0 < y >>> 0 ? x : y);
  }
  return r;
}
function i32x4MaxU(a: V, b: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 4; k++) {
    const x = w32(a, k), y = w32(b, k);
    put32(r, k, x >>> 0 > y >>> 0 ? x : y);
  }
  return r;
}
function i32x4Abs(a: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 4; k++) {
    const x = w32(a, k);
    put32(r, k, x < 0 ? -x : x);
  }
  return r;
}
function i32x4Neg(a: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 4; k++) put32(r, k, -w32(a, k));
  return r;
}
function i32x4Shl(a: V, n: number): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 4; k++) put32(r, k, w32(a, k) << n);
  return r;
}
function i32x4ShrS(a: V, n: number): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 4; k++) put32(r, k, w32(a, k) >> n);
  return r;
}
function i32x4ShrU(a: V, n: number): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 4; k++) put32(r, k, w32(a, k) >>> n);
  return r;
}
function i32x4Eq(a: V, b: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 4; k++) put32(r, k, w32(a, k) === w32(b, k) ? -1 : 0);
  return r;
}
function i32x4DotI16x8S(a: V, b: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 4; k++) put32(r, k, s16(a, 2 * k) * s16(b, 2 * k) + s16(a, 2 * k + 1) * s16(b, 2 * k + 1));
  return r;
}
function i32x4ExtendLowI16x8S(a: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 4; k++) put32(r, k, s16(a, k));
  return r;
}
function i32x4ExtendHighI16x8S(a: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 4; k++) put32(r, k, s16(a, k + 4));
  return r;
}
function i32x4ExtendLowI16x8U(a: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 4; k++) put32(r, k, u16(a, k));
  return r;
}
function i32x4ExtendHighI16x8U(a: V): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 4; k++) put32(r, k, u16(a, k + 4));
  return r;
}

// ---- memory (after the tier's bounds check; m is the memory's bytes, x the address) ----
function v128Load64Zero(m: V, x: number): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 8; k++) r[k] = m[x + k];
  return r;
}
function v128Load32Zero(m: V, x: number): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 4; k++) r[k] = m[x + k];
  return r;
}
function v128Load16x4S(m: V, x: number): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 4; k++) put32(r, k, ((m[x + 2 * k] | (m[x + 2 * k + 1] << 8)) << 16) >> 16);
  return r;
}
function v128Load16x4U(m: V, x: number): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 4; k++) {
    r[4 * k] = m[x + 2 * k];
    r[4 * k + 1] = m[x + 2 * k + 1];
  }
  return r;
}
function v128Load8x8U(m: V, x: number): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 8; k++) r[2 * k] = m[x + k];
  return r;
}
function v128Load8x8S(m: V, x: number): V {
  const r = new Uint8Array(16);
  for (let k = 0; k < 8; k++) put16(r, k, (m[x + k] << 24) >> 24);
  return r;
}

/** By instruction name: the computational ones (SIMD_OPS) … */
export const FAST_OPS: [string, (...args: never[]) => Uint8Array | number][] = [
  ['i8x16.add_sat_u', i8x16AddSatU], ['i8x16.sub_sat_u', i8x16SubSatU],
  ['i8x16.min_u', i8x16MinU], ['i8x16.max_u', i8x16MaxU], ['i8x16.eq', i8x16Eq],
  ['i8x16.narrow_i16x8_u', i8x16NarrowI16x8U], ['i8x16.narrow_i16x8_s', i8x16NarrowI16x8S], ['i16x8.mul', i16x8Mul],
  ['i16x8.add_sat_s', i16x8AddSatS], ['i16x8.add_sat_u', i16x8AddSatU], ['i16x8.sub_sat_u', i16x8SubSatU],
  ['i16x8.shl', i16x8Shl], ['i16x8.shr_s', i16x8ShrS], ['i16x8.shr_u', i16x8ShrU],
  ['i16x8.narrow_i32x4_u', i16x8NarrowI32x4U], ['i16x8.narrow_i32x4_s', i16x8NarrowI32x4S],
  ['i16x8.extend_low_i8x16_u', i16x8ExtendLowI8x16U], ['i16x8.extend_high_i8x16_u', i16x8ExtendHighI8x16U],
  ['i32x4.min_s', i32x4MinS], ['i32x4.max_s', i32x4MaxS], ['i32x4.min_u', i32x4MinU], ['i32x4.max_u', i32x4MaxU],
  ['i32x4.abs', i32x4Abs], ['i32x4.neg', i32x4Neg], ['i32x4.shl', i32x4Shl], ['i32x4.shr_s', i32x4ShrS],
  ['i32x4.shr_u', i32x4ShrU], ['i32x4.eq', i32x4Eq], ['i32x4.dot_i16x8_s', i32x4DotI16x8S],
  ['i32x4.extend_low_i16x8_s', i32x4ExtendLowI16x8S], ['i32x4.extend_high_i16x8_s', i32x4ExtendHighI16x8S],
  ['i32x4.extend_low_i16x8_u', i32x4ExtendLowI16x8U], ['i32x4.extend_high_i16x8_u', i32x4ExtendHighI16x8U],
];

/** … and the memory ones (SIMD_MEMORY_OPS). */
export const FAST_MEMORY_OPS: [string, (...args: never[]) => Uint8Array | void][] = [
  ['v128.load64_zero', v128Load64Zero], ['v128.load32_zero', v128Load32Zero], ['v128.load16x4_s', v128Load16x4S],
  ['v128.load16x4_u', v128Load16x4U], ['v128.load8x8_u', v128Load8x8U], ['v128.load8x8_s', v128Load8x8S],
];
