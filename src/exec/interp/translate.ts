// Translates one validated function body into the interpreter's code (ops.ts). The wasm operand
// stack is resolved at translation time: the value at depth d lives in slot nLocals + d, and an
// entry of the translation-time stack is either there ("own"), a pending read of a local (slot
// < nLocals) or a pending i32 constant. Instructions name their operands' slots directly, so
// local.get and constants cost nothing, a result computed into the top slot and then stored with
// local.set is computed into the local instead, and an i32 comparison followed by br_if/if
// becomes one compare-and-branch. Pending entries are written to their own slots ("materialised")
// before anything that could change what they read and at every control-flow merge.

import { Reader } from '../../binary/reader.js';
import { Instr, readInstr, type Catch } from '../../binary/instr.js';
import { BLOCK_EMPTY, blockSignature, type TypeSpace } from '../../binary/valtype.js';
import type { Module } from '../../syntax/module.js';
import type { FuncType, ValType } from '../../syntax/types.js';
import { f64FromBits, f32FromBits } from '../numerics.js';
import { OP } from './ops.js';
import { peephole } from './peephole.js';
import { inlinable, writtenLocals } from '../compile/inline.js';
import { NUMOPS } from './numops.js';
import { MEMOPS, MISCOPS } from './memops.js';
import { numeric, memory, misc } from './lower.js';
import { K_I, K_L, K_D, K_R, K_V, kindOf, type CallSite, type Code, type Handler } from './code.js';
import { Emitter, MOV, type Ent } from './emitter.js';
import { SELECT, GLOBAL_GET, GLOBAL_SET, FUSE } from './fusion.js';
import { translateSimd } from './simd.js';
import { translateGc } from './gc.js';
import { openHandler, tryTableEnd, legacyTry, legacyCatch, legacyEnd, legacyDelegate, legacyRethrow } from './eh.js';

export const B_BLOCK = 0, B_LOOP = 1, B_IF = 2, B_FUNC = 3, B_TRY = 4, B_LEGACY = 5;

export interface Block {
  kind: number;
  height: number;
  params: number[];
  results: number[];
  /** Code positions waiting for the address of the block's end. */
  patches: number[];
  /** Loop start. */
  start: number;
  /** For `if`: the position of the jump to patch with the else branch (or -1 once placed). */
  elsePatch: number;
  /** For try_table: its catch clauses. */
  catches?: Catch[];
  /** For try_table and legacy try: its handler, which catches while `active` (in the body). */
  h?: Handler;
  active?: boolean;
  /** For legacy try: the slot keeping the exception caught by a catch clause (for rethrow). */
  exn?: number;
}

export class Translator extends Emitter {
  readonly index: number;
  readonly space: TypeSpace;
  readonly type: FuncType;
  readonly sites: CallSite[] = [];
  readonly reasons: string[] = [];
  readonly handlers: Handler[] = [];
  readonly blocks: Block[] = [];
  readonly localKinds: number[];
  dead = false;
  deadNest = 0;
  /** Locals of the function itself; slots [nOwnLocals, exnBase) are the inline region. */
  readonly nOwnLocals: number;
  /** Slots [exnBase, base) keep exceptions caught by nested legacy catch clauses (for rethrow). */
  exnBase = 0;
  private zero = -1;
  /** While a callee is expanded inline: its local kinds and the parameters standing for arguments. */
  inl: { kinds: number[]; aliases: Map<number, Ent> } | null = null;
  /** Slots of hoisted f32/f64 constants by constKey, and their indices in consts in slot order. */
  readonly constSlots = new Map<string, number>();
  readonly constInit: number[] = [];

  constructor(mod: Module, index: number) {
    super(mod);
    this.index = index;
    this.space = { map: mod.types, count: mod.types.length };
    this.type = mod.typeDefs[mod.funcs[index]].comp as FuncType;
    const body = mod.codes[index - mod.numImportedFuncs];
    this.localKinds = [...this.type.params, ...body.locals].map(kindOf);
    this.nOwnLocals = this.localKinds.length;
    this.base = this.nOwnLocals + this.inlineRegion(body.start, body.end);
  }

  /** The v128 zero in the object constants (V_CONST's form: four words). */
  zeroV(): number {
    if (this.zero < 0) this.zero = this.obj(new Int32Array(4));
    return this.zero;
  }

  /** The handler that catches for block index i: the innermost active one at or around it. */
  activeHandler(i: number): Handler | null {
    for (; i >= 0; i--) if (this.blocks[i].active) return this.blocks[i].h!;
    return null;
  }

  /**
   * Small straight-line callees (the compile tier's inline.ts decides which) are expanded at their
   * call sites, their locals in a region of slots after ours that all expansions share (they never
   * nest: such callees make no calls). Returns the region's size.
   */
  inlineRegion(start: number, end: number): number {
    const r = new Reader(this.mod.bytes, start, end);
    const ins = new Instr();
    let size = 0;
    // Legacy try nesting, for the exception slots after the region; loop nesting, for constants.
    const legacy: boolean[] = [];
    const loops: boolean[] = [];
    let depth = 0, maxDepth = 0, inLoop = 0;
    const consts: [string, number][] = [];
    while (!r.eof()) {
      readInstr(r, ins, this.space);
      switch (ins.op.name) {
        case 'block': case 'if': case 'try_table': legacy.push(false); loops.push(false); break;
        case 'loop': legacy.push(false); loops.push(true); inLoop++; break;
        case 'try': legacy.push(true); loops.push(false); maxDepth = Math.max(maxDepth, ++depth); break;
        case 'end': case 'delegate': if (legacy.pop()) depth--; if (loops.pop()) inLoop--; break;
        case 'f32.const': case 'f64.const': {
          const key = constKey(ins);
          if (inLoop > 0 && !this.constSlots.has(key)) {
            this.constSlots.set(key, -1);
            // The value goes straight to the Float64Array: a JS array could quiet a NaN's payload.
            consts.push([key, this.constant(constValue(ins))]);
          }
          break;
        }
        case 'call':
          if (ins.a !== this.index && inlinable(this.mod, ins.a)) {
            const body = this.mod.codes[ins.a - this.mod.numImportedFuncs];
            size = Math.max(size, this.funcType(ins.a).params.length + body.locals.length);
          }
      }
    }
    this.exnBase = this.nOwnLocals + size;
    // f32/f64 constants used in loops get slots of their own, written once on entry (translate()).
    consts.forEach(([key, k], i) => {
      this.constSlots.set(key, this.exnBase + maxDepth + i);
      this.constInit.push(k);
    });
    return size + maxDepth + consts.length;
  }

  /** Expands the call of inlinable function f in place: its results end up on the stack. */
  inlineCall(f: number): void {
    const ft = this.funcType(f);
    const body = this.mod.codes[f - this.mod.numImportedFuncs];
    const kinds = [...ft.params, ...body.locals].map(kindOf);
    const written = writtenLocals(this.mod, body.start, body.end, this.space);
    const region = this.nOwnLocals;
    const aliases = new Map<number, Ent>();
    const n = ft.params.length;
    const top = this.stack.length - n;
    // A parameter the callee never assigns stands for its argument: a constant, a local of ours
    // (which the callee cannot change) or a computed value, which then stays in its slot below the
    // callee's operand stack until the expansion ends. Assigned parameters are copied.
    for (let i = 0; i < n; i++) {
      const e = this.stack[top + i];
      if (!written.has(i)) aliases.set(i, { ...e });
      else if (e.s < 0) this.constTo(e, region + i);
      else this.emit(MOV[e.k], region + i, e.s);
    }
    for (let i = n; i < kinds.length; i++) {
      const slot = region + i;
      switch (kinds[i]) {
        case K_I: this.emit(OP.CONST_I, slot, 0); break;
        case K_L: this.emit(OP.CONST_L, slot, 0, 0); break;
        case K_D: this.emit(OP.CONST_D, slot, this.constant(0)); break;
        case K_V: this.emit(OP.V_CONST, slot, this.zeroV()); break;
        default: this.emit(OP.CONST_R, slot); break;
      }
    }
    this.inl = { kinds, aliases };
    const r = new Reader(this.mod.bytes, body.start, body.end);
    const ins = new Instr();
    for (;;) {
      readInstr(r, ins, this.space);
      if (ins.op.name === 'end') break;
      this.instr(ins);
    }
    this.inl = null;
    this.dropArguments(top, n, region);
  }

  /**
   * After an expansion: the results (on top) replace the n arguments at depth `top`. A single
   * result computed by the last instruction is retargeted to its final slot; results still
   * reading arguments or the inline region (which the next expansion reuses) are copied down.
   */
  dropArguments(top: number, n: number, region: number): void {
    const r = this.stack.length - top - n;
    const transient = (e: Ent): boolean => (e.s >= region && e.s < this.base) || e.s >= this.own(top);
    if (r === 1) {
      const e = this.stack[top + n];
      const d = this.own(top + n);
      this.stack.length = top;
      if (e.s === this.own(top)) this.stack.push(e);
      else if (e.s === d && this.lastEnd === this.n && this.code[this.lastDst] === d) {
        this.code[this.lastDst] = this.own(top);
        this.stack.push({ k: e.k, s: this.own(top), c: 0 });
      } else if (transient(e)) {
        this.emit(MOV[e.k], this.own(top), e.s);
        this.stack.push({ k: e.k, s: this.own(top), c: 0 });
      } else this.stack.push(e);
      return;
    }
    // Several (or no) results: each into its own slot above, then down in order.
    for (let d = top + n; d < this.stack.length; d++) if (transient(this.stack[d]) || n > 0) this.materialize(d);
    const results = this.stack.splice(top + n);
    this.stack.length = top;
    for (const e of results) {
      const d = this.stack.length;
      if (e.s >= 0 && e.s !== this.own(d)) this.emit(MOV[e.k], this.own(d), e.s);
      this.stack.push(e.s >= 0 ? { k: e.k, s: this.own(d), c: 0 } : e);
    }
  }

  /** Local i (of the function, or of the callee being expanded) as a stack entry. */
  localEntry(i: number): Ent {
    if (this.inl === null) return { k: this.localKinds[i], s: i, c: 0 };
    const alias = this.inl.aliases.get(i);
    return alias ? { ...alias } : { k: this.inl.kinds[i], s: this.nOwnLocals + i, c: 0 };
  }
  localSlot(i: number): number {
    return this.inl === null ? i : this.nOwnLocals + i;
  }

  // ---- the walk ----

  translate(): Code {
    const body = this.mod.codes[this.index - this.mod.numImportedFuncs];
    const r = new Reader(this.mod.bytes, body.start, body.end);
    const ins = new Instr();
    this.blocks.push({ kind: B_FUNC, height: 0, params: [], results: this.type.results.map(kindOf), patches: [], start: 0, elsePatch: -1 });
    // run() clears locals to null; v128 ones start as the zero vector.
    for (let i = this.type.params.length; i < this.nOwnLocals; i++) if (this.localKinds[i] === K_V) this.emit(OP.V_CONST, i, this.zeroV());
    this.constInit.forEach((k, i) => this.emit(OP.CONST_D, this.base - this.constInit.length + i, k));
    while (this.blocks.length > 0) {
      readInstr(r, ins, this.space);
      if (this.dead) this.skip(ins);
      else this.instr(ins);
    }
    const results = this.type.results.map(kindOf);
    const ops = this.code.slice(0, this.n);
    peephole(ops, this.handlers);
    return {
      index: this.index,
      ops,
      consts: this.consts.slice(0, this.nConsts),
      objs: this.objs,
      nParams: this.type.params.length,
      nLocals: this.base,
      clears: this.clears(),
      frameSize: Math.max(this.base + this.maxDepth, results.length, 1),
      params: Uint8Array.from(this.type.params.map(kindOf)),
      results: Uint8Array.from(results),
      sites: this.sites,
      reasons: this.reasons,
      handlers: this.handlers,
    };
  }

  /** Runs of locals of one kind (code.ts clears). */
  clears(): Int32Array {
    const runs: number[] = [];
    for (let i = this.type.params.length; i < this.nOwnLocals; i++) {
      const k = this.localKinds[i];
      if (k === K_V) continue;
      const last = runs.length - 3;
      if (last >= 0 && runs[last + 1] === i && runs[last + 2] === k) runs[last + 1]++;
      else runs.push(i, i + 1, k);
    }
    return Int32Array.from(runs);
  }

  skip(ins: Instr): void {
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

  blockSig(bt: number): [number[], number[]] {
    const [params, results] = blockSignature(this.mod.typeDefs, bt);
    return [params.map(kindOf), results.map(kindOf)];
  }

  enter(kind: number, bt: number): Block {
    const [params, results] = this.blockSig(bt);
    this.flushAll(params.length);
    const b: Block = { kind, height: this.stack.length - params.length, params, results, patches: [], start: this.label(), elsePatch: -1 };
    this.blocks.push(b);
    return b;
  }

  end(): void {
    const b = this.blocks[this.blocks.length - 1];
    if (b.kind === B_FUNC) {
      if (!this.dead) this.returnValues();
      this.blocks.pop();
      return;
    }
    if (!this.dead) this.moveTo(b.height, b.results);
    this.blocks.pop();
    if (b.kind === B_TRY) tryTableEnd(this, b);
    else if (b.kind === B_LEGACY) legacyEnd(this, b);
    if (b.elsePatch >= 0) this.code[b.elsePatch] = this.n; // an if without else
    const here = this.label();
    for (const p of b.patches) this.code[p] = here;
    this.resetStack(b.height, b.results);
    this.dead = false;
  }

  tagParams(tag: number): ValType[] {
    return (this.mod.typeDefs[this.mod.tags[tag].typeIndex].comp as FuncType).params;
  }

  elseOf(): void {
    const b = this.blocks[this.blocks.length - 1];
    if (!this.dead) {
      this.moveTo(b.height, b.results);
      b.patches.push(this.emit(OP.BR, 0) + 1);
    }
    this.code[b.elsePatch] = this.label();
    b.elsePatch = -1;
    this.resetStack(b.height, b.params);
    this.dead = false;
  }

  resetStack(height: number, kinds: number[]): void {
    this.stack.length = height;
    for (const k of kinds) this.pushOwn(k);
  }

  /** Moves the top values (of `kinds`) to the slots of depth `height`… (no pops). */
  moveTo(height: number, kinds: number[]): void {
    const n = kinds.length;
    const top = this.stack.length - n;
    for (let i = 0; i < n; i++) {
      const e = this.stack[top + i];
      const to = this.own(height + i);
      this.note(height + i);
      if (e.s === to) continue;
      if (e.s < 0) this.constTo(e, to);
      else this.emit(MOV[e.k], to, e.s);
    }
  }

  /** Moves the results to slots 0… and returns. */
  returnValues(): void {
    const kinds = this.blocks[0].results;
    const n = kinds.length;
    const top = this.stack.length - n;
    // Several values first go to their own slots (above every target slot, so the moves down
    // cannot overwrite a source); the stack itself is left as it is (br_table shares it).
    const from: number[] = [];
    for (let i = 0; i < n; i++) {
      const e = this.stack[top + i];
      let s = e.s;
      if (n > 1 && s !== this.own(top + i)) {
        s = this.own(top + i);
        this.note(top + i);
        if (e.s < 0) this.constTo(e, s);
        else this.emit(MOV[e.k], s, e.s);
      }
      from.push(s);
    }
    for (let i = 0; i < n; i++) {
      const e = this.stack[top + i];
      if (from[i] === i) continue;
      if (from[i] < 0) this.constTo(e, i);
      else this.emit(MOV[e.k], i, from[i]);
    }
    this.emit(OP.RETURN);
  }

  /** Whether a branch to block depth l needs moves (values not already in the target slots). */
  branchMoves(l: number): boolean {
    const b = this.blocks[this.blocks.length - 1 - l];
    if (b.kind === B_FUNC) return true;
    const kinds = b.kind === B_LOOP ? b.params : b.results;
    const top = this.stack.length - kinds.length;
    for (let i = 0; i < kinds.length; i++) if (this.stack[top + i].s !== this.own(b.height + i)) return true;
    return false;
  }

  /** Emits an unconditional branch to block depth l (with its moves). */
  branch(l: number): void {
    const b = this.blocks[this.blocks.length - 1 - l];
    if (b.kind === B_FUNC) {
      this.returnValues();
      return;
    }
    this.moveTo(b.height, b.kind === B_LOOP ? b.params : b.results);
    this.jump(OP.BR, [], l);
  }

  /**
   * A conditional branch to label depth l: `op` (operands `pre`, then the target) jumps when the
   * condition holds; when the branch needs moves, its negation `neg` skips them instead.
   */
  condBranch(op: number, neg: number, pre: number[], l: number): void {
    if (!this.branchMoves(l)) {
      this.jump(op, pre, l);
      return;
    }
    const skip = this.emit(neg, ...pre, 0) + 1 + pre.length;
    this.branch(l);
    this.code[skip] = this.label();
  }

  /** Emits a jump op with operands `pre` and the target of block depth l as its last word. */
  jump(op: number, pre: number[], l: number): void {
    const b = this.blocks[this.blocks.length - 1 - l];
    if (b.kind === B_LOOP) this.emit(op, ...pre, b.start);
    else b.patches.push(this.emit(op, ...pre, 0) + 1 + pre.length);
  }

  /**
   * Pops an i32 condition and returns [op, operands] of a conditional jump taken when the
   * condition is true (or false, if `negate`), fusing a comparison computed just before.
   */
  condJump(negate: boolean): [number, number[]] {
    const d = this.stack.length - 1;
    const e = this.stack[d];
    if (e.s === this.own(d) && this.lastEnd === this.n && this.code[this.lastDst] === e.s) {
      const fused = FUSE.get(this.code[this.lastStart]);
      if (fused) {
        const a = this.code[this.lastStart + 2];
        const b = this.code[this.lastStart + 3];
        this.n = this.lastStart;
        this.stack.pop();
        return [negate ? fused[1] : fused[0], [a, b]];
      }
      if (this.code[this.lastStart] === OP.I32_EQZ) {
        const a = this.code[this.lastStart + 2];
        this.n = this.lastStart;
        this.stack.pop();
        return [negate ? OP.BR_IF : OP.BR_UNLESS, [a]];
      }
    }
    const c = this.popSlot();
    return [negate ? OP.BR_UNLESS : OP.BR_IF, [c]];
  }

  instr(ins: Instr): void {
    const name = ins.op.name;
    switch (name) {
      case 'nop':
        return;
      case 'unreachable':
        this.emit(OP.TRAP, this.reasons.push('unreachable') - 1);
        this.dead = true;
        return;
      case 'block':
        this.enter(B_BLOCK, ins.a);
        return;
      case 'loop':
        this.enter(B_LOOP, ins.a);
        return;
      case 'if': {
        const [op, pre] = this.condJump(true);
        const [params, results] = this.blockSig(ins.a);
        this.flushAll(params.length);
        const at = this.emit(op, ...pre, 0);
        this.blocks.push({ kind: B_IF, height: this.stack.length - params.length, params, results, patches: [], start: 0, elsePatch: at + 1 + pre.length });
        this.label();
        return;
      }
      case 'else':
        this.elseOf();
        return;
      case 'end':
        this.end();
        return;
      case 'br':
        this.branch(ins.a);
        this.dead = true;
        return;
      case 'br_if': {
        const [op, pre] = this.condJump(false);
        if (!this.branchMoves(ins.a)) {
          this.jump(op, pre, ins.a);
          return;
        }
        const [nop, npre] = this.condJump2(op, pre);
        const skip = this.emit(nop, ...npre, 0) + 1 + npre.length;
        this.branch(ins.a);
        this.code[skip] = this.label();
        return;
      }
      case 'br_table': {
        const idx = this.popSlot();
        const labels = ins.labels;
        const at = this.emit(OP.BR_TABLE, idx, labels.length - 1, ...labels.map(() => 0));
        const stubs = new Map<number, number>();
        labels.forEach((l, i) => {
          let target = stubs.get(l);
          if (target === undefined) {
            // Each distinct label gets a stub with its moves and jump (patched below when forward).
            target = this.label();
            this.branch(l);
            stubs.set(l, target);
          }
          this.code[at + 3 + i] = target;
        });
        this.dead = true;
        return;
      }
      case 'return':
        this.returnValues();
        this.dead = true;
        return;
      case 'call':
        if (this.inl === null && ins.a !== this.index && inlinable(this.mod, ins.a)) this.inlineCall(ins.a);
        else this.call(OP.CALL, ins.a, this.funcType(ins.a), -1);
        return;
      case 'return_call':
        this.call(OP.RETURN_CALL, ins.a, this.funcType(ins.a), -1);
        this.dead = true;
        return;
      case 'call_indirect': case 'return_call_indirect': {
        const ft = this.mod.typeDefs[ins.a].comp as FuncType;
        const tail = name === 'return_call_indirect';
        const i64 = this.stack[this.stack.length - 1].k === K_L ? 1 : 0;
        // The index is read before the callee's frame (from the arguments up) is touched, and
        // materialising the arguments writes only below it.
        const idx = this.popSlot();
        const site = this.site(ft, this.mod.types[ins.a]);
        const args = this.popOwn(ft.params.length);
        this.emit(tail ? OP.RETURN_CALL_INDIRECT : OP.CALL_INDIRECT, site, ins.b, idx, args, i64);
        if (tail) this.dead = true;
        else for (const t of ft.results) this.pushOwn(kindOf(t));
        return;
      }
      case 'call_ref': case 'return_call_ref': {
        const ft = this.mod.typeDefs[ins.a].comp as FuncType;
        const tail = name === 'return_call_ref';
        const ref = this.popSlot();
        const site = this.site(ft, -1);
        const args = this.popOwn(ft.params.length);
        this.emit(tail ? OP.RETURN_CALL_INDIRECT : OP.CALL_INDIRECT, site, -1, ref, args, 0);
        if (tail) this.dead = true;
        else for (const t of ft.results) this.pushOwn(kindOf(t));
        return;
      }
      case 'ref.as_non_null': {
        const d = this.stack.length - 1;
        this.materialize(d);
        this.emit(OP.REF_AS_NON_NULL, this.stack[d].s);
        return;
      }
      case 'br_on_null': {
        const x = this.stack.pop()!;
        this.condBranch(OP.BR_IF_NULL, OP.BR_IF_NONNULL, [x.s], ins.a);
        this.stack.push(x);
        return;
      }
      case 'br_on_non_null': {
        const x = this.stack[this.stack.length - 1];
        this.condBranch(OP.BR_IF_NONNULL, OP.BR_IF_NULL, [x.s], ins.a);
        this.stack.pop();
        return;
      }
      case 'try_table': {
        const b = this.enter(B_TRY, ins.a);
        b.catches = ins.catches.map((c) => ({ ...c }));
        openHandler(this, b);
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
      case 'br_on_cast': case 'br_on_cast_fail': {
        // flags bit 1: the target type is nullable; the reference stays on the stack either way.
        const x = this.stack[this.stack.length - 1];
        const pre = [x.s, ins.d, (ins.a & 2) !== 0 ? 1 : 0];
        const [yes, no] = name === 'br_on_cast' ? [OP.BR_ON_CAST, OP.BR_ON_CAST_FAIL] : [OP.BR_ON_CAST_FAIL, OP.BR_ON_CAST];
        this.condBranch(yes, no, pre, ins.b);
        return;
      }
      case 'throw': {
        const params = this.tagParams(ins.a);
        const site = this.sites.length;
        this.site({ params, results: [] } as unknown as FuncType, -1);
        this.emit(OP.THROW, ins.a, this.popOwn(params.length), site);
        this.dead = true;
        return;
      }
      case 'throw_ref':
        this.emit(OP.THROW_REF, this.popSlot());
        this.dead = true;
        return;
      case 'drop':
        this.stack.pop();
        return;
      case 'select': {
        const c = this.popSlot();
        const b = this.stack.pop()!;
        const a = this.stack.pop()!;
        if (a.k === K_I && (a.s < 0) !== (b.s < 0)) {
          // One constant operand (a clamp, a default): an immediate instead of a CONST_I.
          const d = this.pushOwn(K_I);
          if (b.s < 0) this.emitResult(OP.SELECT_I_K, d, a.s, b.c, c);
          else this.emitResult(OP.SELECT_I_KA, d, a.c, b.s, c);
          return;
        }
        const as = this.slotOf(a, this.stack.length);
        const bs = this.slotOf(b, this.stack.length + 1);
        const d = this.pushOwn(a.k);
        this.emitResult(SELECT[a.k], d, as, bs, c);
        return;
      }
      case 'local.get': {
        this.note(this.stack.length);
        this.stack.push(this.localEntry(ins.a));
        return;
      }
      case 'local.set': case 'local.tee': {
        const l = this.localSlot(ins.a);
        const d = this.stack.length - 1;
        const x = this.stack.pop()!;
        const retarget = x.s === this.own(d) && this.lastEnd === this.n && this.code[this.lastDst] === x.s &&
          !this.stack.some((e) => e.s === l);
        if (retarget) this.code[this.lastDst] = l;
        else {
          this.flushLocal(l);
          if (x.s < 0) this.constTo(x, l);
          else if (x.s !== l) this.emit(MOV[x.k], l, x.s);
        }
        this.lastEnd = -1;
        if (name === 'local.tee') this.stack.push({ k: x.k, s: l, c: 0 });
        return;
      }
      case 'global.get': {
        const k = kindOf(this.mod.globals[ins.a].type.type);
        const d = this.pushOwn(k);
        this.emitResult(GLOBAL_GET[k], d, ins.a);
        return;
      }
      case 'global.set': {
        const k = this.stack[this.stack.length - 1].k;
        this.emit(GLOBAL_SET[k], ins.a, this.popSlot());
        return;
      }
      case 'i32.const':
        this.note(this.stack.length);
        this.stack.push({ k: K_I, s: -1, c: ins.lo });
        return;
      case 'i64.const':
        this.note(this.stack.length);
        this.stack.push({ k: K_L, s: -1, c: ins.lo, h: ins.hi });
        return;
      case 'f32.const': case 'f64.const': {
        const slot = this.inl === null ? this.constSlots.get(constKey(ins)) : undefined;
        if (slot !== undefined) {
          // A hoisted constant: read from its slot like a local that nothing writes.
          this.note(this.stack.length);
          this.stack.push({ k: K_D, s: slot, c: 0 });
        } else {
          this.emitResult(OP.CONST_D, this.pushOwn(K_D), this.constant(constValue(ins)));
        }
        return;
      }
      case 'ref.null':
        this.emitResult(OP.CONST_R, this.pushOwn(K_R));
        return;
      case 'ref.is_null': {
        const a = this.popSlot();
        this.emitResult(OP.REF_IS_NULL, this.pushOwn(K_I), a);
        return;
      }
      case 'ref.eq': {
        const b = this.popSlot();
        const a = this.popSlot();
        this.emitResult(OP.REF_EQ, this.pushOwn(K_I), a, b);
        return;
      }
      case 'ref.func':
        this.emitResult(OP.REF_FUNC, this.pushOwn(K_R), ins.a);
        return;
    }
    const num = NUMOPS.get(name);
    if (num) {
      numeric(this, num.op, num.args, num.res, num.fn);
      return;
    }
    const mem = MEMOPS.get(name);
    if (mem) {
      memory(this, ins, mem);
      return;
    }
    const mi = MISCOPS.get(name);
    if (mi) {
      misc(this, ins, mi);
      return;
    }
    if (translateSimd(this, ins) || translateGc(this, ins)) return;
    throw new Error(`not yet implemented: instruction ${name} in the interpreter`);
  }

  /** The negation of a conditional jump from condJump. */
  condJump2(op: number, pre: number[]): [number, number[]] {
    if (op === OP.BR_IF) return [OP.BR_UNLESS, pre];
    if (op === OP.BR_UNLESS) return [OP.BR_IF, pre];
    for (const [, [yes, no]] of FUSE) if (yes === op) return [no, pre];
    throw new Error('unreachable: not a conditional jump');
  }

  /** The slot of a popped entry that was at depth d (constants go to their own slot). */
  slotOf(e: Ent, d: number): number {
    if (e.s >= 0) return e.s;
    this.note(d);
    this.constTo(e, this.own(d));
    return this.own(d);
  }

  funcType(f: number): FuncType {
    return this.mod.typeDefs[this.mod.funcs[f]].comp as FuncType;
  }

  site(ft: FuncType, type: number): number {
    let n = 0;
    for (const t of ft.params) n += kindOf(t) === K_L ? 2 : 1;
    return this.sites.push({
      params: Uint8Array.from(ft.params.map(kindOf)),
      results: Uint8Array.from(ft.results.map(kindOf)),
      type,
      args: new Array(n).fill(null),
    }) - 1;
  }

  call(op: number, f: number, ft: FuncType, type: number): void {
    const site = this.site(ft, type);
    const args = this.popOwn(ft.params.length);
    // The callee's frame starts at the arguments: the slots it may use must count for this frame
    // only as far as results go.
    this.emit(op, f, args, site);
    if (op === OP.CALL) for (const t of ft.results) this.pushOwn(kindOf(t));
  }
}

function constKey(ins: Instr): string {
  return ins.op.name === 'f32.const' ? `f${ins.lo}` : `d${ins.lo},${ins.hi}`;
}

/** The value of an f32.const or f64.const (an f32 in numerics' carrier form). */
function constValue(ins: Instr): number {
  return ins.op.name === 'f32.const' ? f32FromBits(ins.lo) : f64FromBits(ins.lo, ins.hi);
}

/** Translates function `index` of `mod` (validated) for the interpreter. */
export function translate(mod: Module, index: number): Code {
  return new Translator(mod, index).translate();
}
