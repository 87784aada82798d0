// Native WebAssembly as the oracle for exec/numerics: a hand-encoded module exporting one function
// per numeric instruction, and adapters that run our helper on the same inputs. Floats cross the JS
// boundary as their bit patterns (f32 as i32, f64 as i64 → BigInt) through reinterpret instructions
// inside the module, because JS itself quiets signalling NaNs of f32 values.
import * as N from '../../src/exec/numerics.js';
// The script runner's byte writers (one LEB128 writer in src).
import { u32 as uleb, section } from '../../src/script/native-wrapper.js';

export type Ty = 'i32' | 'i64' | 'f32' | 'f64';
/** Boxed bits: i32 and f32 as int32 numbers, i64 and f64 as signed BigInt. */
export type Bits = number | bigint;

/** How a NaN result may differ: 'exact' demands identical bits, 'arith' the spec's NaN rules. */
export type NanRule = 'exact' | 'arith';

export interface Op {
  name: string;
  code: number[];
  params: Ty[];
  result: Ty;
  nan: NanRule;
  /** Our implementation, on bits (see Bits). */
  ours: (...args: Bits[]) => Bits;
  /** For trapping ops: the spec's reason for these inputs. */
  reason?: (...args: Bits[]) => string;
}

const TYPE_CODE: Record<Ty, number> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c };
const BITS_TYPE: Record<Ty, Ty> = { i32: 'i32', i64: 'i64', f32: 'i32', f64: 'i64' };

export { uleb, section };

/** One exported function of a test module: its name, types and body (locals, code, end). */
export interface TestFunc { name: string; params: number[]; results: number[]; body: number[] }

/** A module exporting each of `fns` under its name (with `memory`, also one page as "mem"). */
export function funcsModule(fns: TestFunc[], memory = false): Uint8Array<ArrayBuffer> {
  const types: number[] = [], funcs: number[] = [], exports: number[] = [], code: number[] = [];
  for (const v of [types, funcs, code]) uleb(fns.length, v);
  uleb(fns.length + (memory ? 1 : 0), exports);
  if (memory) exports.push(3, 0x6d, 0x65, 0x6d, 0x02, 0x00);
  fns.forEach((f, i) => {
    types.push(0x60);
    uleb(f.params.length, types);
    types.push(...f.params);
    uleb(f.results.length, types);
    types.push(...f.results);
    uleb(i, funcs);
    const name = new TextEncoder().encode(f.name);
    uleb(name.length, exports);
    exports.push(...name, 0x00);
    uleb(i, exports);
    uleb(f.body.length, code);
    code.push(...f.body);
  });
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  section(1, types, out);
  section(3, funcs, out);
  if (memory) section(5, [1, 0, 1], out);
  section(7, exports, out);
  section(10, code, out);
  return new Uint8Array(out);
}

/** A module exporting each op under its name, with float operands and results as bits. */
export function oracleModule(ops: Op[]): Uint8Array<ArrayBuffer> {
  return funcsModule(ops.map((op) => {
    const body: number[] = [0x00]; // no locals
    op.params.forEach((p, j) => {
      body.push(0x20, j);
      if (p === 'f32') body.push(0xbe);
      if (p === 'f64') body.push(0xbf);
    });
    body.push(...op.code);
    if (op.result === 'f32') body.push(0xbc);
    if (op.result === 'f64') body.push(0xbd);
    body.push(0x0b);
    return { name: op.name, params: op.params.map((p) => TYPE_CODE[BITS_TYPE[p]]), results: [TYPE_CODE[BITS_TYPE[op.result]]], body };
  }));
}

export function oracle(ops: Op[]): Record<string, (...args: Bits[]) => Bits> {
  const inst = new WebAssembly.Instance(new WebAssembly.Module(oracleModule(ops)));
  return inst.exports as unknown as Record<string, (...args: Bits[]) => Bits>;
}

// Adapters between bits and the tiers' representations.
export const f32In = (b: Bits): number => N.f32FromBits(b as number);
const f32Out = (x: number): number => N.f32ToBits(x);
export const f64In = (b: Bits): number => {
  const lo = N.fromBigInt(b as bigint);
  return N.f64FromBits(lo, N.H.hi);
};
const f64Out = (x: number): bigint => {
  const lo = N.f64ToBits(x);
  return N.toBigInt(lo, N.H.hi);
};
const i64Out = (lo: number): bigint => N.toBigInt(lo, N.H.hi);
type PairFn = (alo: number, ahi: number, blo: number, bhi: number) => number;
function pair1(f: (lo: number, hi: number) => number): (a: Bits) => Bits {
  return (a) => {
    const lo = N.fromBigInt(a as bigint);
    return f(lo, N.H.hi);
  };
}
function pair2(f: PairFn): (a: Bits, b: Bits) => Bits {
  return (a, b) => {
    const alo = N.fromBigInt(a as bigint), ahi = N.H.hi;
    const blo = N.fromBigInt(b as bigint), bhi = N.H.hi;
    return f(alo, ahi, blo, bhi);
  };
}
const i64Result = (f: (a: Bits, b: Bits) => Bits) => (a: Bits, b: Bits): Bits => i64Out(f(a, b) as number);
const i64Result1 = (f: (a: Bits) => Bits) => (a: Bits): Bits => i64Out(f(a) as number);

const divReason = (_a: Bits, b: Bits): string => (b === 0 || b === 0n ? N.INT_DIVIDE_BY_ZERO : N.INT_OVERFLOW);
const truncReason32 = (a: Bits): string => (f32In(a) !== f32In(a) ? N.INVALID_CONVERSION : N.INT_OVERFLOW);
const truncReason64 = (a: Bits): string => (f64In(a) !== f64In(a) ? N.INVALID_CONVERSION : N.INT_OVERFLOW);

function i32bin(name: string, op: number, f: (a: number, b: number) => number, trapping = false): Op {
  return {
    name, code: [op], params: ['i32', 'i32'], result: 'i32', nan: 'exact',
    ours: (a, b) => f(a as number, b as number), reason: trapping ? divReason : undefined,
  };
}
function i32un(name: string, op: number, f: (a: number) => number): Op {
  return { name, code: [op], params: ['i32'], result: 'i32', nan: 'exact', ours: (a) => f(a as number) };
}
function i64bin(name: string, op: number, f: PairFn, trapping = false): Op {
  return {
    name, code: [op], params: ['i64', 'i64'], result: 'i64', nan: 'exact',
    ours: i64Result(pair2(f)), reason: trapping ? divReason : undefined,
  };
}
function i64cmp(name: string, op: number, f: PairFn): Op {
  return { name, code: [op], params: ['i64', 'i64'], result: 'i32', nan: 'exact', ours: pair2(f) };
}
function i64un(name: string, op: number, f: (lo: number, hi: number) => number): Op {
  return { name, code: [op], params: ['i64'], result: 'i64', nan: 'exact', ours: i64Result1(pair1(f)) };
}
function fun(name: string, t: 'f32' | 'f64', op: number, f: (x: number) => number, nan: NanRule): Op {
  const [inp, out] = t === 'f32' ? [f32In, f32Out] : [f64In, f64Out];
  return { name, code: [op], params: [t], result: t, nan, ours: (a) => out(f(inp(a))) };
}
function fbin(name: string, t: 'f32' | 'f64', op: number, f: (x: number, y: number) => number, nan: NanRule): Op {
  const [inp, out] = t === 'f32' ? [f32In, f32Out] : [f64In, f64Out];
  return { name, code: [op], params: [t, t], result: t, nan, ours: (a, b) => out(f(inp(a), inp(b))) };
}

export const I32_OPS: Op[] = [
  i32un('i32.clz', 0x67, N.i32Clz), i32un('i32.ctz', 0x68, N.i32Ctz), i32un('i32.popcnt', 0x69, N.i32Popcnt),
  i32bin('i32.div_s', 0x6d, N.i32DivS, true), i32bin('i32.div_u', 0x6e, N.i32DivU, true),
  i32bin('i32.rem_s', 0x6f, N.i32RemS, true), i32bin('i32.rem_u', 0x70, N.i32RemU, true),
  i32bin('i32.rotl', 0x77, N.i32Rotl), i32bin('i32.rotr', 0x78, N.i32Rotr),
  i32un('i32.extend8_s', 0xc0, N.i32Extend8S), i32un('i32.extend16_s', 0xc1, N.i32Extend16S),
];

export const I64_OPS: Op[] = [
  i64un('i64.clz', 0x79, N.i64Clz), i64un('i64.ctz', 0x7a, N.i64Ctz), i64un('i64.popcnt', 0x7b, N.i64Popcnt),
  i64bin('i64.add', 0x7c, N.i64Add), i64bin('i64.sub', 0x7d, N.i64Sub), i64bin('i64.mul', 0x7e, N.i64Mul),
  i64bin('i64.div_s', 0x7f, N.i64DivS, true), i64bin('i64.div_u', 0x80, N.i64DivU, true),
  i64bin('i64.rem_s', 0x81, N.i64RemS, true), i64bin('i64.rem_u', 0x82, N.i64RemU, true),
  i64bin('i64.and', 0x83, N.i64And), i64bin('i64.or', 0x84, N.i64Or), i64bin('i64.xor', 0x85, N.i64Xor),
  i64bin('i64.shl', 0x86, N.i64Shl), i64bin('i64.shr_s', 0x87, N.i64ShrS), i64bin('i64.shr_u', 0x88, N.i64ShrU),
  i64bin('i64.rotl', 0x89, N.i64Rotl), i64bin('i64.rotr', 0x8a, N.i64Rotr),
  i64un('i64.extend8_s', 0xc2, N.i64Extend8S), i64un('i64.extend16_s', 0xc3, N.i64Extend16S),
  i64un('i64.extend32_s', 0xc4, N.i64Extend32S),
  { name: 'i64.eqz', code: [0x50], params: ['i64'], result: 'i32', nan: 'exact', ours: pair1(N.i64Eqz) },
  i64cmp('i64.eq', 0x51, N.i64Eq), i64cmp('i64.ne', 0x52, N.i64Ne),
  i64cmp('i64.lt_s', 0x53, N.i64LtS), i64cmp('i64.lt_u', 0x54, N.i64LtU),
  i64cmp('i64.gt_s', 0x55, N.i64GtS), i64cmp('i64.gt_u', 0x56, N.i64GtU),
  i64cmp('i64.le_s', 0x57, N.i64LeS), i64cmp('i64.le_u', 0x58, N.i64LeU),
  i64cmp('i64.ge_s', 0x59, N.i64GeS), i64cmp('i64.ge_u', 0x5a, N.i64GeU),
];

function floatOps(t: 'f32' | 'f64'): Op[] {
  const b = t === 'f32' ? 0x8b : 0x99;
  const F = t === 'f32'
    ? [N.f32Abs, N.f32Neg, N.f32Ceil, N.f32Floor, N.f32Trunc, N.f32Nearest, N.f32Sqrt]
    : [N.f64Abs, N.f64Neg, N.f64Ceil, N.f64Floor, N.f64Trunc, N.f64Nearest, N.f64Sqrt];
  const B = t === 'f32'
    ? [N.f32Add, N.f32Sub, N.f32Mul, N.f32Div, N.f32Min, N.f32Max, N.f32Copysign]
    : [(x: number, y: number) => x + y, (x: number, y: number) => x - y, (x: number, y: number) => x * y,
      (x: number, y: number) => x / y, N.f64Min, N.f64Max, N.f64Copysign];
  const un = ['abs', 'neg', 'ceil', 'floor', 'trunc', 'nearest', 'sqrt'];
  const bin = ['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign'];
  return [
    ...un.map((n, i) => fun(`${t}.${n}`, t, b + i, F[i], i < 2 ? 'exact' : 'arith')),
    ...bin.map((n, i) => fbin(`${t}.${n}`, t, b + 7 + i, B[i], n === 'copysign' ? 'exact' : 'arith')),
  ];
}

export const FLOAT_OPS: Op[] = [...floatOps('f32'), ...floatOps('f64')];

function conv(name: string, code: number[], from: Ty, to: Ty, f: (x: number, hi: number) => number, nan: NanRule = 'exact'): Op {
  const inp = from === 'f32' ? f32In : from === 'f64' ? f64In : from === 'i32' ? (a: Bits) => a as number : null;
  const out = to === 'f32' ? f32Out : to === 'f64' ? f64Out : to === 'i64' ? i64Out : (x: number) => x;
  const ours = inp ? (a: Bits) => out(f(inp(a), 0)) : (a: Bits) => out(pair1(f)(a) as number);
  const trapping = to[0] === 'i' && from[0] === 'f' && code[0] !== 0xfc && code[0] !== 0xbc && code[0] !== 0xbd;
  return { name, code, params: [from], result: to, nan, ours, reason: trapping ? (from === 'f32' ? truncReason32 : truncReason64) : undefined };
}

export const CONVERSION_OPS: Op[] = [
  conv('i32.wrap_i64', [0xa7], 'i64', 'i32', N.i32WrapI64),
  conv('i32.trunc_f32_s', [0xa8], 'f32', 'i32', N.i32TruncF32S), conv('i32.trunc_f32_u', [0xa9], 'f32', 'i32', N.i32TruncF32U),
  conv('i32.trunc_f64_s', [0xaa], 'f64', 'i32', N.i32TruncF64S), conv('i32.trunc_f64_u', [0xab], 'f64', 'i32', N.i32TruncF64U),
  conv('i64.extend_i32_s', [0xac], 'i32', 'i64', N.i64ExtendI32S), conv('i64.extend_i32_u', [0xad], 'i32', 'i64', N.i64ExtendI32U),
  conv('i64.trunc_f32_s', [0xae], 'f32', 'i64', N.i64TruncF32S), conv('i64.trunc_f32_u', [0xaf], 'f32', 'i64', N.i64TruncF32U),
  conv('i64.trunc_f64_s', [0xb0], 'f64', 'i64', N.i64TruncF64S), conv('i64.trunc_f64_u', [0xb1], 'f64', 'i64', N.i64TruncF64U),
  conv('f32.convert_i32_s', [0xb2], 'i32', 'f32', N.f32ConvertI32S), conv('f32.convert_i32_u', [0xb3], 'i32', 'f32', N.f32ConvertI32U),
  conv('f32.convert_i64_s', [0xb4], 'i64', 'f32', N.f32ConvertI64S), conv('f32.convert_i64_u', [0xb5], 'i64', 'f32', N.f32ConvertI64U),
  conv('f32.demote_f64', [0xb6], 'f64', 'f32', N.f32DemoteF64, 'arith'),
  conv('f64.convert_i32_s', [0xb7], 'i32', 'f64', N.f64ConvertI32S), conv('f64.convert_i32_u', [0xb8], 'i32', 'f64', N.f64ConvertI32U),
  conv('f64.convert_i64_s', [0xb9], 'i64', 'f64', N.f64ConvertI64S), conv('f64.convert_i64_u', [0xba], 'i64', 'f64', N.f64ConvertI64U),
  conv('f64.promote_f32', [0xbb], 'f32', 'f64', N.f64PromoteF32, 'arith'),
  conv('i32.reinterpret_f32', [0xbc], 'f32', 'i32', N.i32ReinterpretF32),
  conv('i64.reinterpret_f64', [0xbd], 'f64', 'i64', N.i64ReinterpretF64),
  conv('f32.reinterpret_i32', [0xbe], 'i32', 'f32', N.f32ReinterpretI32),
  conv('f64.reinterpret_i64', [0xbf], 'i64', 'f64', N.f64ReinterpretI64),
  conv('i32.trunc_sat_f32_s', [0xfc, 0], 'f32', 'i32', N.i32TruncSatF32S), conv('i32.trunc_sat_f32_u', [0xfc, 1], 'f32', 'i32', N.i32TruncSatF32U),
  conv('i32.trunc_sat_f64_s', [0xfc, 2], 'f64', 'i32', N.i32TruncSatF64S), conv('i32.trunc_sat_f64_u', [0xfc, 3], 'f64', 'i32', N.i32TruncSatF64U),
  conv('i64.trunc_sat_f32_s', [0xfc, 4], 'f32', 'i64', N.i64TruncSatF32S), conv('i64.trunc_sat_f32_u', [0xfc, 5], 'f32', 'i64', N.i64TruncSatF32U),
  conv('i64.trunc_sat_f64_s', [0xfc, 6], 'f64', 'i64', N.i64TruncSatF64S), conv('i64.trunc_sat_f64_u', [0xfc, 7], 'f64', 'i64', N.i64TruncSatF64U),
];
