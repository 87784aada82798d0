// Body validation of reference instructions: ref.*, br_on_null/non_null/cast/cast_fail, the GC
// struct/array/i31 instructions and the extern/any conversions (spec 3.4.5–3.4.7).

import {
  type ValType, type StructType, type ArrayType, type FieldType, I32, I8, I16, I31, ANY, EXTERN,
  KIND_STRUCT, KIND_ARRAY, EQREF, ARRAYREF, ANYREF, EXTERNREF, I31REF, refType, heapOf, isNullable, isRef,
  defaultable, isNumeric, V128,
} from '../syntax/types.js';
import { OPS } from '../syntax/opcodes.js';
import { matchValType, matchStorageType, topOf } from './match.js';
import { unpacked, MAX_ARRAY_NEW_FIXED, arrayNewFixedTooLong } from './const.js';
import { type FuncState, BOT, typeName } from './state.js';

const R_NULL = 1, R_IS_NULL = 2, R_FUNC = 3, R_EQ = 4, R_AS_NON_NULL = 5, R_BR_ON_NULL = 6;
const R_BR_ON_NON_NULL = 7, R_STRUCT_NEW = 8, R_STRUCT_NEW_DEFAULT = 9, R_STRUCT_GET = 10;
const R_STRUCT_GET_S = 11, R_STRUCT_GET_U = 12, R_STRUCT_SET = 13, R_ARRAY_NEW = 14;
const R_ARRAY_NEW_DEFAULT = 15, R_ARRAY_NEW_FIXED = 16, R_ARRAY_NEW_DATA = 17, R_ARRAY_NEW_ELEM = 18;
const R_ARRAY_GET = 19, R_ARRAY_GET_S = 20, R_ARRAY_GET_U = 21, R_ARRAY_SET = 22, R_ARRAY_LEN = 23;
const R_ARRAY_FILL = 24, R_ARRAY_COPY = 25, R_ARRAY_INIT_DATA = 26, R_ARRAY_INIT_ELEM = 27;
const R_TEST = 28, R_CAST = 29, R_BR_ON_CAST = 30, R_BR_ON_CAST_FAIL = 31, R_ANY_CONVERT = 32;
const R_EXTERN_CONVERT = 33, R_I31 = 34, R_I31_GET = 35;

const NAMES: Record<string, number> = {
  'ref.null': R_NULL, 'ref.is_null': R_IS_NULL, 'ref.func': R_FUNC, 'ref.eq': R_EQ,
  'ref.as_non_null': R_AS_NON_NULL, br_on_null: R_BR_ON_NULL, br_on_non_null: R_BR_ON_NON_NULL,
  'struct.new': R_STRUCT_NEW, 'struct.new_default': R_STRUCT_NEW_DEFAULT, 'struct.get': R_STRUCT_GET,
  'struct.get_s': R_STRUCT_GET_S, 'struct.get_u': R_STRUCT_GET_U, 'struct.set': R_STRUCT_SET,
  'array.new': R_ARRAY_NEW, 'array.new_default': R_ARRAY_NEW_DEFAULT, 'array.new_fixed': R_ARRAY_NEW_FIXED,
  'array.new_data': R_ARRAY_NEW_DATA, 'array.new_elem': R_ARRAY_NEW_ELEM, 'array.get': R_ARRAY_GET,
  'array.get_s': R_ARRAY_GET_S, 'array.get_u': R_ARRAY_GET_U, 'array.set': R_ARRAY_SET, 'array.len': R_ARRAY_LEN,
  'array.fill': R_ARRAY_FILL, 'array.copy': R_ARRAY_COPY, 'array.init_data': R_ARRAY_INIT_DATA,
  'array.init_elem': R_ARRAY_INIT_ELEM, 'ref.test': R_TEST, 'ref.cast': R_CAST, br_on_cast: R_BR_ON_CAST,
  br_on_cast_fail: R_BR_ON_CAST_FAIL, 'any.convert_extern': R_ANY_CONVERT, 'extern.convert_any': R_EXTERN_CONVERT,
  'ref.i31': R_I31, 'i31.get_s': R_I31_GET, 'i31.get_u': R_I31_GET,
};

const CODE = new Uint8Array(OPS.length);
for (const op of OPS) CODE[op.id] = NAMES[op.name] ?? 0;

function structOf(st: FuncState, x: number): StructType {
  if (x >= st.m.types.length) st.fail(`unknown type ${x}`);
  const c = st.m.typeDefs[x].comp;
  if (c.kind !== KIND_STRUCT) st.fail(`type mismatch: type ${x} is not a struct type`);
  return c;
}

function arrayOf(st: FuncState, x: number): ArrayType {
  if (x >= st.m.types.length) st.fail(`unknown type ${x}`);
  const c = st.m.typeDefs[x].comp;
  if (c.kind !== KIND_ARRAY) st.fail(`type mismatch: type ${x} is not an array type`);
  return c;
}

function isPacked(t: ValType): boolean {
  return t === I8 || t === I16;
}

/** get vs get_s/get_u: the sign extension is required exactly for packed storage. */
function checkPacking(st: FuncState, f: FieldType, signed: boolean): void {
  if (signed !== isPacked(f.type)) {
    st.fail(signed ? 'type mismatch: get_s/get_u of a field that is not packed' : 'type mismatch: field is packed (use get_s or get_u)');
  }
}

function mutableArray(st: FuncState, x: number): ArrayType {
  const a = arrayOf(st, x);
  if (!a.field.mutable) st.fail(`immutable array ${x}`);
  return a;
}

function numericStorage(st: FuncState, a: ArrayType): void {
  const t = a.field.type;
  if (!isPacked(t) && !isNumeric(t) && t !== V128) st.fail('array type is not numeric or vector');
}

/** array.new_data/new_elem and array.init_data/init_elem: segment `seg` can fill array `a`. */
function segmentSource(st: FuncState, a: ArrayType, isData: boolean, seg: number): void {
  if (isData) {
    numericStorage(st, a);
    st.data(seg);
  } else {
    const e = st.elemType(seg);
    if (!matchStorageType(e, a.field.type)) st.fail(`type mismatch: elements of ${typeName(e)} for an array of ${typeName(a.field.type)}`);
  }
}

/** Pops `n` operands of type `t` without looping past what the frame holds (n may be huge). */
function popRepeat(st: FuncState, t: ValType, n: number): void {
  const avail = st.sp - st.floor;
  const k = n < avail ? n : avail;
  for (let i = 0; i < k; i++) st.popExpect(t);
  if (n > k && !st.dead) st.mismatch(t, -1);
}

/** The label's types, which must end in a reference type; returns their count. */
function castLabel(st: FuncState, l: number): readonly ValType[] {
  const lt = st.label(l);
  if (lt.length === 0 || !isRef(lt[lt.length - 1])) st.fail(`type mismatch: label ${l} must end in a reference type`);
  return lt;
}

/** Pops and re-pushes the label's types except the last (the branch passes them through). */
function passThrough(st: FuncState, lt: readonly ValType[]): void {
  const n = lt.length - 1;
  for (let i = n - 1; i >= 0; i--) st.popExpect(lt[i]);
  for (let i = 0; i < n; i++) st.push(lt[i]);
}

export function validateRefInstr(st: FuncState): void {
  const ins = st.ins;
  const m = st.m;
  const x = ins.a;
  switch (CODE[ins.op.id]) {
    case R_NULL:
      st.push(refType(x, true));
      return;
    case R_IS_NULL:
      st.popRef();
      st.push(I32);
      return;
    case R_FUNC:
      if (x >= m.funcs.length) st.fail(`unknown function ${x}`);
      if (!m.declaredFuncRefs.has(x)) st.fail(`undeclared function reference ${x}`);
      st.push(refType(m.types[m.funcs[x]], false));
      return;
    case R_EQ:
      st.popExpect(EQREF);
      st.popExpect(EQREF);
      st.push(I32);
      return;
    case R_AS_NON_NULL:
      st.push(refType(heapOf(st.popRef()), false));
      return;
    case R_BR_ON_NULL: {
      const lt = st.label(x);
      const rt = st.popRef();
      st.popAll(lt);
      st.pushAll(lt);
      st.push(refType(heapOf(rt), false));
      return;
    }
    case R_BR_ON_NON_NULL: {
      const lt = castLabel(st, x);
      const rt = st.popRef();
      const last = lt[lt.length - 1];
      if (!matchValType(refType(heapOf(rt), false), last)) st.mismatch(last, refType(heapOf(rt), false));
      passThrough(st, lt);
      return;
    }
    case R_BR_ON_CAST: case R_BR_ON_CAST_FAIL: {
      const rt1 = refType(ins.c, (ins.a & 1) !== 0);
      const rt2 = refType(ins.d, (ins.a & 2) !== 0);
      if (!matchValType(rt2, rt1)) st.fail(`type mismatch: cast to ${typeName(rt2)} is not a subtype of ${typeName(rt1)}`);
      // rt1 \ rt2: what is left of rt1 when the cast to rt2 fails.
      const diff = refType(ins.c, isNullable(rt1) && !isNullable(rt2));
      const lt = castLabel(st, ins.b);
      const onBranch = CODE[ins.op.id] === R_BR_ON_CAST ? rt2 : diff;
      if (!matchValType(onBranch, lt[lt.length - 1])) st.mismatch(lt[lt.length - 1], onBranch);
      st.popExpect(rt1);
      passThrough(st, lt);
      st.push(CODE[ins.op.id] === R_BR_ON_CAST ? diff : rt2);
      return;
    }
    case R_TEST: case R_CAST: {
      // Codes 20/22 are the non-null forms, 21/23 the nullable ones.
      const rt = refType(x, (ins.op.code & 1) === 1);
      st.popExpect(refType(topOf(x), true));
      st.push(CODE[ins.op.id] === R_TEST ? I32 : rt);
      return;
    }
    case R_ANY_CONVERT: case R_EXTERN_CONVERT: {
      const toAny = CODE[ins.op.id] === R_ANY_CONVERT;
      const got = st.popExpect(toAny ? EXTERNREF : ANYREF);
      st.push(refType(toAny ? ANY : EXTERN, got !== BOT && isNullable(got)));
      return;
    }
    case R_I31:
      st.popExpect(I32);
      st.push(refType(I31, false));
      return;
    case R_I31_GET:
      st.popExpect(I31REF);
      st.push(I32);
      return;
    default:
      structOrArray(st);
  }
}

function structOrArray(st: FuncState): void {
  const ins = st.ins;
  const m = st.m;
  const x = ins.a;
  const code = CODE[ins.op.id];
  switch (code) {
    case R_STRUCT_NEW: case R_STRUCT_NEW_DEFAULT: {
      const s = structOf(st, x);
      if (code === R_STRUCT_NEW) {
        for (let i = s.fields.length - 1; i >= 0; i--) st.popExpect(unpacked(s.fields[i].type));
      } else {
        for (const f of s.fields) if (!defaultable(f.type)) st.fail(`type mismatch: field of type ${typeName(f.type)} is not defaultable`);
      }
      st.push(refType(m.types[x], false));
      return;
    }
    case R_STRUCT_GET: case R_STRUCT_GET_S: case R_STRUCT_GET_U: case R_STRUCT_SET: {
      const s = structOf(st, x);
      if (ins.b >= s.fields.length) st.fail(`unknown field ${ins.b}`);
      const f = s.fields[ins.b];
      if (code === R_STRUCT_SET) {
        if (!f.mutable) st.fail(`immutable field ${ins.b}`);
        st.popExpect(unpacked(f.type));
        st.popExpect(refType(m.types[x], true));
      } else {
        checkPacking(st, f, code !== R_STRUCT_GET);
        st.popExpect(refType(m.types[x], true));
        st.push(unpacked(f.type));
      }
      return;
    }
    case R_ARRAY_NEW: case R_ARRAY_NEW_DEFAULT: case R_ARRAY_NEW_FIXED: {
      const a = arrayOf(st, x);
      const t = unpacked(a.field.type);
      if (code === R_ARRAY_NEW_FIXED) {
        if (ins.b > MAX_ARRAY_NEW_FIXED) st.fail(arrayNewFixedTooLong(ins.b));
        popRepeat(st, t, ins.b);
      } else {
        st.popExpect(I32);
        if (code === R_ARRAY_NEW) st.popExpect(t);
        else if (!defaultable(t)) st.fail(`type mismatch: array element type ${typeName(t)} is not defaultable`);
      }
      st.push(refType(m.types[x], false));
      return;
    }
    case R_ARRAY_NEW_DATA: case R_ARRAY_NEW_ELEM: {
      segmentSource(st, arrayOf(st, x), code === R_ARRAY_NEW_DATA, ins.b);
      st.popExpect(I32);
      st.popExpect(I32);
      st.push(refType(m.types[x], false));
      return;
    }
    case R_ARRAY_GET: case R_ARRAY_GET_S: case R_ARRAY_GET_U: {
      const a = arrayOf(st, x);
      checkPacking(st, a.field, code !== R_ARRAY_GET);
      st.popExpect(I32);
      st.popExpect(refType(m.types[x], true));
      st.push(unpacked(a.field.type));
      return;
    }
    case R_ARRAY_SET: {
      const a = mutableArray(st, x);
      st.popExpect(unpacked(a.field.type));
      st.popExpect(I32);
      st.popExpect(refType(m.types[x], true));
      return;
    }
    case R_ARRAY_LEN:
      st.popExpect(ARRAYREF);
      st.push(I32);
      return;
    case R_ARRAY_FILL: {
      const a = mutableArray(st, x);
      st.popExpect(I32);
      st.popExpect(unpacked(a.field.type));
      st.popExpect(I32);
      st.popExpect(refType(m.types[x], true));
      return;
    }
    case R_ARRAY_COPY: {
      const dst = mutableArray(st, x);
      const src = arrayOf(st, ins.b);
      if (!matchStorageType(src.field.type, dst.field.type)) st.fail('array types do not match');
      st.popExpect(I32);
      st.popExpect(I32);
      st.popExpect(refType(m.types[ins.b], true));
      st.popExpect(I32);
      st.popExpect(refType(m.types[x], true));
      return;
    }
    case R_ARRAY_INIT_DATA: case R_ARRAY_INIT_ELEM: {
      segmentSource(st, mutableArray(st, x), code === R_ARRAY_INIT_DATA, ins.b);
      st.popExpect(I32);
      st.popExpect(I32);
      st.popExpect(I32);
      st.popExpect(refType(m.types[x], true));
      return;
    }
    default:
      st.fail(`internal: no validation rule for ${ins.op.name}`);
  }
}
