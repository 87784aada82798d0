// Exact WebAssembly numerics for the execution tiers (core spec "Numerics"). The compiled-JS tier
// and the interpreter call these for every operation that is not a single JS operator.
//
// Value representations (fixed; generated code relies on them):
//   i32  a JS number holding a signed int32.
//   i64  a pair of signed int32 words (lo, hi). A helper producing an i64 returns lo and leaves hi
//        in H.hi (read it at once: the next helper overwrites it). i64 operands are passed as
//        (alo, ahi, blo, bhi). BigInt appears only at the JS boundary (toBigInt / fromBigInt).
//   f64  a JS number; NaN payloads are the number's own bits (V8 keeps them in registers, heap
//        numbers, object fields and Float64Array, but NOT in plain JS arrays of doubles, which
//        quiet signalling NaNs: tiers must not hold f64/f32 values in such arrays).
//   f32  a JS number that is always an f32 value (Math.fround after each operation). f32 <-> f64
//        conversions quiet signalling NaNs, so an f32 NaN is carried as the f64 NaN with the f32's
//        sign and its 23-bit mantissa << 29: the quiet NaN 0x7fc00000 is JS's ordinary NaN
//        0x7ff8000000000000, the signalling 0x7fa00000 is the f64 0x7ff4000000000000. Only
//        f32FromBits/f32ToBits (loads, stores, reinterpret, constants) convert between the two.
//
//   v128 a Uint8Array of 16 bytes (runtime/abi.ts), lanes little-endian; SIMD helpers (simd.ts,
//        SIMD_OPS / SIMD_MEMORY_OPS by instruction name) return fresh arrays.
//
// NaN results: arithmetic must produce the spec's arithmetic NaNs (quiet bit set; canonical if all
// NaN operands are), while abs/neg/copysign, reinterpret, loads and stores keep every bit. Helpers
// reach NaNs through an explicit branch where JS engines are not guaranteed to do the right thing.
export { H } from './i64hi.js';
export * from './trap.js';
export * from './floatbits.js';
export * from './float.js';
export * from './i32.js';
export * from './i64.js';
export * from './i64div.js';
export * from './convert.js';
export * from './simd.js';
export * from './wide.js';
