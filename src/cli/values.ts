// `run --invoke`: command-line arguments → wasm values by the export's parameter types, and results
// → text the way wasmtime prints them (Rust's Display: shortest round-trip digits, no exponent,
// "NaN", "inf").
import { F32, F64, I32, I64, V128, isRef, valTypeName, type ValType } from '../syntax/types.js';
import { CliError } from './errors.js';

const INT = /^[+-]?(?:0x[0-9a-f]+|[0-9]+)$/i;

function parseInteger(text: string, bits: 32 | 64): bigint {
  const t = text.replace(/_/g, '');
  if (!INT.test(t)) throw new CliError(`invalid ${bits === 32 ? 'i32' : 'i64'} argument: ${JSON.stringify(text)}`);
  const neg = t.startsWith('-');
  const body = t.replace(/^[+-]/, '');
  const v = BigInt(body) * (neg ? -1n : 1n);
  // signed or unsigned spellings are both fine: -1 and 4294967295 are the same i32
  const min = -(1n << BigInt(bits - 1));
  const max = (1n << BigInt(bits)) - 1n;
  if (v < min || v > max) throw new CliError(`${bits === 32 ? 'i32' : 'i64'} argument out of range: ${text}`);
  return BigInt.asIntN(bits, v);
}

function parseFloat64(text: string, type: string): number {
  const t = text.trim().toLowerCase();
  if (t === 'nan' || t === '+nan' || t === '-nan') return NaN;
  if (t === 'inf' || t === '+inf' || t === 'infinity' || t === '+infinity') return Infinity;
  if (t === '-inf' || t === '-infinity') return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) throw new CliError(`invalid ${type} argument: ${JSON.stringify(text)}`);
  return Number(t);
}

/** The boxed JS value (JS API conventions) for one argument of type `t`. */
export function parseArg(text: string, t: ValType): number | bigint {
  switch (t) {
    case I32: return Number(parseInteger(text, 32));
    case I64: return parseInteger(text, 64);
    case F32: return Math.fround(parseFloat64(text, 'f32'));
    case F64: return parseFloat64(text, 'f64');
    default: throw new CliError(`cannot pass an argument of type ${valTypeName(t)} from the command line`);
  }
}

/** Rust's `{}` for a float: shortest digits that read back as the same value, never an exponent. */
function rustFloat(x: number, f32: boolean): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  let s = String(x);
  if (f32) {
    for (let p = 1; p <= 9; p++) {
      const c = x.toPrecision(p);
      if (Math.fround(Number(c)) === x) {
        s = String(Number(c));
        break;
      }
    }
  }
  return expandExponent(s);
}

function expandExponent(s: string): string {
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, frac = '', expText] = m;
  const digits = lead + frac;
  const point = 1 + Number(expText); // position of the decimal point within `digits`
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** One result line, as `wasmtime run --invoke` prints it. */
export function formatResult(v: unknown, t: ValType): string {
  if (t === I32 || t === I64) return String(v);
  if (t === F32) return rustFloat(v as number, true);
  if (t === F64) return rustFloat(v as number, false);
  if (t === V128) return String(v); // the JS API cannot carry v128 out; it fails before this
  if (isRef(t)) {
    if (v === null) return '<null ref>';
    return typeof v === 'function' ? '<funcref>' : '<externref>';
  }
  return String(v);
}
