// i64 division and remainder on (lo, hi) pairs, without BigInt. The core divides unsigned 64-bit
// values using doubles only where their result is provably exact:
//   floor(a / b) is exact for integers 0 <= a < 2^53, 0 < b < 2^32 (a non-integral quotient lies at
//   least 1/b from an integer, more than the rounding error a/b * 2^-53 < 1/b).
import { H } from './i64hi.js';
import { i64Mul } from './i64.js';
import { trap, INT_DIVIDE_BY_ZERO, INT_OVERFLOW } from './trap.js';

const TWO32 = 4294967296;

// Results of divmodU as unsigned 32-bit numbers: quotient lo, hi, remainder lo, hi. A typed array,
// because a module-level `let` holding a number outside the small-integer range allocates a heap
// number on every store in V8.
const R = new Float64Array(4);
const QLO = 0, QHI = 1, RLO = 2, RHI = 3;

/** Unsigned n / d for n = (nl, nh), d = (dl, dh) given as uint32-valued numbers, d != 0. */
function divmodU(nl: number, nh: number, dl: number, dh: number): void {
  if (dh === 0) {
    // Schoolbook division of n by a one-word divisor: a 32-bit digit, then two 16-bit digits, so
    // that every partial dividend r * 2^16 + digit stays below 2^48.
    const q2 = Math.floor(nh / dl);
    let r = nh - q2 * dl;
    let t = r * 65536 + (nl >>> 16);
    const q1 = Math.floor(t / dl);
    r = t - q1 * dl;
    t = r * 65536 + (nl & 0xffff);
    const q0 = Math.floor(t / dl);
    R[QLO] = q1 * 65536 + q0;
    R[QHI] = q2;
    R[RLO] = t - q0 * dl;
    R[RHI] = 0;
    return;
  }
  if (nh < dh || (nh === dh && nl < dl)) {
    R[QLO] = R[QHI] = 0;
    R[RLO] = nl;
    R[RHI] = nh;
    return;
  }
  // d >= 2^32, so q < 2^32. The double estimate of n / d has relative error below 2^-50, hence an
  // absolute error below 2^-18: its floor is within 1 of q. One less is never too big, so
  // r = n - q*d stays in [0, 3d) without wrapping and at most two corrections remain.
  const est = Math.floor((nh * TWO32 + nl) / (dh * TWO32 + dl));
  let q = est > 0 ? est - 1 : 0;
  const plo = i64Mul(q | 0, 0, dl | 0, dh | 0) >>> 0;
  const phi = H.hi >>> 0;
  let lo = nl - plo;
  let hi = nh - phi;
  if (lo < 0) {
    lo += TWO32;
    hi -= 1;
  }
  while (hi > dh || (hi === dh && lo >= dl)) {
    lo -= dl;
    hi -= dh;
    if (lo < 0) {
      lo += TWO32;
      hi -= 1;
    }
    q += 1;
  }
  R[QLO] = q;
  R[QHI] = 0;
  R[RLO] = lo;
  R[RHI] = hi;
}

export function i64DivU(alo: number, ahi: number, blo: number, bhi: number): number {
  if ((blo | bhi) === 0) trap(INT_DIVIDE_BY_ZERO);
  if ((ahi | bhi) === 0) {
    H.hi = 0;
    return ((alo >>> 0) / (blo >>> 0)) | 0;
  }
  divmodU(alo >>> 0, ahi >>> 0, blo >>> 0, bhi >>> 0);
  H.hi = R[QHI] | 0;
  return R[QLO] | 0;
}

export function i64RemU(alo: number, ahi: number, blo: number, bhi: number): number {
  if ((blo | bhi) === 0) trap(INT_DIVIDE_BY_ZERO);
  if ((ahi | bhi) === 0) {
    H.hi = 0;
    return ((alo >>> 0) % (blo >>> 0)) | 0;
  }
  divmodU(alo >>> 0, ahi >>> 0, blo >>> 0, bhi >>> 0);
  H.hi = R[RHI] | 0;
  return R[RLO] | 0;
}

// Magnitudes of signed pairs as uint32 numbers (|-2^63| = 2^63 fits unsigned).
const absLo = (lo: number, hi: number): number => (hi >= 0 ? lo >>> 0 : -lo >>> 0);
const absHi = (lo: number, hi: number): number => (hi >= 0 ? hi >>> 0 : (~hi + (lo === 0 ? 1 : 0)) >>> 0);

/** Negates the unsigned pair (lo, hi) mod 2^64: returns lo, hi in H.hi. */
function negate(lo: number, hi: number): number {
  H.hi = (~hi + (lo === 0 ? 1 : 0)) | 0;
  return -lo | 0;
}

export function i64DivS(alo: number, ahi: number, blo: number, bhi: number): number {
  if ((blo | bhi) === 0) trap(INT_DIVIDE_BY_ZERO);
  if (ahi === alo >> 31 && bhi === blo >> 31) {
    // Both fit in an int32: the double quotient truncates exactly; -2^31 / -1 = 2^31 still fits i64.
    const q = Math.trunc(alo / blo);
    H.hi = q < 0 ? -1 : 0;
    return q | 0;
  }
  if (alo === 0 && ahi === -0x80000000 && (blo & bhi) === -1) trap(INT_OVERFLOW);
  divmodU(absLo(alo, ahi), absHi(alo, ahi), absLo(blo, bhi), absHi(blo, bhi));
  if ((ahi ^ bhi) < 0) return negate(R[QLO], R[QHI]);
  H.hi = R[QHI] | 0;
  return R[QLO] | 0;
}

export function i64RemS(alo: number, ahi: number, blo: number, bhi: number): number {
  if ((blo | bhi) === 0) trap(INT_DIVIDE_BY_ZERO);
  if (ahi === alo >> 31 && bhi === blo >> 31) {
    // JS % truncates like rem_s; | 0 turns -0 (e.g. -2^31 % -1) into 0.
    const r = (alo % blo) | 0;
    H.hi = r >> 31;
    return r;
  }
  divmodU(absLo(alo, ahi), absHi(alo, ahi), absLo(blo, bhi), absHi(blo, bhi));
  if (ahi < 0) return negate(R[RLO], R[RHI]);
  H.hi = R[RHI] | 0;
  return R[RLO] | 0;
}
