// Opcode tables of the translator: per-kind variants, immediate forms and fused pairs.

import { OP } from './ops.js';

// By kind (code.ts).
export const SELECT = [OP.SELECT_I, OP.SELECT_L, OP.SELECT_D, OP.SELECT_R, OP.SELECT_V];
export const GLOBAL_GET = [OP.GLOBAL_GET_I, OP.GLOBAL_GET_L, OP.GLOBAL_GET_D, OP.GLOBAL_GET_R, OP.GLOBAL_GET_V];
export const GLOBAL_SET = [OP.GLOBAL_SET_I, OP.GLOBAL_SET_L, OP.GLOBAL_SET_D, OP.GLOBAL_SET_R, OP.GLOBAL_SET_V];

/** i32 binary ops with an immediate form, and the immediate's adjustment. */
export const WITH_K = new Map<number, [number, (c: number) => number]>([
  [OP.I32_ADD, [OP.I32_ADD_K, (c) => c]], [OP.I32_SUB, [OP.I32_ADD_K, (c) => -c | 0]],
  [OP.I32_MUL, [OP.I32_MUL_K, (c) => c]], [OP.I32_AND, [OP.I32_AND_K, (c) => c]],
  [OP.I32_OR, [OP.I32_OR_K, (c) => c]], [OP.I32_XOR, [OP.I32_XOR_K, (c) => c]],
  [OP.I32_SHL, [OP.I32_SHL_K, (c) => c & 31]], [OP.I32_SHR_S, [OP.I32_SHR_S_K, (c) => c & 31]],
  [OP.I32_SHR_U, [OP.I32_SHR_U_K, (c) => c & 31]],
]);
/** Fast loads and stores with a fused address addition. */
export const AT = new Map<number, number>([
  [OP.LOAD_I32, OP.LOAD_I32_AT], [OP.LOAD_I64, OP.LOAD_I64_AT], [OP.LOAD_I8_U, OP.LOAD_I8_U_AT], [OP.LOAD_F64, OP.LOAD_F64_AT],
  [OP.STORE_I32, OP.STORE_I32_AT], [OP.STORE_I64, OP.STORE_I64_AT], [OP.STORE_I8, OP.STORE_I8_AT], [OP.STORE_F64, OP.STORE_F64_AT],
]);
/** i64 shifts and rotations by a constant (rotr becomes rotl). */
export const SHIFTS_K: Record<string, number> = {
  'i64.shl': OP.I64_SHL_K, 'i64.shr_s': OP.I64_SHR_S_K, 'i64.shr_u': OP.I64_SHR_U_K, 'i64.rotl': OP.I64_ROTL_K, 'i64.rotr': OP.I64_ROTL_K,
};
const CMPS = ['EQ', 'NE', 'LT_S', 'LT_U', 'GT_S', 'GT_U', 'LE_S', 'LE_U', 'GE_S', 'GE_U'];
const NEGATED = ['NE', 'EQ', 'GE_S', 'GE_U', 'LE_S', 'LE_U', 'GT_S', 'GT_U', 'LT_S', 'LT_U'];
const opOf = (n: string): number => (OP as Record<string, number>)[n];
for (const c of CMPS) WITH_K.set(opOf(`I32_${c}`), [opOf(`I32_${c}_K`), (x) => x]);
/** Compare op (register or immediate form) → [its branch op, the branch op of its negation]. */
export const FUSE = new Map<number, [number, number]>();
CMPS.forEach((c, i) => {
  FUSE.set(opOf(`I32_${c}`), [opOf(`BR_IF_${c}`), opOf(`BR_IF_${NEGATED[i]}`)]);
  FUSE.set(opOf(`I32_${c}_K`), [opOf(`BR_IF_${c}_K`), opOf(`BR_IF_${NEGATED[i]}_K`)]);
});

/** Helpers run inline (run.ts), with the helper itself as the slow path: [op, d, a, b, fn]. */
export const INLINE_FN = new Map<string, number>([
  ['i32.ctz', OP.I32_CTZ], ['i32.clz', OP.I32_CLZ],
  ['f32.convert_i32_s', OP.F32_CONVERT_I32_S], ['f32.convert_i32_u', OP.F32_CONVERT_I32_U],
  ['i32.trunc_f32_u', OP.I32_TRUNC_U], ['i32.trunc_f64_u', OP.I32_TRUNC_U], ['i32.trunc_sat_f32_u', OP.I32_TRUNC_U], ['i32.trunc_sat_f64_u', OP.I32_TRUNC_U],
  ['i32.trunc_f32_s', OP.I32_TRUNC_S], ['i32.trunc_f64_s', OP.I32_TRUNC_S], ['i32.trunc_sat_f32_s', OP.I32_TRUNC_S], ['i32.trunc_sat_f64_s', OP.I32_TRUNC_S],
  ['f32.min', OP.F_MIN], ['f64.min', OP.F_MIN], ['f32.max', OP.F_MAX], ['f64.max', OP.F_MAX],
]);
