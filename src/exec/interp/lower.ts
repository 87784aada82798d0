// Translation of numeric, memory and misc (memory/table/segment) instructions over the emitter's
// translation-time stack (emitter.ts): immediate forms, fused address additions, kind-typed ops.

import type { Instr } from '../../binary/instr.js';
import { OP } from './ops.js';
import { FN_NAMES } from './numops.js';
import { MISC_NAMES } from './memops.js';
import { K_I, K_L, K_D } from './code.js';
import type { Emitter, Ent } from './emitter.js';
import { WITH_K, AT, SHIFTS_K, INLINE_FN } from './fusion.js';

export function numeric(t: Emitter, op: number, args: string, res: string, fn: number): void {
  const rk = res === 'I' ? K_I : res === 'L' ? K_L : K_D;
  // Helpers with an inline fast path keep the FN_ layout (the helper for the slow path).
  if (fn >= 0) op = INLINE_FN.get(FN_NAMES[fn]) ?? op;
  if (args.length === 2) {
    const b = t.stack[t.stack.length - 1];
    if (b.s < 0 && b.k === K_L && i64WithK(t, op, fn, b)) return;
    if (b.s < 0 && b.k === K_I && fn >= 0 && ROT[FN_NAMES[fn]] !== undefined) {
      // Rotations by a constant (hashes): inline, rotr as rotl, no helper call.
      t.stack.pop();
      const a = t.popSlot();
      const n = ROT[FN_NAMES[fn]](b.c & 31) & 31;
      if (n === 0) t.emitResult(OP.MOV_I, t.pushOwn(K_I), a);
      else t.emitResult(OP.I32_ROTL_K, t.pushOwn(K_I), a, n);
      return;
    }
    const withK = b.k === K_I ? WITH_K.get(op) : undefined;
    if (b.s < 0 && withK) {
      t.stack.pop();
      const a = t.popSlot();
      t.emitResult(withK[0], t.pushOwn(rk), a, withK[1](b.c));
      return;
    }
    if (op === OP.I64_MUL && mulU32(t)) return;
    const bs = t.popSlot();
    const as = t.popSlot();
    const d = t.pushOwn(rk);
    if (fn >= 0) t.emitResult(op, d, as, bs, fn);
    else t.emitResult(op, d, as, bs);
    return;
  }
  const x = t.stack[t.stack.length - 1];
  if (x.s < 0 && foldConst(t, op, x)) return;
  if (op === OP.I32_WRAP_I64) {
    // The low word of an i64 slot is its i32 value: the same slot, read as i32.
    t.stack[t.stack.length - 1] = { k: K_I, s: x.s, c: 0 };
    return;
  }
  const a = t.popSlot();
  const d = t.pushOwn(rk);
  if (fn >= 0) t.emitResult(op, d, a, 0, fn);
  else t.emitResult(op, d, a);
}

/** Whether the instruction at p zero-extends a low word into slot s: [its source] or -1. */
function zext(t: Emitter, p: number, s: number): number {
  if (p < 0 || t.code[p + 1] !== s) return -1;
  const op = t.code[p];
  if (op === OP.I64_EXTEND_I32_U || (op === OP.I64_AND_K && t.code[p + 3] === -1 && t.code[p + 4] === 0)) return t.code[p + 2];
  return -1;
}

/**
 * i64.mul by a value just zero-extended from 32 bits (argon2's and other hashes' 32x32 products):
 * one op multiplies by the source's low word, without the extension or the zero high word.
 */
function mulU32(t: Emitter): boolean {
  const h = t.stack.length - 2;
  if (t.stack[h + 1].s !== t.own(h + 1) || t.lastEnd !== t.n) return false;
  const b = zext(t, t.lastStart, t.own(h + 1));
  if (b < 0) return false;
  t.n = t.lastStart;
  t.stack.pop();
  const a = t.popSlot();
  t.emitResult(OP.I64_MUL_U32, t.pushOwn(K_L), a, b);
  return true;
}

/** i64 comparisons run inline by I64_CMP_K: relation (lt, gt, le, ge) * 2 + unsigned. */
const CMP64: Record<string, number> = {
  'i64.lt_s': 0, 'i64.lt_u': 1, 'i64.gt_s': 2, 'i64.gt_u': 3, 'i64.le_s': 4, 'i64.le_u': 5, 'i64.ge_s': 6, 'i64.ge_u': 7,
};

const ROT: Record<string, (n: number) => number> = { 'i32.rotl': (n) => n, 'i32.rotr': (n) => 32 - n };

/** Width conversions of a pending constant stay pending constants (an i64 shift count, say). */
function foldConst(t: Emitter, op: number, x: Ent): boolean {
  let e: Ent;
  if (op === OP.I64_EXTEND_I32_U) e = { k: K_L, s: -1, c: x.c, h: 0 };
  else if (op === OP.I64_EXTEND_I32_S) e = { k: K_L, s: -1, c: x.c, h: x.c >> 31 };
  else if (op === OP.I32_WRAP_I64) e = { k: K_I, s: -1, c: x.c };
  else return false;
  t.stack[t.stack.length - 1] = e;
  return true;
}

/** i64 add/sub/and/or/xor and shifts/rotations with a constant right operand. */
function i64WithK(t: Emitter, op: number, fn: number, b: Ent): boolean {
  const lo = b.c, hi = b.h!;
  const name = fn >= 0 ? FN_NAMES[fn] : '';
  let emitK: ((d: number, a: number) => void) | null = null;
  if (op === OP.I64_ADD) emitK = (d, a) => t.emitResult(OP.I64_ADD_K, d, a, lo, hi);
  else if (op === OP.I64_SUB) {
    // x - c = x + (-c): two's complement negation of the pair
    const nlo = -lo | 0;
    const nhi = (~hi + (lo === 0 ? 1 : 0)) | 0;
    emitK = (d, a) => t.emitResult(OP.I64_ADD_K, d, a, nlo, nhi);
  } else if (op === OP.I64_AND) emitK = (d, a) => t.emitResult(OP.I64_AND_K, d, a, lo, hi);
  else if (op === OP.I64_OR) emitK = (d, a) => t.emitResult(OP.I64_OR_K, d, a, lo, hi);
  else if (op === OP.I64_XOR) emitK = (d, a) => t.emitResult(OP.I64_XOR_K, d, a, lo, hi);
  else if (SHIFTS_K[name] !== undefined) {
    let n = lo & 63;
    let kop = SHIFTS_K[name];
    if (name === 'i64.rotr') n = (64 - n) & 63;
    if (n === 0) kop = OP.MOV_L;
    emitK = (d, a) => (kop === OP.MOV_L ? t.emitResult(OP.MOV_L, d, a) : t.emitResult(kop, d, a, n));
  }
  else if (op === OP.FN_I_LL && CMP64[name] !== undefined) emitK = (d, a) => t.emitResult(OP.I64_CMP_K, d, a, lo, hi, CMP64[name]);
  else if (op === OP.FN_I_LL) emitK = (d, a) => t.emitResult(OP.FN_I_LK, d, a, lo, hi, fn);
  if (emitK === null) return false;
  t.stack.pop();
  const a = t.popSlot();
  emitK(t.pushOwn(op === OP.FN_I_LL ? K_I : K_L), a);
  return true;
}

export function memory(t: Emitter, ins: Instr, m: { load: boolean; kind: number; width: number; res: number; fast: number; hi: number }): void {
  const addr64 = t.mod.memories[ins.a].limits.addr64;
  const fast = ins.a === 0 && !addr64 && ins.offset <= 0x7fffffff && m.fast >= 0;
  if (fast && m.hi < 0 && fuseAddress(t, m.load, m.fast, ins.offset)) return;
  if (m.load) {
    const a = t.popSlot();
    const d = t.pushOwn(m.res);
    if (fast) {
      t.emitResult(m.fast, d, a, ins.offset);
      if (m.hi >= 0) t.emit(m.hi, d);
    } else t.emitResult(OP.LOAD_ANY, d, a, m.kind, t.constant(ins.offset), ins.a, addr64 ? 1 : 0);
    return;
  }
  const top = t.stack[t.stack.length - 1];
  if (fast && m.fast === OP.STORE_I32 && top.s < 0 && top.k === K_I) {
    t.stack.pop();
    t.emit(OP.STORE_I32_K, top.c, t.popSlot(), ins.offset);
    return;
  }
  const v = t.popSlot();
  const a = t.popSlot();
  if (fast) t.emit(m.fast, v, a, ins.offset);
  else t.emit(OP.STORE_ANY, v, a, m.kind, t.constant(ins.offset), ins.a, addr64 ? 1 : 0);
}

/**
 * A load or store whose address is an i32.add computed just before: one op adds and accesses
 * (the sum wraps to 32 bits first, exactly as the separate add would).
 */
function fuseAddress(t: Emitter, load: boolean, op: number, offset: number): boolean {
  const fused = AT.get(op);
  if (fused === undefined) return false;
  const da = t.stack.length - (load ? 1 : 2);
  const a = t.stack[da];
  if (!load && t.stack[da + 1].s < 0) return false; // the value's constant would be emitted after the add
  if (a.s !== t.own(da) || t.lastEnd !== t.n || t.code[t.lastDst] !== a.s || t.code[t.lastStart] !== OP.I32_ADD) return false;
  const x = t.code[t.lastStart + 2];
  const y = t.code[t.lastStart + 3];
  t.n = t.lastStart;
  if (load) {
    t.stack.pop();
    t.emitResult(fused, t.pushOwn(loadKind(t, op)), x, y, offset);
  } else {
    const v = t.stack.pop()!.s;
    t.stack.pop();
    t.emit(fused, v, x, y, offset);
  }
  return true;
}

function loadKind(t: Emitter, op: number): number {
  return op === OP.LOAD_I64 ? K_L : op === OP.LOAD_F64 ? K_D : K_I;
}

/** Memory/table/segment instructions: [MISC, which, i64 mask, operands…, immediates…]. */
export function misc(t: Emitter, ins: Instr, m: { which: number; args: number; res: number; imms: (ins: Instr) => number[] }): void {
  let mask = 0;
  const slots: number[] = [];
  for (let i = m.args - 1; i >= 0; i--) {
    if (t.stack[t.stack.length - 1].k === K_L) mask |= 1 << i;
    slots.unshift(t.popSlot());
  }
  while (slots.length < 3) slots.push(0);
  const imms = m.imms(ins);
  while (imms.length < 2) imms.push(0);
  if (m.res >= 0) {
    const d = t.pushOwn(m.res === K_I && resultIs64(t, ins, m.which) ? K_L : m.res);
    t.emitResult(OP.MISC, d, m.which, mask, ...slots, ...imms);
  } else t.emit(OP.MISC, 0, m.which, mask, ...slots, ...imms);
}

/** memory.size/grow and table.size/grow return i64 for 64-bit memories and tables. */
function resultIs64(t: Emitter, ins: Instr, which: number): boolean {
  const name = MISC_NAMES[which];
  if (name.startsWith('memory.')) return t.mod.memories[ins.a].limits.addr64;
  if (name.startsWith('table.')) return t.mod.tables[ins.a].type.limits.addr64;
  return false;
}

