// Translates one function body to JavaScript source (see index.ts for the conventions). The
// operand stack exists only at compile time: each entry is either a pending pure expression
// (constants, local/global reads, arithmetic that cannot trap) or lives in the slot variable of
// its depth (s<d>, with h<d> for an i64's high word). Pending expressions are written to their
// slots ("flushed", bottom-up) before anything that could change what they read and before any
// statement assigns a slot they might reference, so the generated code evaluates exactly what the
// wasm stack machine would, without an array.

import { Reader } from '../../binary/reader.js';
import { Instr, readInstr, type Catch } from '../../binary/instr.js';
import { BLOCK_EMPTY, blockSignature, type TypeSpace } from '../../binary/valtype.js';
import type { Module } from '../../syntax/module.js';
import { I64, V128, type FuncType, type ValType } from '../../syntax/types.js';
import { NUMERIC } from './numeric.js';
import { MEMORY } from './memops.js';
import { GC } from './gcops.js';
import { emitSimd } from './simdops.js';
import { legacyCatch, legacyDelegate, legacyEnd, legacyTry, legacyRethrow, tryTableHandler } from './eh.js';
import { zeroValue } from './simd.js';
import { emitLocal, emitWords } from './simd-words.js';
import { inlinable, mayGrowMemory, writtenLocals } from './inline.js';
import { RELOAD, splitBody } from './split.js';

export interface Entry {
  t: ValType;
  /** Expression of the value (the low word of an i64). */
  e: string;
  /** Expression of an i64's high word ('' otherwise). */
  h: string;
  /** A boolean expression equivalent to `e !== 0`, for comparisons not yet flushed. */
  c: string | null;
  /** Whether the value is in its slot variable. */
  v: boolean;
}

const KIND_BLOCK = 0;
const KIND_LOOP = 1;
const KIND_IF = 2;
const KIND_FUNC = 3;
export const KIND_TRY = 4;
/** Legacy exception handling's try (try … catch … catch_all … end / delegate). */
export const KIND_LEGACY_TRY = 5;

export interface Frame {
  kind: number;
  /** Its position in the frame stack (the function's frame is 0). */
  index: number;
  label: string;
  /** Stack height below the block's parameters. */
  height: number;
  params: ValType[];
  results: ValType[];
  /** try_table: its catch clauses. */
  catches?: Catch[];
  /** Legacy try: the names of its handler's variables and the clause being compiled. */
  tryId?: number;
  clause?: 'body' | 'catch' | 'catch_all';
}

export const MAX_EXPR = 240;
/** Expressions that keep their value while an inlined callee runs: literals and locals. */
const STABLE = /^(\(?-?\d+\)?|[lk]\d+)$/;
/** The most JS variables (locals, slots, temporaries) one compiled function may declare. */
const MAX_FRAME_VARIABLES = 20_000;
/** Inline expansions per function, so that a huge caller does not grow without bound. */
const MAX_INLINED = 200;

/** Pending expressions that read state a call may change: globals, table and memory sizes. */
const STATE_READ = /\bG\d+\.|\.elems\.length|\bln\d+\b|\bM\d+\.len\b/;
/**
 * Bodies above this size (bytes of code) compile to "compact" JavaScript: memory accesses become
 * helper calls instead of inline checks and DataView calls. V8 does not optimise functions over
 * 60 KB of bytecode (about 7.5 KB of wasm code in the inline form) and runs them in its
 * interpreter or baseline compiler, where fewer, shorter bytecode sequences are what counts.
 */
// Without a JIT every function is interpreted and helper calls cost more than the inline form, so
// compact code is only used where the host has native WebAssembly when the engine loads (Node's
// --jitless and Safari's Lockdown Mode remove both the JIT and WebAssembly).
export const HAS_JIT = typeof (globalThis as { WebAssembly?: unknown }).WebAssembly === 'object';
// Bodies whose inline form exceeds splitChars are split into several functions (split.ts), each
// then small enough to be optimised (generated code measured at 0.6-1.1 bytes of bytecode per
// character); compact code is the fallback when that does not succeed.
// PUREWASM_SPLIT=max,min (tests) forces splitting at tiny sizes and keeps every split made.
const FORCED = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.PUREWASM_SPLIT?.split(',').map(Number);
/** The settings that depend on whether the host has a JIT (precompile() generates code for both). */
export function hostTuning(jit: boolean): { jit: boolean; compactBytes: number; splitChars: number } {
  return { jit, compactBytes: jit ? 7000 : Infinity, splitChars: FORCED ? FORCED[0] : jit ? 54_000 : Infinity };
}
export const TUNING = {
  ...hostTuning(HAS_JIT),
  splitMin: FORCED ? FORCED[1] : 1500,
  /** Keep a split whose outer function is still above splitChars (tests). */
  splitAlways: FORCED !== undefined,
};
const SLOT_REF = /\b[sh](\d+)\b/g;

/** Whether `e` reads a slot variable of depth >= d. */
function refsSlotFrom(e: string, d: number): boolean {
  for (const m of e.matchAll(SLOT_REF)) if (Number(m[1]) >= d) return true;
  return false;
}

export function lit(n: number): string {
  return n < 0 || Object.is(n, -0) ? `(${Object.is(n, -0) ? '-0' : n})` : `${n}`;
}

/** Per module: the first type index of each canonical type id (FuncCompiler.typeId). */
const typeIndexOf = new WeakMap<Module, Map<number, number>>();

export class FuncCompiler {
  readonly mod: Module;
  readonly index: number;
  readonly type: FuncType;
  readonly space: TypeSpace;
  private readonly out: string[] = [];
  readonly stack: Entry[] = [];
  readonly frames: Frame[] = [];
  private maxDepth = 0;
  dead = false;
  private deadNest = 0;
  /** Helper names bound from E.X; instance bindings (F, G3, T0, M0 …); prologue constants. */
  private readonly helpers = new Set<string>();
  private readonly bindings = new Set<string>();
  private readonly consts: string[] = [];
  readonly mems = new Set<number>();
  /** Whether this body compiles to compact code (see TUNING). */
  readonly compact: boolean;
  private readonly limits = new Set<string>();
  hasTail = false;
  private readonly localTypes: ValType[];
  /** Parameters and declared locals (inline expansions add more after them). */
  private readonly declaredLocals: number;
  /** While a callee is expanded inline: where its locals start among ours (else 0). */
  private localBase = 0;
  /** Parameters of inlined callees that stand for their (constant or caller-local) argument. */
  private readonly aliases = new Map<number, [string, string]>();
  /** Inline expansions so far (bounds the growth of one function). */
  private inlined = 0;

  /** Per entry of `out`: whether an instruction's code starts there, and the open frames. */
  private readonly starts: boolean[] = [];
  private readonly depths: number[] = [];
  /** Whether an oversized body may be split (not on the retry in compact form). */
  private readonly splittable: boolean;

  constructor(mod: Module, index: number, compact?: boolean) {
    this.mod = mod;
    this.index = index;
    this.type = mod.typeDefs[mod.funcs[index]].comp as FuncType;
    this.space = { map: mod.types, count: mod.types.length };
    const body = mod.codes[index - mod.numImportedFuncs];
    this.localTypes = [...this.type.params, ...body.locals];
    this.declaredLocals = this.localTypes.length;
    // Unless told, inline code when big bodies can be split, else compact above compactBytes.
    this.compact = compact ?? (TUNING.splitChars === Infinity && body.end - body.start > TUNING.compactBytes);
    this.splittable = compact === undefined;
  }

  // ---- bookkeeping used by the instruction emitters ----

  emit(line: string): void {
    this.out.push(line);
    this.depths.push(this.frames.length);
  }
  /** Binds a helper (numerics or compile/helpers) by name and returns the name. */
  use(name: string): string {
    this.helpers.add(name);
    return name;
  }
  /** Binds an instance object: F, FI, D, EL, G<i>, T<i>, M<i>. */
  bind(name: string): string {
    this.bindings.add(name);
    return name;
  }
  /** A prologue constant (e.g. a NaN with a payload, which has no literal). */
  constant(expr: string): string {
    const name = `K${this.consts.length}`;
    this.consts.push(`const ${name} = ${expr};`);
    return name;
  }
  memory(m: number): { dv: string; ln: string; M: string } {
    const M = this.bind(`M${m}`);
    if (this.compact) return { dv: '', ln: `${M}.len`, M }; // no cached views: nothing to reload
    this.mems.add(m);
    return { dv: `dv${m}`, ln: `ln${m}`, M };
  }
  /** Memories whose byte view u8<m> is used (single-byte accesses index it directly). */
  readonly byteViews = new Set<number>();
  byteView(m: number): string {
    this.memory(m);
    this.byteViews.add(m);
    return `u8${m}`;
  }
  /** The variable holding memory m's byte length minus `width` (the largest valid address). */
  memoryLimit(m: number, width: number): string {
    this.memory(m);
    const key = `${m}w${width}`;
    this.limits.add(key);
    return `m${key}`;
  }
  trap(reason: string): string {
    return `${this.use('trap')}(${JSON.stringify(reason)});`;
  }
  reloadMemories(): void {
    this.emit(RELOAD);
  }

  pop(): Entry {
    return this.stack.pop()!;
  }
  popN(n: number): Entry[] {
    return this.stack.splice(this.stack.length - n, n);
  }
  /** Pops an i32 as a boolean expression. */
  popCond(): string {
    const x = this.pop();
    return x.c !== null && !x.v ? x.c : `${x.e} !== 0`;
  }
  push(t: ValType, e: string, h = ''): void {
    const d = this.stack.length;
    this.stack.push({ t, e, h, c: null, v: e === `s${d}` });
    if (e.length > MAX_EXPR) this.flushTo(d + 1);
  }
  pushCond(c: string): void {
    const d = this.stack.length;
    this.stack.push({ t: 0x7f, e: `(${c} ? 1 : 0)`, h: '', c, v: false });
    if (c.length > MAX_EXPR) this.flushTo(d + 1);
  }
  /**
   * Pushes a result that the caller assigns by statement: returns its slot variables. Everything
   * below is flushed first, since pending expressions there may read this slot's variable.
   */
  target(t: ValType): [string, string] {
    const d = this.stack.length;
    this.flushRefs((e) => refsSlotFrom(e, d));
    this.noteDepth(d);
    this.stack.push({ t, e: `s${d}`, h: `h${d}`, c: null, v: true });
    return [`s${d}`, `h${d}`];
  }
  flushTo(n: number): void {
    for (let i = 0; i < n; i++) {
      const x = this.stack[i];
      if (x.v) continue;
      this.noteDepth(i);
      this.emit(x.t === I64 ? `s${i} = ${x.e}; h${i} = ${x.h};` : `s${i} = ${x.e};`);
      x.e = `s${i}`;
      x.h = `h${i}`;
      x.c = null;
      x.v = true;
    }
  }
  flushAll(): void {
    this.flushTo(this.stack.length);
  }
  /**
   * Flushes the pending entries whose expressions satisfy `reads`, and everything below the
   * highest of them (flushing writes slots that lower pending entries may still read).
   */
  flushRefs(reads: (e: string) => boolean): void {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const x = this.stack[i];
      if (!x.v && (reads(x.e) || (x.h !== '' && reads(x.h)))) {
        this.flushTo(i + 1);
        return;
      }
    }
  }
  /** Before a call (or memory/table growth): what a callee may change — globals, sizes. */
  flushForCall(): void {
    this.flushRefs((e) => STATE_READ.test(e));
  }
  private noteDepth(d: number): void {
    if (d + 1 > this.maxDepth) this.maxDepth = d + 1;
  }
  /** Flattened slot expressions of entries (an i64 gives two). */
  slots(xs: Entry[]): string[] {
    const out: string[] = [];
    for (const x of xs) {
      out.push(x.e);
      if (x.t === I64) out.push(x.h);
    }
    return out;
  }
  /** Assigns the flattened results of a call expression to new stack entries. */
  callResults(call: string, results: ValType[], reload = true): void {
    if (results.length === 0) {
      this.emit(`${call};`);
    } else if (results.length === 1) {
      const [s, h] = this.target(results[0]);
      this.emit(`${s} = ${call};`);
      if (results[0] === I64) this.emit(`${h} = ${this.use('H')}.hi;`);
    } else {
      let r = 0;
      const R = this.use('R');
      for (let i = 0; i < results.length; i++) {
        const [s, h] = this.target(results[i]);
        this.emit(`${s} = ${i === 0 ? call : `${R}[${r++}]`};`);
        if (results[i] === I64) this.emit(`${h} = ${R}[${r++}];`);
      }
    }
    if (reload) this.reloadMemories();
  }

  // ---- the walk ----

  /** The factory source, or null when the body is too big for one function and could not be split. */
  compile(): string | null {
    const body = this.mod.codes[this.index - this.mod.numImportedFuncs];
    const r = new Reader(this.mod.bytes, body.start, body.end);
    const ins = new Instr();
    this.frames.push({ kind: KIND_FUNC, label: '', index: 0, height: 0, params: [], results: this.type.results });
    while (this.frames.length > 0) {
      readInstr(r, ins, this.space);
      this.starts[this.out.length] = true;
      if (this.dead) this.skip(ins);
      else this.instr(ins);
    }
    return this.assemble();
  }

  /** Dead code after an unconditional branch: only block structure is tracked. */
  private skip(ins: Instr): void {
    switch (ins.op.name) {
      case 'block': case 'loop': case 'if': case 'try_table': case 'try':
        this.deadNest++;
        return;
      case 'else':
        if (this.deadNest === 0) this.elseOf();
        return;
      case 'catch': case 'catch_all':
        if (this.deadNest === 0) legacyCatch(this, ins);
        return;
      case 'delegate':
        if (this.deadNest > 0) this.deadNest--;
        else legacyDelegate(this, ins.a);
        return;
      case 'end':
        if (this.deadNest > 0) this.deadNest--;
        else this.end();
        return;
    }
  }

  private blockSig(bt: number): [ValType[], ValType[]] {
    return blockSignature(this.mod.typeDefs, bt);
  }

  enter(kind: number, bt: number, head: (label: string) => string): void {
    const [params, results] = this.blockSig(bt);
    this.flushAll();
    const label = `L${this.frames.length}`;
    this.frames.push({ kind, label, index: this.frames.length, height: this.stack.length - params.length, params, results });
    this.emit(head(label));
  }

  private end(): void {
    const f = this.frames.pop()!;
    if (!this.dead) this.flushAll();
    if (f.kind === KIND_FUNC) {
      if (!this.dead) this.returnWith(this.popN(f.results.length));
      return;
    }
    if (f.kind === KIND_TRY) tryTableHandler(this, f);
    else if (f.kind === KIND_LEGACY_TRY) legacyEnd(this, f);
    else this.emit(f.kind === KIND_LOOP ? `break ${f.label}; }` : '}');
    this.resetStack(f.height, f.results);
    this.dead = false;
  }

  /** Numbers the handlers' variables (e<n>, x<n>) within the function. */
  tryCount = 0;
  /** Whether a legacy delegate occurs (the function then unwraps delegations when it exits). */
  hasDelegate = false;

  private elseOf(): void {
    const f = this.frames[this.frames.length - 1];
    if (!this.dead) this.flushAll();
    this.emit('} else {');
    this.resetStack(f.height, f.params);
    this.dead = false;
  }

  /** After a block boundary, the stack is `height` entries plus `types` in their slots. */
  resetStack(height: number, types: ValType[]): void {
    this.stack.length = height;
    for (const t of types) {
      const d = this.stack.length;
      this.noteDepth(d);
      this.stack.push({ t, e: `s${d}`, h: `h${d}`, c: null, v: true });
    }
  }

  private returnWith(values: Entry[]): void {
    const slots = this.slots(values);
    if (slots.length === 0) {
      this.emit('return;');
      return;
    }
    const parts: string[] = [];
    if (values.length === 1 && values[0].t === I64) parts.push(`${this.use('H')}.hi = ${slots[1]};`);
    else for (let i = 1; i < slots.length; i++) parts.push(`${this.use('R')}[${i - 1}] = ${slots[i]};`);
    parts.push(`return ${slots[0]};`);
    this.emit(parts.join(' '));
  }

  /** The moves and jump of a branch to label depth `l` (values stay on the compile-time stack). */
  branch(l: number): string {
    const f = this.frames[this.frames.length - 1 - l];
    const types = f.kind === KIND_LOOP ? f.params : f.results;
    const n = types.length;
    const values = this.stack.slice(this.stack.length - n);
    if (f.kind === KIND_FUNC) {
      const saved = this.out.length;
      this.returnWith(values);
      this.depths.length = saved;
      return this.out.splice(saved).join(' ');
    }
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      const d = f.height + i;
      const x = values[i];
      this.noteDepth(d);
      if (x.e !== `s${d}`) parts.push(`s${d} = ${x.e};`);
      if (x.t === I64 && x.h !== `h${d}`) parts.push(`h${d} = ${x.h};`);
    }
    parts.push(f.kind === KIND_LOOP ? `continue ${f.label};` : `break ${f.label};`);
    return parts.join(' ');
  }

  private local(i: number): [string, string] {
    const abs = i + this.localBase;
    return this.aliases.get(abs) ?? [`l${abs}`, `k${abs}`];
  }
  private localType(i: number): ValType {
    return this.localTypes[i + this.localBase];
  }

  /**
   * Expands the call of small straight-line function `f` in place (see inline.ts): arguments go
   * to fresh locals, the callee's instructions are translated with its locals renamed, and its
   * results are left on the stack as a call's would be.
   */
  private inlineCall(f: number): void {
    const ft = this.funcType(f);
    const body = this.mod.codes[f - this.mod.numImportedFuncs];
    const base = this.localTypes.length;
    this.localTypes.push(...ft.params, ...body.locals);
    const args = this.popN(ft.params.length);
    const written = writtenLocals(this.mod, body.start, body.end, this.space);
    args.forEach((x, i) => {
      // A constant or a caller's local (which the callee cannot change) needs no copy when the
      // callee never assigns the parameter: constants then fold into the expansion.
      if (!written.has(i) && STABLE.test(x.e) && (x.t !== I64 || STABLE.test(x.h))) {
        this.aliases.set(base + i, [x.e, x.h]);
        return;
      }
      const [lo, hi] = [`l${base + i}`, `k${base + i}`];
      this.emit(x.t === I64 ? `${lo} = ${x.e}; ${hi} = ${x.h};` : `${lo} = ${x.e};`);
    });
    for (let i = ft.params.length; i < ft.params.length + body.locals.length; i++) {
      const t = this.localTypes[base + i];
      this.emit(t === I64 ? `l${base + i} = 0; k${base + i} = 0;` : `l${base + i} = ${zeroValue(this, t, base + i)};`);
    }
    const saved = this.localBase;
    this.localBase = base;
    const r = new Reader(this.mod.bytes, body.start, body.end);
    const ins = new Instr();
    for (;;) {
      readInstr(r, ins, this.space);
      if (ins.op.name === 'end') break;
      this.instr(ins);
    }
    this.localBase = saved;
    this.inlined++;
  }

  private instr(ins: Instr): void {
    const name = ins.op.name;
    if (name.startsWith('local.') && emitLocal(this, ins)) return; // v128 locals as words (simd-words.ts)
    switch (name) {
      case 'nop':
        return;
      case 'unreachable':
        this.flushAll();
        this.emit(this.trap('unreachable'));
        this.dead = true;
        return;
      case 'block':
        this.enter(KIND_BLOCK, ins.a, (l) => `${l}: {`);
        return;
      case 'loop':
        this.enter(KIND_LOOP, ins.a, (l) => `${l}: for (;;) {`);
        return;
      case 'if': {
        const c = this.popCond();
        this.enter(KIND_IF, ins.a, (l) => `${l}: if (${c}) {`);
        return;
      }
      case 'else':
        this.elseOf();
        return;
      case 'end':
        this.end();
        return;
      case 'br':
        this.emit(this.branch(ins.a));
        this.dead = true;
        return;
      case 'br_if': {
        const c = this.popCond();
        this.emit(`if (${c}) { ${this.branch(ins.a)} }`);
        return;
      }
      case 'br_table': {
        const idx = this.pop().e;
        const labels = ins.labels;
        const dflt = labels[labels.length - 1];
        const cases = new Map<number, number[]>();
        for (let i = 0; i < labels.length - 1; i++) {
          if (labels[i] === dflt) continue;
          const list = cases.get(labels[i]);
          if (list) list.push(i);
          else cases.set(labels[i], [i]);
        }
        if (cases.size === 0) {
          this.emit(this.branch(dflt));
        } else {
          const parts = [`switch (${idx}) {`];
          for (const [l, is] of cases) parts.push(`${is.map((i) => `case ${i}:`).join(' ')} { ${this.branch(l)} }`);
          parts.push(`default: { ${this.branch(dflt)} } }`);
          this.emit(parts.join('\n'));
        }
        this.dead = true;
        return;
      }
      case 'return':
        this.emit(this.branch(this.frames.length - 1));
        this.dead = true;
        return;
      case 'call': {
        if (this.inlined < MAX_INLINED && inlinable(this.mod, ins.a) && ins.a !== this.index) {
          this.inlineCall(ins.a);
          return;
        }
        const ft = this.funcType(ins.a);
        const args = this.slots(this.popN(ft.params.length));
        this.flushForCall();
        const reload = this.mod.memories.length > 0 && mayGrowMemory(this.mod, ins.a);
        this.callResults(`${this.bind('F')}[${ins.a}](${args.join(', ')})`, ft.results, reload);
        return;
      }
      case 'call_indirect': {
        const ft = this.mod.typeDefs[ins.a].comp as FuncType;
        const callee = this.callee(ins.a, ins.b);
        const args = this.slots(this.popN(ft.params.length));
        this.flushForCall();
        // The checks inline for the common case (an entry of exactly the type), else the helper.
        const [tbl, i, id] = this.calleeParts;
        this.emit(`A = ${i}; if ((fr = ${tbl}.elems[A]) == null || fr.type !== ${id}) fr = ${callee.replace(i, 'A')};`);
        this.callResults(`fr.fn(${args.join(', ')})`, ft.results);
        return;
      }
      case 'return_call': {
        if (ins.a === this.index) {
          this.selfTailCall();
          return;
        }
        const ft = this.funcType(ins.a);
        const args = this.slots(this.popN(ft.params.length));
        this.tailCall(`${this.bind('FI')}[${ins.a}]`, args);
        return;
      }
      case 'return_call_indirect': {
        const ft = this.mod.typeDefs[ins.a].comp as FuncType;
        const callee = this.callee(ins.a, ins.b);
        const args = this.slots(this.popN(ft.params.length));
        this.tailCall(callee, args);
        return;
      }
      case 'call_ref': {
        const ft = this.mod.typeDefs[ins.a].comp as FuncType;
        const ref = this.pop();
        const args = this.slots(this.popN(ft.params.length));
        this.flushForCall();
        this.emit(`if ((fr = ${ref.e}) === null) ${this.trap('null function reference')}`);
        this.callResults(`fr.fn(${args.join(', ')})`, ft.results);
        return;
      }
      case 'return_call_ref': {
        const ft = this.mod.typeDefs[ins.a].comp as FuncType;
        const ref = this.pop();
        const args = this.slots(this.popN(ft.params.length));
        this.emit(`if ((fr = ${ref.e}) === null) ${this.trap('null function reference')}`);
        this.tailCall('fr', args);
        return;
      }
      case 'ref.as_non_null': {
        const x = this.stack[this.stack.length - 1];
        this.emit(`if (${x.e} === null) ${this.trap('null reference')}`);
        return;
      }
      case 'br_on_null': {
        const x = this.pop();
        this.emit(`if (${x.e} === null) { ${this.branch(ins.a)} }`);
        this.stack.push(x);
        return;
      }
      case 'br_on_non_null': {
        const x = this.stack[this.stack.length - 1];
        this.emit(`if (${x.e} !== null) { ${this.branch(ins.a)} }`);
        this.pop();
        return;
      }
      case 'try_table': {
        this.enter(KIND_TRY, ins.a, (l) => `${l}: { try {`);
        this.frames[this.frames.length - 1].catches = ins.catches.map((c) => ({ ...c }));
        return;
      }
      case 'try':
        legacyTry(this, ins);
        return;
      case 'catch': case 'catch_all':
        legacyCatch(this, ins);
        return;
      case 'delegate':
        legacyDelegate(this, ins.a);
        return;
      case 'rethrow':
        legacyRethrow(this, ins.a);
        return;
      case 'throw': {
        const params = (this.mod.typeDefs[this.mod.tags[ins.a].typeIndex].comp as FuncType).params;
        const args = this.slots(this.popN(params.length));
        this.emit(`throw new ${this.use('ExnInst')}([${[this.bind(`TG${ins.a}`), ...args].join(', ')}]);`);
        this.dead = true;
        return;
      }
      case 'throw_ref': {
        const x = this.pop();
        this.emit(`if (${x.e} === null) ${this.trap('null exception reference')}`);
        this.emit(`throw ${x.e}.thrown;`);
        this.dead = true;
        return;
      }
      case 'br_on_cast': case 'br_on_cast_fail': {
        // flags bit 1: the target type is nullable; the reference stays on the stack either way.
        const x = this.stack[this.stack.length - 1];
        const test = `${this.use('refTest')}(${x.e}, ${this.typeId(ins.d)}, ${(ins.a & 2) !== 0})`;
        this.emit(`if (${name === 'br_on_cast' ? test : `!${test}`}) { ${this.branch(ins.b)} }`);
        return;
      }
      case 'drop':
        this.pop();
        return;
      case 'select': {
        const c = this.popCond();
        const b = this.pop();
        const a = this.pop();
        if (a.t === I64) {
          const [s, h] = this.target(I64);
          this.emit(`if (${c}) { ${s} = ${a.e}; ${h} = ${a.h}; } else { ${s} = ${b.e}; ${h} = ${b.h}; }`);
        } else this.push(a.t, `(${c} ? ${a.e} : ${b.e})`);
        return;
      }
      case 'local.get': {
        const [lo, hi] = this.local(ins.a);
        const t = this.localType(ins.a);
        this.push(t, lo, t === I64 ? hi : '');
        return;
      }
      case 'local.set': case 'local.tee': {
        const x = this.pop();
        const [lo, hi] = this.local(ins.a);
        const mine = new RegExp(`\\b[lk]${ins.a + this.localBase}\\b`);
        const d = this.stack.length;
        const last = this.out.length - 1;
        const assigned = `s${d} = `;
        if (x.v && x.t !== I64 && last >= 0 && this.out[last].startsWith(assigned) && !this.pendingReads(mine)) {
          // The value was just computed into its slot: compute it into the local instead.
          this.out[last] = `${lo} = ${this.out[last].slice(assigned.length)}`;
        } else {
          this.flushRefs((e) => mine.test(e));
          this.emit(x.t === I64 ? `${lo} = ${x.e}; ${hi} = ${x.h};` : `${lo} = ${x.e};`);
        }
        if (name === 'local.tee') this.push(x.t, lo, x.t === I64 ? hi : '');
        return;
      }
      case 'global.get': {
        const t = this.mod.globals[ins.a].type.type;
        const g = this.bind(`G${ins.a}`);
        this.push(t, `${g}.v`, t === I64 ? `${g}.h` : '');
        return;
      }
      case 'global.set': {
        const x = this.pop();
        const g = this.bind(`G${ins.a}`);
        this.flushRefs((e) => e.includes(`${g}.`));
        this.emit(x.t === I64 ? `${g}.v = ${x.e}; ${g}.h = ${x.h};` : `${g}.v = ${x.e};`);
        return;
      }
      case 'ref.null':
        this.push(0x100, 'null');
        return;
      case 'ref.is_null':
        this.pushCond(`(${this.pop().e} === null)`);
        return;
      case 'ref.func':
        this.push(0x100, `${this.bind('FI')}[${ins.a}]`);
        return;
    }
    const numeric = NUMERIC.get(name);
    if (numeric) {
      numeric(this, ins);
      return;
    }
    const memory = MEMORY.get(name);
    if (memory) {
      memory(this, ins);
      return;
    }
    const gc = GC.get(name);
    if (gc) {
      gc(this, ins);
      return;
    }
    if (emitWords(this, ins) || emitSimd(this, ins)) return; // unboxed where possible (simd-words.ts)
    throw new Error(`not yet implemented: instruction ${name} in the JavaScript tier`);
  }

  private pendingReads(re: RegExp): boolean {
    return this.stack.some((x) => !x.v && (re.test(x.e) || (x.h !== '' && re.test(x.h))));
  }

  private funcType(f: number): FuncType {
    return this.mod.typeDefs[this.mod.funcs[f]].comp as FuncType;
  }

  /** Expression of the checked callee of call_indirect through table `t` (pops the index). */
  private callee(typeIndex: number, t: number): string {
    const x = this.pop();
    const tbl = this.bind(`T${t}`);
    const i = x.t === I64 ? `${this.use('u64')}(${x.e}, ${x.h})` : `(${x.e} >>> 0)`;
    const id = this.typeId(this.mod.types[typeIndex]);
    this.calleeParts = [tbl, i, id];
    return `${this.use('callee')}(${tbl}.elems, ${i}, ${id})`;
  }
  /** Table, index expression and type id of the last callee() (for inline checks). */
  private calleeParts: [string, string, string] = ['', '', ''];

  /**
   * A canonical type id (or an abstract heap type, negative) as generated code names it: ids depend
   * on the types the process registered before the module, so code reads them from the instance
   * (E.Y: the module's ids by type index) and stays the same in every process (precompiled.ts).
   */
  typeId(id: number): string {
    if (id < 0) return `(${id})`;
    let byId = typeIndexOf.get(this.mod);
    if (!byId) {
      typeIndexOf.set(this.mod, (byId = new Map()));
      this.mod.types.forEach((t, i) => { if (!byId!.has(t)) byId!.set(t, i); });
    }
    return this.bind(`Y${byId.get(id)!}`);
  }

  /** A tail call of the function itself is a jump to its start with new parameters. */
  private selfTailCall(): void {
    this.flushAll(); // every argument is then in its slot, independent of the parameters
    const args = this.popN(this.type.params.length);
    const parts: string[] = [];
    args.forEach((x, i) => parts.push(x.t === I64 ? `l${i} = ${x.e}; k${i} = ${x.h};` : `l${i} = ${x.e};`));
    for (let i = this.type.params.length; i < this.declaredLocals; i++) {
      const t = this.localTypes[i];
      parts.push(t === I64 ? `l${i} = 0; k${i} = 0;` : `l${i} = ${zeroValue(this, t, i)};`);
    }
    parts.push('continue F;');
    this.emit(parts.join(' '));
    this.selfLoop = true;
    this.dead = true;
  }
  private selfLoop = false;

  private tailCall(callee: string, args: string[]): void {
    this.hasTail = true;
    this.flushAll();
    const TC = this.use('TC');
    this.emit(`${TC}.a = [${[callee, ...args].join(', ')}]; return ${this.use('TAIL')};`);
    this.dead = true;
  }

  // ---- assembling the factory ----

  private params(): string[] {
    const ps: string[] = [];
    this.type.params.forEach((t, i) => {
      ps.push(`l${i}`);
      if (t === I64) ps.push(`k${i}`);
    });
    return ps;
  }

  private assemble(): string | null {
    const ps = this.params();
    const decl: string[] = [];
    for (let i = this.type.params.length; i < this.localTypes.length; i++) {
      const t = this.localTypes[i];
      if (t === I64) decl.push(`l${i} = 0`, `k${i} = 0`);
      else decl.push(`l${i} = ${zeroValue(this, t, i)}`);
    }
    decl.push('A = 0', 'T = 0', 'X = 0', 'Y = 0', 'fr = null');
    const mems = [...this.mems].sort((a, b) => a - b);
    const limits = [...this.limits].map((k) => [k, k.split('w')] as const);
    const limitsOf = (m: number): string[] => limits.filter(([, [mm]]) => Number(mm) === m).map(([k, [, w]]) => `m${k} = ln${m} - ${w}`);
    const views = (m: number): string[] =>
      [`dv${m} = M${m}.dv`, `ln${m} = M${m}.len`, ...(this.byteViews.has(m) ? [`u8${m} = M${m}.u8`] : []), ...limitsOf(m)];
    for (const m of mems) decl.push(...views(m));
    const reloadOf = (ms: Iterable<number>): string => [...ms].map((m) => `if (dv${m} !== M${m}.dv) { ${views(m).join('; ')}; }`).join(' ');
    const reload = reloadOf(mems);
    let body = this.out.map((l) => (l === RELOAD ? reload : l)).join('\n');
    let head = '';
    let regions = '';
    if (this.splittable && body.length > TUNING.splitChars) {
      const named = new Set(body.match(/\b[sh]\d+\b/g));
      const slots = [...named].map((v) => `${v} = 0`);
      const split = splitBody({
        lines: this.out, starts: this.starts, depths: this.depths, params: ps, looped: this.selfLoop,
        decls: [...decl, ...slots].flatMap((d) => d.split(', ')), views, reload: (ms) => reloadOf([...ms].sort((a, b) => a - b)),
      }, { maxChars: TUNING.splitChars, minChars: TUNING.splitMin, eager: TUNING.splitAlways });
      if (split === null || (split.body.length > TUNING.splitChars * 1.5 && !TUNING.splitAlways)) return null;
      head = split.head;
      regions = split.regions;
      body = split.body;
      decl.length = 0;
    }
    if (this.selfLoop) body = `F: for (;;) {\n${body}\n}`;
    if (this.hasDelegate) body = `try {\n${body}\n} catch (d) { throw ${this.use('undelegate')}(d); }`;
    // Only the slot variables the body names (most slots never hold an i64's high word).
    const named = new Set(head ? [] : body.match(/\b[sh]\d+\b/g));
    for (let d = 0; d < this.maxDepth; d++) {
      if (named.has(`s${d}`)) decl.push(`s${d} = 0`);
      if (named.has(`h${d}`)) decl.push(`h${d} = 0`);
    }
    // One JS variable per local and slot: a frame far beyond any real function's would exhaust the
    // JS stack on every call. Such functions are left to the interpreter (exec/interp/select.ts
    // falls back when compilation throws).
    if (decl.length + ps.length > MAX_FRAME_VARIABLES) {
      throw new Error(`not yet implemented: a frame of ${decl.length + ps.length} variables in the JavaScript tier`);
    }

    if (this.hasTail) {
      this.helpers.add('TAIL');
      this.helpers.add('runTail');
    }
    const pro: string[] = ['"use strict";'];
    if (this.helpers.size > 0) pro.push(`const { ${[...this.helpers].join(', ')} } = E.X;`);
    for (const b of this.bindings) {
      const m = /^([A-Z]+)(\d+)$/.exec(b);
      pro.push(m ? `const ${b} = E.${m[1]}[${m[2]}];` : `const ${b} = E.${b};`);
    }
    pro.push(...this.consts);
    if (regions) pro.push(regions);
    // Parenthesised: V8 then compiles the function eagerly instead of pre-parsing it first.
    const vars = regions ? head : `let ${decl.join(', ')};`;
    const fn = `(function f${this.index}(${ps.join(', ')}) {\n${vars}\n${body}\n})`;
    if (!this.hasTail) return `${pro.join('\n')}\nreturn [${fn}, null];`;
    // With tail calls the body is the step; the entry point runs the trampoline behind it.
    return `${pro.join('\n')}\nconst step = ${fn};\n` +
      `return [function (${ps.join(', ')}) { const r = step(${ps.join(', ')}); return r === TAIL ? runTail() : r; }, step];`;
  }
}

/** The factory source of function `index`: inline code, split if too big, else compact code. */
export function compileFunction(mod: Module, index: number): string {
  const src = new FuncCompiler(mod, index).compile();
  if (src !== null) return src;
  const body = mod.codes[index - mod.numImportedFuncs];
  return new FuncCompiler(mod, index, body.end - body.start > TUNING.compactBytes).compile()!;
}
