// Memory and table instructions. A load or store checks its effective address once against the
// memory's current byte length (`ln<m>`, re-read after anything that may grow it) and then uses
// the DataView `dv<m>`; the check comes first, so a trapping store writes nothing. Addresses of
// 64-bit memories/tables are doubles (exact to 2^53, and anything above is out of bounds anyway).
// Bulk operations call helpers that check all bounds before writing.

import type { Instr } from '../../binary/instr.js';
import { I32, I64, F32, F64 } from '../../syntax/types.js';
import { OOB_TABLE } from '../numerics.js';
import type { Entry, FuncCompiler } from './body.js';

type Emit = (c: FuncCompiler, ins: Instr) => void;
export const MEMORY = new Map<string, Emit>();

/** An address/length operand as a non-negative double. */
function num(c: FuncCompiler, x: Entry): string {
  return x.t === I64 ? `${c.use('u64')}(${x.e}, ${x.h})` : `(${x.e} >>> 0)`;
}

/** The effective address of access `ins` at operand x (a double; > 2^53 only when out of bounds). */
function effectiveAddress(ins: Instr, x: Entry): string {
  const lit = /^\(?(-?\d+)\)?$/.exec(x.e);
  if (x.t !== I64 && lit) return `${(Number(lit[1]) >>> 0) + (ins.offset === Infinity ? 2 ** 64 : ins.offset)}`;
  const base = x.t === I64 ? `(${x.h} >>> 0) * 4294967296 + (${x.e} >>> 0)` : `(${x.e} >>> 0)`;
  return ins.offset === 0 ? base : `${base} + ${ins.offset === Infinity ? 'Infinity' : ins.offset}`;
}

/** Emits the bounds check of an access of `width` bytes; leaves the effective address in A. */
export function address(c: FuncCompiler, ins: Instr, x: Entry, width: number): string {
  const ea = effectiveAddress(ins, x);
  if (c.compact) {
    const { M } = c.memory(ins.a);
    c.emit(`A = ${c.use('checked')}(${M}, ${ea}, ${width});`);
    return `${M}.dv`;
  }
  const { dv } = c.memory(ins.a);
  c.emit(`if ((A = ${ea}) > ${c.memoryLimit(ins.a, width)}) ${c.use('oob')}();`);
  return dv;
}

// In compact functions (too big for the optimising JIT, see body.ts) the check is a helper call
// and the access goes through the memory's own views (no locals to reload).

function load(name: string, t: number, width: number, get: (dv: string, c: FuncCompiler, ins: Instr) => string, hi: ((s: string) => string) | null): void {
  MEMORY.set(name, (c, ins) => {
    const x = c.pop();
    const dv = address(c, ins, x, width);
    const [s, h] = c.target(t);
    c.emit(`${s} = ${get(dv, c, ins)};`);
    if (hi) c.emit(`${h} = ${hi(s)};`);
  });
}
const sext = (s: string): string => `${s} >> 31`;
const zero = (): string => '0';
load('i32.load', I32, 4, (dv) => `${dv}.getInt32(A, true)`, null);
// Single bytes come from the Uint8Array view: an indexed load is cheaper than a DataView call,
// above all for interpreters, and needs no alignment.
const byte = (c: FuncCompiler, ins: Instr): string => `${c.compact ? `${c.memory(ins.a).M}.u8` : c.byteView(ins.a)}[A]`;
load('i32.load8_s', I32, 1, (_dv, c, ins) => `(${byte(c, ins)} << 24) >> 24`, null);
load('i32.load8_u', I32, 1, (_dv, c, ins) => byte(c, ins), null);
load('i32.load16_s', I32, 2, (dv) => `${dv}.getInt16(A, true)`, null);
load('i32.load16_u', I32, 2, (dv) => `${dv}.getUint16(A, true)`, null);
load('i64.load8_s', I64, 1, (_dv, c, ins) => `(${byte(c, ins)} << 24) >> 24`, sext);
load('i64.load8_u', I64, 1, (_dv, c, ins) => byte(c, ins), zero);
load('i64.load16_s', I64, 2, (dv) => `${dv}.getInt16(A, true)`, sext);
load('i64.load16_u', I64, 2, (dv) => `${dv}.getUint16(A, true)`, zero);
load('i64.load32_s', I64, 4, (dv) => `${dv}.getInt32(A, true)`, sext);
load('i64.load32_u', I64, 4, (dv) => `${dv}.getInt32(A, true)`, zero);
load('f64.load', F64, 8, (dv) => `${dv}.getFloat64(A, true)`, null);
// An f32 NaN must keep its signalling bit: NaNs are rebuilt from the bits (numerics' carrier).
load('f32.load', F32, 4, (dv, c) => `(X = ${dv}.getFloat32(A, true)) === X ? X : ${c.use('f32FromBits')}(${dv}.getInt32(A, true))`, null);
// i64.load reads two words.
MEMORY.set('i64.load', (c, ins) => {
  const x = c.pop();
  const dv = address(c, ins, x, 8);
  const [s, h] = c.target(I64);
  c.emit(`${s} = ${dv}.getInt32(A, true); ${h} = ${dv}.getInt32(A + 4, true);`);
});

function store(name: string, width: number, set: (dv: string, v: Entry, c: FuncCompiler, ins: Instr) => string): void {
  MEMORY.set(name, (c, ins) => {
    const v = c.pop();
    const x = c.pop();
    const dv = address(c, ins, x, width);
    c.emit(set(dv, v, c, ins));
  });
}
store('i32.store', 4, (dv, v) => `${dv}.setInt32(A, ${v.e}, true);`);
store('i32.store8', 1, (_dv, v, c, ins) => `${byte(c, ins)} = ${v.e};`);
store('i32.store16', 2, (dv, v) => `${dv}.setInt16(A, ${v.e}, true);`);
store('i64.store', 8, (dv, v) => `${dv}.setInt32(A, ${v.e}, true); ${dv}.setInt32(A + 4, ${v.h}, true);`);
store('i64.store8', 1, (_dv, v, c, ins) => `${byte(c, ins)} = ${v.e};`);
store('i64.store16', 2, (dv, v) => `${dv}.setInt16(A, ${v.e}, true);`);
store('i64.store32', 4, (dv, v) => `${dv}.setInt32(A, ${v.e}, true);`);
store('f64.store', 8, (dv, v) => `${dv}.setFloat64(A, ${v.e}, true);`);
store('f32.store', 4, (dv, v, c) =>
  `X = ${v.e}; if (X === X) ${dv}.setFloat32(A, X, true); else ${dv}.setInt32(A, ${c.use('f32ToBits')}(X), true);`);

function is64(c: FuncCompiler, m: number): boolean {
  return c.mod.memories[m].limits.addr64;
}
function pageBytes(c: FuncCompiler, m: number): number {
  return 2 ** c.mod.memories[m].limits.pageSizeLog2;
}

MEMORY.set('memory.size', (c, ins) => {
  const { ln } = c.memory(ins.a);
  const e = `(${ln} / ${pageBytes(c, ins.a)})`;
  if (is64(c, ins.a)) c.push(I64, e, '0');
  else c.push(I32, e);
});
MEMORY.set('memory.grow', (c, ins) => {
  const x = c.pop();
  c.flushForCall();
  const { M } = c.memory(ins.a);
  const [s, h] = c.target(is64(c, ins.a) ? I64 : I32);
  c.emit(`${s} = ${M}.grow(${num(c, x)});`);
  if (is64(c, ins.a)) c.emit(`${h} = ${s} >> 31;`);
  c.reloadMemories();
});
MEMORY.set('memory.fill', (c, ins) => {
  const [d, v, n] = c.popN(3);
  const { M } = c.memory(ins.a);
  c.emit(`${c.use('memFill')}(${M}, ${num(c, d)}, ${v.e}, ${num(c, n)});`);
});
MEMORY.set('memory.copy', (c, ins) => {
  const [d, s, n] = c.popN(3);
  const md = c.memory(ins.a).M;
  const ms = c.memory(ins.b).M;
  c.emit(`${c.use('memCopy')}(${md}, ${ms}, ${num(c, d)}, ${num(c, s)}, ${num(c, n)});`);
});
MEMORY.set('memory.init', (c, ins) => {
  const [d, s, n] = c.popN(3);
  const { M } = c.memory(ins.b);
  c.emit(`${c.use('memInit')}(${M}, ${c.bind('D')}[${ins.a}], ${num(c, d)}, ${num(c, s)}, ${num(c, n)});`);
});
MEMORY.set('data.drop', (c, ins) => {
  c.emit(`${c.bind('D')}[${ins.a}] = ${c.use('EMPTY_DATA')};`);
});

// ---- tables: elements are boxed references in `elems` ----

function tableIs64(c: FuncCompiler, t: number): boolean {
  return c.mod.tables[t].type.limits.addr64;
}

MEMORY.set('table.get', (c, ins) => {
  const x = c.pop();
  const T = c.bind(`T${ins.a}`);
  c.emit(`if ((A = ${num(c, x)}) >= ${T}.elems.length) ${c.trap(OOB_TABLE)}`);
  const [s] = c.target(0x100);
  c.emit(`${s} = ${T}.elems[A];`);
});
MEMORY.set('table.set', (c, ins) => {
  const [x, v] = c.popN(2);
  const T = c.bind(`T${ins.a}`);
  c.emit(`if ((A = ${num(c, x)}) >= ${T}.elems.length) ${c.trap(OOB_TABLE)}`);
  c.emit(`${T}.elems[A] = ${v.e};`);
});
MEMORY.set('table.size', (c, ins) => {
  const e = `${c.bind(`T${ins.a}`)}.elems.length`;
  if (tableIs64(c, ins.a)) c.push(I64, e, '0');
  else c.push(I32, e);
});
MEMORY.set('table.grow', (c, ins) => {
  const [v, n] = c.popN(2);
  c.flushForCall();
  const [s, h] = c.target(tableIs64(c, ins.a) ? I64 : I32);
  c.emit(`${s} = ${c.use('tableGrow')}(${c.bind(`T${ins.a}`)}, ${v.e}, ${num(c, n)});`);
  if (tableIs64(c, ins.a)) c.emit(`${h} = ${s} >> 31;`);
});
MEMORY.set('table.fill', (c, ins) => {
  const [i, v, n] = c.popN(3);
  c.emit(`${c.use('tableFill')}(${c.bind(`T${ins.a}`)}, ${num(c, i)}, ${v.e}, ${num(c, n)});`);
});
MEMORY.set('table.copy', (c, ins) => {
  const [d, s, n] = c.popN(3);
  c.emit(`${c.use('tableCopy')}(${c.bind(`T${ins.a}`)}, ${c.bind(`T${ins.b}`)}, ${num(c, d)}, ${num(c, s)}, ${num(c, n)});`);
});
MEMORY.set('table.init', (c, ins) => {
  const [d, s, n] = c.popN(3);
  c.emit(`${c.use('tableInit')}(${c.bind(`T${ins.b}`)}, ${c.bind('EL')}[${ins.a}], ${num(c, d)}, ${num(c, s)}, ${num(c, n)});`);
});
MEMORY.set('elem.drop', (c, ins) => {
  c.emit(`${c.bind('EL')}[${ins.a}] = ${c.use('EMPTY_ELEM')};`);
});
