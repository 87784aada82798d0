// Result patterns against observed values (spec script semantics): exact bits for numbers,
// nan:canonical / nan:arithmetic for floats (per lane in vectors), `either`, and reference
// categories. `mismatch` returns null on a match, else a short explanation.

import type { FloatPat, LaneShape, ResultPat } from './ast.js';
import type { Observed } from './engine.js';
import { LANES } from './parse.js';

const F32_EXP = 0x7f800000n;
const F32_QUIET = 0x00400000n;
const F32_ABS = 0x7fffffffn;
const F64_EXP = 0x7ff0000000000000n;
const F64_QUIET = 0x0008000000000000n;
const F64_ABS = 0x7fffffffffffffffn;

function floatMatches(p: FloatPat, bits: bigint, width: 32 | 64): boolean {
  const [exp, quiet, abs] = width === 32 ? [F32_EXP, F32_QUIET, F32_ABS] : [F64_EXP, F64_QUIET, F64_ABS];
  switch (p.kind) {
    case 'bits': return bits === p.bits;
    case 'nan:canonical': return (bits & abs) === (exp | quiet);
    case 'nan:arithmetic': return (bits & (exp | quiet)) === (exp | quiet);
  }
}

function laneBits(bytes: Uint8Array, shape: LaneShape, k: number): bigint {
  const v = new DataView(bytes.buffer, bytes.byteOffset, 16);
  switch (shape) {
    case 'i8': return BigInt(v.getUint8(k));
    case 'i16': return BigInt(v.getUint16(k * 2, true));
    case 'i32': case 'f32': return BigInt(v.getUint32(k * 4, true));
    default: return v.getBigUint64(k * 8, true);
  }
}

const hex = (b: bigint | number, digits: number) => `0x${b.toString(16).padStart(digits, '0')}`;

export function showFloatPat(p: FloatPat, width: 32 | 64): string {
  return p.kind === 'bits' ? hex(p.bits, width / 4) : p.kind;
}

export function showPattern(p: ResultPat): string {
  switch (p.type) {
    case 'i32': case 'i64': return `(${p.type}.const ${p.value})`;
    case 'f32': case 'f64': return `(${p.type}.const ${showFloatPat(p.pat, p.type === 'f32' ? 32 : 64)})`;
    case 'v128': {
      const w = p.shape === 'i8' ? 8 : p.shape === 'i16' ? 16 : p.shape.endsWith('32') ? 32 : 64;
      return `(v128.const ${p.shape}x${LANES[p.shape]} ${p.lanes.map((l) => showFloatPat(l, w as 32 | 64)).join(' ')})`;
    }
    case 'ref.null': return `(ref.null${p.heap ? ` ${p.heap}` : ''})`;
    case 'ref': return `(ref.${p.kind}${p.n !== null ? ` ${p.n}` : ''})`;
    case 'either': return `(either ${p.alts.map(showPattern).join(' ')})`;
  }
}

export function showObserved(o: Observed): string {
  switch (o.type) {
    case 'i32': case 'i64': return `(${o.type}.const ${o.value})`;
    case 'f32': return `(f32.const ${hex(o.bits >>> 0, 8)})`;
    case 'f64': return `(f64.const ${hex(o.bits, 16)})`;
    case 'v128': return `(v128.const i8x16 ${[...o.bytes].join(' ')})`;
    case 'ref': return o.kind === 'null' ? '(ref.null)' : `(ref.${o.kind}${o.host !== undefined ? ` ${o.host}` : ''})`;
  }
}

function refMatches(p: ResultPat & { type: 'ref' }, o: Observed): boolean {
  if (o.type !== 'ref' || o.kind === 'null') return false;
  switch (p.kind) {
    case 'func': return o.kind === 'func';
    case 'struct': case 'array': case 'i31': case 'exn': return o.kind === p.kind;
    case 'eq': return o.kind === 'struct' || o.kind === 'array' || o.kind === 'i31';
    case 'any': return o.kind !== 'func' && o.kind !== 'exn';
    case 'extern': return p.n === null || (o.kind === 'host' && o.host === p.n);
    case 'host': return o.kind === 'host' && (p.n === null || o.host === p.n);
  }
}

export function matches(p: ResultPat, o: Observed): boolean {
  switch (p.type) {
    case 'i32': return o.type === 'i32' && o.value === p.value;
    case 'i64': return o.type === 'i64' && o.value === p.value;
    case 'f32': return o.type === 'f32' && floatMatches(p.pat, BigInt(o.bits >>> 0), 32);
    case 'f64': return o.type === 'f64' && floatMatches(p.pat, o.bits, 64);
    case 'v128': {
      if (o.type !== 'v128') return false;
      const w = p.shape === 'f32' ? 32 : 64;
      return p.lanes.every((lane, k) => floatMatches(lane, laneBits(o.bytes, p.shape, k), w));
    }
    case 'ref.null': return o.type === 'ref' && o.kind === 'null';
    case 'ref': return refMatches(p, o);
    case 'either': return p.alts.some((a) => matches(a, o));
  }
}

/** null when every result matches, else why not. */
export function mismatch(expected: ResultPat[], actual: Observed[]): string | null {
  if (expected.length !== actual.length) {
    return `expected ${expected.length} results, got ${actual.length}: ${actual.map(showObserved).join(' ')}`;
  }
  for (let i = 0; i < expected.length; i++) {
    if (!matches(expected[i], actual[i])) {
      return `result ${i}: expected ${showPattern(expected[i])}, got ${showObserved(actual[i])}`;
    }
  }
  return null;
}
