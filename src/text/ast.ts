// The text-module AST: what the WAT parser produces and binary/encode.ts turns into bytes. It is
// the abstract syntax of a module with every identifier already resolved to an index and every
// abbreviation expanded, but with the choices the binary format leaves open kept as written (table
// initialisers, the element-segment form), so that a printer can produce it as well.
//
// Value types use the numbers of syntax/types.ts, except that concrete heap types are
// *module-local type indices* (not canonical ids): that is what the binary format stores.

import type { OpInfo } from '../syntax/opcodes.js';
import type { ValType, HeapType, GlobalType, CompositeType } from '../syntax/types.js';
import type { TCustom } from './annotations.js';

/** A catch clause of try_table: kind 0 catch, 1 catch_ref, 2 catch_all, 3 catch_all_ref. */
export interface TCatch {
  kind: number;
  tag: number; // -1 for the catch_all kinds
  label: number;
}

/**
 * One instruction. Immediates go to a, b, c, d in encoding order, as binary/instr.ts reads them:
 *  bt: a = block type (BLOCK_EMPTY, a value type, or -(2 + type index));
 *  index shapes: a (then b for the two-index shapes);  labels: labels (targets, default last);
 *  memarg/memlane: a = memory, b = log2 alignment, offset, c = lane;  lane: a;
 *  i32: a (signed);  i64: big;  f32: a = bits;  f64: a = low bits, b = high bits;
 *  v128/shuffle: bytes;  select: types (null for the untyped row);  heap: a = heap type;
 *  cast: a = flags, b = label, c, d = heap types;  trytable: a = block type, catches.
 */
export interface TInstr {
  op: OpInfo;
  a: number;
  b: number;
  c: number;
  d: number;
  big?: bigint;
  offset?: bigint;
  bytes?: Uint8Array;
  labels?: number[];
  types?: ValType[];
  catches?: TCatch[];
}

export type TExpr = TInstr[];

/** A sub type with its supertypes as module-local indices. */
export interface TSubType {
  final: boolean;
  supers: number[];
  comp: CompositeType;
}

/** A recursive type group; a singleton group is encoded without the `rec` prefix. */
export interface TRecGroup {
  types: TSubType[];
}

export const DESC_FUNC = 0;
export const DESC_TABLE = 1;
export const DESC_MEMORY = 2;
export const DESC_GLOBAL = 3;
export const DESC_TAG = 4;

/** Limits as written: 64-bit address types allow bounds up to 2^64 - 1, hence bigints. */
export interface TLimits {
  min: bigint;
  max: bigint | null;
  addr64: boolean;
  shared: boolean;
  pageSizeLog2: number; // custom-page-sizes; 16 by default
}

export interface TTableType {
  elem: ValType;
  limits: TLimits;
}

export type TImportDesc =
  | { kind: typeof DESC_FUNC; type: number }
  | { kind: typeof DESC_TABLE; table: TTableType }
  | { kind: typeof DESC_MEMORY; limits: TLimits }
  | { kind: typeof DESC_GLOBAL; global: GlobalType }
  | { kind: typeof DESC_TAG; type: number };

export interface TImport {
  module: Uint8Array; // names as their UTF-8 bytes (checked well-formed by the parser)
  name: Uint8Array;
  desc: TImportDesc;
}

export interface TFunc {
  type: number;
  locals: ValType[];
  body: TExpr; // without the final `end`
}

export interface TTable {
  type: TTableType;
  init: TExpr | null; // null: no initialiser written
}

export interface TGlobal {
  type: GlobalType;
  init: TExpr;
}

export interface TExport {
  name: Uint8Array;
  kind: number; // DESC_*
  index: number;
}

export const MODE_ACTIVE = 0;
export const MODE_PASSIVE = 1;
export const MODE_DECLARATIVE = 2;

export interface TElem {
  mode: number;
  table: number;
  offset: TExpr | null;
  type: ValType;
  items: TExpr[];
}

export interface TData {
  mode: number; // MODE_ACTIVE or MODE_PASSIVE
  memory: number;
  offset: TExpr | null;
  bytes: Uint8Array;
}

export interface TextModule {
  id: string | null;
  types: TRecGroup[];
  /** Index of the first implicit type (appended for type uses without `(type x)`). */
  implicitTypesFrom: number;
  imports: TImport[];
  funcs: TFunc[];
  tables: TTable[];
  memories: TLimits[];
  globals: TGlobal[];
  tags: number[]; // type index of each defined tag
  exports: TExport[];
  start: number | null;
  elems: TElem[];
  datas: TData[];
  /** Function names: `$id`s from the text, or the binary's name section (printer only). */
  funcNames: Map<number, string>;
  /** The module's `@name` annotation, which the name section prefers to its id. */
  moduleName?: string;
  /** Custom sections from `@custom` annotations, in text order. */
  customs?: TCustom[];
}

export function emptyModule(): TextModule {
  return {
    id: null, types: [], implicitTypesFrom: 0, imports: [], funcs: [], tables: [], memories: [], globals: [], tags: [],
    exports: [], start: null, elems: [], datas: [], funcNames: new Map(),
  };
}

export type { HeapType, TCustom };
