// Run-time helpers of compiled code: everything generated source calls by name besides numerics
// (bulk memory and table operations, call_indirect's checks, the tail-call trampoline). Generated
// factories receive HELPERS and bind the names they use to constants, so calls stay direct.

import * as N from '../numerics.js';
import {
  trap, OOB_MEMORY, OOB_TABLE, OOB_ARRAY, NULL_ARRAY_REFERENCE, UNDEFINED_ELEMENT, UNINITIALIZED_ELEMENT,
  INDIRECT_CALL_TYPE_MISMATCH,
} from '../numerics.js';
import {
  ArrayRef, StructRef, I31Ref, newArray, newArrayDefault, newStructDefault, refEq, refTest, readSlots, slotsOf,
  arrayElemType,
} from '../../runtime/gc.js';
import { isSubId, registerRecGroup } from '../../syntax/canon.js';
import { EXTERNREF, KIND_FUNC, storageSize } from '../../syntax/types.js';
import { Tag } from '../../runtime/func.js';
import { SIMD_OPS, SIMD_MEMORY_OPS } from '../simd.js';
import { OPS, PREFIX_SIMD } from '../../syntax/opcodes.js';
import { simdName } from './simdops.js';
import { R } from '../../runtime/abi.js';
import type { Memory } from '../../runtime/memory.js';
import type { Table } from '../../runtime/table.js';
import type { AnyFn } from '../../runtime/func.js';
import type { TagInst, Value } from '../../runtime/interface.js';
import { ExnInst } from '../../runtime/exn.js';
import { RuntimeError } from '../../api/errors.js';


/** What a function that was compiled may hold: its entry point and, with tail calls, its step. */
interface Callee {
  type: number;
  fn: AnyFn;
  step?: AnyFn | null;
}

/** call_indirect / return_call_indirect: the table entry at `i`, checked against canonical `type`. */
function callee(elems: Value[], i: number, type: number): Callee {
  const f = elems[i] as Callee | null | undefined;
  if (f === undefined || i >= elems.length) trap(UNDEFINED_ELEMENT);
  if (f === null) trap(UNINITIALIZED_ELEMENT);
  if (f.type !== type && !isSubId(f.type, type)) trap(INDIRECT_CALL_TYPE_MISMATCH);
  return f;
}

// ---- bulk memory: bounds are checked before anything is written ----

function memFill(m: Memory, d: number, val: number, n: number): void {
  if (d + n > m.len) trap(OOB_MEMORY);
  m.u8.fill(val, d, d + n);
}

function memCopy(md: Memory, ms: Memory, d: number, s: number, n: number): void {
  if (d + n > md.len || s + n > ms.len) trap(OOB_MEMORY);
  if (md === ms) md.u8.copyWithin(d, s, s + n);
  else md.u8.set(ms.u8.subarray(s, s + n), d);
}

function memInit(m: Memory, seg: Uint8Array, d: number, s: number, n: number): void {
  if (s + n > seg.length || d + n > m.len) trap(OOB_MEMORY);
  m.u8.set(seg.subarray(s, s + n), d);
}

// ---- tables ----

function tableInit(t: Table, seg: Value[], d: number, s: number, n: number): void {
  if (s + n > seg.length || d + n > t.elems.length) trap(OOB_TABLE);
  const e = t.elems;
  for (let i = 0; i < n; i++) e[d + i] = seg[s + i];
}

function tableCopy(td: Table, ts: Table, d: number, s: number, n: number): void {
  if (d + n > td.elems.length || s + n > ts.elems.length) trap(OOB_TABLE);
  const a = td.elems;
  const b = ts.elems;
  if (a === b && d > s) for (let i = n - 1; i >= 0; i--) a[d + i] = b[s + i];
  else for (let i = 0; i < n; i++) a[d + i] = b[s + i];
}

function tableFill(t: Table, d: number, v: Value, n: number): void {
  if (d + n > t.elems.length) trap(OOB_TABLE);
  const e = t.elems;
  for (let i = 0; i < n; i++) e[d + i] = v;
}

function tableGrow(t: Table, v: Value, n: number): number {
  return t.grow(n, v);
}

// ---- tail calls ----

/** The marker a step function returns to ask its trampoline for a tail call of TC.g with TC.a. */
export const TAIL: object = Object.freeze({ tail: true });
/** The pending tail call: [callee, ...arguments] (the callee first keeps the array generic, so
 * float arguments keep their NaN bits). */
export const TC: { a: unknown[] } = { a: [] };

/** Runs pending tail calls until one returns normally (constant JS stack for chains of them). */
function runTail(): unknown {
  for (;;) {
    const a = TC.a;
    const g = a.shift() as Callee;
    const r = g.step ? g.step(...a) : g.fn(...a);
    if (r !== TAIL) return r;
  }
}

/** A load or store out of bounds (kept out of line: compiled code only says `oob()`). */
function oob(): never {
  trap(OOB_MEMORY);
}

// ---- exceptions ----

/**
 * The tag of JavaScript exceptions seen from wasm: type [externref] -> [], the payload being the
 * thrown value (the JS API's WebAssembly.JSTag should be this tag).
 */
export const JS_TAG: TagInst = new Tag(
  registerRecGroup([{ final: true, supers: [], comp: { kind: KIND_FUNC, params: [EXTERNREF], results: [] } }], 0, [])[0],
);

/** An exception on its way to the handler of frame `target` (legacy delegate, compile/eh.ts). */
class Delegated {
  constructor(readonly e: unknown, readonly target: number) {}
}

function catchable(e: unknown): boolean {
  return !(e instanceof RuntimeError || e instanceof RangeError);
}

/**
 * What the handler of the frame at `index` sees of a thrown value: wasm exceptions as they are,
 * JavaScript exceptions wrapped (catchable by catch_all), and null for traps and stack exhaustion
 * (which wasm cannot catch) and for exceptions delegated past this handler; the handler then
 * rethrows the original.
 */
function caught(e: unknown, index: number): ExnInst | null {
  if (e instanceof Delegated) {
    if (e.target < index) return null;
    e = e.e;
  }
  if (e instanceof ExnInst) return e;
  if (!catchable(e)) return null;
  return new ExnInst([JS_TAG, e], e);
}

/** What a delegating try (frame `index`) throws on to the handler of frame `target`. */
function delegate(e: unknown, target: number, index: number): unknown {
  if (e instanceof Delegated) {
    if (e.target < index) return e; // already passing this handler by
    e = e.e;
  }
  return catchable(e) ? new Delegated(e, target) : e;
}

/** At the exit of a function with delegate: nothing may leave it still wrapped. */
function undelegate(e: unknown): unknown {
  return e instanceof Delegated ? e.e : e;
}

// ---- GC arrays: bulk operations, bounds first ----

function arrayFill(x: ArrayRef | null, d: number, v: unknown[], n: number): void {
  if (x === null) trap(NULL_ARRAY_REFERENCE);
  if (d + n > x.n) trap(OOB_ARRAY);
  const w = v.length - 1;
  for (let i = d; i < d + n; i++) for (let k = 0; k < w; k++) x.a[1 + i * w + k] = v[1 + k];
}

function arrayCopy(dst: ArrayRef | null, d: number, src: ArrayRef | null, s: number, n: number): void {
  if (dst === null || src === null) trap(NULL_ARRAY_REFERENCE);
  if (d + n > dst.n || s + n > src.n) trap(OOB_ARRAY);
  const w = slotsOf(arrayElemType(dst.t));
  if (dst === src && d > s) for (let i = n * w - 1; i >= 0; i--) dst.a[1 + d * w + i] = src.a[1 + s * w + i];
  else for (let i = 0; i < n * w; i++) dst.a[1 + d * w + i] = src.a[1 + s * w + i];
}

function dataSlots(t: number, seg: Uint8Array, s: number, n: number): unknown[] {
  const size = storageSize(t);
  if (s + n * size > seg.length) trap(OOB_MEMORY);
  const out: unknown[] = [null];
  for (let i = 0; i < n; i++) readSlots(t, seg, s + i * size, out);
  return out;
}

function arrayNewData(t: number, seg: Uint8Array, s: number, n: number): ArrayRef {
  return new ArrayRef(t, dataSlots(arrayElemType(t), seg, s, n), n);
}

function arrayNewElem(t: number, seg: Value[], s: number, n: number): ArrayRef {
  if (s + n > seg.length) trap(OOB_TABLE);
  const a: unknown[] = [null];
  for (let i = 0; i < n; i++) a.push(seg[s + i]);
  return new ArrayRef(t, a, n);
}

function arrayInitData(x: ArrayRef | null, seg: Uint8Array, d: number, s: number, n: number): void {
  if (x === null) trap(NULL_ARRAY_REFERENCE);
  if (d + n > x.n) trap(OOB_ARRAY);
  const et = arrayElemType(x.t);
  const slots = dataSlots(et, seg, s, n);
  const w = slotsOf(et);
  for (let i = 0; i < n * w; i++) x.a[1 + d * w + i] = slots[1 + i];
}

function arrayInitElem(x: ArrayRef | null, seg: Value[], d: number, s: number, n: number): void {
  if (x === null) trap(NULL_ARRAY_REFERENCE);
  if (d + n > x.n) trap(OOB_ARRAY);
  if (s + n > seg.length) trap(OOB_TABLE);
  for (let i = 0; i < n; i++) x.a[1 + d + i] = seg[s + i];
}

// ---- the bounds check of compact functions' memory accesses (compile/memops.ts) ----

function checked(m: Memory, a: number, w: number): number {
  if (a > m.len - w) trap(OOB_MEMORY);
  return a;
}
/** Address of a 64-bit operand as a double; beyond 2^53 it stays far beyond any bound. */
function u64(lo: number, hi: number): number {
  return (hi >>> 0) * 4294967296 + (lo >>> 0);
}

/** SIMD helpers bound by opcode id (compile/simdops.ts). */
const simd: Record<string, unknown> = {};
for (const [name, fn] of [...SIMD_OPS, ...SIMD_MEMORY_OPS]) {
  const op = OPS.find((o) => o.name === name && o.prefix === PREFIX_SIMD);
  if (op) simd[simdName(op.id)] = fn;
}

export const HELPERS: Record<string, unknown> = {
  ...simd,
  /** The zero v128 (v128 values are never mutated, so one can be shared). */
  V128_ZERO: new Uint8Array(16),
  ...N,
  R, TAIL, TC, runTail, callee, u64, oob, ExnInst, caught, delegate, undelegate,
  checked,
  StructRef, ArrayRef, I31Ref, newStructDefault, newArray, newArrayDefault, refTest, refEq,
  arrayFill, arrayCopy, arrayNewData, arrayNewElem, arrayInitData, arrayInitElem,
  EMPTY_DATA: new Uint8Array(0),
  EMPTY_ELEM: Object.freeze([]) as unknown as Value[],
  memFill, memCopy, memInit, tableInit, tableCopy, tableFill, tableGrow,
  // Bound to constants: shorter code than Math.x, and no global lookup per call for interpreters
  // (optimising compilers still recognise the builtin from the call's feedback).
  imul: Math.imul, clz32: Math.clz32, fround: Math.fround, sqrt: Math.sqrt,
};
