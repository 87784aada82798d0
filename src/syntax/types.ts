// Value, heap, storage and composite types (spec 2.3 "Types").
//
// A value type is one number so that the validator compares types with `===` and stores them in
// typed arrays:
//   numeric/vector types: their binary code (I32 = 0x7f … V128 = 0x7b), packed storage types I8/I16;
//   reference types:      REF_BASE + (heap + HEAP_BIAS) * 2 + (nullable ? 1 : 0).
// A heap type is a number too: abstract heap types are the negative s33 values of their binary
// encoding (FUNC = -0x10 …), concrete ones are *canonical* type ids (>= 0) from syntax/canon.ts, so
// two structurally equivalent types from different modules compare equal as numbers.

export type ValType = number;
export type HeapType = number;

export const I32 = 0x7f;
export const I64 = 0x7e;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const V128 = 0x7b;
export const I8 = 0x78; // packed, storage types only
export const I16 = 0x77;

// Abstract heap types, as the signed value of their one-byte encoding.
export const NOEXN = -0x0c;
export const NOFUNC = -0x0d;
export const NOEXTERN = -0x0e;
export const NONE = -0x0f;
export const FUNC = -0x10;
export const EXTERN = -0x11;
export const ANY = -0x12;
export const EQ = -0x13;
export const I31 = -0x14;
export const STRUCT = -0x15;
export const ARRAY = -0x16;
export const EXN = -0x17;

export const REF_BASE = 0x100;
const HEAP_BIAS = 0x20;

export function refType(heap: HeapType, nullable: boolean): ValType {
  return REF_BASE + (heap + HEAP_BIAS) * 2 + (nullable ? 1 : 0);
}
export function isRef(t: ValType): boolean {
  return t >= REF_BASE;
}
export function heapOf(t: ValType): HeapType {
  return ((t - REF_BASE) >> 1) - HEAP_BIAS;
}
export function isNullable(t: ValType): boolean {
  return (t & 1) === 1;
}
export function isNumeric(t: ValType): boolean {
  return t === I32 || t === I64 || t === F32 || t === F64;
}
export function isAbstractHeap(h: HeapType): boolean {
  return h < 0;
}

export const FUNCREF = refType(FUNC, true);
export const EXTERNREF = refType(EXTERN, true);
export const ANYREF = refType(ANY, true);
export const EQREF = refType(EQ, true);
export const I31REF = refType(I31, true);
export const STRUCTREF = refType(STRUCT, true);
export const ARRAYREF = refType(ARRAY, true);
export const EXNREF = refType(EXN, true);
export const NULLREF = refType(NONE, true);
export const NULLFUNCREF = refType(NOFUNC, true);
export const NULLEXTERNREF = refType(NOEXTERN, true);
export const NULLEXNREF = refType(NOEXN, true);

/** The top of the hierarchy an abstract or concrete heap type belongs to (needs the type's kind). */
export type Hierarchy = typeof ANY | typeof FUNC | typeof EXTERN | typeof EXN;

export function abstractHierarchy(h: HeapType): Hierarchy {
  switch (h) {
    case FUNC: case NOFUNC: return FUNC;
    case EXTERN: case NOEXTERN: return EXTERN;
    case EXN: case NOEXN: return EXN;
    default: return ANY;
  }
}
/** The bottom type of a hierarchy. */
export function bottomOf(top: Hierarchy): HeapType {
  return top === FUNC ? NOFUNC : top === EXTERN ? NOEXTERN : top === EXN ? NOEXN : NONE;
}

export function defaultable(t: ValType): boolean {
  return !isRef(t) || isNullable(t);
}

/** Size in bytes of a storage type (for packed fields and array.new_data). */
export function storageSize(t: ValType): number {
  switch (t) {
    case I8: return 1;
    case I16: return 2;
    case I32: case F32: return 4;
    case I64: case F64: return 8;
    case V128: return 16;
    default: return 0; // references cannot be read from data segments
  }
}

const ABSTRACT_NAMES: Record<number, string> = {
  [NOEXN]: 'noexn', [NOFUNC]: 'nofunc', [NOEXTERN]: 'noextern', [NONE]: 'none', [FUNC]: 'func',
  [EXTERN]: 'extern', [ANY]: 'any', [EQ]: 'eq', [I31]: 'i31', [STRUCT]: 'struct', [ARRAY]: 'array',
  [EXN]: 'exn',
};
const NUM_NAMES: Record<number, string> = {
  [I32]: 'i32', [I64]: 'i64', [F32]: 'f32', [F64]: 'f64', [V128]: 'v128', [I8]: 'i8', [I16]: 'i16',
};

export function heapTypeName(h: HeapType): string {
  return h < 0 ? ABSTRACT_NAMES[h] ?? `heap(${h})` : `${h}`;
}

/** Text-format spelling, used in error messages and by the printer (concrete types as ids). */
export function valTypeName(t: ValType): string {
  if (!isRef(t)) return NUM_NAMES[t] ?? `type(${t})`;
  const h = heapOf(t);
  if (h < 0 && isNullable(t)) {
    const n = ABSTRACT_NAMES[h];
    if (n === 'none' || n === 'nofunc' || n === 'noextern' || n === 'noexn') {
      return n === 'none' ? 'nullref' : `null${n.slice(2)}ref`;
    }
    return `${n}ref`;
  }
  return `(ref ${isNullable(t) ? 'null ' : ''}${heapTypeName(h)})`;
}

// ---- composite and defined types ----

export const KIND_FUNC = 0x60;
export const KIND_STRUCT = 0x5f;
export const KIND_ARRAY = 0x5e;

export interface FieldType {
  type: ValType; // a value type or I8/I16
  mutable: boolean;
}

export interface FuncType {
  kind: typeof KIND_FUNC;
  params: ValType[];
  results: ValType[];
}
export interface StructType {
  kind: typeof KIND_STRUCT;
  fields: FieldType[];
}
export interface ArrayType {
  kind: typeof KIND_ARRAY;
  field: FieldType;
}
export type CompositeType = FuncType | StructType | ArrayType;

/** A sub type as declared: `final`, its declared supertypes (canonical ids) and its structure. */
export interface SubType {
  final: boolean;
  supers: HeapType[];
  comp: CompositeType;
}

export interface Limits {
  min: number; // may exceed 2^32 for 64-bit address types, kept exact up to 2^53
  max: number | null;
  addr64: boolean; // memory64 / table64
  shared: boolean;
  pageSizeLog2: number; // custom-page-sizes; 16 by default
}

export interface TableType {
  elem: ValType;
  limits: Limits;
}
export interface GlobalType {
  type: ValType;
  mutable: boolean;
}

export const EXTERNAL_FUNC = 0;
export const EXTERNAL_TABLE = 1;
export const EXTERNAL_MEMORY = 2;
export const EXTERNAL_GLOBAL = 3;
export const EXTERNAL_TAG = 4;
export const EXTERNAL_KIND_NAMES = ['function', 'table', 'memory', 'global', 'tag'] as const;
