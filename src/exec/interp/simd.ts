// SIMD in the interpreter. v128 values live unboxed in the vector file (frame.ts: four int32 words
// per slot), so moves, loads, stores and the common integer and bitwise instructions (FAST below,
// executed inline by run.ts) allocate nothing, nor do the other integer lane-wise instructions
// (lanes.ts, computed on the file's lanes in place). Every other instruction calls its numerics helper
// (exec/simd.ts: SIMD_OPS / SIMD_MEMORY_OPS, the functions the compile tier binds): its operands
// are copied into scratch vectors, and its result (a fresh Uint8Array) into the destination slot.
// Memory instructions check bounds exactly as the compile tier does (effective address + access
// width against the memory's length) before anything is read or written.

import type { Instr } from '../../binary/instr.js';
import { PREFIX_SIMD } from '../../syntax/opcodes.js';
import { I32, I64, F32, F64, V128 } from '../../syntax/types.js';
import { SIMD_OPS, SIMD_MEMORY_OPS } from '../simd.js';
import { H, trap, OOB_MEMORY } from '../numerics.js';
import { OP } from './ops.js';
import { K_I, K_L, K_D, K_V } from './code.js';
import type { Emitter } from './emitter.js';
import { LANE_OPS } from './lanes.js';
import type { Files } from './frame.js';
import type { IEnv } from './misc.js';
import type { Code } from './code.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type VFn = (...a: any[]) => any;
/** The helpers by index (V_FN's and V_MEM's immediate). */
const VFNS: VFn[] = [];
const VINDEX = new Map<string, number>();
for (const [name, fn] of [...SIMD_OPS, ...SIMD_MEMORY_OPS]) VINDEX.set(name, VFNS.push(fn as VFn) - 1);

/** Instructions run.ts executes inline on the words: [op, d, operands…, (lane)]. */
const FAST = new Map<string, number>([
  ['v128.and', OP.V_AND], ['v128.or', OP.V_OR], ['v128.xor', OP.V_XOR], ['v128.andnot', OP.V_ANDNOT],
  ['v128.not', OP.V_NOT], ['v128.bitselect', OP.V_BITSELECT], ['v128.any_true', OP.V_ANY_TRUE],
  ['i8x16.add', OP.I8X16_ADD], ['i8x16.sub', OP.I8X16_SUB], ['i16x8.add', OP.I16X8_ADD], ['i16x8.sub', OP.I16X8_SUB],
  ['i32x4.add', OP.I32X4_ADD], ['i32x4.sub', OP.I32X4_SUB], ['i32x4.mul', OP.I32X4_MUL],
  ['i64x2.add', OP.I64X2_ADD], ['i64x2.sub', OP.I64X2_SUB],
  ['i8x16.splat', OP.I8X16_SPLAT], ['i16x8.splat', OP.I16X8_SPLAT], ['i32x4.splat', OP.I32X4_SPLAT], ['i64x2.splat', OP.I64X2_SPLAT],
  ['i8x16.extract_lane_s', OP.I8X16_EXTRACT_S], ['i8x16.extract_lane_u', OP.I8X16_EXTRACT_U], ['i8x16.replace_lane', OP.I8X16_REPLACE],
  ['i16x8.extract_lane_s', OP.I16X8_EXTRACT_S], ['i16x8.extract_lane_u', OP.I16X8_EXTRACT_U], ['i16x8.replace_lane', OP.I16X8_REPLACE],
  ['i32x4.extract_lane', OP.I32X4_EXTRACT], ['i32x4.replace_lane', OP.I32X4_REPLACE],
  ['i64x2.extract_lane', OP.I64X2_EXTRACT], ['i64x2.replace_lane', OP.I64X2_REPLACE],
  ['i8x16.swizzle', OP.I8X16_SWIZZLE], ['i8x16.relaxed_swizzle', OP.I8X16_SWIZZLE],
]);

const KIND: Record<number, number> = { [I32]: K_I, [I64]: K_L, [F32]: K_D, [F64]: K_D, [V128]: K_V };

// V_FN shapes: how the helper is called and where its result goes.
const UN = 0, BIN = 1, TER = 2, TEST = 3, SHIFT = 4, SPLAT_I = 5, SPLAT_L = 6, SPLAT_D = 7;
const EXTRACT_I = 8, EXTRACT_L = 9, EXTRACT_D = 10, REPLACE_I = 11, REPLACE_L = 12, REPLACE_D = 13;
const BY_KIND = (first: number, k: number): number => first + (k === K_I ? 0 : k === K_L ? 1 : 2);

/** V_MEM kinds. */
const M_LOAD = 0, M_STORE = 1, M_LOAD_LANE = 2, M_STORE_LANE = 3;

/** Translates SIMD instruction `ins`; false if it is not one. */
export function translateSimd(t: Emitter, ins: Instr): boolean {
  const op = ins.op;
  if (op.prefix !== PREFIX_SIMD) return false;
  const name = op.name;
  if (name === 'v128.const') {
    t.emitResult(OP.V_CONST, t.pushOwn(K_V), t.obj(new Int32Array(ins.bytes!.slice().buffer)));
    return true;
  }
  const fn = VINDEX.get(name);
  if (fn === undefined) throw new Error(`not yet implemented: instruction ${name} in the interpreter`);
  if (op.imm === 'memarg' || op.imm === 'memlane') {
    simdMemory(t, ins, fn);
    return true;
  }
  const params = op.params!;
  const res = KIND[op.results![0]];
  const slots: number[] = [];
  for (let i = 0; i < params.length; i++) slots.unshift(t.popSlot());
  const d = t.pushOwn(res);
  if (name === 'i8x16.shuffle') {
    // Each result byte's frame-relative byte offset, resolved now; through scratch when d is an operand.
    const at = Int32Array.from(ins.bytes!, (j) => 16 * slots[j < 16 ? 0 : 1] + (j & 15));
    t.emitResult(OP.V_SHUFFLE, d, t.obj(at), d === slots[0] || d === slots[1] ? 1 : 0);
    return true;
  }
  const fast = FAST.get(name);
  const lane = op.imm === 'lane';
  if (fast !== undefined) {
    if (lane) slots.splice(1, 0, ins.a); // (a, lane, x)
    t.emitResult(fast, d, ...slots);
    return true;
  }
  const lanes = LANE_OPS.get(name);
  if (lanes !== undefined) {
    t.emitResult(OP.V_LANES, d, slots[0], slots.length > 1 ? slots[1] : 0, lanes);
    return true;
  }
  let shape: number;
  if (lane) shape = params.length === 1 ? BY_KIND(EXTRACT_I, res) : BY_KIND(REPLACE_I, KIND[params[1]]);
  else if (KIND[params[0]] !== K_V) shape = BY_KIND(SPLAT_I, KIND[params[0]]);
  else if (params.length === 2 && KIND[params[1]] === K_I) shape = SHIFT;
  else if (res === K_I) shape = TEST;
  else shape = [UN, BIN, TER][params.length - 1];
  // [V_FN, d, shape, a, b, c, lane, fn]: a replaced lane's value is operand b
  while (slots.length < 3) slots.push(0);
  t.emitResult(OP.V_FN, d, shape, ...slots, lane ? ins.a : 0, fn);
  return true;
}

function simdMemory(t: Emitter, ins: Instr, fn: number): void {
  const op = ins.op;
  const width = 1 << op.align;
  const addr64 = t.mod.memories[ins.a].limits.addr64;
  const fast = ins.a === 0 && !addr64 && ins.offset <= 0x7fffffff;
  if (op.name === 'v128.load' && fast) {
    const a = t.popSlot();
    t.emitResult(OP.V128_LOAD, t.pushOwn(K_V), a, ins.offset);
    return;
  }
  if (op.name === 'v128.store' && fast) {
    const v = t.popSlot();
    const a = t.popSlot();
    t.emit(OP.V128_STORE, v, a, ins.offset);
    return;
  }
  const lane = op.imm === 'memlane';
  const store = op.results!.length === 0;
  const v = op.params!.length > 0 ? t.popSlot() : 0;
  const a = t.popSlot();
  const kind = lane ? (store ? M_STORE_LANE : M_LOAD_LANE) : store ? M_STORE : M_LOAD;
  const words = [a, v, t.constant(ins.offset), ins.a, addr64 ? 1 : 0, width, lane ? ins.c : 0, fn, kind];
  if (store) t.emit(OP.V_MEM, 0, ...words);
  else t.emitResult(OP.V_MEM, t.pushOwn(K_V), ...words);
}

// ---- helper calls: operands through scratch vectors (helpers never keep or change them) ----

const S = new Uint8Array(48);
const S32 = new Int32Array(S.buffer);
const SA = S.subarray(0, 16), SB = S.subarray(16, 32), SC = S.subarray(32, 48);
const SCRATCH = [SA, SB, SC];

/** Copies slot s into scratch vector k (0 a, 1 b, 2 c) and returns it. */
function load(k: number, V: Int32Array, s: number): Uint8Array {
  const w = 4 * s, o = 4 * k;
  S32[o] = V[w]; S32[o + 1] = V[w + 1]; S32[o + 2] = V[w + 2]; S32[o + 3] = V[w + 3];
  return SCRATCH[k];
}

/** [V_FN, d, shape, a, b, c, lane, fn] */
export function execSimdFn(f: Files, fp: number, ops: Int32Array, pc: number): void {
  const V = f.V;
  const shape = ops[pc + 2];
  const d = fp + ops[pc + 1];
  const a = fp + ops[pc + 3], b = fp + ops[pc + 4];
  const lane = ops[pc + 6];
  const fn = VFNS[ops[pc + 7]];
  // Operands into the scratch vectors, inline (this runs for every helper-backed instruction).
  let w = 4 * a;
  S32[0] = V[w]; S32[1] = V[w + 1]; S32[2] = V[w + 2]; S32[3] = V[w + 3];
  if (shape === BIN || shape === TER) {
    w = 4 * b;
    S32[4] = V[w]; S32[5] = V[w + 1]; S32[6] = V[w + 2]; S32[7] = V[w + 3];
  }
  let r: Uint8Array;
  switch (shape) {
    case UN: r = fn(SA); break;
    case BIN: r = fn(SA, SB); break;
    case TER: r = fn(SA, SB, load(2, V, fp + ops[pc + 5])); break;
    case TEST: f.I[d] = fn(SA); return;
    case SHIFT: r = fn(SA, f.I[b]); break;
    case SPLAT_I: r = fn(f.I[a]); break;
    case SPLAT_L: r = fn(f.I[a], f.HI[a]); break;
    case SPLAT_D: r = fn(f.D[a]); break;
    case EXTRACT_I: f.I[d] = fn(SA, lane); return;
    case EXTRACT_L: f.I[d] = fn(SA, lane); f.HI[d] = H.hi; return;
    case EXTRACT_D: f.D[d] = fn(SA, lane); return;
    case REPLACE_I: r = fn(SA, lane, f.I[b]); break;
    case REPLACE_L: r = fn(SA, lane, f.I[b], f.HI[b]); break;
    default: r = fn(SA, lane, f.D[b]);
  }
  f.V8.set(r, 16 * d);
}

/** [V_MEM, d, address, value, offset const, memory, 64-bit, width, lane, fn, kind] */
export function execSimdMemory(ie: IEnv, code: Code, pc: number, fp: number, f: Files): void {
  const ops = code.ops;
  const s = fp + ops[pc + 2];
  const m = ie.env.M[ops[pc + 5]];
  const base = ops[pc + 6] === 1 ? (f.HI[s] >>> 0) * 4294967296 + (f.I[s] >>> 0) : f.I[s] >>> 0;
  const ea = base + code.consts[ops[pc + 4]];
  if (ea > m.len - ops[pc + 7]) trap(OOB_MEMORY);
  const fn = VFNS[ops[pc + 9]];
  const v = fp + ops[pc + 3];
  switch (ops[pc + 10]) {
    case M_LOAD: f.V8.set(fn(m.u8, ea), 16 * (fp + ops[pc + 1])); return;
    case M_STORE: fn(m.u8, ea, load(0, f.V, v)); return;
    case M_LOAD_LANE: f.V8.set(fn(m.u8, ea, load(0, f.V, v), ops[pc + 8]), 16 * (fp + ops[pc + 1])); return;
    default: fn(m.u8, ea, load(0, f.V, v), ops[pc + 8]);
  }
}

/** [V_SHUFFLE, d, byte offsets, through scratch] (frame at byte fp16). */
export function shuffle(B: Uint8Array, fp16: number, d: number, at: Int32Array, alias: boolean): void {
  const o = fp16 + 16 * d;
  if (alias) {
    for (let k = 0; k < 16; k++) S[k] = B[fp16 + at[k]];
    B.set(SA, o);
  } else for (let k = 0; k < 16; k++) B[o + k] = B[fp16 + at[k]];
}

/** i8x16.swizzle into d (which may be a or s): lane indices from s, 0 past 15. */
export function swizzle(f: Files, d: number, a: number, s: number): void {
  const A8 = load(0, f.V, a), S8 = load(1, f.V, s), B = f.V8;
  for (let k = 0; k < 16; k++) B[16 * d + k] = S8[k] < 16 ? A8[S8[k]] : 0;
}
