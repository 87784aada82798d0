// Memory, table and segment instructions for the translator: loads and stores have a fast op for
// memory 0 with 32-bit addresses (the common case) and a general one (LOAD_ANY/STORE_ANY: any
// memory, 64-bit addresses, offsets beyond 2^31) executed by misc.ts; the rest are MISC ops.

import type { Instr } from '../../binary/instr.js';
import { OP } from './ops.js';
import { K_I, K_L, K_D, K_R } from './code.js';

export interface MemOp {
  load: boolean;
  /** Index in LOAD_KINDS / STORE_KINDS. */
  kind: number;
  width: number;
  res: number;
  /** The fast op, and for narrow i64 loads the op that sets the high word after it. */
  fast: number;
  hi: number;
}

export const LOAD_KINDS: string[] = [];
export const STORE_KINDS: string[] = [];
export const MEMOPS = new Map<string, MemOp>();

function load(name: string, width: number, res: number, fast: number, hi = -1): void {
  MEMOPS.set(name, { load: true, kind: LOAD_KINDS.push(name) - 1, width, res, fast, hi });
}
function store(name: string, width: number, fast: number): void {
  MEMOPS.set(name, { load: false, kind: STORE_KINDS.push(name) - 1, width, res: -1, fast, hi: -1 });
}
load('i32.load', 4, K_I, OP.LOAD_I32);
load('i32.load8_s', 1, K_I, OP.LOAD_I8_S);
load('i32.load8_u', 1, K_I, OP.LOAD_I8_U);
load('i32.load16_s', 2, K_I, OP.LOAD_I16_S);
load('i32.load16_u', 2, K_I, OP.LOAD_I16_U);
load('i64.load', 8, K_L, OP.LOAD_I64);
load('i64.load8_s', 1, K_L, OP.LOAD_I8_S, OP.HI_SIGN);
load('i64.load8_u', 1, K_L, OP.LOAD_I8_U, OP.HI_ZERO);
load('i64.load16_s', 2, K_L, OP.LOAD_I16_S, OP.HI_SIGN);
load('i64.load16_u', 2, K_L, OP.LOAD_I16_U, OP.HI_ZERO);
load('i64.load32_s', 4, K_L, OP.LOAD_I32, OP.HI_SIGN);
load('i64.load32_u', 4, K_L, OP.LOAD_I32, OP.HI_ZERO);
load('f32.load', 4, K_D, OP.LOAD_F32);
load('f64.load', 8, K_D, OP.LOAD_F64);
// An i64's low word is in the i32 file, so narrow i64 stores are the i32 ones.
store('i32.store', 4, OP.STORE_I32);
store('i32.store8', 1, OP.STORE_I8);
store('i32.store16', 2, OP.STORE_I16);
store('i64.store', 8, OP.STORE_I64);
store('i64.store8', 1, OP.STORE_I8);
store('i64.store16', 2, OP.STORE_I16);
store('i64.store32', 4, OP.STORE_I32);
store('f32.store', 4, OP.STORE_F32);
store('f64.store', 8, OP.STORE_F64);

export interface MiscOp {
  which: number;
  /** Stack operands. */
  args: number;
  /** Result kind, or -1. (K_I results become i64 for 64-bit memories and tables.) */
  res: number;
  imms: (ins: Instr) => number[];
}

export const MISC_NAMES: string[] = [];
export const MISCOPS = new Map<string, MiscOp>();
function misc(name: string, args: number, res: number, imms: (ins: Instr) => number[]): void {
  MISCOPS.set(name, { which: MISC_NAMES.push(name) - 1, args, res, imms });
}
const a = (ins: Instr): number[] => [ins.a];
const ab = (ins: Instr): number[] => [ins.a, ins.b];
misc('memory.size', 0, K_I, a);
misc('memory.grow', 1, K_I, a);
misc('memory.fill', 3, -1, a);
misc('memory.copy', 3, -1, ab);
misc('memory.init', 3, -1, ab);
misc('data.drop', 0, -1, a);
misc('table.get', 1, K_R, a);
misc('table.set', 2, -1, a);
misc('table.size', 0, K_I, a);
misc('table.grow', 2, K_I, a);
misc('table.fill', 3, -1, a);
misc('table.copy', 3, -1, ab);
misc('table.init', 3, -1, ab);
misc('elem.drop', 0, -1, a);
