// Function-body validation (spec 3.4 "Instructions", algorithm of the appendix "Validation
// Algorithm"): one pass over the body's bytes (body-read.ts in front of binary/instr.ts), an
// operand stack of numeric types in a typed array, control frames and the initialisation status of
// non-defaultable locals (state.ts). Control,
// variables, calls, memories, tables and exceptions are typed here; references and GC in
// body-ref.ts.

import type { Module } from '../syntax/module.js';
import {
  type ValType, type FuncType, type TableType, I32, I64, V128, FUNCREF, EXNREF, KIND_FUNC,
  refType, isNumeric, EXN,
} from '../syntax/types.js';
import { nextInstr } from './body-read.js';
import { emptyModule } from '../binary/decode.js';
import { BLOCK_EMPTY } from '../binary/valtype.js';
import { matchValType, matchResultType } from './match.js';
import {
  FuncState, BOT, EMPTY, typeName,
  K_BLOCK, K_LOOP, K_IF, K_ELSE, K_TRY, K_CATCH, K_CATCH_ALL, K_TRY_TABLE,
} from './state.js';
import * as H from './handlers.js';
import { HANDLER, H_LOCAL_GET, H_FIXED, H_MEM, H_LOCAL_SET, H_LOCAL_TEE } from './handlers.js';
import { validateRefInstr } from './body-ref.js';
import { runBodies } from './body-fast.js';

const state = new FuncState();
const singletons = new Map<ValType, readonly ValType[]>();

function singleton(t: ValType): readonly ValType[] {
  let a = singletons.get(t);
  if (a === undefined) singletons.set(t, (a = [t]));
  return a;
}

/** The function type at module-local type index `x` (call_indirect/call_ref immediates are unchecked). */
export function funcTypeOf(st: FuncState, x: number): FuncType {
  if (x >= st.m.types.length) st.fail(`unknown type ${x}`);
  const c = st.m.typeDefs[x].comp;
  if (c.kind !== KIND_FUNC) st.fail(`type mismatch: type ${x} is not a function type`);
  return c;
}

function tableOf(st: FuncState, x: number): TableType {
  if (x >= st.m.tables.length) st.fail(`unknown table ${x}`);
  return st.m.tables[x].type;
}

function memAddr(st: FuncState, x: number): ValType {
  if (x >= st.m.memories.length) st.fail(`unknown memory ${x}`);
  return st.m.memories[x].limits.addr64 ? I64 : I32;
}

/** Label and result types of the block type last given to blockType (module-level: no allocation). */
let btStart: readonly ValType[] = EMPTY;
let btEnd: readonly ValType[] = EMPTY;
/** Resolves a block type of readBlockType into btStart/btEnd. */
function blockType(st: FuncState, bt: number): void {
  if (bt === BLOCK_EMPTY) {
    btStart = EMPTY;
    btEnd = EMPTY;
  } else if (bt >= 0) {
    btStart = EMPTY;
    btEnd = singleton(bt);
  } else {
    const f = funcTypeOf(st, -2 - bt);
    btStart = f.params;
    btEnd = f.results;
  }
}

/** Validates the body of function `funcIndex` (a defined function) of `m`. */
export function validateFunction(m: Module, funcIndex: number): void {
  validateFunctions(m, funcIndex, funcIndex + 1);
}

/** Code bytes validated per call of the main loop (see validateFunctions). */
const CHUNK_BYTES = 1 << 17;

/**
 * Validates the bodies of functions first..last-1 (defined functions) of `m`, calling the main
 * loop once per CHUNK_BYTES of code: a call that starts after V8 has finished optimising the
 * loop (in the background) enters the optimised code at once, where one long call would go on in
 * the interpreter until an on-stack replacement is compiled for it too.
 */
export function validateFunctions(m: Module, first: number, last: number, st: FuncState = state): void {
  try {
    const codes = m.codes;
    const base = m.numImportedFuncs;
    let from = first;
    while (from < last) {
      let to = from;
      let bytes = 0;
      while (to < last && bytes < CHUNK_BYTES) {
        const c = codes[to - base];
        bytes += c === undefined ? 0 : c.end - c.start;
        to++;
      }
      runBodies(st, m, from, to);
      from = to;
    }
  } finally {
    // The state outlives the call: let go of the module, so that the bytes of a refused module
    // (WebAssembly.validate returning false) are not kept alive until the next validation.
    st.m = NO_MODULE;
    st.r.bytes = NO_MODULE.bytes;
    st.ins.bytes = null;
    st.space.map = null;
  }
}

const NO_MODULE = emptyModule(new Uint8Array(0));

/** Sets up the state for the body of function `funcIndex`: its reader, locals and outermost frame. */
export function beginBody(st: FuncState, m: Module, funcIndex: number): void {
  const code = m.codes[funcIndex - m.numImportedFuncs];
  if (code === undefined) throw new RangeError(`function ${funcIndex} has no body to validate`);
  st.m = m;
  st.func = funcIndex;
  const r = st.r;
  r.bytes = m.bytes;
  r.pos = code.start;
  r.end = code.end;
  st.space.map = m.types;
  st.space.count = m.types.length;
  const ft = funcTypeOf(st, m.funcs[funcIndex]);
  st.returns = ft.results;
  st.setLocals(ft.params, code.locals);
  st.sp = 0;
  st.depth = 0;
  st.pushCtrl(K_BLOCK, EMPTY, ft.results);
}

/** After the outermost frame has ended: nothing may follow in the body. */
export function endBody(st: FuncState): void {
  const r = st.r;
  if (r.pos !== r.end) st.fail('operators remaining after the end of the function', r.pos);
}

/**
 * Validates the one instruction at st.r.pos through the generic path (nextInstr and the handler
 * rules): everything the fast loop of body-fast.ts does not take, and every error.
 */
export function step(st: FuncState): void {
  const r = st.r;
  const ins = st.ins;
  if (r.pos >= r.end) st.fail('unexpected end of section or function (END opcode expected)', r.pos);
  nextInstr(r, ins, st.space);
  const op = ins.op;
  const h = HANDLER[op.id];
  if (h === H_LOCAL_GET) {
    const x = ins.a;
    if (x >= st.numLocals) st.fail(`unknown local ${x}`);
    if (st.localInit[x] === 0) st.fail(`uninitialized local ${x}`);
    st.push(st.localTypes[x]);
  } else if (h === H_FIXED) {
    const ps = op.params!;
    if (ps.length !== 0) st.popAll(ps);
    st.pushAll(op.results!);
  } else if (h === H_MEM) {
    const at = memAddr(st, ins.a);
    if (ins.align > op.align) st.fail('alignment must not be larger than natural');
    if (at === I32 && ins.offset > 0xffffffff) st.fail('offset out of range');
    if (op.imm === 'memlane' && ins.c >= op.width) st.fail(`invalid lane index ${ins.c}`);
    st.popAll(op.params!);
    st.popExpect(at);
    st.pushAll(op.results!);
  } else if (h === H_LOCAL_SET || h === H_LOCAL_TEE) {
    const t = st.localType(ins.a);
    st.popExpect(t);
    st.setLocal(ins.a);
    if (h === H_LOCAL_TEE) st.push(t);
  } else validateOther(st, h);
}

function validateOther(st: FuncState, h: number): void {
  const ins = st.ins;
  const m = st.m;
  const op = ins.op;
  switch (h) {
    case H.H_END: {
      const top = st.depth - 1;
      const end = st.ends[top];
      // An `if` without `else` has an empty else branch: its inputs must already be its outputs.
      if (st.kind[top] === K_IF && !matchResultType(st.starts[top], end)) {
        st.fail('type mismatch: if without else must not change the stack types');
      }
      st.popCtrl();
      st.pushAll(end);
      return;
    }
    case H.H_LANE: {
      if (ins.a >= op.width) st.fail(`invalid lane index ${ins.a}`);
      st.popAll(op.params!);
      st.push(op.results![0]);
      return;
    }
    case H.H_SHUFFLE:
      for (let i = 0; i < 16; i++) if (ins.bytes![i] >= 32) st.fail(`invalid lane index ${ins.bytes![i]}`);
      st.popExpect(V128);
      st.popExpect(V128);
      st.push(V128);
      return;
    case H.H_UNREACHABLE:
      st.unreachable();
      return;
    case H.H_BLOCK: case H.H_LOOP: case H.H_TRY:
      blockType(st, ins.a);
      st.popAll(btStart);
      st.pushCtrl(h === H.H_BLOCK ? K_BLOCK : h === H.H_LOOP ? K_LOOP : K_TRY, btStart, btEnd);
      return;
    case H.H_IF:
      blockType(st, ins.a);
      st.popExpect(I32);
      st.popAll(btStart);
      st.pushCtrl(K_IF, btStart, btEnd);
      return;
    case H.H_ELSE: {
      const top = st.depth - 1;
      if (st.kind[top] !== K_IF) st.fail('else without matching if');
      reopen(st, K_ELSE);
      st.pushAll(st.starts[top]);
      return;
    }
    case H.H_BR:
      st.popAll(st.label(ins.a));
      st.unreachable();
      return;
    case H.H_BR_IF: {
      const lt = st.label(ins.a);
      st.popExpect(I32);
      st.popAll(lt);
      st.pushAll(lt);
      return;
    }
    case H.H_BR_TABLE: {
      st.popExpect(I32);
      const labels = ins.labels;
      const def = st.label(labels[labels.length - 1]);
      for (let i = 0; i < labels.length - 1; i++) {
        const lt = st.label(labels[i]);
        if (lt.length !== def.length) st.fail('type mismatch: br_table targets have different arities');
        st.peekAll(lt);
      }
      st.popAll(def);
      st.unreachable();
      return;
    }
    case H.H_RETURN:
      st.popAll(st.returns);
      st.unreachable();
      return;
    case H.H_CALL: case H.H_RETURN_CALL: {
      if (ins.a >= m.funcs.length) st.fail(`unknown function ${ins.a}`);
      call(st, funcTypeOf(st, m.funcs[ins.a]), h === H.H_RETURN_CALL);
      return;
    }
    case H.H_CALL_INDIRECT: case H.H_RETURN_CALL_INDIRECT: {
      const t = tableOf(st, ins.b);
      if (!matchValType(t.elem, FUNCREF)) st.fail(`type mismatch: call_indirect on a table of ${typeName(t.elem)}`);
      const f = funcTypeOf(st, ins.a);
      st.popExpect(t.limits.addr64 ? I64 : I32);
      call(st, f, h === H.H_RETURN_CALL_INDIRECT);
      return;
    }
    case H.H_CALL_REF: case H.H_RETURN_CALL_REF: {
      const f = funcTypeOf(st, ins.a);
      st.popExpect(refType(m.types[ins.a], true));
      call(st, f, h === H.H_RETURN_CALL_REF);
      return;
    }
    case H.H_DROP:
      st.pop();
      return;
    case H.H_SELECT: {
      st.popExpect(I32);
      const t1 = st.pop();
      const t2 = st.pop();
      if (!((num(t1) && num(t2)) || (vec(t1) && vec(t2))) || (t1 !== t2 && t1 !== BOT && t2 !== BOT)) {
        st.fail(`type mismatch: select operands ${typeName(t2)} and ${typeName(t1)} (references need a typed select)`);
      }
      st.push(t1 === BOT ? t2 : t1);
      return;
    }
    case H.H_SELECT_T: {
      if (ins.types.length !== 1) st.fail('invalid result arity');
      const t = ins.types[0];
      st.popExpect(I32);
      st.popExpect(t);
      st.popExpect(t);
      st.push(t);
      return;
    }
    case H.H_GLOBAL_GET: case H.H_GLOBAL_SET: {
      if (ins.a >= m.globals.length) st.fail(`unknown global ${ins.a}`);
      const g = m.globals[ins.a].type;
      if (h === H.H_GLOBAL_GET) st.push(g.type);
      else {
        if (!g.mutable) st.fail(`immutable global ${ins.a}: global is immutable`);
        st.popExpect(g.type);
      }
      return;
    }
    case H.H_MEMORY_SIZE:
      st.push(memAddr(st, ins.a));
      return;
    case H.H_MEMORY_GROW: {
      const at = memAddr(st, ins.a);
      st.popExpect(at);
      st.push(at);
      return;
    }
    case H.H_MEMORY_FILL: {
      const at = memAddr(st, ins.a);
      st.popExpect(at);
      st.popExpect(I32);
      st.popExpect(at);
      return;
    }
    case H.H_MEMORY_COPY: {
      const dst = memAddr(st, ins.a);
      const src = memAddr(st, ins.b);
      st.popExpect(dst === I32 || src === I32 ? I32 : I64);
      st.popExpect(src);
      st.popExpect(dst);
      return;
    }
    case H.H_MEMORY_INIT: {
      const at = memAddr(st, ins.b);
      st.data(ins.a);
      st.popExpect(I32);
      st.popExpect(I32);
      st.popExpect(at);
      return;
    }
    case H.H_DATA_DROP:
      st.data(ins.a);
      return;
    default:
      if (h >= H.H_TABLE_INIT && h <= H.H_TABLE_FILL || h === H.H_TABLE_GET || h === H.H_TABLE_SET) tableInstr(st, h);
      else if (h >= H.H_TRY && h <= H.H_TRY_TABLE) exceptionInstr(st, h);
      else validateRefInstr(st);
  }
}

const num = (t: ValType): boolean => t === BOT || isNumeric(t);
const vec = (t: ValType): boolean => t === BOT || t === V128;

/** Pops a call's arguments and pushes its results; a tail call instead ends the block. */
function call(st: FuncState, f: FuncType, tail: boolean): void {
  st.popAll(f.params);
  if (!tail) {
    st.pushAll(f.results);
    return;
  }
  if (!matchResultType(f.results, st.returns)) {
    st.fail('type mismatch: tail call results do not match the function results');
  }
  st.unreachable();
}

/**
 * Closes the top frame's current arm (else, legacy catch): its results must be on the stack, and
 * the arm that follows starts afresh at the frame's height with the locals state of the frame.
 */
function reopen(st: FuncState, kind: number): void {
  const top = st.depth - 1;
  const sp0 = st.sp;
  st.popAll(st.ends[top], 'block');
  if (st.sp !== st.height[top]) st.requires(st.ends[top], sp0, 'block', st.height[top]);
  st.resetLocals(st.initHeight[top]);
  st.kind[top] = kind;
  st.revive();
}

function tableInstr(st: FuncState, h: number): void {
  const ins = st.ins;
  switch (h) {
    case H.H_TABLE_GET: case H.H_TABLE_SET: case H.H_TABLE_SIZE: case H.H_TABLE_GROW: case H.H_TABLE_FILL: {
      const t = tableOf(st, ins.a);
      const at = t.limits.addr64 ? I64 : I32;
      if (h === H.H_TABLE_GET) {
        st.popExpect(at);
        st.push(t.elem);
      } else if (h === H.H_TABLE_SET) {
        st.popExpect(t.elem);
        st.popExpect(at);
      } else if (h === H.H_TABLE_SIZE) {
        st.push(at);
      } else if (h === H.H_TABLE_GROW) {
        st.popExpect(at);
        st.popExpect(t.elem);
        st.push(at);
      } else {
        st.popExpect(at);
        st.popExpect(t.elem);
        st.popExpect(at);
      }
      return;
    }
    case H.H_TABLE_COPY: {
      const dst = tableOf(st, ins.a);
      const src = tableOf(st, ins.b);
      if (!matchValType(src.elem, dst.elem)) {
        st.fail(`type mismatch: table.copy from ${typeName(src.elem)} to ${typeName(dst.elem)}`);
      }
      const a1 = dst.limits.addr64 ? I64 : I32;
      const a2 = src.limits.addr64 ? I64 : I32;
      st.popExpect(a1 === I32 || a2 === I32 ? I32 : I64);
      st.popExpect(a2);
      st.popExpect(a1);
      return;
    }
    case H.H_TABLE_INIT: {
      const t = tableOf(st, ins.b);
      const e = st.elemType(ins.a);
      if (!matchValType(e, t.elem)) st.fail(`type mismatch: table.init of ${typeName(e)} into ${typeName(t.elem)}`);
      st.popExpect(I32);
      st.popExpect(I32);
      st.popExpect(t.limits.addr64 ? I64 : I32);
      return;
    }
    case H.H_ELEM_DROP:
      st.elemType(ins.a);
      return;
  }
}

function tagParams(st: FuncState, x: number): readonly ValType[] {
  if (x >= st.m.tags.length) st.fail(`unknown tag ${x}`);
  return funcTypeOf(st, st.m.tags[x].typeIndex).params;
}

const REF_EXN = refType(EXN, false);

/** Does [ts (ref exn)?] match label l's types (a try_table catch clause)? */
function catchMatches(st: FuncState, ts: readonly ValType[], withRef: boolean, l: number): boolean {
  const lt = st.label(l);
  const n = ts.length + (withRef ? 1 : 0);
  if (lt.length !== n) return false;
  for (let i = 0; i < ts.length; i++) if (!matchValType(ts[i], lt[i])) return false;
  return !withRef || matchValType(REF_EXN, lt[n - 1]);
}

function exceptionInstr(st: FuncState, h: number): void {
  const ins = st.ins;
  switch (h) {
    case H.H_THROW:
      st.popAll(tagParams(st, ins.a));
      st.unreachable();
      return;
    case H.H_THROW_REF:
      st.popExpect(EXNREF);
      st.unreachable();
      return;
    case H.H_TRY_TABLE: {
      blockType(st, ins.a);
      const start = btStart;
      const end = btEnd;
      st.popAll(start);
      for (const c of ins.catches) {
        const ts = c.kind < 2 ? tagParams(st, c.tag) : EMPTY;
        if (!catchMatches(st, ts, (c.kind & 1) === 1, c.label)) {
          st.fail(`type mismatch: catch clause does not match the types of label ${c.label}`);
        }
      }
      st.pushCtrl(K_TRY_TABLE, start, end);
      return;
    }
    case H.H_CATCH: {
      const top = st.depth - 1;
      const k = st.kind[top];
      if (k !== K_TRY && k !== K_CATCH) st.fail(k === K_CATCH_ALL ? 'catch after catch_all' : 'catch without matching try');
      const ts = tagParams(st, ins.a);
      reopen(st, K_CATCH);
      st.pushAll(ts);
      return;
    }
    case H.H_CATCH_ALL: {
      const top = st.depth - 1;
      const k = st.kind[top];
      if (k !== K_TRY && k !== K_CATCH) st.fail(k === K_CATCH_ALL ? 'duplicate catch_all' : 'catch_all without matching try');
      reopen(st, K_CATCH_ALL);
      return;
    }
    case H.H_DELEGATE: {
      const top = st.depth - 1;
      if (st.kind[top] !== K_TRY) st.fail('delegate without matching try');
      const end = st.ends[top];
      st.popCtrl();
      // The target label is counted from outside the try block.
      if (ins.a >= st.depth) st.fail(`unknown label ${ins.a}`);
      st.pushAll(end);
      return;
    }
    case H.H_RETHROW: {
      if (ins.a >= st.depth) st.fail(`unknown label ${ins.a}`);
      const k = st.kind[st.depth - 1 - ins.a];
      if (k !== K_CATCH && k !== K_CATCH_ALL) st.fail(`invalid rethrow label ${ins.a}`);
      st.unreachable();
      return;
    }
  }
}
