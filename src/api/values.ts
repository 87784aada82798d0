// ToWebAssemblyValue and ToJSValue (JS API "Exported Functions"), between JS values and the engine's
// boxed values (runtime/interface.ts), plus the ValueType/TableKind strings of descriptors.
//
// Exported functions are found from a JS function through `funcOf` (a WeakMap filled by func.ts), so
// that a wasm function coming back from JS keeps its identity.

import {
  I32, I64, F32, F64, V128, ANY, EQ, I31, STRUCT, ARRAY, FUNC, NOFUNC, EXTERN, NOEXTERN, EXN, NOEXN, FUNCREF,
  EXTERNREF, KIND_FUNC, isRef, heapOf, isNullable, type ValType,
} from '../syntax/types.js';
import { compositeOf, isSubId } from '../syntax/canon.js';
import type { FuncInst, Value } from '../runtime/interface.js';
import { ArrayRef, I31Ref, StructRef } from '../runtime/gc.js';
import { exportedGcObject, gcRefOf } from './gcobject.js';
import { toBigInt64 } from './webidl.js';

/** Exported Function objects → their function instance (the [[FunctionAddress]] slot). */
export const funcOf = new WeakMap<Function, FuncInst>();

/** Creates the Exported Function of a FuncInst (set by func.ts, which depends on this module). */
export let exportedFunction: (f: FuncInst) => Function = () => {
  throw new Error('func.ts not loaded');
};
export function setExportedFunctionFactory(make: (f: FuncInst) => Function): void {
  exportedFunction = make;
}

/** ValueType strings of GlobalDescriptor.value (JS API "ToValueType"). */
export const VALUE_TYPES: Record<string, ValType> = {
  i32: I32, i64: I64, f32: F32, f64: F64, v128: V128, anyfunc: FUNCREF, externref: EXTERNREF,
  // Spelling of the type-reflection proposal, which browsers accept alongside "anyfunc".
  funcref: FUNCREF,
};
export const VALUE_TYPE_NAMES = Object.keys(VALUE_TYPES);
/** TableKind strings of TableDescriptor.element. */
export const TABLE_KINDS: Record<string, ValType> = { externref: EXTERNREF, anyfunc: FUNCREF, funcref: FUNCREF };
export const TABLE_KIND_NAMES = Object.keys(TABLE_KINDS);

/** True for the types no JS value converts to or from: v128 and the exn hierarchy. */
export function isOpaqueToJS(t: ValType): boolean {
  if (t === V128) return true;
  if (!isRef(t)) return false;
  const h = heapOf(t);
  return h === EXN || h === NOEXN;
}

export function isExnRef(t: ValType): boolean {
  return isRef(t) && (heapOf(t) === EXN || heapOf(t) === NOEXN);
}

function typeError(v: unknown): never {
  const what = typeof v === 'function' ? 'function' : v === null ? 'null' : typeof v;
  throw new TypeError(`type incompatibility when transforming from/to JS: ${what} is not a valid value for this type`);
}

/** The hierarchy top of a heap type (abstract or concrete). */
function hierarchyOf(h: number): number {
  if (h >= 0) return compositeOf(h).kind === KIND_FUNC ? FUNC : ANY;
  switch (h) {
    case FUNC: case NOFUNC: return FUNC;
    case EXTERN: case NOEXTERN: return EXTERN;
    case EXN: case NOEXN: return EXN;
    default: return ANY;
  }
}

/**
 * ToWebAssemblyValue(v, t). `t` is never v128 (callers throw their own TypeError first). Returns the
 * engine's boxed value.
 */
export function toWasm(v: unknown, t: ValType): Value {
  switch (t) {
    case I32: return (v as number) | 0; // ToInt32; a BigInt or Symbol throws a TypeError
    case F64: return +(v as number); // ToNumber
    case F32: return Math.fround(+(v as number));
    case I64: return typeof v === 'bigint' ? BigInt.asIntN(64, v) : toBigInt64(v);
    case EXTERNREF: return v === null ? null : toExtern(v);
    case FUNCREF: {
      if (v === null) return null;
      const f = typeof v === 'function' ? funcOf.get(v) : undefined;
      if (f === undefined) typeError(v);
      return f;
    }
  }
  return toWasmRef(v, t);
}

function toWasmRef(v: unknown, t: ValType): Value {
  if (!isRef(t)) throw new TypeError('cannot convert to this WebAssembly type');
  const h = heapOf(t);
  if (v === null) {
    if (!isNullable(t)) typeError(v);
    return null;
  }
  switch (hierarchyOf(h)) {
    case EXTERN:
      if (h === NOEXTERN) typeError(v);
      return toExtern(v);
    case FUNC: {
      const f = typeof v === 'function' ? funcOf.get(v) : undefined;
      if (f === undefined || h === NOFUNC || (h >= 0 && !isSubId(f.type, h))) typeError(v);
      return f;
    }
    case ANY:
      return toAnyRef(v, h);
    default:
      typeError(v); // exnref: no JS value converts
  }
}

/**
 * The extern hierarchy: ref.extern of ToWebAssemblyValue(v, ref any). The engine's
 * any.convert_extern / extern.convert_any keep the value as it is, so an externref holds the
 * any-hierarchy value itself: i31-range Numbers become I31Ref and Exported GC Objects their struct or
 * array here, and every other value stays the JS value (a host reference).
 */
export function toExtern(v: unknown): Value {
  if (typeof v === 'number') return isI31Range(v) ? new I31Ref(v) : v;
  if (typeof v === 'object') {
    const g = gcRefOf(v);
    if (g !== undefined) return g.ref as Value;
  }
  return v as Value;
}

/**
 * The any hierarchy (spec order: i31-range Number, Exported GC Object, host value), then the
 * actual type of the reference must match `ref null? h`.
 */
function toAnyRef(v: unknown, h: number): Value {
  if (typeof v === 'number' && isI31Range(v)) {
    // Actual type (ref i31).
    if (h !== ANY && h !== EQ && h !== I31) typeError(v);
    return new I31Ref(v);
  }
  const g = typeof v === 'object' ? gcRefOf(v) : undefined;
  if (g !== undefined) {
    // Actual type (ref $t) of the struct or array.
    const ref = g.ref as StructRef | ArrayRef;
    const ok = h === ANY || h === EQ || (h === STRUCT ? g.kind === 'struct' : h === ARRAY ? g.kind === 'array' : h >= 0 && isSubId(ref.t, h));
    if (!ok) typeError(v);
    return ref;
  }
  // A host value's actual type is (ref any): it matches anyref only.
  if (h !== ANY) typeError(v);
  return v as Value;
}

/** ToJSValue of an any-hierarchy (or extern-held) engine value: i31 as a Number, GC objects wrapped. */
export function anyToJS(w: unknown): unknown {
  if (typeof w !== 'object' || w === null) return w; // most externref values: no class checks
  if (w instanceof I31Ref) return (w.v << 1) >> 1;
  if (w instanceof StructRef) return exportedGcObject(w, 'struct');
  if (w instanceof ArrayRef) return exportedGcObject(w, 'array');
  return w;
}

/**
 * "v is equal to ToInt32(v)" and in [-2^30, 2^30). -0 is not taken as i31 0: the text is ambiguous
 * there (WebAssembly/spec#1984) and the champions' reading keeps ToJSValue(ToWebAssemblyValue(v))
 * identical to v, which is also what V8 does with -0 through externref.
 */
export function isI31Range(v: number): boolean {
  return (v | 0) === v && v < 0x40000000 && v >= -0x40000000 && (v !== 0 || 1 / v > 0);
}

/** ToJSValue of a boxed value of type `t` (never v128 or exnref). */
export function toJS(w: Value, t: ValType): unknown {
  if (!isRef(t) || w === null) return w;
  switch (hierarchyOf(heapOf(t))) {
    case FUNC: return exportedFunction(w as FuncInst);
    default: return anyToJS(w); // extern holds any-hierarchy values as they are (see toExtern)
  }
}

/** DefaultValue(t) of the JS API: undefined for externref, the type's default otherwise. */
export function defaultValue(t: ValType): Value {
  if (t === EXTERNREF) return undefined;
  switch (t) {
    case I32: case F32: case F64: return 0;
    case I64: return 0n;
    case V128: return new Uint8Array(16);
  }
  if (isRef(t) && isNullable(t)) return null;
  throw new TypeError('this type has no default value');
}
