// The wide-arithmetic proposal: 128-bit add/sub on i64 pairs and the full 64x64 -> 128 products.
// A 128-bit value is two i64 (low, high), each a (lo, hi) word pair, so a result is four words:
// the helper returns word 0, leaves word 1 in H.hi and the high i64 in W (W.lo, W.hi).
import { H } from './i64hi.js';

/** The second i64 result of the wide helpers (words 2 and 3 of a 128-bit value). */
export const W = { lo: 0, hi: 0 };

const TWO32 = 4294967296;
// High word of the last mul32 (a typed array: module-level lets holding large numbers allocate).
const P = new Float64Array(1);

/** Full unsigned 32x32 product of uint32 numbers: returns the low word (uint32), high in P[0]. */
function mul32(a: number, b: number): number {
  const a0 = a & 0xffff, a1 = a >>> 16, b0 = b & 0xffff, b1 = b >>> 16;
  const p01 = a0 * b1, p10 = a1 * b0;
  const mid = ((a0 * b0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  P[0] = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
  return (((mid & 0xffff) << 16) | ((a0 * b0) & 0xffff)) >>> 0;
}

/** Adds words with carries (each sum of uint32 numbers is exact in a double). */
export function i64Add128(alo: number, ahi: number, blo: number, bhi: number, clo: number, chi: number, dlo: number, dhi: number): number {
  let s = (alo >>> 0) + (clo >>> 0);
  const w0 = s | 0;
  s = (ahi >>> 0) + (chi >>> 0) + (s >= TWO32 ? 1 : 0);
  H.hi = s | 0;
  s = (blo >>> 0) + (dlo >>> 0) + (s >= TWO32 ? 1 : 0);
  W.lo = s | 0;
  W.hi = ((bhi >>> 0) + (dhi >>> 0) + (s >= TWO32 ? 1 : 0)) | 0;
  return w0;
}

export function i64Sub128(alo: number, ahi: number, blo: number, bhi: number, clo: number, chi: number, dlo: number, dhi: number): number {
  let d = (alo >>> 0) - (clo >>> 0);
  const w0 = d | 0;
  d = (ahi >>> 0) - (chi >>> 0) - (d < 0 ? 1 : 0);
  H.hi = d | 0;
  d = (blo >>> 0) - (dlo >>> 0) - (d < 0 ? 1 : 0);
  W.lo = d | 0;
  W.hi = ((bhi >>> 0) - (dhi >>> 0) - (d < 0 ? 1 : 0)) | 0;
  return w0;
}

/** Unsigned 64x64 -> 128 by 32-bit schoolbook; column sums stay below 2^35, exact in doubles. */
export function i64MulWideU(alo: number, ahi: number, blo: number, bhi: number): number {
  const a0 = alo >>> 0, a1 = ahi >>> 0, b0 = blo >>> 0, b1 = bhi >>> 0;
  const l00 = mul32(a0, b0), h00 = P[0];
  const l01 = mul32(a0, b1), h01 = P[0];
  const l10 = mul32(a1, b0), h10 = P[0];
  const l11 = mul32(a1, b1), h11 = P[0];
  const c1 = h00 + l01 + l10;
  const c2 = h01 + h10 + l11 + Math.floor(c1 / TWO32);
  H.hi = c1 | 0;
  W.lo = c2 | 0;
  W.hi = (h11 + Math.floor(c2 / TWO32)) | 0;
  return l00 | 0;
}

/** Signed: the unsigned product, minus b * 2^64 if a < 0 and a * 2^64 if b < 0 (mod 2^128). */
export function i64MulWideS(alo: number, ahi: number, blo: number, bhi: number): number {
  const w0 = i64MulWideU(alo, ahi, blo, bhi), w1 = H.hi;
  let lo = W.lo >>> 0, hi = W.hi >>> 0;
  if (ahi < 0) {
    const d = lo - (blo >>> 0);
    hi = hi - (bhi >>> 0) - (d < 0 ? 1 : 0);
    lo = d < 0 ? d + TWO32 : d;
  }
  if (bhi < 0) {
    const d = lo - (alo >>> 0);
    hi = hi - (ahi >>> 0) - (d < 0 ? 1 : 0);
    lo = d < 0 ? d + TWO32 : d;
  }
  H.hi = w1;
  W.lo = lo | 0;
  W.hi = hi | 0;
  return w0;
}
