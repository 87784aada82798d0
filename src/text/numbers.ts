// Numeric literals of the text format (spec text/values.rst): integers in decimal or hex with
// optional sign and `_` separators, floats in decimal or hex (correctly rounded to nearest-even),
// `inf`, `nan` and `nan:0x…` payloads. Each parser returns null when the literal is malformed or out
// of range, so the caller can report it with a position.

function clean(text: string): string {
  return text.indexOf('_') >= 0 ? text.replace(/_/g, '') : text;
}

/** Digits with single `_` separators between them (checked here too: `offset=`/`align=` values are not lexed as numbers). */
const NAT = /^(?:[0-9](?:_?[0-9])*|0x[0-9a-fA-F](?:_?[0-9a-fA-F])*)$/;

/** An unsigned integer literal (no sign) as a bigint, or null. */
export function parseNatBig(text: string): bigint | null {
  return NAT.test(text) ? BigInt(clean(text)) : null;
}

/** A u32 literal (indices, alignments, lane indices, lengths), or null. */
export function parseU32(text: string): number | null {
  if (text.length < 10 && /^[0-9]+$/.test(text)) return Number(text);
  const v = parseNatBig(text);
  return v !== null && v <= 0xffffffffn ? Number(v) : null;
}

/** A u64 literal (memory offsets, 64-bit limits), or null. */
export function parseU64(text: string): bigint | null {
  const v = parseNatBig(text);
  return v !== null && v <= 0xffffffffffffffffn ? v : null;
}

/** An iN literal: signed or unsigned, in range [-2^(N-1), 2^N); wrapped to N bits (unsigned). */
function parseIntN(text: string, bits: number): bigint | null {
  let t = text;
  let neg = false;
  if (t[0] === '+' || t[0] === '-') {
    neg = t[0] === '-';
    t = t.slice(1);
  }
  const v = parseNatBig(t);
  if (v === null) return null;
  const limit = 1n << BigInt(bits);
  if (neg ? v > limit >> 1n : v >= limit) return null;
  return BigInt.asUintN(bits, neg ? -v : v);
}

/** An i32 literal as a signed 32-bit number, or null. */
export function parseI32(text: string): number | null {
  // Fast path: short decimal literals.
  if (text.length < 10 && /^[+-]?[0-9]+$/.test(text)) return Number(text) | 0;
  const v = parseIntN(text, 32);
  return v === null ? null : Number(BigInt.asIntN(32, v));
}

/** An i64 literal as a signed bigint, or null. */
export function parseI64(text: string): bigint | null {
  const v = parseIntN(text, 64);
  return v === null ? null : BigInt.asIntN(64, v);
}

/** i8 / i16 lanes of v128.const. */
export function parseIntBits(text: string, bits: number): number | null {
  const v = parseIntN(text, bits);
  return v === null ? null : Number(v);
}

interface FloatFormat {
  p: number; // precision in bits, including the implicit one
  emax: number;
  bias: number;
  expBits: number;
}
const F32: FloatFormat = { p: 24, emax: 127, bias: 127, expBits: 8 };
const F64: FloatFormat = { p: 53, emax: 1023, bias: 1023, expBits: 11 };

function bitLength(v: bigint): number {
  return v === 0n ? 0 : v.toString(2).length;
}

/**
 * num / den * 2^e2 rounded to nearest-even in format f, as the positive value's bit pattern; null
 * when it overflows to infinity.
 */
function roundToFormat(num: bigint, den: bigint, e2: number, f: FloatFormat): bigint | null {
  if (num === 0n) return 0n;
  const shift = f.p + 3 - (bitLength(num) - bitLength(den));
  let q: bigint;
  let sticky: boolean;
  if (shift >= 0) {
    const n = num << BigInt(shift);
    q = n / den;
    sticky = q * den !== n;
  } else {
    const d = den << BigInt(-shift);
    q = num / d;
    sticky = q * d !== num;
  }
  const n = bitLength(q);
  const emin = 1 - f.bias;
  const topExp = n - 1 + e2 - shift; // exponent of q's leading bit
  if (topExp > f.emax) return null;
  const keep = topExp >= emin ? f.p : f.p - (emin - topExp);
  const drop = n - keep;
  let m = q;
  let lsbExp = e2 - shift;
  if (drop > 0) {
    const D = BigInt(drop);
    m = q >> D;
    const rem = q & ((1n << D) - 1n);
    const half = 1n << (D - 1n);
    if (rem > half || (rem === half && (sticky || (m & 1n) === 1n))) m += 1n;
    lsbExp += drop;
  }
  if (m === 0n) return 0n;
  let bl = bitLength(m);
  if (bl > f.p) {
    m >>= 1n;
    lsbExp += 1;
    bl -= 1;
  }
  if (bl < f.p) return m; // subnormal (lsbExp is the subnormal scale)
  const e = lsbExp + f.p - 1;
  if (e > f.emax) return null;
  return (BigInt(e + f.bias) << BigInt(f.p - 1)) | (m & ((1n << BigInt(f.p - 1)) - 1n));
}

/** Bits of a float literal in format f (bigint, sign included), or null when malformed/out of range. */
function parseFloatBits(text: string, f: FloatFormat): bigint | null {
  let t = clean(text);
  let neg = false;
  if (t[0] === '+' || t[0] === '-') {
    neg = t[0] === '-';
    t = t.slice(1);
  }
  const signBit = neg ? 1n << BigInt(f.p - 1 + f.expBits) : 0n;
  const expAll = ((1n << BigInt(f.expBits)) - 1n) << BigInt(f.p - 1);
  if (t === 'inf') return signBit | expAll;
  if (t === 'nan') return signBit | expAll | (1n << BigInt(f.p - 2));
  if (t.startsWith('nan:0x')) {
    const payload = BigInt(t.slice(4));
    if (payload === 0n || payload >= 1n << BigInt(f.p - 1)) return null;
    return signBit | expAll | payload;
  }
  let bits: bigint | null;
  const hex = /^0x([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?[0-9]+))?$/.exec(t);
  if (hex) {
    const frac = hex[2] ?? '';
    const mant = BigInt('0x0' + hex[1] + frac);
    const exp = hex[3] ? Number(hex[3]) : 0;
    if (!Number.isFinite(exp) || Math.abs(exp) > 1e7) {
      bits = mant === 0n ? 0n : exp > 0 ? null : 0n;
    } else bits = roundToFormat(mant, 1n, exp - 4 * frac.length, f);
  } else {
    const dec = /^([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(t);
    if (!dec) return null;
    bits = decimalBits(t, dec[1], dec[2] ?? '', dec[3] ? Number(dec[3]) : 0, f);
  }
  return bits === null ? null : bits | signBit;
}

const f64Buf = new Float64Array(1);
const u32Of64 = new Uint32Array(f64Buf.buffer);
const f32Buf = new Float32Array(1);
const u32Of32 = new Uint32Array(f32Buf.buffer);

function decimalBits(t: string, int: string, frac: string, exp: number, f: FloatFormat): bigint | null {
  // Fast path: JS number parsing is correctly rounded to f64. For f32, rounding the f64 again is
  // only wrong when the f64 lies exactly halfway between two f32 values, which is then redone exactly.
  const d = Number(t);
  if (f === F64) {
    if (!Number.isFinite(d)) return null;
    f64Buf[0] = d;
    return (BigInt(u32Of64[1]) << 32n) | BigInt(u32Of64[0]);
  }
  const r = Math.fround(d);
  let tie = false;
  if (r !== d && Number.isFinite(r)) {
    f32Buf[0] = r;
    const other = u32Of32[0] + (Math.abs(d) > Math.abs(r) ? 1 : -1);
    u32Of32[0] = other;
    tie = (r + f32Buf[0]) / 2 === d;
  }
  if (!tie) {
    if (!Number.isFinite(r)) return null;
    f32Buf[0] = r;
    return BigInt(u32Of32[0]);
  }
  // Exact: digits * 10^(exp - frac digits) = digits * 5^k * 2^k.
  if (!Number.isFinite(exp) || Math.abs(exp) > 1e6) return null;
  const digits = BigInt((int + frac).replace(/^0+(?=.)/, '') || '0');
  const k = exp - frac.length;
  return k >= 0 ? roundToFormat(digits * 5n ** BigInt(k), 1n, k, f) : roundToFormat(digits, 5n ** BigInt(-k), k, f);
}

/** An f32 literal as its 32-bit pattern (unsigned number), or null. */
export function parseF32(text: string): number | null {
  const b = parseFloatBits(text, F32);
  return b === null ? null : Number(b);
}

/** An f64 literal as [low 32 bits, high 32 bits] (signed ints), or null. */
export function parseF64(text: string): [number, number] | null {
  const b = parseFloatBits(text, F64);
  return b === null ? null : [Number(b & 0xffffffffn) | 0, Number(b >> 32n) | 0];
}
