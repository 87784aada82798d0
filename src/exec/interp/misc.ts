// Execution of the interpreter's less frequent memory ops (any memory, 64-bit addresses) and of
// the MISC ops (sizes, growth, bulk memory, tables, segments). Bulk operations reuse the compile
// tier's helpers, which check every bound before writing anything.

import type { Module } from '../../syntax/module.js';
import type { Env } from '../compile/index.js';
import { HELPERS } from '../compile/helpers.js';
import { trap, OOB_MEMORY, OOB_TABLE, f32FromBits, f32ToBits } from '../numerics.js';
import type { Memory } from '../../runtime/memory.js';
import type { Global } from '../../runtime/global.js';
import type { Table } from '../../runtime/table.js';
import type { Value } from '../../runtime/interface.js';
import type { Files } from './frame.js';
import type { Code } from './code.js';
import { LOAD_KINDS, STORE_KINDS, MISC_NAMES } from './memops.js';

/** The interpreter's view of an instance. */
export interface IEnv {
  readonly env: Env;
  readonly mod: Module;
  /** Translated code of this instance's functions that run interpreted (null: call through F). */
  readonly direct: (Code | null)[];
  /** env's globals and memory 0 (or null), read by run() on every call. */
  readonly G: Global[];
  readonly M0: Memory | null;
}

interface Bulk {
  memFill(m: Memory, d: number, v: number, n: number): void;
  memCopy(md: Memory, ms: Memory, d: number, s: number, n: number): void;
  memInit(m: Memory, seg: Uint8Array, d: number, s: number, n: number): void;
  tableInit(t: Table, seg: Value[], d: number, s: number, n: number): void;
  tableCopy(td: Table, ts: Table, d: number, s: number, n: number): void;
  tableFill(t: Table, d: number, v: Value, n: number): void;
  EMPTY_DATA: Uint8Array;
  EMPTY_ELEM: Value[];
}
const X = HELPERS as unknown as Bulk;

/** The unsigned value of an address operand: i64 when `wide`. */
function addr(f: Files, s: number, wide: boolean): number {
  return wide ? (f.HI[s] >>> 0) * 4294967296 + (f.I[s] >>> 0) : f.I[s] >>> 0;
}

const WIDTH: Record<string, number> = { load: 4, load8: 1, load16: 2, load32: 4, store: 4, store8: 1, store16: 2, store32: 4 };
function widthOf(name: string): number {
  const [t, op] = name.split('.');
  const base = op.replace(/_[su]$/, '');
  return base === 'load' || base === 'store' ? (t === 'i32' || t === 'f32' ? 4 : 8) : WIDTH[base];
}
const LOAD_WIDTH = LOAD_KINDS.map(widthOf);
const STORE_WIDTH = STORE_KINDS.map(widthOf);

/** [LOAD_ANY, d, a, kind, offset const, memory, 64-bit] */
export function loadAny(ie: IEnv, code: Code, pc: number, fp: number, f: Files): void {
  const ops = code.ops;
  const d = fp + ops[pc + 1];
  const kind = ops[pc + 3];
  const m = ie.env.M[ops[pc + 5]];
  const ea = addr(f, fp + ops[pc + 2], ops[pc + 6] === 1) + code.consts[ops[pc + 4]];
  if (ea > m.len - LOAD_WIDTH[kind]) trap(OOB_MEMORY);
  const dv = m.dv;
  switch (LOAD_KINDS[kind]) {
    case 'i32.load': f.I[d] = dv.getInt32(ea, true); return;
    case 'i32.load8_s': f.I[d] = dv.getInt8(ea); return;
    case 'i32.load8_u': f.I[d] = dv.getUint8(ea); return;
    case 'i32.load16_s': f.I[d] = dv.getInt16(ea, true); return;
    case 'i32.load16_u': f.I[d] = dv.getUint16(ea, true); return;
    case 'i64.load': f.I[d] = dv.getInt32(ea, true); f.HI[d] = dv.getInt32(ea + 4, true); return;
    case 'i64.load8_s': f.I[d] = dv.getInt8(ea); f.HI[d] = f.I[d] >> 31; return;
    case 'i64.load8_u': f.I[d] = dv.getUint8(ea); f.HI[d] = 0; return;
    case 'i64.load16_s': f.I[d] = dv.getInt16(ea, true); f.HI[d] = f.I[d] >> 31; return;
    case 'i64.load16_u': f.I[d] = dv.getUint16(ea, true); f.HI[d] = 0; return;
    case 'i64.load32_s': f.I[d] = dv.getInt32(ea, true); f.HI[d] = f.I[d] >> 31; return;
    case 'i64.load32_u': f.I[d] = dv.getInt32(ea, true); f.HI[d] = 0; return;
    case 'f32.load': f.D[d] = f32FromBits(dv.getInt32(ea, true)); return;
    case 'f64.load': f.D[d] = dv.getFloat64(ea, true); return;
  }
}

/** [STORE_ANY, v, a, kind, offset const, memory, 64-bit] */
export function storeAny(ie: IEnv, code: Code, pc: number, fp: number, f: Files): void {
  const ops = code.ops;
  const v = fp + ops[pc + 1];
  const kind = ops[pc + 3];
  const m = ie.env.M[ops[pc + 5]];
  const ea = addr(f, fp + ops[pc + 2], ops[pc + 6] === 1) + code.consts[ops[pc + 4]];
  if (ea > m.len - STORE_WIDTH[kind]) trap(OOB_MEMORY);
  const dv = m.dv;
  switch (STORE_KINDS[kind]) {
    case 'i32.store': case 'i64.store32': dv.setInt32(ea, f.I[v], true); return;
    case 'i32.store8': case 'i64.store8': dv.setInt8(ea, f.I[v]); return;
    case 'i32.store16': case 'i64.store16': dv.setInt16(ea, f.I[v], true); return;
    case 'i64.store': dv.setInt32(ea, f.I[v], true); dv.setInt32(ea + 4, f.HI[v], true); return;
    case 'f32.store': dv.setInt32(ea, f32ToBits(f.D[v]), true); return;
    case 'f64.store': dv.setFloat64(ea, f.D[v], true); return;
  }
}

/** [MISC, d, which, i64 mask, s0, s1, s2, imm0, imm1] */
export function execMisc(ie: IEnv, ops: Int32Array, pc: number, fp: number, f: Files): void {
  const d = fp + ops[pc + 1];
  const mask = ops[pc + 3];
  const s0 = fp + ops[pc + 4], s1 = fp + ops[pc + 5], s2 = fp + ops[pc + 6];
  const a = ops[pc + 7], b = ops[pc + 8];
  const u = (s: number, i: number): number => addr(f, s, (mask & (1 << i)) !== 0);
  const E = ie.env;
  const wide = (r: number, is64: boolean): void => {
    f.I[d] = r;
    if (is64) f.HI[d] = r >> 31;
  };
  switch (MISC_NAMES[ops[pc + 2]]) {
    case 'memory.size': wide(E.M[a].size(), E.M[a].limits.addr64); return;
    case 'memory.grow': wide(E.M[a].grow(u(s0, 0)), E.M[a].limits.addr64); return;
    case 'memory.fill': X.memFill(E.M[a], u(s0, 0), f.I[s1], u(s2, 2)); return;
    case 'memory.copy': X.memCopy(E.M[a], E.M[b], u(s0, 0), u(s1, 1), u(s2, 2)); return;
    case 'memory.init': X.memInit(E.M[b], E.D[a], u(s0, 0), u(s1, 1), u(s2, 2)); return;
    case 'data.drop': E.D[a] = X.EMPTY_DATA; return;
    case 'table.get': {
      const i = u(s0, 0);
      const t = E.T[a];
      if (i >= t.elems.length) trap(OOB_TABLE);
      f.RF[d] = t.elems[i];
      return;
    }
    case 'table.set': {
      const i = u(s0, 0);
      const t = E.T[a];
      if (i >= t.elems.length) trap(OOB_TABLE);
      t.elems[i] = f.RF[s1] as Value;
      return;
    }
    case 'table.size': wide(E.T[a].elems.length, E.T[a].type.limits.addr64); return;
    case 'table.grow': wide(E.T[a].grow(u(s1, 1), f.RF[s0] as Value), E.T[a].type.limits.addr64); return;
    case 'table.fill': X.tableFill(E.T[a], u(s0, 0), f.RF[s1] as Value, u(s2, 2)); return;
    case 'table.copy': X.tableCopy(E.T[a], E.T[b], u(s0, 0), u(s1, 1), u(s2, 2)); return;
    case 'table.init': X.tableInit(E.T[b], E.EL[a], u(s0, 0), u(s1, 1), u(s2, 2)); return;
    case 'elem.drop': E.EL[a] = X.EMPTY_ELEM; return;
  }
}
