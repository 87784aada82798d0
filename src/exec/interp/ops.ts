// The interpreter's instruction set (a table). Code is an Int32Array: an opcode followed by its
// operands, which are frame-relative slot numbers (s), immediates (imm) or code positions (target).
// Slots live in four parallel register files (frame.ts): I (i32 and an i64's low word), HI (an
// i64's high word), D (f32/f64) and RF (references), so every value has one slot number and each
// instruction knows statically which file it touches. run.ts switches on literal numbers (a jump
// table even in a bytecode interpreter such as V8's Ignition); test/interp/ops.test.ts checks its
// `case N: // NAME` labels against this list.

export const OP_NAMES = [
  // control
  'BR', 'BR_IF', 'BR_UNLESS', 'BR_TABLE', 'RETURN', 'TRAP',
  'BR_IF_EQ', 'BR_IF_NE', 'BR_IF_LT_S', 'BR_IF_LT_U', 'BR_IF_GT_S', 'BR_IF_GT_U',
  'BR_IF_LE_S', 'BR_IF_LE_U', 'BR_IF_GE_S', 'BR_IF_GE_U',
  'BR_IF_EQ_K', 'BR_IF_NE_K', 'BR_IF_LT_S_K', 'BR_IF_LT_U_K', 'BR_IF_GT_S_K', 'BR_IF_GT_U_K',
  'BR_IF_LE_S_K', 'BR_IF_LE_U_K', 'BR_IF_GE_S_K', 'BR_IF_GE_U_K',
  'CALL', 'CALL_INDIRECT', 'RETURN_CALL', 'RETURN_CALL_INDIRECT',
  // moves, constants, variables
  'MOV_I', 'MOV_L', 'MOV_D', 'MOV_R', 'CONST_I', 'CONST_L', 'CONST_D', 'CONST_R',
  'SELECT_I', 'SELECT_L', 'SELECT_D', 'SELECT_R',
  'GLOBAL_GET_I', 'GLOBAL_GET_L', 'GLOBAL_GET_D', 'GLOBAL_GET_R',
  'GLOBAL_SET_I', 'GLOBAL_SET_L', 'GLOBAL_SET_D', 'GLOBAL_SET_R',
  'REF_IS_NULL', 'REF_FUNC',
  // i32 (K: the second operand is an immediate)
  'I32_ADD', 'I32_SUB', 'I32_MUL', 'I32_AND', 'I32_OR', 'I32_XOR', 'I32_SHL', 'I32_SHR_S', 'I32_SHR_U',
  'I32_ADD_K', 'I32_MUL_K', 'I32_AND_K', 'I32_OR_K', 'I32_XOR_K', 'I32_SHL_K', 'I32_SHR_S_K', 'I32_SHR_U_K',
  'I32_EQZ', 'I32_EQ', 'I32_NE', 'I32_LT_S', 'I32_LT_U', 'I32_GT_S', 'I32_GT_U', 'I32_LE_S', 'I32_LE_U',
  'I32_GE_S', 'I32_GE_U',
  'I32_EQ_K', 'I32_NE_K', 'I32_LT_S_K', 'I32_LT_U_K', 'I32_GT_S_K', 'I32_GT_U_K', 'I32_LE_S_K', 'I32_LE_U_K',
  'I32_GE_S_K', 'I32_GE_U_K',
  // i64, f32, f64 common cases
  'I64_ADD', 'I64_SUB', 'I64_AND', 'I64_OR', 'I64_XOR', 'I64_EQZ', 'I64_EQ', 'I64_NE',
  'I64_EXTEND_I32_S', 'I64_EXTEND_I32_U', 'I32_WRAP_I64',
  'F64_ADD', 'F64_SUB', 'F64_MUL', 'F64_DIV', 'F32_ADD', 'F32_SUB', 'F32_MUL', 'F32_DIV',
  'F_EQ', 'F_NE', 'F_LT', 'F_GT', 'F_LE', 'F_GE',
  'F64_CONVERT_I32_S', 'F64_CONVERT_I32_U',
  // everything else numeric: a helper (FNS[imm]) by operand and result kinds (I, L, D)
  'FN_I_I', 'FN_I_II', 'FN_D_D', 'FN_D_DD', 'FN_I_D', 'FN_D_I', 'FN_L_L', 'FN_L_LL', 'FN_I_L', 'FN_I_LL',
  'FN_L_I', 'FN_L_D', 'FN_D_L',
  // memory 0 with 32-bit addresses: [op, value slot, address slot, offset]
  'LOAD_I32', 'LOAD_I8_S', 'LOAD_I8_U', 'LOAD_I16_S', 'LOAD_I16_U', 'LOAD_I64', 'LOAD_F32', 'LOAD_F64',
  'STORE_I32', 'STORE_I8', 'STORE_I16', 'STORE_I64', 'STORE_F32', 'STORE_F64',
  'HI_SIGN', 'HI_ZERO',
  // any memory, any address width: [op, kind, value slot, address slot, offset const, memory]
  'LOAD_ANY', 'STORE_ANY',
  // memory, table and segment instructions (see misc.ts)
  'MISC',
  // typed function references and exceptions (CALL_INDIRECT with table -1 is call_ref)
  'BR_IF_NULL', 'BR_IF_NONNULL', 'REF_AS_NON_NULL', 'THROW', 'THROW_REF',
  // i64 with a constant operand [op, d, a, lo, hi] / [op, d, a, n] (n in 1..63), and i64.mul
  'I64_ADD_K', 'I64_AND_K', 'I64_OR_K', 'I64_XOR_K', 'I64_SHL_K', 'I64_SHR_S_K', 'I64_SHR_U_K', 'I64_ROTL_K', 'I64_MUL',
  'REF_EQ',
  // memory 0 at the sum of two i32 slots: [op, value, a, b, offset]
  'LOAD_I32_AT', 'LOAD_I64_AT', 'LOAD_I8_U_AT', 'LOAD_F64_AT', 'STORE_I32_AT', 'STORE_I64_AT', 'STORE_I8_AT', 'STORE_F64_AT',
  // SIMD (simd.ts): v128 in the vector file; V_FN calls a helper, the rest run inline
  'V_CONST', 'MOV_V', 'SELECT_V', 'GLOBAL_GET_V', 'GLOBAL_SET_V', 'V_FN', 'V_SHUFFLE', 'V128_LOAD', 'V128_STORE', 'V_MEM',
  'V_AND', 'V_OR', 'V_XOR', 'V_ANDNOT', 'V_NOT', 'V_BITSELECT', 'V_ANY_TRUE',
  'I8X16_ADD', 'I8X16_SUB', 'I16X8_ADD', 'I16X8_SUB', 'I32X4_ADD', 'I32X4_SUB', 'I32X4_MUL', 'I64X2_ADD', 'I64X2_SUB',
  'I8X16_SPLAT', 'I16X8_SPLAT', 'I32X4_SPLAT', 'I64X2_SPLAT',
  'I8X16_EXTRACT_S', 'I8X16_EXTRACT_U', 'I8X16_REPLACE', 'I16X8_EXTRACT_S', 'I16X8_EXTRACT_U', 'I16X8_REPLACE',
  'I32X4_EXTRACT', 'I32X4_REPLACE', 'I64X2_EXTRACT', 'I64X2_REPLACE', 'I8X16_SWIZZLE',
  // GC (gc.ts): [GET, d, ref, slot/index], [SET, ref, (index,) value, mask]
  'STRUCT_NEW', 'STRUCT_NEW_DEFAULT', 'STRUCT_GET_I', 'STRUCT_GET_L', 'STRUCT_GET_D', 'STRUCT_GET_R', 'STRUCT_GET_V',
  'STRUCT_GET_S8', 'STRUCT_GET_S16', 'STRUCT_SET_I', 'STRUCT_SET_L', 'STRUCT_SET_D', 'STRUCT_SET_R', 'STRUCT_SET_V',
  'ARRAY_NEW', 'ARRAY_NEW_DEFAULT', 'ARRAY_NEW_FIXED', 'ARRAY_GET_I', 'ARRAY_GET_L', 'ARRAY_GET_D', 'ARRAY_GET_R', 'ARRAY_GET_V',
  'ARRAY_GET_S8', 'ARRAY_GET_S16', 'ARRAY_SET_I', 'ARRAY_SET_L', 'ARRAY_SET_D', 'ARRAY_SET_R', 'ARRAY_SET_V', 'ARRAY_LEN', 'GC_MISC',
  'REF_I31', 'I31_GET_S', 'I31_GET_U', 'REF_TEST', 'REF_CAST', 'BR_ON_CAST', 'BR_ON_CAST_FAIL',
  // SIMD integer lane-wise instructions computed on the vector file (lanes.ts)
  'V_LANES',
  // constant operands: i32 rotations (rotr as rotl) [op, d, a, n]; i64 comparisons [op, d, a, lo, hi, fn]
  'I32_ROTL_K', 'FN_I_LK',
  // helpers with an inline fast path, in FN_'s layout [op, d, a, b, fn] (fusion.ts INLINE_FN)
  'I32_CTZ', 'I32_CLZ', 'F32_CONVERT_I32_S', 'F32_CONVERT_I32_U', 'I32_TRUNC_U', 'I32_TRUNC_S', 'F_MIN', 'F_MAX',
  // superinstructions (peephole.ts): two adjacent ops, the second's words where they were
  'ADD_K__ADD_K', 'ADD_K__BR_IF', 'STORE_I8__ADD_K', 'MOV_I__MOV_I', 'ADD__ADD', 'LOAD_I32__LOAD_I32',
  'SHL_K__LOAD_I32_AT', 'SHL_K__STORE_I32_AT', 'LOAD_I8_U__STORE_I8', 'XOR__ROTL_K', 'I64_XOR__ROTL_K', 'ADD_K__STORE_I32',
  'LOAD_I32__ADD_K', 'ADD_K__BR', 'LOAD_I64__STORE_I64', 'ADD_K__LOAD_I32', 'ADD_K__GLOBAL_SET_I', 'LOAD_I32_AT__BR_IF_NE',
  // a constant operand: [op, d, a, k, c] / [op, d, k, b, c]; [op, k, address, offset]
  'SELECT_I_K', 'SELECT_I_KA', 'STORE_I32_K',
  'SHL_K__ADD', 'ADD__LOAD_I64', 'ADD_K__BR_IF_NE_K', 'AND_K__BR_UNLESS', 'AND_K__BR_IF', 'LOAD_I32__ADD', 'OR__BR_IF',
  // i64 a times the unsigned low word of b [op, d, a, b] (lower.ts mulU32)
  'I64_MUL_U32',
  // an i64 comparison with a constant [op, d, a, lo, hi, relation * 2 + unsigned] (lower.ts CMP64)
  'I64_CMP_K',
] as const;

export type OpName = (typeof OP_NAMES)[number];
export const OP = Object.fromEntries(OP_NAMES.map((n, i) => [n, i])) as Record<OpName, number>;
