// Number literals of the text format (spec "Text Format / Values"), exactly: integers to their
// two's-complement value, floats to their bit pattern with round-to-nearest-even done on exact
// rationals (BigInt), so decimal literals never suffer double rounding.
//
//   parseInt32(text)  → number (signed int32)     accepts -2^31 … 2^32-1
//   parseInt64(text)  → bigint (signed)           accepts -2^63 … 2^64-1
//   parseIntN(text, bits) → bigint (unsigned bits) for i8/i16 lanes etc.
//   parseF32Bits(text) → number (uint32 bits)     parseF64Bits(text) → bigint (uint64 bits)
// Every function throws RangeError('constant out of range') or SyntaxError('unknown number') so
// callers can map them to their own error type.

const INT_RE = /^([+-]?)(?:0x([0-9a-fA-F](?:_?[0-9a-fA-F])*)|(\d(?:_?\d)*))$/;

/** Parses an integer literal of `bits` bits (unsigned or signed range) to its unsigned value. */
export function parseIntN(text: string, bits: number): bigint {
  const m = INT_RE.exec(text);
  if (!m) throw new SyntaxError(`unknown number ${text}`);
  const mag = BigInt(m[2] !== undefined ? `0x${m[2].replace(/_/g, '')}` : m[3].replace(/_/g, ''));
  const limit = 1n << BigInt(bits);
  if (m[1] === '') {
    if (mag >= limit) throw new RangeError('constant out of range');
    return mag;
  }
  if (m[1] === '-') {
    if (mag > limit >> 1n) throw new RangeError('constant out of range');
    return BigInt.asUintN(bits, -mag);
  }
  // An explicit `+` makes it a signed literal: at most 2^(N-1)-1.
  if (mag >= limit >> 1n) throw new RangeError('constant out of range');
  return mag;
}

export function parseInt32(text: string): number {
  return Number(BigInt.asIntN(32, parseIntN(text, 32)));
}

export function parseInt64(text: string): bigint {
  return BigInt.asIntN(64, parseIntN(text, 64));
}

interface FloatFormat {
  prec: number; // significand bits including the implicit one
  emin: number; // exponent of the smallest normal
  expBits: number;
}
const F32: FloatFormat = { prec: 24, emin: -126, expBits: 8 };
const F64: FloatFormat = { prec: 53, emin: -1022, expBits: 11 };

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** Rounds num/den (> 0) to the format: returns exponent-and-significand bits (no sign), or null on overflow. */
function roundRational(num: bigint, den: bigint, f: FloatFormat): bigint | null {
  // e = floor(log2(num/den))
  let e = bitLength(num) - bitLength(den);
  const geq = (k: number) => (k >= 0 ? num >= den << BigInt(k) : num << BigInt(-k) >= den);
  if (!geq(e)) e--;
  const q = Math.max(e, f.emin) - (f.prec - 1); // the weight of the significand's last bit
  let n = num;
  let d = den;
  if (q < 0) n <<= BigInt(-q);
  else d <<= BigInt(q);
  let m = n / d;
  const r2 = (n % d) * 2n;
  if (r2 > d || (r2 === d && (m & 1n) === 1n)) m++;
  let exp = q;
  const top = 1n << BigInt(f.prec);
  if (m === top) {
    m >>= 1n;
    exp++;
  }
  const hidden = 1n << BigInt(f.prec - 1);
  const maxBiased = (1 << f.expBits) - 1;
  if (m < hidden) return m; // subnormal: biased exponent 0
  const biased = exp + (f.prec - 1) + (maxBiased >> 1);
  if (biased >= maxBiased) return null;
  return (BigInt(biased) << BigInt(f.prec - 1)) | (m - hidden);
}

const DEC_RE = /^(\d(?:_?\d)*)(?:\.(\d(?:_?\d)*)?)?(?:[eE]([+-]?\d(?:_?\d)*))?$/;
const HEX_RE = /^0x([0-9a-fA-F](?:_?[0-9a-fA-F])*)(?:\.([0-9a-fA-F](?:_?[0-9a-fA-F])*)?)?(?:[pP]([+-]?\d(?:_?\d)*))?$/;

function parseFloatBits(text: string, f: FloatFormat): bigint {
  const width = BigInt(f.prec - 1 + f.expBits);
  const signBit = 1n << width;
  let s = text;
  let sign = 0n;
  if (s[0] === '+' || s[0] === '-') {
    if (s[0] === '-') sign = signBit;
    s = s.slice(1);
  }
  const expMask = BigInt((1 << f.expBits) - 1) << BigInt(f.prec - 1);
  const mantBits = BigInt(f.prec - 1);
  if (s === 'inf') return sign | expMask;
  if (s === 'nan') return sign | expMask | (1n << (mantBits - 1n));
  if (s.startsWith('nan:0x')) {
    const body = s.slice(6);
    if (!/^[0-9a-fA-F](?:_?[0-9a-fA-F])*$/.test(body)) throw new SyntaxError(`unknown number ${text}`);
    const payload = BigInt(`0x${body.replace(/_/g, '')}`);
    if (payload < 1n || payload >= 1n << mantBits) throw new RangeError('constant out of range');
    return sign | expMask | payload;
  }
  let num: bigint;
  let den = 1n;
  let m = HEX_RE.exec(s);
  if (m) {
    const int = m[1].replace(/_/g, '');
    const frac = (m[2] ?? '').replace(/_/g, '');
    num = BigInt(`0x${int}${frac}`);
    let exp = (m[3] === undefined ? 0 : Number(m[3].replace(/_/g, ''))) - 4 * frac.length;
    // Beyond these bounds the value is certainly zero-rounding or infinite; keep BigInts small.
    exp = Math.max(-100000, Math.min(100000, exp));
    if (exp >= 0) num <<= BigInt(exp);
    else den = 1n << BigInt(-exp);
  } else if ((m = DEC_RE.exec(s))) {
    const int = m[1].replace(/_/g, '');
    const frac = (m[2] ?? '').replace(/_/g, '');
    num = BigInt(int + frac);
    let exp = (m[3] === undefined ? 0 : Number(m[3].replace(/_/g, ''))) - frac.length;
    exp = Math.max(-100000, Math.min(100000, exp));
    if (exp >= 0) num *= 10n ** BigInt(exp);
    else den = 10n ** BigInt(-exp);
  } else {
    throw new SyntaxError(`unknown number ${text}`);
  }
  if (num === 0n) return sign;
  const bits = roundRational(num, den, f);
  if (bits === null) throw new RangeError('constant out of range');
  return sign | bits;
}

export function parseF32Bits(text: string): number {
  return Number(parseFloatBits(text, F32));
}

export function parseF64Bits(text: string): bigint {
  return parseFloatBits(text, F64);
}
