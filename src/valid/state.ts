// The operand, control and initialisation stacks of the body validator (core spec appendix
// "Validation Algorithm"). One FuncState is reused for every function of every module: its typed
// arrays only grow, so validating a body allocates nothing per instruction.

import { Reader } from '../binary/reader.js';
import { Instr } from '../binary/instr.js';
import type { TypeSpace } from '../binary/valtype.js';
import type { Module } from '../syntax/module.js';
import { type ValType, isRef, isNullable, refType, valTypeName } from '../syntax/types.js';
import { matchValType, BOT_HEAP } from './match.js';

/** The unknown operand type of unreachable code (the spec's Bot); no real type is 0. */
export const BOT = 0;
/** A reference of the bottom heap type (what pop_ref returns for Bot): matches every reference type. */
export const BOT_REF = refType(BOT_HEAP, false);

// Control frame kinds (the opcode that opened the frame).
export const K_BLOCK = 0;
export const K_LOOP = 1;
export const K_IF = 2;
export const K_ELSE = 3;
export const K_TRY = 4; // legacy try, before any catch
export const K_CATCH = 5; // legacy catch clause
export const K_CATCH_ALL = 6;
export const K_TRY_TABLE = 7;

export const EMPTY: readonly ValType[] = [];

export function typeName(t: ValType): string {
  return t === BOT ? 'unknown' : t === BOT_REF ? '(ref bot)' : valTypeName(t);
}

export class FuncState {
  m!: Module;
  func = 0;
  r = new Reader(new Uint8Array(0));
  ins = new Instr();
  space: TypeSpace = { map: null, count: 0 };
  returns: readonly ValType[] = EMPTY;

  // Operand stack.
  vals: Int32Array;
  sp = 0;

  // Control stack; label/result types are references to existing arrays (no copies).
  depth = 0;
  kind: Uint8Array;
  height: Int32Array;
  initHeight: Int32Array;
  unreach: Uint8Array;
  // (As long as the typed arrays: stores stay in bounds, which optimised code relies on.)
  starts: (readonly ValType[])[];
  ends: (readonly ValType[])[];
  /** The innermost frame's height and unreachable flag, copied out of the arrays for pop's sake. */
  floor = 0;
  dead = false;

  // Locals: types, initialisation status, and the stack of locals set since function entry.
  numLocals = 0;
  localTypes: Int32Array;
  localInit: Uint8Array;
  inits: Int32Array; // as long as localTypes: each local is recorded at most once
  initSp = 0;

  /** Initial capacities (they grow as needed): the warm-up uses tiny ones to take the growing paths. */
  constructor(stack = 64, ctrl = 16, locals = 64) {
    this.vals = new Int32Array(stack);
    this.kind = new Uint8Array(ctrl);
    this.height = new Int32Array(ctrl);
    this.initHeight = new Int32Array(ctrl);
    this.unreach = new Uint8Array(ctrl);
    this.starts = new Array<readonly ValType[]>(ctrl).fill(EMPTY);
    this.ends = new Array<readonly ValType[]>(ctrl).fill(EMPTY);
    this.localTypes = new Int32Array(locals);
    this.localInit = new Uint8Array(locals);
    this.inits = new Int32Array(locals);
  }

  fail(message: string, at = this.ins.pos): never {
    return this.r.fail(`in function ${this.func}: ${message}`, at);
  }

  mismatch(want: ValType, got: ValType): never {
    return this.fail(`type mismatch: expected ${typeName(want)}, got ${got === -1 ? 'nothing' : typeName(got)}`);
  }

  push(t: ValType): void {
    if (this.sp === this.vals.length) this.grow();
    this.vals[this.sp++] = t;
  }

  /** Doubles the operand stack. */
  grow(): void {
    const bigger = new Int32Array(this.vals.length * 2);
    bigger.set(this.vals);
    this.vals = bigger;
  }

  pushAll(ts: readonly ValType[]): void {
    for (let i = 0; i < ts.length; i++) this.push(ts[i]);
  }

  /** pop_val(): the top operand, BOT in unreachable code with nothing left in the frame. */
  pop(): ValType {
    if (this.sp === this.floor) {
      if (this.dead) return BOT;
      this.fail('type mismatch: operand stack is empty (expected a value)');
    }
    return this.vals[--this.sp];
  }

  /** pop_val(expect): the popped operand must match `want`. */
  popExpect(want: ValType): ValType {
    if (this.sp === this.floor) {
      if (this.dead) return BOT;
      this.mismatch(want, -1);
    }
    const got = this.vals[--this.sp];
    if (got !== want && got !== BOT && !matchValType(got, want)) this.mismatch(want, got);
    return got;
  }

  /** pop_ref(): any reference (BOT_REF for an unknown operand). */
  popRef(): ValType {
    const got = this.pop();
    if (got === BOT) return BOT_REF;
    if (!isRef(got)) this.fail(`type mismatch: expected a reference, got ${typeName(got)}`);
    return got;
  }

  /** pop_vals(ts), checking from the top; a failure lists what was needed and what was there. */
  popAll(ts: readonly ValType[], what = 'instruction'): void {
    const sp0 = this.sp;
    for (let i = ts.length - 1; i >= 0; i--) {
      if (this.sp === this.floor) {
        if (this.dead) return; // every remaining operand is BOT
        this.requires(ts, sp0, what);
      }
      const got = this.vals[--this.sp];
      const want = ts[i];
      if (got !== want && got !== BOT && !matchValType(got, want)) this.requires(ts, sp0, what);
    }
  }

  /** The reference interpreter's wording: "instruction requires [..] but stack has [..]". */
  requires(ts: readonly ValType[], sp0: number, what: string, from = Math.max(this.floor, sp0 - ts.length)): never {
    const has = Array.from(this.vals.subarray(from, sp0), typeName).join(' ');
    return this.fail(`type mismatch: ${what} requires [${ts.map(typeName).join(' ')}] but stack has [${has}]`);
  }

  /** Checks that the top of the stack matches `ts` without consuming it (pop_vals; push_vals(popped)). */
  peekAll(ts: readonly ValType[]): void {
    const h = this.floor;
    let p = this.sp;
    for (let i = ts.length - 1; i >= 0; i--) {
      if (p === h) {
        if (this.dead) return; // the rest would be BOT
        this.mismatch(ts[i], -1);
      }
      const got = this.vals[--p];
      if (got !== ts[i] && got !== BOT && !matchValType(got, ts[i])) this.mismatch(ts[i], got);
    }
  }

  pushCtrl(kind: number, start: readonly ValType[], end: readonly ValType[]): void {
    const d = this.depth;
    if (d === this.kind.length) this.growCtrl();
    this.kind[d] = kind;
    this.height[d] = this.sp;
    this.initHeight[d] = this.initSp;
    this.unreach[d] = 0;
    this.starts[d] = start;
    this.ends[d] = end;
    this.depth = d + 1;
    this.floor = this.sp;
    this.dead = false;
    this.pushAll(start);
  }

  /** pop_ctrl(): checks the frame's results and that nothing else is left, resets local init. */
  popCtrl(): void {
    const top = this.depth - 1;
    const sp0 = this.sp;
    this.popAll(this.ends[top], 'block');
    if (this.sp !== this.height[top]) this.requires(this.ends[top], sp0, 'block', this.height[top]);
    this.resetLocals(this.initHeight[top]);
    this.depth = top;
    if (top > 0) {
      this.floor = this.height[top - 1];
      this.dead = this.unreach[top - 1] === 1;
    }
  }

  /** Starts the next arm of the innermost frame (else, legacy catch): reachable again. */
  revive(): void {
    this.unreach[this.depth - 1] = 0;
    this.dead = false;
  }

  /** Label types of the frame `l` levels out (l already checked against depth). */
  labelTypes(l: number): readonly ValType[] {
    const f = this.depth - 1 - l;
    return this.kind[f] === K_LOOP ? this.starts[f] : this.ends[f];
  }

  label(l: number): readonly ValType[] {
    if (l >= this.depth) this.fail(`unknown label ${l}`);
    return this.labelTypes(l);
  }

  unreachable(): void {
    this.sp = this.floor;
    this.unreach[this.depth - 1] = 1;
    this.dead = true;
  }

  private growCtrl(): void {
    const n = this.kind.length * 2;
    const kind = new Uint8Array(n); kind.set(this.kind); this.kind = kind;
    const height = new Int32Array(n); height.set(this.height); this.height = height;
    const initHeight = new Int32Array(n); initHeight.set(this.initHeight); this.initHeight = initHeight;
    const unreach = new Uint8Array(n); unreach.set(this.unreach); this.unreach = unreach;
    for (let i = this.starts.length; i < n; i++) {
      this.starts.push(EMPTY);
      this.ends.push(EMPTY);
    }
  }

  /** Data segments may be named in code only when the data count section announced them. */
  data(y: number): void {
    const n = this.m.dataCount;
    if (n === null) this.fail('data count section required');
    if (y >= n) this.fail(`unknown data segment ${y}`);
  }

  elemType(y: number): ValType {
    if (y >= this.m.elems.length) this.fail(`unknown elem segment ${y}`);
    return this.m.elems[y].type;
  }

  // ---- locals ----

  /** Prepares locals: parameters and defaultable locals start initialised. */
  setLocals(params: readonly ValType[], locals: readonly ValType[]): void {
    const n = params.length + locals.length;
    if (n > this.localTypes.length) {
      this.localTypes = new Int32Array(n);
      this.localInit = new Uint8Array(n);
      this.inits = new Int32Array(n);
    }
    for (let i = 0; i < params.length; i++) {
      this.localTypes[i] = params[i];
      this.localInit[i] = 1;
    }
    for (let i = 0; i < locals.length; i++) {
      const t = locals[i];
      this.localTypes[params.length + i] = t;
      this.localInit[params.length + i] = !isRef(t) || isNullable(t) ? 1 : 0;
    }
    this.numLocals = n;
    this.initSp = 0;
  }

  localType(x: number): ValType {
    if (x >= this.numLocals) this.fail(`unknown local ${x}`);
    return this.localTypes[x];
  }

  setLocal(x: number): void {
    if (this.localInit[x] === 0) {
      this.localInit[x] = 1;
      this.inits[this.initSp++] = x;
    }
  }

  resetLocals(h: number): void {
    while (this.initSp > h) this.localInit[this.inits[--this.initSp]] = 0;
  }
}
