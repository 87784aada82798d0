// SIMD in the interpreter. v128 values live unboxed in the vector file (frame.ts: four int32 words
// per slot), so moves, loads, stores and the common integer and bitwise instructions (FAST below,
// executed inline by run.ts) allocate nothing. Every other instruction calls its numerics helper
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
    t.emitResult(OP.V_SHUFFLE, d, slots[0], slots[1], t.obj(Array.from(ins.bytes!)));
    return true;
  }
  const fast = FAST.get(name);
  const lane = op.imm === 'lane';
  if (fast !== undefined) {
    if (lane) slots.splice(1, 0, ins.a); // (a, lane, x)
    t.emitResult(fast, d, ...slots);
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

const SA = new Uint8Array(16), SB = new Uint8Array(16), SC = new Uint8Array(16);
const SA32 = new Int32Array(SA.buffer), SB32 = new Int32Array(SB.buffer), SC32 = new Int32Array(SC.buffer);

function load(dst: Int32Array, V: Int32Array, s: number): Uint8Array {
  const w = 4 * s;
  dst[0] = V[w]; dst[1] = V[w + 1]; dst[2] = V[w + 2]; dst[3] = V[w + 3];
  return dst === SA32 ? SA : dst === SB32 ? SB : SC;
}

/** [V_FN, d, shape, a, b, c, lane, fn] */
export function execSimdFn(f: Files, fp: number, ops: Int32Array, pc: number): void {
  const V = f.V;
  const d = fp + ops[pc + 1];
  const a = fp + ops[pc + 3], b = fp + ops[pc + 4], c = fp + ops[pc + 5];
  const lane = ops[pc + 6];
  const fn = VFNS[ops[pc + 7]];
  let r: Uint8Array;
  switch (ops[pc + 2]) {
    case UN: r = fn(load(SA32, V, a)); break;
    case BIN: r = fn(load(SA32, V, a), load(SB32, V, b)); break;
    case TER: r = fn(load(SA32, V, a), load(SB32, V, b), load(SC32, V, c)); break;
    case TEST: f.I[d] = fn(load(SA32, V, a)); return;
    case SHIFT: r = fn(load(SA32, V, a), f.I[b]); break;
    case SPLAT_I: r = fn(f.I[a]); break;
    case SPLAT_L: r = fn(f.I[a], f.HI[a]); break;
    case SPLAT_D: r = fn(f.D[a]); break;
    case EXTRACT_I: f.I[d] = fn(load(SA32, V, a), lane); return;
    case EXTRACT_L: f.I[d] = fn(load(SA32, V, a), lane); f.HI[d] = H.hi; return;
    case EXTRACT_D: f.D[d] = fn(load(SA32, V, a), lane); return;
    case REPLACE_I: r = fn(load(SA32, V, a), lane, f.I[b]); break;
    case REPLACE_L: r = fn(load(SA32, V, a), lane, f.I[b], f.HI[b]); break;
    default: r = fn(load(SA32, V, a), lane, f.D[b]);
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
    case M_STORE: fn(m.u8, ea, load(SA32, f.V, v)); return;
    case M_LOAD_LANE: f.V8.set(fn(m.u8, ea, load(SA32, f.V, v), ops[pc + 8]), 16 * (fp + ops[pc + 1])); return;
    default: fn(m.u8, ea, load(SA32, f.V, v), ops[pc + 8]);
  }
}

/** i8x16.shuffle (lanes 0–15 from a, 16–31 from b) and swizzle, into d (which may be a or b). */
export function shuffle(f: Files, d: number, a: number, b: number, lanes: ArrayLike<number>, swizzle: boolean): void {
  const B = f.V8;
  const A8 = load(SA32, f.V, a), B8 = load(SB32, f.V, b);
  for (let k = 0; k < 16; k++) {
    const i = swizzle ? B8[k] : lanes[k];
    B[16 * d + k] = i < 16 ? A8[i] : swizzle ? 0 : B8[i - 16];
  }
}
