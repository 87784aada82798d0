// The contract between the engine (runtime/ + exec/) and what stands on it (api/, script/, cli/).
// Only types live here; runtime/index.ts implements them. Everything above the engine sees wasm
// values "boxed", as below, and never the tiers' internal calling convention.
//
// Boxed values (the spec's "values", as an embedder sees them):
//   i32     number, a signed int32
//   i64     bigint, signed, in [-2^63, 2^63)
//   f32     number; NaN payloads follow exec/numerics' f32 convention (f32FromBits/f32ToBits), so a
//           signalling f32 NaN survives
//   f64     number; bit patterns via exec/numerics (f64FromBits/f64ToBits)
//   v128    Uint8Array of 16 bytes, little-endian lanes (a fresh copy each time it crosses)
//   refs    null for every null reference, whatever its type;
//           funcref → FuncInst; externref → the host value itself (any JS value except null);
//           exnref → ExnInst; GC references → engine objects (StructRef, ArrayRef), i31 → I31Ref.

import type { Module } from '../syntax/module.js';
import type { GlobalType, Limits, TableType } from '../syntax/types.js';

export type Value = number | bigint | Uint8Array | object | null | undefined | string | boolean | symbol;

/** A function instance: wasm-defined (of some instance) or host. */
export interface FuncInst {
  /** Canonical type id (syntax/canon.ts) of its function type. */
  readonly type: number;
  /** A slot the JS API may use to cache this function's exported-function object. */
  api: unknown;
}

export interface MemoryInst {
  readonly limits: Limits; // current limits: `min` is updated as the memory grows
  /** The current buffer; replaced (and the old one detached where the host can) when it grows. */
  readonly buffer: ArrayBuffer;
  /** Current size in pages. */
  size(): number;
  /** Grows by `delta` pages: returns the old size in pages, or -1 (nothing changes) on failure. */
  grow(delta: number): number;
  /** Replaces the buffer by a new ArrayBuffer over the same contents and detaches the old one. */
  refresh(): void;
  /** Whether `buffer` is a resizable ArrayBuffer (growing in place) rather than a fixed-length one. */
  readonly resizable: boolean;
  /**
   * Makes `buffer` a resizable ArrayBuffer (maximum: the memory's maximum) or a fixed-length one,
   * with the same contents, detaching the previous buffer; nothing happens if it already is.
   */
  setResizable(resizable: boolean): void;
}

export interface TableInst {
  readonly type: TableType; // `limits.min` tracks the current size
  size(): number;
  /** get/set trap (RuntimeError "out of bounds table access") outside [0, size). */
  get(i: number): Value;
  set(i: number, v: Value): void;
  /** Grows by `delta` filled with `init`: the old size, or -1 on failure. */
  grow(delta: number, init: Value): number;
}

export interface GlobalInst {
  readonly type: GlobalType;
  value: Value;
}

export interface TagInst {
  /** Canonical type id of the tag's function type (results empty). */
  readonly type: number;
}

/** A caught or thrown wasm exception. */
export interface ExnInst {
  readonly tag: TagInst;
  readonly args: Value[];
}

export type ExternVal = FuncInst | TableInst | MemoryInst | GlobalInst | TagInst;

export interface ExportVal {
  name: string;
  kind: number; // EXTERNAL_* from syntax/types.ts
  value: ExternVal;
}

export interface InstanceInst {
  readonly module: Module;
  /** In the module's export order. */
  readonly exports: ExportVal[];
}

/**
 * What runtime/index.ts exports (the functions; the classes implement the interfaces above):
 *
 *   createMemory(limits: Limits): MemoryInst            RangeError if it cannot be allocated
 *   createTable(type: TableType, init: Value): TableInst
 *   createGlobal(type: GlobalType, value: Value): GlobalInst
 *   createTag(type: number): TagInst
 *   hostFunc(type: number, call: (args: Value[]) => Value[]): FuncInst
 *       a host (JS) function of canonical function type `type`; `call` gets boxed arguments and
 *       returns boxed results (an array of the type's result count)
 *   instantiate(module: Module, imports: ExternVal[]): InstanceInst
 *       imports in module order, already resolved by the caller; checks each against its import
 *       (kind, type, limits: LinkError naming module/field), allocates, initialises segments and
 *       runs the start function (RuntimeError on traps)
 *   invoke(f: FuncInst, args: Value[]): Value[]
 *       calls any function with boxed arguments; throws RuntimeError on a trap, RangeError on
 *       stack exhaustion, ExnInst-carrying errors for wasm exceptions, or what a host function threw
 *       (implemented: an uncaught wasm exception is thrown as the ExnInst object itself — class
 *       ExnInst of runtime/exn.ts; one with tag JS_TAG wraps a JS exception that crossed a
 *       try_table and throw_ref rethrows the original value; JS_TAG, of type [externref] -> [],
 *       is what WebAssembly.JSTag should expose)
 *   externKind(v: ExternVal): number                    EXTERNAL_* of an extern value
 *
 * Also exported: the classes (WasmFunc, HostFunc, Memory, Table, Global, Tag, ExnInst, StructRef,
 * ArrayRef, I31Ref) for instanceof checks, and JS_TAG.
 *   externType / typeOfGlobal … as the API needs them for type reflection
 */
export type RuntimeContract = never;
