// The translator's emission and translation-time stack (see translate.ts): code words go into a
// growing Int32Array; the value at depth d lives in slot base + d unless its entry is pending
// (a local's slot, or a constant), and pending entries are materialised into their own slots when
// what they read may change or control flow merges.

import type { Module } from '../../syntax/module.js';
import { OP } from './ops.js';
import { K_L } from './code.js';

export interface Ent {
  k: number;
  /** Slot, or -1 for a pending constant: i32 `c`, or i64 `c` (low) and `h` (high). */
  s: number;
  c: number;
  h?: number;
}

/** By kind (code.ts). */
export const MOV = [OP.MOV_I, OP.MOV_L, OP.MOV_D, OP.MOV_R, OP.MOV_V];

// Members are public: the SIMD, GC and legacy exception translators (simd.ts, gc.ts, eh.ts) are
// functions over the translator, as the compile tier's are over its FuncCompiler.
export abstract class Emitter {
  readonly mod: Module;
  code: Int32Array = new Int32Array(256);
  n = 0;
  /** A Float64Array, not a JS array: arrays of doubles may quiet signalling NaNs. */
  consts = new Float64Array(8);
  nConsts = 0;
  readonly objs: unknown[] = [];
  readonly stack: Ent[] = [];
  /** Slots of locals (and the inline region); the operand stack starts here. */
  base = 0;
  maxDepth = 0;
  /** The last instruction, while nothing (no label) came after it: start, and its result operand. */
  lastStart = -1;
  lastDst = -1;
  lastEnd = -1;

  constructor(mod: Module) {
    this.mod = mod;
  }

  // ---- emitting ----

  emit(...words: number[]): number {
    while (this.n + words.length > this.code.length) {
      const next = new Int32Array(this.code.length * 2);
      next.set(this.code);
      this.code = next;
    }
    const at = this.n;
    for (const w of words) this.code[this.n++] = w;
    this.lastEnd = -1;
    return at;
  }
  /** Emits an instruction whose word 1 is a result in the top slot (which local.set may retarget). */
  emitResult(...words: number[]): void {
    const at = this.emit(...words);
    this.lastStart = at;
    this.lastDst = at + 1;
    this.lastEnd = this.n;
  }
  label(): number {
    this.lastEnd = -1;
    return this.n;
  }
  obj(x: unknown): number {
    return this.objs.push(x) - 1;
  }
  constant(x: number): number {
    if (this.nConsts === this.consts.length) {
      const next = new Float64Array(this.consts.length * 2);
      next.set(this.consts);
      this.consts = next;
    }
    this.consts[this.nConsts] = x;
    return this.nConsts++;
  }

  // ---- the translation-time stack ----

  own(d: number): number {
    return this.base + d;
  }
  note(d: number): void {
    if (d + 1 > this.maxDepth) this.maxDepth = d + 1;
  }
  /** Pushes a result of kind k in its own slot and returns the slot. */
  pushOwn(k: number): number {
    const d = this.stack.length;
    this.note(d);
    this.stack.push({ k, s: this.own(d), c: 0 });
    return this.own(d);
  }
  materialize(d: number): void {
    const e = this.stack[d];
    const o = this.own(d);
    if (e.s === o) return;
    this.note(d);
    if (e.s < 0) this.constTo(e, o);
    else this.emit(MOV[e.k], o, e.s);
    e.s = o;
  }
  /** Writes a pending constant to a slot. */
  constTo(e: Ent, slot: number): void {
    if (e.k === K_L) this.emit(OP.CONST_L, slot, e.c, e.h!);
    else this.emit(OP.CONST_I, slot, e.c);
  }
  /**
   * At a block's entry: pending local reads are materialised (the block may assign the local), and
   * so are its `params` top entries (branches back to a loop put them in their slots). Constants
   * below stay pending: nothing in the block touches them, so every path out agrees on them.
   */
  flushAll(params: number): void {
    const h = this.stack.length - params;
    for (let d = 0; d < this.stack.length; d++) if (d >= h || this.stack[d].s >= 0) this.materialize(d);
  }
  flushLocal(l: number): void {
    for (let d = 0; d < this.stack.length; d++) if (this.stack[d].s === l) this.materialize(d);
  }
  /** Pops an operand into a slot (a pending constant is written to its own slot first). */
  popSlot(): number {
    const d = this.stack.length - 1;
    if (this.stack[d].s < 0) this.materialize(d);
    return this.stack.pop()!.s;
  }
  /** Materialises the top n entries (arguments, which must be consecutive) and pops them. */
  popOwn(n: number): number {
    const h = this.stack.length - n;
    for (let d = h; d < this.stack.length; d++) this.materialize(d);
    this.stack.length = h;
    return this.own(h);
  }
}
