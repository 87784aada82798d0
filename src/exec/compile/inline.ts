// Which calls are compiled inline. JS engines inline small callees only within a budget per
// function (V8: under a kilobyte of bytecode in all), so in call-heavy code — a hash round calling
// its rotate and mix helpers dozens of times — most calls stay real calls with their argument
// passing and the reload of memory views after them. Small straight-line wasm functions are
// therefore expanded at their call sites by the compiler itself: their instructions are translated
// in place with their locals renamed to fresh locals of the caller. Straight-line means no control
// instructions and no calls, so the callee's semantics (including traps and their order) are
// exactly those of the expansion.

import { Reader } from '../../binary/reader.js';
import { Instr, readInstr } from '../../binary/instr.js';
import type { Module } from '../../syntax/module.js';
import type { TypeSpace } from '../../binary/valtype.js';

/** The largest body (in bytes of code) expanded inline. */
const MAX_INLINE_BYTES = 96;
/** The most locals (params included) an inlined callee may have. */
const MAX_INLINE_LOCALS = 12;

const NOT_INLINABLE = new Set([
  'unreachable', 'block', 'loop', 'if', 'else', 'br', 'br_if', 'br_table', 'return', 'call', 'call_indirect',
  'return_call', 'return_call_indirect', 'call_ref', 'return_call_ref', 'try', 'try_table', 'throw', 'throw_ref',
  'rethrow', 'delegate', 'catch', 'catch_all', 'br_on_null', 'br_on_non_null', 'br_on_cast', 'br_on_cast_fail',
  'memory.grow',
]);

const verdicts = new WeakMap<Module, Int8Array>();
const scratch = new Instr();

/** Whether defined function `f` of `m` is small and straight-line (cached per module). */
export function inlinable(m: Module, f: number): boolean {
  if (f < m.numImportedFuncs) return false;
  let v = verdicts.get(m);
  if (!v) verdicts.set(m, (v = new Int8Array(m.funcs.length)));
  if (v[f] === 0) v[f] = scan(m, f) ? 1 : -1;
  return v[f] === 1;
}

function scan(m: Module, f: number): boolean {
  const body = m.codes[f - m.numImportedFuncs];
  if (body.end - body.start > MAX_INLINE_BYTES) return false;
  const ft = m.typeDefs[m.funcs[f]].comp;
  if (ft.kind !== 0x60 || ft.params.length + body.locals.length > MAX_INLINE_LOCALS) return false;
  const r = new Reader(m.bytes, body.start, body.end);
  const space = { map: m.types, count: m.types.length };
  while (!r.eof()) {
    readInstr(r, scratch, space);
    const name = scratch.op.name;
    if (name === 'end') return r.pos === body.end;
    if (NOT_INLINABLE.has(name) || scratch.op.prefix === 0xfd || scratch.op.prefix === 0xfb) return false;
  }
  return false;
}

/** The local indices a body assigns (local.set / local.tee). */
export function writtenLocals(m: Module, start: number, end: number, space: TypeSpace): Set<number> {
  const out = new Set<number>();
  const r = new Reader(m.bytes, start, end);
  const ins = new Instr();
  while (!r.eof()) {
    readInstr(r, ins, space);
    if (ins.op.name === 'local.set' || ins.op.name === 'local.tee') out.add(ins.a);
  }
  return out;
}

// ---- which calls may replace a memory's buffer ----
// After a call, compiled code re-reads its memory views, since the callee may have grown memory.
// A callee that never executes memory.grow and only calls such callees (no imports, no indirect
// calls) cannot, so the reload is skipped. The search is bounded; beyond the bound it answers yes.

const GROWS = new Set(['memory.grow', 'call_indirect', 'return_call_indirect', 'call_ref', 'return_call_ref']);
const growVerdicts = new WeakMap<Module, Int8Array>();
const SCAN_BUDGET = 1 << 16;

/** Whether calling function `f` of `m` may replace the buffer of one of its memories. */
export function mayGrowMemory(m: Module, f: number): boolean {
  let v = growVerdicts.get(m);
  if (!v) growVerdicts.set(m, (v = new Int8Array(m.funcs.length)));
  const budget = { left: SCAN_BUDGET };
  return grows(m, f, v, budget);
}

function grows(m: Module, f: number, v: Int8Array, budget: { left: number }): boolean {
  if (f < m.numImportedFuncs) return true;
  if (v[f] !== 0) return v[f] !== -1; // 1 yes, -1 no, 2 being scanned
  const body = m.codes[f - m.numImportedFuncs];
  budget.left -= body.end - body.start;
  if (budget.left < 0) return true; // undecided: not cached, so a later query may decide
  v[f] = 2;
  const r = new Reader(m.bytes, body.start, body.end);
  const space = { map: m.types, count: m.types.length };
  const ins = new Instr();
  let yes = false;
  while (!r.eof() && !yes) {
    readInstr(r, ins, space);
    const name = ins.op.name;
    if (GROWS.has(name)) yes = true;
    else if ((name === 'call' || name === 'return_call') && grows(m, ins.a, v, budget)) yes = true;
  }
  // A callee still being scanned (recursion) counts as "yes": conservative, never wrong.
  v[f] = yes ? 1 : -1;
  return yes;
}
