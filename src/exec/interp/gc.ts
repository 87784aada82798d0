// GC instructions in the interpreter (structs, arrays, i31, casts) over the runtime's objects
// (runtime/gc.ts: StructRef/ArrayRef with fields in slot form, I31Ref), the very objects the
// compile tier makes, so interpreted and compiled functions share them. Field slots: an i64 takes
// two (low, high words), packed i8/i16 are kept wrapped (masked) and sign-extended when read with
// _s; f32 is numerics' carrier, v128 the runtime's immutable Uint8Array (boxed from and unboxed into
// the vector file). Null and bounds checks come first,
// so a trapping instruction changes nothing. Accesses are ops executed inline by run.ts; the
// allocating and bulk instructions are helpers below (the bulk ones are the compile tier's).

import type { Instr } from '../../binary/instr.js';
import { PREFIX_GC } from '../../syntax/opcodes.js';
import { I8, I16, type ArrayType, type StructType, type ValType } from '../../syntax/types.js';
import { StructRef, ArrayRef, I31Ref, fieldOffsets } from '../../runtime/gc.js';
import { trap, NULL_STRUCTURE_REFERENCE, NULL_ARRAY_REFERENCE, NULL_I31_REFERENCE, OOB_ARRAY } from '../numerics.js';
import { HELPERS } from '../compile/helpers.js';
import type { Value } from '../../runtime/interface.js';
import { OP } from './ops.js';
import { K_I, K_L, K_D, K_R, K_V, kindOf } from './code.js';
import { boxV } from './calls.js';
import type { Emitter } from './emitter.js';
import type { Files } from './frame.js';
import type { IEnv } from './misc.js';

/** The register-file kind of a storage type (packed ones live in the i32 file). */
function fieldKind(t: ValType): number {
  return t === I8 || t === I16 ? K_I : kindOf(t);
}
/** What a stored i32 is masked with. */
function maskOf(t: ValType): number {
  return t === I8 ? 0xff : t === I16 ? 0xffff : -1;
}
/** An access op by kind, or the sign-extending read of a packed field. */
function readOp(ops: number[], t: ValType, signed: boolean): number {
  if (signed && t === I8) return ops[5];
  if (signed && t === I16) return ops[6];
  return ops[fieldKind(t)];
}
const STRUCT_GET = [OP.STRUCT_GET_I, OP.STRUCT_GET_L, OP.STRUCT_GET_D, OP.STRUCT_GET_R, OP.STRUCT_GET_V, OP.STRUCT_GET_S8, OP.STRUCT_GET_S16];
const STRUCT_SET = [OP.STRUCT_SET_I, OP.STRUCT_SET_L, OP.STRUCT_SET_D, OP.STRUCT_SET_R, OP.STRUCT_SET_V];
const ARRAY_GET = [OP.ARRAY_GET_I, OP.ARRAY_GET_L, OP.ARRAY_GET_D, OP.ARRAY_GET_R, OP.ARRAY_GET_V, OP.ARRAY_GET_S8, OP.ARRAY_GET_S16];
const ARRAY_SET = [OP.ARRAY_SET_I, OP.ARRAY_SET_L, OP.ARRAY_SET_D, OP.ARRAY_SET_R, OP.ARRAY_SET_V];

/** GC_MISC operations. */
const FILL = 0, COPY = 1, NEW_DATA = 2, NEW_ELEM = 3, INIT_DATA = 4, INIT_ELEM = 5;

/** The fields of a struct type as struct.new writes them: kinds and masks. */
interface Layout {
  t: number;
  kinds: Uint8Array;
  masks: Int32Array;
}

export function translateGc(t: Emitter, ins: Instr): boolean {
  if (ins.op.prefix !== PREFIX_GC) return false;
  const mod = t.mod;
  const name = ins.op.name;
  const struct = (): StructType => mod.typeDefs[ins.a].comp as StructType;
  const elem = (): ValType => (mod.typeDefs[ins.a].comp as ArrayType).field.type;
  switch (name) {
    case 'struct.new': {
      const fs = struct().fields.map((f) => f.type);
      const layout: Layout = { t: mod.types[ins.a], kinds: Uint8Array.from(fs.map(fieldKind)), masks: Int32Array.from(fs.map(maskOf)) };
      const args = t.popOwn(fs.length);
      t.emitResult(OP.STRUCT_NEW, t.pushOwn(K_R), args, t.obj(layout));
      return true;
    }
    case 'struct.new_default':
      t.emitResult(OP.STRUCT_NEW_DEFAULT, t.pushOwn(K_R), mod.types[ins.a]);
      return true;
    case 'struct.get': case 'struct.get_s': case 'struct.get_u': {
      const ft = struct().fields[ins.b].type;
      const x = t.popSlot();
      t.emitResult(readOp(STRUCT_GET, ft, name === 'struct.get_s'), t.pushOwn(fieldKind(ft)), x, 1 + fieldOffsets(mod.types[ins.a])[ins.b]);
      return true;
    }
    case 'struct.set': {
      const ft = struct().fields[ins.b].type;
      const v = t.popSlot();
      const x = t.popSlot();
      t.emit(readOp(STRUCT_SET, ft, false), x, v, 1 + fieldOffsets(mod.types[ins.a])[ins.b], maskOf(ft));
      return true;
    }
    case 'array.new': {
      const et = elem();
      const n = t.popSlot();
      const v = t.popSlot();
      t.emitResult(OP.ARRAY_NEW, t.pushOwn(K_R), v, n, mod.types[ins.a], fieldKind(et), maskOf(et));
      return true;
    }
    case 'array.new_default': {
      const n = t.popSlot();
      t.emitResult(OP.ARRAY_NEW_DEFAULT, t.pushOwn(K_R), n, mod.types[ins.a]);
      return true;
    }
    case 'array.new_fixed': {
      const et = elem();
      const args = t.popOwn(ins.b);
      t.emitResult(OP.ARRAY_NEW_FIXED, t.pushOwn(K_R), args, ins.b, mod.types[ins.a], fieldKind(et), maskOf(et));
      return true;
    }
    case 'array.get': case 'array.get_s': case 'array.get_u': {
      const et = elem();
      const i = t.popSlot();
      const x = t.popSlot();
      t.emitResult(readOp(ARRAY_GET, et, name === 'array.get_s'), t.pushOwn(fieldKind(et)), x, i);
      return true;
    }
    case 'array.set': {
      const et = elem();
      const v = t.popSlot();
      const i = t.popSlot();
      const x = t.popSlot();
      t.emit(readOp(ARRAY_SET, et, false), x, i, v, maskOf(et));
      return true;
    }
    case 'array.len': {
      const x = t.popSlot();
      t.emitResult(OP.ARRAY_LEN, t.pushOwn(K_I), x);
      return true;
    }
    case 'array.fill': {
      const et = elem();
      misc(t, FILL, 4, -1, fieldKind(et), maskOf(et));
      return true;
    }
    case 'array.copy': misc(t, COPY, 5, -1, 0, 0); return true;
    case 'array.new_data': misc(t, NEW_DATA, 2, K_R, mod.types[ins.a], ins.b); return true;
    case 'array.new_elem': misc(t, NEW_ELEM, 2, K_R, mod.types[ins.a], ins.b); return true;
    case 'array.init_data': misc(t, INIT_DATA, 4, -1, 0, ins.b); return true;
    case 'array.init_elem': misc(t, INIT_ELEM, 4, -1, 0, ins.b); return true;
    case 'ref.i31': {
      const a = t.popSlot();
      t.emitResult(OP.REF_I31, t.pushOwn(K_R), a);
      return true;
    }
    case 'i31.get_s': case 'i31.get_u': {
      const a = t.popSlot();
      t.emitResult(name === 'i31.get_s' ? OP.I31_GET_S : OP.I31_GET_U, t.pushOwn(K_I), a);
      return true;
    }
    case 'ref.test': {
      const x = t.popSlot();
      t.emitResult(OP.REF_TEST, t.pushOwn(K_I), x, ins.a, ins.op.code === 21 ? 1 : 0);
      return true;
    }
    case 'ref.cast': // checks the value where it is (it stays on the stack)
      t.emit(OP.REF_CAST, t.stack[t.stack.length - 1].s, ins.a, ins.op.code === 23 ? 1 : 0);
      return true;
    case 'any.convert_extern': case 'extern.convert_any':
      return true; // the same JS value in both hierarchies (as in the compile tier)
  }
  return false;
}

/** [GC_MISC, d, which, s0 … s4, a, b]: the operands' slots in stack order. */
function misc(t: Emitter, which: number, args: number, res: number, a: number, b: number): void {
  const slots: number[] = [];
  for (let i = 0; i < args; i++) slots.unshift(t.popSlot());
  while (slots.length < 5) slots.push(0);
  if (res >= 0) t.emitResult(OP.GC_MISC, t.pushOwn(res), which, ...slots, a, b);
  else t.emit(OP.GC_MISC, 0, which, ...slots, a, b);
}

// ---- execution of the allocating and bulk instructions ----

/** Appends the slots of a value of kind k (an i32 masked) at slot s to `out`. */
function put(out: unknown[], f: Files, s: number, k: number, mask: number): void {
  switch (k) {
    case K_I: out.push(f.I[s] & mask); return;
    case K_L: out.push(f.I[s], f.HI[s]); return;
    case K_D: out.push(f.D[s]); return;
    case K_V: out.push(boxV(f, s)); return;
    default: out.push(f.RF[s]);
  }
}

/** [STRUCT_NEW, d, first argument, layout] */
export function structNew(f: Files, fp: number, ops: Int32Array, pc: number, objs: unknown[]): StructRef {
  const l = objs[ops[pc + 3]] as Layout;
  const at = fp + ops[pc + 2];
  const out: unknown[] = [null];
  for (let i = 0; i < l.kinds.length; i++) put(out, f, at + i, l.kinds[i], l.masks[i]);
  return new StructRef(l.t, out);
}

interface Bulk {
  newArray(t: number, n: number, init: unknown[]): ArrayRef;
  arrayFill(x: ArrayRef | null, d: number, v: unknown[], n: number): void;
  arrayCopy(dst: ArrayRef | null, d: number, src: ArrayRef | null, s: number, n: number): void;
  arrayNewData(t: number, seg: Uint8Array, s: number, n: number): ArrayRef;
  arrayNewElem(t: number, seg: Value[], s: number, n: number): ArrayRef;
  arrayInitData(x: ArrayRef | null, seg: Uint8Array, d: number, s: number, n: number): void;
  arrayInitElem(x: ArrayRef | null, seg: Value[], d: number, s: number, n: number): void;
}
const X = HELPERS as unknown as Bulk;

/** [ARRAY_NEW, d, value, length, type, kind, mask] */
export function arrayNew(f: Files, fp: number, ops: Int32Array, pc: number): ArrayRef {
  const init: unknown[] = [null];
  put(init, f, fp + ops[pc + 2], ops[pc + 5], ops[pc + 6]);
  return X.newArray(ops[pc + 4], f.I[fp + ops[pc + 3]] >>> 0, init);
}

/** [ARRAY_NEW_FIXED, d, first value, count, type, kind, mask] */
export function arrayNewFixed(f: Files, fp: number, ops: Int32Array, pc: number): ArrayRef {
  const at = fp + ops[pc + 2];
  const n = ops[pc + 3];
  const out: unknown[] = [null];
  for (let i = 0; i < n; i++) put(out, f, at + i, ops[pc + 5], ops[pc + 6]);
  return new ArrayRef(ops[pc + 4], out, n);
}

/** [GC_MISC, d, which, s0 … s4, a, b] */
export function execGcMisc(ie: IEnv, f: Files, fp: number, ops: Int32Array, pc: number): void {
  const s = (i: number): number => fp + ops[pc + 3 + i];
  const u = (i: number): number => f.I[s(i)] >>> 0;
  const ref = (i: number): ArrayRef | null => f.RF[s(i)] as ArrayRef | null;
  const a = ops[pc + 8], b = ops[pc + 9];
  const E = ie.env;
  switch (ops[pc + 2]) {
    case FILL: {
      const v: unknown[] = [null];
      put(v, f, s(2), a, b);
      X.arrayFill(ref(0), u(1), v, u(3));
      return;
    }
    case COPY: X.arrayCopy(ref(0), u(1), ref(2), u(3), u(4)); return;
    case NEW_DATA: f.RF[fp + ops[pc + 1]] = X.arrayNewData(a, E.D[b], u(0), u(1)); return;
    case NEW_ELEM: f.RF[fp + ops[pc + 1]] = X.arrayNewElem(a, E.EL[b], u(0), u(1)); return;
    case INIT_DATA: X.arrayInitData(ref(0), E.D[b], u(1), u(2), u(3)); return;
    default: X.arrayInitElem(ref(0), E.EL[b], u(1), u(2), u(3));
  }
}

// Checked accesses of run.ts's GC cases.

/** i31.get: the unsigned value of a non-null i31 reference. */
export function i31(r: unknown): number {
  if (r === null) trap(NULL_I31_REFERENCE);
  return (r as I31Ref).v;
}

export function str(r: unknown): StructRef {
  if (r === null) trap(NULL_STRUCTURE_REFERENCE);
  return r as StructRef;
}
export function arr(r: unknown): ArrayRef {
  if (r === null) trap(NULL_ARRAY_REFERENCE);
  return r as ArrayRef;
}
/** The slots of array r after checking element i exists. */
export function elems(r: unknown, i: number): unknown[] {
  const a = arr(r);
  if (i >= a.n) trap(OOB_ARRAY);
  return a.a;
}
