// A pass over a function's finished code (translate.ts): jumps to unconditional jumps are threaded
// to their final target, and frequent adjacent pairs become superinstructions in place. Dispatch
// (the switch's checks, its jump, the loop) costs about as many Ignition bytecodes as a simple op's
// body, so a pair run by one case is cheaper. In place means the first op's opcode is replaced and
// the second instruction stays where it was, intact: a jump to it still runs it alone, positions
// (branch targets, handler ranges) do not move, and it may itself start the next pair.

import { OP, OP_NAMES } from './ops.js';
import type { Handler } from './code.js';

/** Instruction lengths in words (run.ts's `pc +=`; test/interp/ops.test.ts checks them). */
const LENGTHS: Record<number, string> = {
  1: 'RETURN',
  2: 'BR TRAP THROW_REF CONST_R HI_SIGN HI_ZERO REF_AS_NON_NULL',
  3: 'BR_IF BR_UNLESS BR_IF_NULL BR_IF_NONNULL MOV_I MOV_L CONST_I I64_EXTEND_I32_U I32_EQZ MOV_D MOV_R CONST_D ' +
    'GLOBAL_GET_I GLOBAL_GET_L GLOBAL_GET_D GLOBAL_GET_R GLOBAL_SET_I GLOBAL_SET_L GLOBAL_SET_D GLOBAL_SET_R REF_IS_NULL ' +
    'REF_FUNC I64_EQZ I64_EXTEND_I32_S I32_WRAP_I64 F64_CONVERT_I32_S F64_CONVERT_I32_U V_CONST MOV_V GLOBAL_GET_V ' +
    'GLOBAL_SET_V V_NOT V_ANY_TRUE I8X16_SPLAT I16X8_SPLAT I32X4_SPLAT I64X2_SPLAT STRUCT_NEW_DEFAULT ARRAY_LEN REF_I31 ' +
    'I31_GET_S I31_GET_U',
  4: 'BR_IF_EQ BR_IF_NE BR_IF_LT_S BR_IF_LT_U BR_IF_GT_S BR_IF_GT_U BR_IF_LE_S BR_IF_LE_U BR_IF_GE_S BR_IF_GE_U ' +
    'BR_IF_EQ_K BR_IF_NE_K BR_IF_LT_S_K BR_IF_LT_U_K BR_IF_GT_S_K BR_IF_GT_U_K BR_IF_LE_S_K BR_IF_LE_U_K BR_IF_GE_S_K ' +
    'BR_IF_GE_U_K RETURN_CALL THROW STORE_I32_K I64_MUL_U32 ' +
    'I32_ADD I32_ADD_K LOAD_I32 LOAD_I64 STORE_I32 STORE_I64 CONST_L I64_ADD I64_XOR I32_SUB I32_AND I32_AND_K I32_OR ' +
    'I32_XOR I32_SHL_K I32_SHR_U_K I32_SHR_U I32_SHL LOAD_I8_U STORE_I8 LOAD_I16_U STORE_I16 I32_EQ I32_NE I32_LT_U ' +
    'I32_GT_U I32_LT_U_K I64_SHL_K I64_SHR_U_K I64_ROTL_K I64_MUL I64_AND I64_OR I64_SUB CALL I32_ROTL_K I32_MUL ' +
    'I32_MUL_K LOAD_F64 STORE_F64 F64_ADD F64_MUL I32_SHR_S I32_OR_K I32_XOR_K I32_SHR_S_K I32_LT_S I32_GT_S I32_LE_S ' +
    'I32_LE_U I32_GE_S I32_GE_U I32_EQ_K I32_NE_K I32_LT_S_K I32_GT_S_K I32_GT_U_K I32_LE_S_K I32_LE_U_K I32_GE_S_K ' +
    'I32_GE_U_K I64_EQ I64_NE F64_SUB F64_DIV F32_ADD F32_SUB F32_MUL F32_DIV F_EQ F_NE F_LT F_GT F_LE F_GE LOAD_I8_S ' +
    'LOAD_I16_S LOAD_F32 STORE_F32 I64_SHR_S_K REF_EQ V_SHUFFLE V128_LOAD V128_STORE V_AND V_OR V_XOR V_ANDNOT ' +
    'I8X16_ADD I8X16_SUB I16X8_ADD I16X8_SUB I32X4_ADD I32X4_SUB I32X4_MUL I64X2_ADD I64X2_SUB I8X16_EXTRACT_S ' +
    'I8X16_EXTRACT_U I16X8_EXTRACT_S I16X8_EXTRACT_U I32X4_EXTRACT I64X2_EXTRACT I8X16_SWIZZLE STRUCT_NEW STRUCT_GET_I ' +
    'STRUCT_GET_S8 STRUCT_GET_S16 STRUCT_GET_L STRUCT_GET_D STRUCT_GET_R STRUCT_GET_V ARRAY_NEW_DEFAULT ARRAY_GET_I ' +
    'ARRAY_GET_S8 ARRAY_GET_S16 ARRAY_GET_L ARRAY_GET_D ARRAY_GET_R ARRAY_GET_V REF_CAST',
  5: 'SELECT_I_K SELECT_I_KA BR_ON_CAST BR_ON_CAST_FAIL I64_AND_K LOAD_I32_AT LOAD_I64_AT STORE_I32_AT STORE_I64_AT SELECT_I FN_L_LL I32_CTZ ' +
    'I32_CLZ F32_CONVERT_I32_S F32_CONVERT_I32_U I32_TRUNC_U I32_TRUNC_S F_MIN F_MAX SELECT_L SELECT_D SELECT_R FN_I_I ' +
    'FN_I_II FN_D_D FN_D_DD FN_I_D FN_D_I FN_L_L FN_I_L FN_I_LL FN_L_I FN_L_D FN_D_L I64_ADD_K I64_OR_K I64_XOR_K ' +
    'LOAD_I8_U_AT LOAD_F64_AT STORE_I8_AT STORE_F64_AT SELECT_V V_BITSELECT I8X16_REPLACE I16X8_REPLACE I32X4_REPLACE ' +
    'I64X2_REPLACE V_LANES STRUCT_SET_I STRUCT_SET_L STRUCT_SET_D STRUCT_SET_R STRUCT_SET_V ARRAY_SET_I ARRAY_SET_L ' +
    'ARRAY_SET_D ARRAY_SET_R ARRAY_SET_V REF_TEST',
  6: 'RETURN_CALL_INDIRECT FN_I_LK I64_CMP_K CALL_INDIRECT',
  7: 'LOAD_ANY STORE_ANY ARRAY_NEW ARRAY_NEW_FIXED',
  8: 'V_FN',
  9: 'MISC',
  10: 'GC_MISC',
  11: 'V_MEM',
};

/** Length of each op (0: not a plain instruction: BR_TABLE, or a superinstruction). */
export const OP_LEN = new Uint8Array(OP_NAMES.length);
for (const [n, names] of Object.entries(LENGTHS)) for (const name of names.split(' ')) OP_LEN[(OP as Record<string, number>)[name]] = Number(n);

/** Where each branching op keeps its target (word offset), 0 where it has none (BR_TABLE: 3…). */
const TARGET = new Uint8Array(OP_NAMES.length);
TARGET[OP.BR] = 1;
for (const n of ['BR_IF', 'BR_UNLESS', 'BR_IF_NULL', 'BR_IF_NONNULL']) TARGET[(OP as Record<string, number>)[n]] = 2;
for (const n of OP_NAMES) if (/^BR_IF_[A-Z]{2}(_[SU])?(_K)?$/.test(n) && n !== 'BR_IF_NULL') TARGET[(OP as Record<string, number>)[n]] = 3;
TARGET[OP.BR_ON_CAST] = 4;
TARGET[OP.BR_ON_CAST_FAIL] = 4;

/** Superinstructions: [first op, second op, fused op] (run.ts runs both with one dispatch). */
const PAIRS: [number, number, number][] = [
  [OP.I32_ADD_K, OP.I32_ADD_K, OP.ADD_K__ADD_K],
  [OP.I32_ADD_K, OP.BR_IF, OP.ADD_K__BR_IF],
  [OP.STORE_I8, OP.I32_ADD_K, OP.STORE_I8__ADD_K],
  [OP.MOV_I, OP.MOV_I, OP.MOV_I__MOV_I],
  [OP.I32_ADD, OP.I32_ADD, OP.ADD__ADD],
  [OP.LOAD_I32, OP.LOAD_I32, OP.LOAD_I32__LOAD_I32],
  [OP.I32_SHL_K, OP.LOAD_I32_AT, OP.SHL_K__LOAD_I32_AT],
  [OP.I32_SHL_K, OP.STORE_I32_AT, OP.SHL_K__STORE_I32_AT],
  [OP.LOAD_I8_U, OP.STORE_I8, OP.LOAD_I8_U__STORE_I8],
  [OP.I32_XOR, OP.I32_ROTL_K, OP.XOR__ROTL_K],
  [OP.I64_XOR, OP.I64_ROTL_K, OP.I64_XOR__ROTL_K],
  [OP.I32_ADD_K, OP.STORE_I32, OP.ADD_K__STORE_I32],
  [OP.LOAD_I32, OP.I32_ADD_K, OP.LOAD_I32__ADD_K],
  [OP.I32_ADD_K, OP.BR, OP.ADD_K__BR],
  [OP.LOAD_I64, OP.STORE_I64, OP.LOAD_I64__STORE_I64],
  [OP.I32_ADD_K, OP.LOAD_I32, OP.ADD_K__LOAD_I32],
  [OP.I32_ADD_K, OP.GLOBAL_SET_I, OP.ADD_K__GLOBAL_SET_I],
  [OP.LOAD_I32_AT, OP.BR_IF_NE, OP.LOAD_I32_AT__BR_IF_NE],
  [OP.I32_SHL_K, OP.I32_ADD, OP.SHL_K__ADD],
  [OP.I32_ADD, OP.LOAD_I64, OP.ADD__LOAD_I64],
  [OP.I32_ADD_K, OP.BR_IF_NE_K, OP.ADD_K__BR_IF_NE_K],
  [OP.I32_AND_K, OP.BR_UNLESS, OP.AND_K__BR_UNLESS],
  [OP.I32_AND_K, OP.BR_IF, OP.AND_K__BR_IF],
  [OP.LOAD_I32, OP.I32_ADD, OP.LOAD_I32__ADD],
  [OP.I32_OR, OP.BR_IF, OP.OR__BR_IF],
];
const FUSED = new Map<number, number>(PAIRS.map(([a, b, f]) => [a * 1024 + b, f]));
/** The first op of each superinstruction, for tools that walk fused code (bench/interp-floor.ts). */
export const FIRST = new Map<number, number>(PAIRS.map(([a, , f]) => [f, a]));

/** The final target of a jump to `t` (through unconditional jumps, a few at most). */
function thread(code: Int32Array, t: number): number {
  for (let i = 0; i < 8 && code[t] === OP.BR; i++) t = code[t + 1];
  return t;
}

export function peephole(code: Int32Array, handlers: Handler[]): void {
  const edges = new Set<number>();
  for (const h of handlers) edges.add(h.start).add(h.end);
  let prev = -1;
  for (let p = 0; p < code.length;) {
    const op = code[p];
    let len = OP_LEN[op];
    if (op === OP.BR_TABLE) {
      len = 4 + code[p + 2];
      for (let i = p + 3; i < p + len; i++) code[i] = thread(code, code[i]);
    } else if (TARGET[op] > 0) code[p + TARGET[op]] = thread(code, code[p + TARGET[op]]);
    if (len === 0) return; // not expected: leave the rest as it is
    if (prev >= 0 && !edges.has(p)) {
      const f = FUSED.get(code[prev] * 1024 + op);
      if (f !== undefined) code[prev] = f;
    }
    prev = p;
    p += len;
  }
}
