// SIMD in the interpreter. v128 values live in the reference file as the immutable 16-byte
// Uint8Arrays the runtime and the compile tier use (runtime/abi.ts), so they cross calls, globals,
// tables of results and exceptions unchanged. Each instruction calls its numerics helper (exec/
// simd.ts: SIMD_OPS / SIMD_MEMORY_OPS, the same functions the compile tier binds), through an op
// chosen by its operand and result kinds; memory instructions check bounds exactly as the compile
// tier does (effective address + access width against the memory's length) before the helper runs.
// v128.load/store of memory 0 with 32-bit addresses have their own ops, executed inline by run.ts.

import type { Instr } from '../../binary/instr.js';
import { PREFIX_SIMD } from '../../syntax/opcodes.js';
import { I32, I64, F32, F64, V128 } from '../../syntax/types.js';
import { SIMD_OPS, SIMD_MEMORY_OPS } from '../simd.js';
import { trap, OOB_MEMORY } from '../numerics.js';
import { OP } from './ops.js';
import { K_I, K_L, K_D, K_V } from './code.js';
import type { Emitter } from './emitter.js';
import type { Files } from './frame.js';
import type { IEnv } from './misc.js';
import type { Code } from './code.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type VFn = (...a: any[]) => any;
/** The helpers by index (the ops' immediate). */
export const VFNS: VFn[] = [];
const VINDEX = new Map<string, number>();
for (const [name, fn] of [...SIMD_OPS, ...SIMD_MEMORY_OPS]) VINDEX.set(name, VFNS.push(fn as VFn) - 1);

const KIND: Record<number, number> = { [I32]: K_I, [I64]: K_L, [F32]: K_D, [F64]: K_D, [V128]: K_V };
const BY_KIND = (ops: number[], k: number): number => ops[k === K_I ? 0 : k === K_L ? 1 : 2];
const SPLAT = [OP.V_SPLAT_I, OP.V_SPLAT_L, OP.V_SPLAT_D];
const EXTRACT = [OP.V_EXTRACT_I, OP.V_EXTRACT_L, OP.V_EXTRACT_D];
const REPLACE = [OP.V_REPLACE_I, OP.V_REPLACE_L, OP.V_REPLACE_D];

/** V_MEM kinds. */
const M_LOAD = 0, M_STORE = 1, M_LOAD_LANE = 2, M_STORE_LANE = 3;

/** Translates SIMD instruction `ins`; false if it is not one. */
export function translateSimd(t: Emitter, ins: Instr): boolean {
  const op = ins.op;
  if (op.prefix !== PREFIX_SIMD) return false;
  const name = op.name;
  if (name === 'v128.const') {
    t.emitResult(OP.V_CONST, t.pushOwn(K_V), t.obj(ins.bytes!.slice()));
    return true;
  }
  const fn = VINDEX.get(name);
  if (fn === undefined) throw new Error(`not yet implemented: instruction ${name} in the interpreter`);
  if (op.imm === 'memarg' || op.imm === 'memlane') {
    simdMemory(t, ins, fn);
    return true;
  }
  if (name === 'i8x16.shuffle') {
    const b = t.popSlot();
    const a = t.popSlot();
    t.emitResult(OP.V_SHUFFLE, t.pushOwn(K_V), a, b, t.obj(Array.from(ins.bytes!)));
    return true;
  }
  const params = op.params!;
  const res = KIND[op.results![0]];
  if (op.imm === 'lane') {
    if (params.length === 1) {
      const a = t.popSlot();
      t.emitResult(BY_KIND(EXTRACT, res), t.pushOwn(res), a, ins.a, fn);
    } else {
      const k = KIND[params[1]];
      const x = t.popSlot();
      const a = t.popSlot();
      t.emitResult(BY_KIND(REPLACE, k), t.pushOwn(K_V), a, ins.a, x, fn);
    }
    return true;
  }
  const ks = params.map((p) => KIND[p]);
  const slots: number[] = [];
  for (let i = ks.length - 1; i >= 0; i--) slots.unshift(t.popSlot());
  let vop: number;
  if (ks[0] !== K_V) vop = BY_KIND(SPLAT, ks[0]);
  else if (ks.length === 2 && ks[1] === K_I) vop = OP.V_SHIFT;
  else if (res === K_I) vop = OP.V_TEST;
  else vop = [OP.V_1, OP.V_2, OP.V_3][ks.length - 1];
  t.emitResult(vop, t.pushOwn(res), ...slots, fn);
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

/** [V_MEM, d, address, value, offset const, memory, 64-bit, width, lane, fn, kind] */
export function execSimdMemory(ie: IEnv, code: Code, pc: number, fp: number, f: Files): void {
  const ops = code.ops;
  const s = fp + ops[pc + 2];
  const m = ie.env.M[ops[pc + 5]];
  const base = ops[pc + 6] === 1 ? (f.HI[s] >>> 0) * 4294967296 + (f.I[s] >>> 0) : f.I[s] >>> 0;
  const ea = base + code.consts[ops[pc + 4]];
  if (ea > m.len - ops[pc + 7]) trap(OOB_MEMORY);
  const fn = VFNS[ops[pc + 9]];
  const v = f.RF[fp + ops[pc + 3]];
  switch (ops[pc + 10]) {
    case M_LOAD: f.RF[fp + ops[pc + 1]] = fn(m.u8, ea); return;
    case M_STORE: fn(m.u8, ea, v); return;
    case M_LOAD_LANE: f.RF[fp + ops[pc + 1]] = fn(m.u8, ea, v, ops[pc + 8]); return;
    default: fn(m.u8, ea, v, ops[pc + 8]);
  }
}
