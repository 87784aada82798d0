// GC objects (spec 4.2.x "Structure/Array instances", i31). Field and element values are kept in
// the compiled code's slot form (an i64 as two int32 words, packed i8/i16 as wrapped int32) in
// arrays whose element 0 is null: that keeps their elements generic, so float NaN bits survive
// (see runtime/abi.ts). Slot k of a struct is f[1 + k]; element i of an array with w slots per
// element starts at a[1 + i * w].

import { compositeOf, isSubId } from '../syntax/canon.js';
import {
  I8, I16, I64, V128, ANY, EQ, I31, STRUCT, ARRAY, FUNC, EXTERN, EXN, KIND_STRUCT,
  type ArrayType, type StructType, type ValType,
} from '../syntax/types.js';
import { HostFunc, WasmFunc } from './func.js';
import { i64ToBigInt } from './global.js';
import type { Value } from './interface.js';
import { f32FromBits } from '../exec/numerics.js';

export class I31Ref {
  /** The 31-bit value, unsigned. */
  readonly v: number;
  constructor(v: number) {
    this.v = v & 0x7fffffff;
  }
}

export class StructRef {
  /** Canonical type id. */
  readonly t: number;
  readonly f: unknown[];
  constructor(t: number, f: unknown[]) {
    this.t = t;
    this.f = f;
  }
}

export class ArrayRef {
  readonly t: number;
  readonly a: unknown[];
  /** Number of elements. */
  readonly n: number;
  constructor(t: number, a: unknown[], n: number) {
    this.t = t;
    this.a = a;
    this.n = n;
  }
}

/** Slots per value of a storage type. */
export function slotsOf(t: ValType): number {
  return t === I64 ? 2 : 1;
}

/** Slot offsets of a struct type's fields (field k starts at slot offsets[k]); last = total. */
const offsetCache = new Map<number, number[]>();
export function fieldOffsets(t: number): number[] {
  let o = offsetCache.get(t);
  if (!o) {
    const st = compositeOf(t) as StructType;
    o = [0];
    for (const f of st.fields) o.push(o[o.length - 1] + slotsOf(f.type));
    offsetCache.set(t, o);
  }
  return o;
}

/** The default value of a storage type, slot by slot. */
function defaultSlots(t: ValType): unknown[] {
  if (t === I64) return [0, 0];
  if (t === V128) return [new Uint8Array(16)];
  return [t >= 0x100 ? null : 0];
}

export function newStructDefault(t: number): StructRef {
  const st = compositeOf(t) as StructType;
  const f: unknown[] = [null];
  for (const fld of st.fields) f.push(...defaultSlots(fld.type));
  return new StructRef(t, f);
}

/** A new array of `n` elements all equal to the slots init[1..] (init[0] is null). */
export function newArray(t: number, n: number, init: unknown[]): ArrayRef {
  const w = init.length - 1;
  const a = new Array<unknown>(1 + n * w);
  a[0] = null;
  for (let i = 0; i < n; i++) for (let k = 0; k < w; k++) a[1 + i * w + k] = init[1 + k];
  return new ArrayRef(t, a, n);
}

export function arrayElemType(t: number): ValType {
  return (compositeOf(t) as ArrayType).field.type;
}

export function newArrayDefault(t: number, n: number): ArrayRef {
  return newArray(t, n, [null, ...defaultSlots(arrayElemType(t))]);
}

/** Wraps a value for a packed field (i8/i16 keep their low bits). */
export function pack(t: ValType, v: number): number {
  return t === I8 ? v & 0xff : t === I16 ? v & 0xffff : v;
}

/** Reads storage type `t` from little-endian bytes at `p` into slots. */
export function readSlots(t: ValType, b: Uint8Array, p: number, out: unknown[]): void {
  const dv = new DataView(b.buffer, b.byteOffset);
  switch (t) {
    case I8: out.push(b[p]); return;
    case I16: out.push(dv.getUint16(p, true)); return;
    case I64: out.push(dv.getInt32(p, true), dv.getInt32(p + 4, true)); return;
    case 0x7d: { // f32: through the bits, so NaN payloads are kept
      const bits = dv.getInt32(p, true);
      const x = dv.getFloat32(p, true);
      out.push(x === x ? x : f32FromBits(bits));
      return;
    }
    case 0x7c: out.push(dv.getFloat64(p, true)); return;
    case V128: out.push(b.slice(p, p + 16)); return;
    default: out.push(dv.getInt32(p, true));
  }
}

/** ref.test: whether non-trapping reference `x` is in heap type `ht` (null when `nullable`). */
export function refTest(x: unknown, ht: number, nullable: boolean): boolean {
  if (x === null) return nullable;
  if (ht >= 0) {
    if (x instanceof StructRef || x instanceof ArrayRef) return isSubId(x.t, ht);
    if (x instanceof WasmFunc || x instanceof HostFunc) return isSubId(x.type, ht);
    return false;
  }
  switch (ht) {
    case ANY: case FUNC: case EXTERN: case EXN: return true;
    case EQ: return x instanceof I31Ref || x instanceof StructRef || x instanceof ArrayRef;
    case I31: return x instanceof I31Ref;
    case STRUCT: return x instanceof StructRef;
    case ARRAY: return x instanceof ArrayRef;
    default: return false; // the bottom types hold only null
  }
}

/** ref.eq: identity, except that i31 references are equal by value. */
export function refEq(a: unknown, b: unknown): boolean {
  return a === b || (a instanceof I31Ref && b instanceof I31Ref && a.v === b.v);
}

/** Boxed value (constant expressions, the embedder) → slots of storage type `t`. */
export function unboxTo(t: ValType, v: Value): unknown[] {
  if (t === I64) {
    const b = BigInt.asUintN(64, v as bigint);
    return [Number(b & 0xffffffffn) | 0, Number(b >> 32n) | 0];
  }
  if (t === I8 || t === I16) return [pack(t, v as number)];
  return [v];
}

/** Slots of storage type `t` → a boxed value (unpacked fields as their unsigned value). */
export function boxFrom(t: ValType, s: unknown[], k: number): Value {
  if (t === I64) return BigInt.asIntN(64, i64ToBigInt(s[k] as number, s[k + 1] as number));
  return s[k] as Value;
}

export function isStructType(t: number): boolean {
  return compositeOf(t).kind === KIND_STRUCT;
}
