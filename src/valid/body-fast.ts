// The body validator's main loop. Most start-ups validate cold: the code runs in V8's interpreter
// (Ignition) or baseline tier long before — or, under --jitless, without ever — being optimised, and
// there every call and property load costs. So the common instructions are typed right here, on
// the opcode byte, with the operand stack pointer and the frame's floor in locals: `local.get 3`,
// `i32.add`, `i32.load offset=8`, `call 12`, `br_if 0`, `end` (about 90% of real code).
//
// The fast cases take only the plain, valid shape: short LEB128 immediates, operands exactly of the
// wanted type, no subtyping, no Bot, no frame boundary crossed. Anything else — and every error — is
// handed unchanged to the generic `step` (body.ts), which re-reads the instruction from its first
// byte: a fast case changes no state before it has decided to succeed, so both paths agree exactly.

import type { Module } from '../syntax/module.js';
import { type ValType, type FuncType, I32, I64, F32, F64, V128, FUNCREF, KIND_FUNC } from '../syntax/types.js';
import { OPS, BYTE_OPS } from '../syntax/opcodes.js';
import { type FuncState, EMPTY, K_BLOCK, K_LOOP, K_IF, K_ELSE } from './state.js';
import { HANDLER, H_FIXED, H_MEM } from './handlers.js';
import { step, beginBody, endBody } from './body.js';

// What the fast loop does with an opcode byte. A const enum: esbuild inlines the numbers, so the
// switch has literal cases, which Ignition turns into one jump table instead of a chain of compares.
const enum X {
  SLOW, FIXED, CONST, LOCAL_GET, LOCAL_SET, LOCAL_TEE, LOAD, STORE, CALL, BR_IF, BR, END, BLOCK,
  LOOP, IF, GLOBAL_GET, GLOBAL_SET, DROP, SELECT, UNREACHABLE, RETURN, CALL_INDIRECT, BR_TABLE,
  PREFIX_FC, ELSE,
}

const KIND = new Uint8Array(256);
/** Fixed-signature rows: number of params (at most 2), their types, the result (0: none). */
const NP = new Uint8Array(256);
const P0 = new Uint8Array(256);
const P1 = new Uint8Array(256);
const RES = new Uint8Array(256);
/** Loads/stores: the largest valid alignment. Constants: the immediate's LEB128 length limit. */
const ARG = new Uint8Array(256);

const BY_NAME: Record<string, number> = {
  'local.get': X.LOCAL_GET, 'local.set': X.LOCAL_SET, 'local.tee': X.LOCAL_TEE, call: X.CALL,
  br_if: X.BR_IF, br: X.BR, end: X.END, block: X.BLOCK, loop: X.LOOP, if: X.IF,
  'global.get': X.GLOBAL_GET, 'global.set': X.GLOBAL_SET, drop: X.DROP, unreachable: X.UNREACHABLE,
  return: X.RETURN, call_indirect: X.CALL_INDIRECT, br_table: X.BR_TABLE, else: X.ELSE,
};

for (let b = 0; b < 256; b++) {
  const id = BYTE_OPS[b];
  if (id < 0) continue;
  const op = OPS[id];
  const h = HANDLER[id];
  const ps = op.params, rs = op.results;
  if (op.name === 'select' && op.imm === 'none') KIND[b] = X.SELECT;
  else if (BY_NAME[op.name] !== undefined) KIND[b] = BY_NAME[op.name];
  else if (h === H_FIXED && rs!.length === 1 && ps!.length === 0 && op.imm !== 'none') {
    // Constants: LEB128 of at most 4 (i32) or 9 (i64) bytes has no rule on its last byte, one
    // byte more has; f32/f64 take 4/8 bytes as they are.
    KIND[b] = X.CONST;
    RES[b] = rs![0];
    ARG[b] = op.imm === 'i32' ? 4 : op.imm === 'i64' ? 9 : op.imm === 'f32' ? 4 : 8;
    if (op.imm === 'f32' || op.imm === 'f64') NP[b] = 1; // fixed width, not LEB128
  } else if (h === H_FIXED && op.imm === 'none' && ps!.length <= 2 && rs!.length <= 1) {
    KIND[b] = X.FIXED;
    NP[b] = ps!.length;
    P0[b] = ps!.length > 0 ? ps![0] : 0;
    P1[b] = ps!.length > 1 ? ps![1] : 0;
    RES[b] = rs!.length > 0 ? rs![0] : 0;
  } else if (h === H_MEM && op.imm === 'memarg' && ps!.length <= 1 && rs!.length <= 1 && ps!.length + rs!.length === 1) {
    KIND[b] = ps!.length === 0 ? X.LOAD : X.STORE;
    ARG[b] = op.align;
    P0[b] = ps!.length > 0 ? ps![0] : 0;
    RES[b] = rs!.length > 0 ? rs![0] : 0;
  }
}

// The 0xfc prefix: memory.copy and memory.fill (0x0a, 0x0b) of memory 0 are taken here.
KIND[0xfc] = X.PREFIX_FC;

/** Result types of the block types that are one value type (by their byte). */
const BT_RESULTS: (readonly ValType[])[] = [];
for (const t of [I32, I64, F32, F64, V128]) BT_RESULTS[t] = [t];

/**
 * Per module, the function type (null: none, left to `step`) of each function and of each type
 * index. Two maps of plain arrays, not one map of {funcs, types} records: optimised code that reads
 * a record's field depends on the kind of array found there so far, and a module whose arrays
 * differ would throw that code away.
 */
const sigFuncs = new WeakMap<Module, (FuncType | null)[]>();
const sigTypes = new WeakMap<Module, (FuncType | null)[]>();

function computeSigs(m: Module): void {
  const types: (FuncType | null)[] = [];
  for (let i = 0; i < m.types.length; i++) {
    const c = m.typeDefs[i].comp;
    types.push(c.kind === KIND_FUNC ? c : null);
  }
  sigTypes.set(m, types);
  if (sigFuncs.has(m)) return;
  const funcs: (FuncType | null)[] = [];
  for (let i = 0; i < m.funcs.length; i++) {
    const x = m.funcs[i];
    funcs.push(x < types.length ? types[x] : null);
  }
  sigFuncs.set(m, funcs);
}

/** The type of every function of `m`, when module validation has already looked them up. */
export function setFuncSigs(m: Module, funcs: (FuncType | null)[]): void {
  sigFuncs.set(m, funcs);
}

/** Validates the bodies of functions first..last-1 of `m` (defined functions). */
export function runBodies(st: FuncState, m: Module, first: number, last: number): void {
  const bytes = m.bytes;
  const r = st.r;
  if (!sigTypes.has(m)) computeSigs(m);
  const fts = sigFuncs.get(m)!;
  const tts = sigTypes.get(m)!;
  // call_indirect on table 0 is plain when that table is a 32-bit table of exactly funcref.
  const table0 = m.tables.length > 0 && m.tables[0].type.elem === FUNCREF && !m.tables[0].type.limits.addr64;
  const globals = m.globals;
  const mem32 = m.memories.length > 0 && !m.memories[0].limits.addr64;
  let localTypes = st.localTypes;
  let localInit = st.localInit;
  let numLocals = 0;
  let end = 0;
  let pos = 0;
  let sp = 0;
  let floor = 0;
  let vals = st.vals;
  let func = first;
  let begin = true;
  for (;;) {
    if (begin) {
      // The previous body (if any) has ended: on to the next one.
      if (func > first) endBody(st);
      if (func === last) return;
      beginBody(st, m, func++);
      localTypes = st.localTypes;
      localInit = st.localInit;
      numLocals = st.numLocals;
      end = r.end;
      pos = r.pos;
      sp = st.sp;
      floor = st.floor;
      vals = st.vals;
      begin = false;
    }
    const b = bytes[pos];
    const k = KIND[b];
    switch (k) {
      case X.LOCAL_GET: case X.LOCAL_SET: case X.LOCAL_TEE: {
        let x = bytes[pos + 1];
        let n = 2;
        if (x >= 0x80) {
          const y = bytes[pos + 2];
          if (y >= 0x80) break;
          x = (x & 0x7f) | (y << 7);
          n = 3;
        }
        if (pos + n > end || x >= numLocals || localInit[x] === 0) break;
        const t = localTypes[x];
        if (k === X.LOCAL_GET) {
          if (sp === vals.length) break;
          vals[sp++] = t;
        } else {
          if (sp === floor || vals[sp - 1] !== t) break;
          if (k === X.LOCAL_SET) sp--;
        }
        pos += n;
        continue;
      }
      case X.FIXED: {
        const np = NP[b];
        if (sp - floor < np || pos + 1 > end) break;
        if (np === 2) {
          if (vals[sp - 1] !== P1[b] || vals[sp - 2] !== P0[b]) break;
        } else if (np === 1 && vals[sp - 1] !== P0[b]) break;
        const t = RES[b];
        if (t !== 0 && np === 0 && sp === vals.length) break;
        sp -= np;
        if (t !== 0) vals[sp++] = t;
        pos += 1;
        continue;
      }
      case X.CONST: {
        let p = pos + 1;
        const lim = p + ARG[b];
        if (lim > end || sp === vals.length) break;
        if (NP[b] === 1) p = lim;
        else {
          while (p < lim && bytes[p] >= 0x80) p++;
          if (p === lim) {
            // The last byte (an i32's fifth, an i64's tenth): no continuation, unused bits equal
            // to the sign bit.
            if (p + 1 > end) break;
            const last = ARG[b] === 4 ? bytes[p] & 0xf8 : bytes[p];
            if (last !== 0 && last !== (ARG[b] === 4 ? 0x78 : 0x7f)) break;
          }
          p++;
        }
        vals[sp++] = RES[b];
        pos = p;
        continue;
      }
      case X.LOAD: case X.STORE: {
        // memarg: flags (memory 0, align), offset of at most 4 LEB128 bytes (< 2^28: in range).
        const flags = bytes[pos + 1];
        if (flags > ARG[b] || !mem32) break;
        let p = pos + 2;
        const lim = p + 4;
        if (lim > end) break;
        while (p < lim && bytes[p] >= 0x80) p++;
        if (p === lim) break;
        if (k === X.LOAD) {
          if (sp === floor || vals[sp - 1] !== I32) break;
          vals[sp - 1] = RES[b];
        } else {
          if (sp - floor < 2 || vals[sp - 1] !== P0[b] || vals[sp - 2] !== I32) break;
          sp -= 2;
        }
        pos = p + 1;
        continue;
      }
      case X.CALL: case X.CALL_INDIRECT: {
        let x = bytes[pos + 1];
        let n = 2;
        if (x >= 0x80) {
          const y = bytes[pos + 2];
          if (y >= 0x80) {
            const z = bytes[pos + 3];
            if (z >= 0x80) break;
            x = (x & 0x7f) | ((y & 0x7f) << 7) | (z << 14);
            n = 4;
          } else {
            x = (x & 0x7f) | (y << 7);
            n = 3;
          }
        }
        let f: FuncType | null;
        let top = sp;
        if (k === X.CALL) {
          if (pos + n > end || x >= fts.length) break;
          f = fts[x];
        } else {
          // call_indirect x 0: the table index must be the single byte 0, the operand an i32.
          if (pos + n + 1 > end || bytes[pos + n] !== 0 || !table0 || x >= tts.length) break;
          if (sp === floor || vals[sp - 1] !== I32) break;
          f = tts[x];
          top = sp - 1;
          n++;
        }
        if (f === null) break;
        const ps = f.params;
        const np = ps.length;
        if (top - floor < np) break;
        let i = np - 1;
        const base = top - np;
        while (i >= 0 && vals[base + i] === ps[i]) i--;
        if (i >= 0) break;
        const rs = f.results;
        if (base + rs.length > vals.length) break;
        for (let j = 0; j < rs.length; j++) vals[base + j] = rs[j];
        sp = base + rs.length;
        pos += n;
        continue;
      }
      case X.BR_IF: case X.BR: {
        const l = bytes[pos + 1];
        if (l >= 0x80 || pos + 2 > end || l >= st.depth) break;
        const f = st.depth - 1 - l;
        const lt = st.kind[f] === K_LOOP ? st.starts[f] : st.ends[f];
        const n = lt.length;
        let top = sp;
        if (k === X.BR_IF) {
          if (sp === floor || vals[sp - 1] !== I32) break;
          top = sp - 1;
        }
        if (top - floor < n) break;
        let i = n - 1;
        while (i >= 0 && vals[top - n + i] === lt[i]) i--;
        if (i >= 0) break;
        if (k === X.BR_IF) sp = top;
        else {
          sp = floor;
          st.unreach[st.depth - 1] = 1;
          st.dead = true;
        }
        pos += 2;
        continue;
      }
      case X.BR_TABLE: {
        // Count (1 or 2 LEB128 bytes) and single-byte labels, every target of the default's
        // arity with exactly the types on the stack; then the rest of the frame is unreachable.
        let n = bytes[pos + 1];
        let p = pos + 2;
        if (n >= 0x80) {
          const y = bytes[pos + 2];
          if (y >= 0x80) break;
          n = (n & 0x7f) | (y << 7);
          p = pos + 3;
        }
        if (p + n + 1 > end || sp === floor || vals[sp - 1] !== I32) break;
        const top = sp - 1;
        const depth = st.depth;
        const d = bytes[p + n];
        if (d >= 0x80 || d >= depth) break;
        const df = depth - 1 - d;
        const arity = (st.kind[df] === K_LOOP ? st.starts[df] : st.ends[df]).length;
        if (top - floor < arity) break;
        let j = 0;
        for (; j <= n; j++) {
          const l = bytes[p + j];
          if (l >= 0x80 || l >= depth) break;
          const f = depth - 1 - l;
          const lt = st.kind[f] === K_LOOP ? st.starts[f] : st.ends[f];
          if (lt.length !== arity) break;
          let i = arity - 1;
          while (i >= 0 && vals[top - arity + i] === lt[i]) i--;
          if (i >= 0) break;
        }
        if (j <= n) break;
        sp = floor;
        st.unreach[depth - 1] = 1;
        st.dead = true;
        pos = p + n + 1;
        continue;
      }
      case X.PREFIX_FC: {
        // memory.copy 0 0 and memory.fill 0 of a 32-bit memory: three i32 operands.
        const sub = bytes[pos + 1];
        const n = sub === 0x0a ? 4 : sub === 0x0b ? 3 : 0;
        if (n === 0 || pos + n > end || !mem32 || bytes[pos + 2] !== 0 || (n === 4 && bytes[pos + 3] !== 0)) break;
        if (sp - floor < 3 || vals[sp - 1] !== I32 || vals[sp - 2] !== I32 || vals[sp - 3] !== I32) break;
        sp -= 3;
        pos += n;
        continue;
      }
      case X.ELSE: {
        // The `if` arm's results exactly above the floor (or nothing, unreachable), no params:
        // the else arm starts from the floor, reachable, with the locals set in the if arm unset.
        const top = st.depth - 1;
        if (pos + 1 > end || st.kind[top] !== K_IF || st.starts[top].length !== 0) break;
        if (sp !== floor || !st.dead) {
          const e = st.ends[top];
          if (sp - floor !== e.length) break;
          let i = e.length - 1;
          while (i >= 0 && vals[floor + i] === e[i]) i--;
          if (i >= 0) break;
        }
        st.resetLocals(st.initHeight[top]);
        st.kind[top] = K_ELSE;
        st.unreach[top] = 0;
        st.dead = false;
        sp = floor;
        pos += 1;
        continue;
      }
      case X.END: {
        // The frame's results are exactly what is left above its floor: they stay where they are.
        const top = st.depth - 1;
        const e = st.ends[top];
        if (pos + 1 > end || (st.kind[top] === K_IF && (e.length !== 0 || st.starts[top].length !== 0))) break;
        if (sp === floor && st.dead) {
          // Unreachable code left nothing: the results are pushed as they are.
          if (floor + e.length > vals.length) break;
          for (let j = 0; j < e.length; j++) vals[floor + j] = e[j];
          sp = floor + e.length;
        } else {
          if (sp - floor !== e.length) break;
          let i = e.length - 1;
          while (i >= 0 && vals[floor + i] === e[i]) i--;
          if (i >= 0) break;
        }
        st.resetLocals(st.initHeight[top]);
        st.depth = top;
        pos += 1;
        if (top === 0) {
          r.pos = pos;
          begin = true;
          continue;
        }
        floor = st.floor = st.height[top - 1];
        st.dead = st.unreach[top - 1] === 1;
        continue;
      }
      case X.BLOCK: case X.LOOP: case X.IF: {
        const bt = bytes[pos + 1];
        if (pos + 2 > end) break;
        const ends = bt === 0x40 ? EMPTY : BT_RESULTS[bt];
        if (ends === undefined) break;
        if (k === X.IF) {
          if (sp === floor || vals[sp - 1] !== I32) break;
          sp--;
        }
        st.sp = sp;
        st.pushCtrl(k === X.BLOCK ? K_BLOCK : k === X.LOOP ? K_LOOP : K_IF, EMPTY, ends);
        floor = sp;
        pos += 2;
        continue;
      }
      case X.GLOBAL_GET: case X.GLOBAL_SET: {
        const x = bytes[pos + 1];
        if (x >= 0x80 || pos + 2 > end || x >= globals.length) break;
        const g = globals[x].type;
        if (k === X.GLOBAL_GET) {
          if (sp === vals.length) break;
          vals[sp++] = g.type;
        } else {
          if (!g.mutable || sp === floor || vals[sp - 1] !== g.type) break;
          sp--;
        }
        pos += 2;
        continue;
      }
      case X.UNREACHABLE:
        if (pos + 1 > end) break;
        sp = floor;
        st.unreach[st.depth - 1] = 1;
        st.dead = true;
        pos += 1;
        continue;
      case X.RETURN: {
        const rs = st.returns;
        const n = rs.length;
        if (pos + 1 > end || sp - floor < n) break;
        let i = n - 1;
        while (i >= 0 && vals[sp - n + i] === rs[i]) i--;
        if (i >= 0) break;
        sp = floor;
        st.unreach[st.depth - 1] = 1;
        st.dead = true;
        pos += 1;
        continue;
      }
      case X.DROP:
        if (sp === floor || pos + 1 > end) break;
        sp--;
        pos += 1;
        continue;
      case X.SELECT: {
        if (sp - floor < 3 || pos + 1 > end || vals[sp - 1] !== I32) break;
        const t = vals[sp - 2];
        if (t !== vals[sp - 3] || t < V128 || t > I32) break; // numeric or vector, equal
        sp -= 2;
        pos += 1;
        continue;
      }
    }
    // The generic path, for one instruction.
    st.sp = sp;
    r.pos = pos;
    step(st);
    if (st.depth === 0) {
      begin = true;
      continue;
    }
    pos = r.pos;
    sp = st.sp;
    floor = st.floor;
    vals = st.vals;
  }
}
