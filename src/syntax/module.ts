// The module description produced by binary/decode and read by everything after it (spec 2.5
// "Modules"). Index spaces include imports first, as in the spec. Function bodies and constant
// expressions stay as byte ranges of `bytes`: they are walked by the validator and, lazily, by the
// execution tiers, so a large module is never turned into objects per instruction.

import type { ValType, SubType, TableType, GlobalType, Limits } from './types.js';

/** A byte range [start, end) of the module's bytes, e.g. a constant expression including its `end`. */
export interface Expr {
  start: number;
  end: number;
}

export interface ImportDesc {
  module: string;
  name: string;
  kind: number; // EXTERNAL_*
  index: number; // index in its own index space
}

export interface ExportDesc {
  name: string;
  kind: number; // EXTERNAL_*
  index: number;
}

export interface TableDef {
  type: TableType;
  init: Expr | null; // table with an initialiser expression (typed function references)
}

export interface GlobalDef {
  type: GlobalType;
  init: Expr | null; // null for imports
}

export interface MemoryDef {
  limits: Limits;
}

export interface TagDef {
  typeIndex: number; // module-local type index of a function type with empty results
}

export const SEG_ACTIVE = 0;
export const SEG_PASSIVE = 1;
export const SEG_DECLARATIVE = 2;

export interface ElemSegment {
  mode: number; // SEG_*
  table: number;
  offset: Expr | null;
  type: ValType; // element reference type
  /** Either function indices (the compact encodings) or constant expressions. */
  funcs: Uint32Array | null;
  exprs: Expr[] | null;
}

export interface DataSegment {
  mode: number; // SEG_ACTIVE or SEG_PASSIVE
  memory: number;
  offset: Expr | null;
  start: number; // byte range of the data in `bytes`
  end: number;
}

export interface FuncBody {
  /** Declared locals, expanded (not including parameters). */
  locals: ValType[];
  /** Byte range of the instruction sequence, from after the locals to after the final `end`. */
  start: number;
  end: number;
  /** Offset of the body's size field, for error messages. */
  offset: number;
}

export interface CustomSection {
  name: string;
  start: number; // byte range of the payload after the name
  end: number;
}

/**
 * Byte offsets where each entity is encoded (imports included, by index space), so that
 * module-level validation errors can name a position like decoding errors do.
 */
export interface Sites {
  types: number[];
  funcs: number[];
  tables: number[];
  memories: number[];
  globals: number[];
  tags: number[];
  exports: number[];
  elems: number[];
  datas: number[];
  start: number;
}

export interface Module {
  bytes: Uint8Array;
  /** Module-local type index → canonical type id (syntax/canon.ts). */
  types: number[];
  /** The declared sub types, by module-local index (concrete heap types as canonical ids). */
  typeDefs: SubType[];
  /** Rec group of each type: the index of its first member, for the printer and validation. */
  recGroupStart: number[];
  imports: ImportDesc[];
  /** Module-local type index of every function, imports first. */
  funcs: number[];
  tables: TableDef[];
  memories: MemoryDef[];
  globals: GlobalDef[];
  tags: TagDef[];
  exports: ExportDesc[];
  start: number | null;
  elems: ElemSegment[];
  datas: DataSegment[];
  dataCount: number | null;
  /** Bodies of the defined (non-imported) functions: codes[i] is function numImportedFuncs + i. */
  codes: FuncBody[];
  customs: CustomSection[];
  numImportedFuncs: number;
  numImportedTables: number;
  numImportedMemories: number;
  numImportedGlobals: number;
  numImportedTags: number;
  /** Function indices that may be referenced by ref.func in function bodies (C.refs). */
  declaredFuncRefs: Set<number>;
  /** Names from the `name` custom section, where present and well formed (for debugging only). */
  funcNames: Map<number, string> | null;
  sites: Sites;
}
