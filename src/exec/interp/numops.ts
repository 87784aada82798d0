// Numeric instructions for the translator: which interpreter op each becomes, with its operand and
// result kinds (I i32, L i64, D f32/f64). Frequent operations have their own op, executed inline by
// run.ts; the rest call a numerics helper through a generic op named after its kinds (FN_<res>_<args>),
// with the helper's index in FNS as the immediate. i64-producing helpers follow numerics' convention
// (return the low word, high word in H.hi).

import * as N from '../numerics.js';
import { OP, type OpName } from './ops.js';

export interface NumOp {
  op: number;
  /** Operand kinds, e.g. 'II'. */
  args: string;
  /** Result kind. */
  res: string;
  /** Index in FNS for FN_* ops, else -1. */
  fn: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Helper = (...a: any[]) => number;
export const FNS: Helper[] = [];
export const NUMOPS = new Map<string, NumOp>();
/** The instruction name of each helper in FNS. */
export const FN_NAMES: string[] = [];

function own(name: string, op: OpName, args: string, res: string): void {
  NUMOPS.set(name, { op: OP[op], args, res, fn: -1 });
}
function helper(name: string, sig: string, f: Helper): void {
  const [res, args] = sig.split('_');
  FN_NAMES.push(name);
  NUMOPS.set(name, { op: OP[`FN_${sig}` as OpName], args, res, fn: FNS.push(f) - 1 });
}

for (const n of ['add', 'sub', 'mul', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u']) own(`i32.${n}`, `I32_${n.toUpperCase()}` as OpName, 'II', 'I');
for (const n of ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u']) own(`i32.${n}`, `I32_${n.toUpperCase()}` as OpName, 'II', 'I');
own('i32.eqz', 'I32_EQZ', 'I', 'I');
for (const n of ['add', 'sub', 'and', 'or', 'xor', 'eq', 'ne']) own(`i64.${n}`, `I64_${n.toUpperCase()}` as OpName, 'LL', n === 'eq' || n === 'ne' ? 'I' : 'L');
own('i64.eqz', 'I64_EQZ', 'L', 'I');
own('i64.extend_i32_s', 'I64_EXTEND_I32_S', 'I', 'L');
own('i64.extend_i32_u', 'I64_EXTEND_I32_U', 'I', 'L');
own('i32.wrap_i64', 'I32_WRAP_I64', 'L', 'I');
for (const p of ['f32', 'f64']) {
  for (const n of ['add', 'sub', 'mul', 'div']) own(`${p}.${n}`, `${p.toUpperCase()}_${n.toUpperCase()}` as OpName, 'DD', 'D');
  for (const n of ['eq', 'ne', 'lt', 'gt', 'le', 'ge']) own(`${p}.${n}`, `F_${n.toUpperCase()}` as OpName, 'DD', 'I');
}
own('f64.convert_i32_s', 'F64_CONVERT_I32_S', 'I', 'D');
own('f64.convert_i32_u', 'F64_CONVERT_I32_U', 'I', 'D');

// ---- through helpers ----
helper('i32.div_s', 'I_II', N.i32DivS);
helper('i32.div_u', 'I_II', N.i32DivU);
helper('i32.rem_s', 'I_II', N.i32RemS);
helper('i32.rem_u', 'I_II', N.i32RemU);
helper('i32.rotl', 'I_II', N.i32Rotl);
helper('i32.rotr', 'I_II', N.i32Rotr);
helper('i32.clz', 'I_I', Math.clz32);
helper('i32.ctz', 'I_I', N.i32Ctz);
helper('i32.popcnt', 'I_I', N.i32Popcnt);
helper('i32.extend8_s', 'I_I', N.i32Extend8S);
helper('i32.extend16_s', 'I_I', N.i32Extend16S);

const i64ops: [string, Helper][] = [
  ['mul', N.i64Mul], ['div_s', N.i64DivS], ['div_u', N.i64DivU], ['rem_s', N.i64RemS], ['rem_u', N.i64RemU],
  ['shl', N.i64Shl], ['shr_s', N.i64ShrS], ['shr_u', N.i64ShrU], ['rotl', N.i64Rotl], ['rotr', N.i64Rotr],
];
for (const [n, f] of i64ops) {
  if (n === 'mul') own('i64.mul', 'I64_MUL', 'LL', 'L');
  else helper(`i64.${n}`, 'L_LL', f);
}
const i64cmp: [string, Helper][] = [
  ['lt_s', N.i64LtS], ['lt_u', N.i64LtU], ['gt_s', N.i64GtS], ['gt_u', N.i64GtU],
  ['le_s', N.i64LeS], ['le_u', N.i64LeU], ['ge_s', N.i64GeS], ['ge_u', N.i64GeU],
];
for (const [n, f] of i64cmp) helper(`i64.${n}`, 'I_LL', f);
/** Helpers whose i64 result has a zero high word return it through H like the others. */
const hi0 = (f: (lo: number, hi: number) => number): Helper => (lo: number, hi: number) => {
  const r = f(lo, hi);
  N.H.hi = 0;
  return r;
};
helper('i64.clz', 'L_L', hi0(N.i64Clz));
helper('i64.ctz', 'L_L', hi0(N.i64Ctz));
helper('i64.popcnt', 'L_L', hi0(N.i64Popcnt));
const signHi = (f: (lo: number) => number): Helper => (lo: number) => {
  const r = f(lo);
  N.H.hi = r >> 31;
  return r;
};
helper('i64.extend8_s', 'L_L', signHi((x) => (x << 24) >> 24));
helper('i64.extend16_s', 'L_L', signHi((x) => (x << 16) >> 16));
helper('i64.extend32_s', 'L_L', signHi((x) => x));

for (const p of ['f32', 'f64'] as const) {
  const F = p === 'f32';
  const round = F ? Math.fround : (x: number) => x;
  helper(`${p}.sqrt`, 'D_D', (a: number) => round(Math.sqrt(a)));
  helper(`${p}.min`, 'D_DD', F ? N.f32Min : N.f64Min);
  helper(`${p}.max`, 'D_DD', F ? N.f32Max : N.f64Max);
  helper(`${p}.copysign`, 'D_DD', F ? N.f32Copysign : N.f64Copysign);
  helper(`${p}.ceil`, 'D_D', F ? N.f32Ceil : N.f64Ceil);
  helper(`${p}.floor`, 'D_D', F ? N.f32Floor : N.f64Floor);
  helper(`${p}.trunc`, 'D_D', F ? N.f32Trunc : N.f64Trunc);
  helper(`${p}.nearest`, 'D_D', F ? N.f32Nearest : N.f64Nearest);
  helper(`${p}.abs`, 'D_D', F ? N.f32Abs : N.f64Abs);
  helper(`${p}.neg`, 'D_D', F ? N.f32Neg : N.f64Neg);
  helper(`i32.trunc_${p}_s`, 'I_D', N.i32TruncS);
  helper(`i32.trunc_${p}_u`, 'I_D', N.i32TruncU);
  helper(`i32.trunc_sat_${p}_s`, 'I_D', N.i32TruncSatS);
  helper(`i32.trunc_sat_${p}_u`, 'I_D', N.i32TruncSatU);
  helper(`i64.trunc_${p}_s`, 'L_D', N.i64TruncS);
  helper(`i64.trunc_${p}_u`, 'L_D', N.i64TruncU);
  helper(`i64.trunc_sat_${p}_s`, 'L_D', N.i64TruncSatS);
  helper(`i64.trunc_sat_${p}_u`, 'L_D', N.i64TruncSatU);
}
helper('f32.convert_i32_s', 'D_I', (a: number) => Math.fround(a));
helper('f32.convert_i32_u', 'D_I', (a: number) => Math.fround(a >>> 0));
helper('f32.convert_i64_s', 'D_L', N.f32ConvertI64S);
helper('f32.convert_i64_u', 'D_L', N.f32ConvertI64U);
helper('f64.convert_i64_s', 'D_L', (lo: number, hi: number) => hi * 4294967296 + (lo >>> 0));
helper('f64.convert_i64_u', 'D_L', (lo: number, hi: number) => (hi >>> 0) * 4294967296 + (lo >>> 0));
helper('f32.demote_f64', 'D_D', N.f32DemoteF64);
helper('f64.promote_f32', 'D_D', N.f64PromoteF32);
helper('i32.reinterpret_f32', 'I_D', N.f32ToBits);
helper('f32.reinterpret_i32', 'D_I', N.f32FromBits);
helper('i64.reinterpret_f64', 'L_D', N.f64ToBits);
helper('f64.reinterpret_i64', 'D_L', N.f64FromBits);
