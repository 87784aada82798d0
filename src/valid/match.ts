// Subtyping (spec 3.3 "Matching") on the numeric type representation of syntax/types.ts.
//
// Heap types form three-and-a-bit hierarchies:
//   any ⊇ eq ⊇ {i31, struct, array} ⊇ none,  concrete struct/array types sit under struct/array;
//   func ⊇ concrete function types ⊇ nofunc;  extern ⊇ noextern;  exn ⊇ noexn.
// Concrete types are canonical ids, so declared subtyping between them is canon.isSubId.

import {
  type ValType, type HeapType, type Hierarchy, type FieldType, type CompositeType, type Limits,
  type TableType, type GlobalType,
  ANY, EQ, I31, STRUCT, ARRAY, NONE, FUNC, NOFUNC, EXTERN, NOEXTERN, EXN, NOEXN,
  KIND_FUNC, KIND_STRUCT, KIND_ARRAY, isRef, heapOf, isNullable, abstractHierarchy, bottomOf,
} from '../syntax/types.js';
import { compositeOf, isSubId } from '../syntax/canon.js';

/** Composite kind (KIND_FUNC/STRUCT/ARRAY) of a concrete heap type (a canonical id). */
export function kindOf(id: number): number {
  return compositeOf(id).kind;
}

/** The top heap type of the hierarchy `h` belongs to: any, func, extern or exn. */
export function topOf(h: HeapType): Hierarchy {
  if (h < 0) return abstractHierarchy(h);
  return kindOf(h) === KIND_FUNC ? FUNC : ANY;
}

/** The bottom heap type of the hierarchy `h` belongs to: none, nofunc, noextern or noexn. */
export function bottomFor(h: HeapType): HeapType {
  return bottomOf(topOf(h));
}

/**
 * The validator's bottom heap type (of a reference popped from an unreachable, empty stack): a
 * subtype of every heap type. No encoding produces it.
 */
export const BOT_HEAP = -0x20;

/** a <: b for heap types. */
export function matchHeapType(a: HeapType, b: HeapType): boolean {
  if (a === b || a === BOT_HEAP) return true;
  if (b >= 0) {
    // A concrete supertype: only its own subtypes and the bottom of its hierarchy.
    if (a >= 0) return isSubId(a, b);
    return a === (kindOf(b) === KIND_FUNC ? NOFUNC : NONE);
  }
  if (a >= 0) {
    const k = kindOf(a);
    switch (b) {
      case ANY: case EQ: return k !== KIND_FUNC;
      case STRUCT: return k === KIND_STRUCT;
      case ARRAY: return k === KIND_ARRAY;
      case FUNC: return k === KIND_FUNC;
      default: return false;
    }
  }
  switch (b) {
    case ANY: return a === EQ || a === I31 || a === STRUCT || a === ARRAY || a === NONE;
    case EQ: return a === I31 || a === STRUCT || a === ARRAY || a === NONE;
    case I31: case STRUCT: case ARRAY: return a === NONE;
    case FUNC: return a === NOFUNC;
    case EXTERN: return a === NOEXTERN;
    case EXN: return a === NOEXN;
    default: return false; // the bottoms have no proper subtypes
  }
}

/**
 * a <: b for value types (numeric types only match themselves). The validator's "unknown" bottom
 * operand type is handled by the validator before calling this.
 */
export function matchValType(a: ValType, b: ValType): boolean {
  if (a === b) return true;
  if (!isRef(a) || !isRef(b)) return false;
  if (isNullable(a) && !isNullable(b)) return false;
  return matchHeapType(heapOf(a), heapOf(b));
}

/** [a*] <: [b*] pointwise, same length. */
export function matchResultType(a: ArrayLike<ValType>, b: ArrayLike<ValType>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!matchValType(a[i], b[i])) return false;
  return true;
}

/** Storage types: packed types only match themselves; value types by matchValType. */
export function matchStorageType(a: ValType, b: ValType): boolean {
  return matchValType(a, b);
}

/** Field types: mutability must agree; mutable fields are invariant (a <: b and b <: a). */
export function matchFieldType(a: FieldType, b: FieldType): boolean {
  if (a.mutable !== b.mutable) return false;
  if (!matchStorageType(a.type, b.type)) return false;
  return !a.mutable || matchStorageType(b.type, a.type);
}

/**
 * A declared subtype's structure against its declared supertype's: functions are contravariant in
 * parameters and covariant in results; structs may add fields (width) and refine immutable ones
 * (depth); arrays refine their element like a field.
 */
export function matchCompositeType(sub: CompositeType, sup: CompositeType): boolean {
  if (sub.kind === KIND_FUNC) {
    if (sup.kind !== KIND_FUNC) return false;
    return matchResultType(sup.params, sub.params) && matchResultType(sub.results, sup.results);
  }
  if (sub.kind === KIND_STRUCT) {
    if (sup.kind !== KIND_STRUCT) return false;
    if (sub.fields.length < sup.fields.length) return false;
    for (let i = 0; i < sup.fields.length; i++) if (!matchFieldType(sub.fields[i], sup.fields[i])) return false;
    return true;
  }
  if (sup.kind !== KIND_ARRAY) return false;
  return matchFieldType(sub.field, sup.field);
}

/** Convenience: is `h` a heap type of the function hierarchy (func, nofunc, concrete func types)? */
export function isFuncHeap(h: HeapType): boolean {
  return topOf(h) === FUNC;
}

// ---- external types (import matching at instantiation, spec 3.2 "Matching" of extern types) ----

/**
 * Limits: the actual ones must lie within the expected ones. Address type, sharing and page size
 * are part of the type and must agree exactly.
 */
export function matchLimits(actual: Limits, expected: Limits): boolean {
  if (actual.addr64 !== expected.addr64 || actual.shared !== expected.shared) return false;
  if (actual.pageSizeLog2 !== expected.pageSizeLog2) return false;
  if (actual.min < expected.min) return false;
  if (expected.max === null) return true;
  return actual.max !== null && actual.max <= expected.max;
}

/** Tables: limits within, element types equivalent (tables are mutable, so invariant). */
export function matchTableType(actual: TableType, expected: TableType): boolean {
  return matchLimits(actual.limits, expected.limits) && actual.elem === expected.elem;
}

/** Globals: immutable ones are covariant, mutable ones invariant. */
export function matchGlobalType(actual: GlobalType, expected: GlobalType): boolean {
  if (actual.mutable !== expected.mutable) return false;
  return actual.mutable ? actual.type === expected.type : matchValType(actual.type, expected.type);
}

/** Functions, by canonical type id: the actual type may be a declared subtype. */
export function matchFuncType(actualId: number, expectedId: number): boolean {
  return isSubId(actualId, expectedId);
}

/** Tags, by canonical type id: equivalent types only. */
export function matchTagType(actualId: number, expectedId: number): boolean {
  return actualId === expectedId;
}
