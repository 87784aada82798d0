// A deliberately tiny evaluator for the testsuite's numeric modules, so the official expected values
// check exec/numerics directly (independently of the compiling tier). It accepts modules made only of
// function types, functions and exports, whose bodies are straight-line: locals, constants, drop,
// select, numeric and SIMD instructions. Values are bits (see numerics-oracle), kept in plain arrays: this
// is safe because bits are ints and BigInts, never NaN-carrying doubles.
import * as N from '../../src/exec/numerics.js';
import { OPS as OPCODES, PREFIXED, PREFIX_SIMD, type OpInfo } from '../../src/syntax/opcodes.js';
import { I32, I64, F32, F64, V128 } from '../../src/syntax/types.js';
import { I32_OPS, I64_OPS, FLOAT_OPS, CONVERSION_OPS, f32In, f64In, type Bits, type Op, type Ty } from './numerics-oracle.js';

export class Unsupported extends Error {}

/** Value types of the accepted subset; v128 values are 16-byte Uint8Arrays. */
export type VTy = Ty | 'v128';
export type Val = Bits | Uint8Array;
const TYPES: Record<number, VTy> = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128' };

// The operations the compiler inlines as JS operators, written the same way here.
const b = (x: boolean): number => (x ? 1 : 0);
const u = (x: Bits): number => (x as number) >>> 0;
function inline(code: number, params: Ty[], result: Ty, f: (...a: never[]) => Bits): Op {
  return { name: `0x${code.toString(16)}`, code: [code], params, result, nan: 'exact', ours: f as (...a: Bits[]) => Bits };
}
type I = number;
const INLINE: Op[] = [
  inline(0x45, ['i32'], 'i32', (a: I) => b(a === 0)),
  ...([[0x46, (x: I, y: I) => x === y], [0x47, (x: I, y: I) => x !== y], [0x48, (x: I, y: I) => x < y],
    [0x49, (x: I, y: I) => u(x) < u(y)], [0x4a, (x: I, y: I) => x > y], [0x4b, (x: I, y: I) => u(x) > u(y)],
    [0x4c, (x: I, y: I) => x <= y], [0x4d, (x: I, y: I) => u(x) <= u(y)], [0x4e, (x: I, y: I) => x >= y],
    [0x4f, (x: I, y: I) => u(x) >= u(y)]] as const).map(([c, f]) => inline(c, ['i32', 'i32'], 'i32', (x: I, y: I) => b(f(x, y)))),
  ...([[0x6a, (x: I, y: I) => (x + y) | 0], [0x6b, (x: I, y: I) => (x - y) | 0], [0x6c, Math.imul],
    [0x71, (x: I, y: I) => x & y], [0x72, (x: I, y: I) => x | y], [0x73, (x: I, y: I) => x ^ y],
    [0x74, (x: I, y: I) => x << y], [0x75, (x: I, y: I) => x >> y], [0x76, (x: I, y: I) => (x >>> y) | 0]] as const)
    .map(([c, f]) => inline(c, ['i32', 'i32'], 'i32', f)),
  ...(['f32', 'f64'] as const).flatMap((t, k) => {
    const v = t === 'f32' ? f32In : f64In;
    const cmps: ((x: number, y: number) => boolean)[] = [
      (x, y) => x === y, (x, y) => x !== y, (x, y) => x < y, (x, y) => x > y, (x, y) => x <= y, (x, y) => x >= y];
    return cmps.map((f, i) => inline(0x5b + 6 * k + i, [t, t], 'i32', (x: Bits, y: Bits) => b(f(v(x), v(y)))));
  }),
];

/** Numeric instructions by opcode (0xfc-prefixed ones at 0xfc00 + sub-opcode). */
const OPS = new Map<number, Op>();
for (const op of [...I32_OPS, ...I64_OPS, ...FLOAT_OPS, ...CONVERSION_OPS, ...INLINE]) {
  OPS.set(op.code.length === 2 ? 0xfc00 + op.code[1] : op.code[0], op);
}

class Reader {
  constructor(readonly bytes: Uint8Array, public pos = 0) {}
  byte(): number {
    if (this.pos >= this.bytes.length) throw new Unsupported('unexpected end');
    return this.bytes[this.pos++];
  }
  u32(): number {
    let r = 0, shift = 0, c;
    do {
      c = this.byte();
      r += (c & 0x7f) * 2 ** shift;
      shift += 7;
    } while (c & 0x80);
    return r;
  }
  sleb(): bigint {
    let r = 0n, shift = 0n, c;
    do {
      c = this.byte();
      r |= BigInt(c & 0x7f) << shift;
      shift += 7n;
    } while (c & 0x80);
    return c & 0x40 ? r - (1n << shift) : r;
  }
  fixed(n: number): bigint {
    let r = 0n;
    for (let i = 0; i < n; i++) r |= BigInt(this.byte()) << BigInt(8 * i);
    return r;
  }
}

interface Func {
  params: VTy[];
  results: VTy[];
  locals: VTy[];
  body: Uint8Array;
}

export type Module = Map<string, Func>;

/** Exported functions of a module in the accepted subset; Unsupported for anything else. */
export function loadModule(bytes: Uint8Array): Module {
  const r = new Reader(bytes, 8);
  const types: { params: VTy[]; results: VTy[] }[] = [];
  const funcTypes: number[] = [];
  const exports = new Map<string, number>();
  const valtype = (): VTy => {
    const t = TYPES[r.byte()];
    if (!t) throw new Unsupported('value type');
    return t;
  };
  const vec = <T>(f: () => T): T[] => Array.from({ length: r.u32() }, f);
  const funcs: Func[] = [];
  while (r.pos < bytes.length) {
    const id = r.byte(), size = r.u32(), end = r.pos + size;
    if (id === 1) {
      for (const _ of vec(() => 0)) {
        if (r.byte() !== 0x60) throw new Unsupported('type');
        types.push({ params: vec(valtype), results: vec(valtype) });
      }
    } else if (id === 3) funcTypes.push(...vec(() => r.u32()));
    else if (id === 7) {
      for (const _ of vec(() => 0)) {
        const len = r.u32();
        const name = new TextDecoder().decode(bytes.subarray(r.pos, r.pos + len));
        r.pos += len;
        if (r.byte() === 0) exports.set(name, r.u32());
        else r.u32();
      }
    } else if (id === 10) {
      for (const i of vec(() => 0).keys()) {
        const size = r.u32(), end = r.pos + size;
        const locals: VTy[] = [];
        for (const _ of vec(() => 0)) {
          const n = r.u32(), t = valtype();
          for (let k = 0; k < n; k++) locals.push(t);
        }
        funcs.push({ ...types[funcTypes[i]], locals, body: bytes.subarray(r.pos, end) });
        r.pos = end;
      }
    } else if (id !== 0) throw new Unsupported(`section ${id}`);
    r.pos = end;
  }
  const m: Module = new Map();
  for (const [name, i] of exports) m.set(name, funcs[i]);
  return m;
}

const zero = (t: VTy): Val => (t === 'v128' ? new Uint8Array(16) : t === 'i64' || t === 'f64' ? 0n : 0);

/** A SIMD instruction on bit values, through SIMD_OPS (immediates after the operands). */
function simd(op: OpInfo, args: Val[], imm: number | number[] | null): Val {
  const f = N.SIMD_OPS.get(op.name) as unknown as ((...a: unknown[]) => unknown) | undefined;
  if (!f) throw new Unsupported(op.name);
  const xs: unknown[] = [];
  op.params!.forEach((t, i) => {
    const a = args[i];
    if (t === F32) xs.push(f32In(a as Bits));
    else if (t === F64) xs.push(f64In(a as Bits));
    else if (t === I64) xs.push(N.fromBigInt(a as bigint), N.H.hi);
    else xs.push(a);
  });
  if (imm !== null) xs.splice(op.name.includes('replace_lane') ? 1 : xs.length, 0, imm);
  const r = f(...xs);
  switch (op.results![0]) {
    case V128: case I32: return r as Val;
    case F32: return N.f32ToBits(r as number);
    case F64: {
      const lo = N.f64ToBits(r as number);
      return N.toBigInt(lo, N.H.hi);
    }
    case I64: return N.toBigInt(r as number, N.H.hi);
  }
  throw new Unsupported(op.name);
}

/** Runs a function on bit arguments; RuntimeError on traps, Unsupported outside the subset. */
export function invoke(f: Func, args: Val[]): Val[] {
  const locals = [...args, ...f.locals.map(zero)];
  const stack: Val[] = [];
  const r = new Reader(f.body);
  for (;;) {
    const c = r.byte();
    if (c === 0x0b) break;
    switch (c) {
      case 0x01: break;
      case 0x1a: stack.pop(); break;
      case 0x1b: case 0x1c: {
        if (c === 0x1c) for (let n = r.u32(); n > 0; n--) r.byte(); // typed select: types do not matter here
        const cond = stack.pop(), y = stack.pop(), x = stack.pop();
        stack.push(cond !== 0 ? x! : y!);
        break;
      }
      case 0x20: stack.push(locals[r.u32()]); break;
      case 0x21: locals[r.u32()] = stack.pop()!; break;
      case 0x22: locals[r.u32()] = stack[stack.length - 1]; break;
      case 0x41: stack.push(Number(BigInt.asIntN(32, r.sleb()))); break;
      case 0x42: stack.push(BigInt.asIntN(64, r.sleb())); break;
      case 0x43: stack.push(Number(r.fixed(4)) | 0); break;
      case 0x44: stack.push(BigInt.asIntN(64, r.fixed(8))); break;
      case 0xfd: {
        const row = PREFIXED[PREFIX_SIMD].get(r.u32());
        const op = row === undefined ? undefined : OPCODES[row];
        if (!op || op.params === null || op.imm === 'memarg' || op.imm === 'memlane') throw new Unsupported('simd');
        if (op.name === 'v128.const') {
          stack.push(r.bytes.slice(r.pos, r.pos + 16));
          r.pos += 16;
          break;
        }
        const imm = op.imm === 'lane' ? r.byte() : op.imm === 'shuffle' ? Array.from({ length: 16 }, () => r.byte()) : null;
        stack.push(simd(op, stack.splice(stack.length - op.params.length), imm));
        break;
      }
      default: {
        const op = OPS.get(c === 0xfc ? 0xfc00 + r.u32() : c);
        if (!op) throw new Unsupported(`opcode 0x${c.toString(16)}`);
        const args = stack.splice(stack.length - op.params.length) as Bits[];
        stack.push(op.ours(...args));
      }
    }
  }
  if (stack.length !== f.results.length) throw new Unsupported('control flow');
  return stack;
}
