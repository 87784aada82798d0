// The interpreter's dispatch loop: one call of run() per wasm frame (so deep recursion ends in the
// JS engine's RangeError and nothing outlives a throw), executing a function's translated code
// (translate.ts) over the register files (frame.ts). Case labels are literal numbers (see ops.ts).
//
// Calls to functions of the same instance that are themselves interpreted are direct: the callee's
// frame starts at the caller's argument slots and run() recurses. Everything else (imports, other
// instances, compiled functions, host functions) is called through the JS calling convention with
// the values converted (calls.ts). return_call to a direct callee replaces the code in place (constant
// space); to anything else it hands the call to the compile tier's trampoline by returning TAIL.

import {
  H, trap, f32FromBits, f32ToBits, OOB_MEMORY, NULL_FUNCTION_REFERENCE, NULL_REFERENCE, NULL_EXCEPTION_REFERENCE, CAST_FAILURE,
} from '../numerics.js';
import { I31Ref, newStructDefault, newArrayDefault, refTest } from '../../runtime/gc.js';
import { ExnInst } from '../../runtime/exn.js';
import { HELPERS, TAIL, TC } from '../compile/helpers.js';
import type { Global } from '../../runtime/global.js';
import type { Value } from '../../runtime/interface.js';
import type { AnyFn } from '../../runtime/func.js';
import { CAPACITY, STACK, exhausted, windowAt, type Files } from './frame.js';
import { FNS } from './numops.js';
import { callOut, storeResults, tailArgs, boxV } from './calls.js';
import { execMisc, loadAny, storeAny, type IEnv } from './misc.js';
import { K_I, K_L, K_D, K_V, type Code, type CallSite } from './code.js';
import { execSimdFn, execSimdMemory, shuffle, swizzle } from './simd.js';
import { execLanes } from './lanes.js';
import { structNew, arrayNew, arrayNewFixed, execGcMisc, i31, str, arr, elems } from './gc.js';
import { landing } from './eh.js';

interface Callee {
  type: number;
  fn: AnyFn;
  step?: AnyFn | null;
  ownerEnv?: unknown;
  index?: number;
}
const checkedCallee = HELPERS.callee as (elems: Value[], i: number, type: number) => Callee;
const runTail = HELPERS.runTail as () => unknown;
/** The engine's reference equality (i31 references compare by value), where it has GC. */
const refEq = (HELPERS.refEq as ((a: unknown, b: unknown) => boolean) | undefined) ?? ((a: unknown, b: unknown) => a === b);

function oob(): never {
  trap(OOB_MEMORY);
}

/** call_ref / return_call_ref: the function reference, which must not be null. */
function refCallee(f: unknown): Callee {
  if (f === null) trap(NULL_FUNCTION_REFERENCE);
  return f as Callee;
}

/** Runs `code` in the frame at `fp` (arguments in place); returns undefined, or TAIL (see above). */
export function run(ie: IEnv, code: Code, fp: number, files: Files): unknown {
  const I = files.I, HI = files.HI, D = files.D, RF = files.RF, V = files.V, V8 = files.V8;
  const W = files.W[fp] ?? windowAt(files, fp);
  const FI = W.I, FHI = W.HI, FD = W.D;
  const env = ie.env;
  const direct = ie.direct;
  const G = ie.G;
  const M0 = ie.M0;
  let dv = M0 !== null ? M0.dv : new DataView(new ArrayBuffer(0));
  let ln = M0 !== null ? M0.len : 0;
  let u8 = M0 !== null ? M0.u8 : new Uint8Array(0);
  let ops = code.ops;
  let consts = code.consts;
  // Scratch variables shared by all cases: block-scoped ones would each take an interpreter
  // register, and beyond ~120 registers every temporary needs the wide (slower) bytecode forms.
  // `var` without initialisers: Ignition's frame starts them undefined at no cost, where each
  // `let x = 0` is two bytecodes on every call; every case assigns before it reads.
  /* eslint-disable no-var */
  var a: number, b: number, d: number, s: number, i: number, n: number, f: number, at: number, v: number, m: number, x: number, ea: number;
  var al: number, bl: number, lo: number, hi: number, alo: number, blo: number, a0: number, a1: number, b0: number, b1: number;
  var p01: number, p10: number, mid: number, top: number, from: number, to: number, e: number, k: number;
  var c: Code | null, g: Callee | null, gl: Global | null, xr: ExnInst | null, site: CallSite | null, ks: Uint8Array | null;
  var el: unknown[] | null, cl: Int32Array;
  /* eslint-enable no-var */
  if (fp + code.frameSize > CAPACITY) exhausted();
  // The function's own locals start zero (null), each in its kind's file only (code.ts clears).
  for (cl = code.clears, i = 0; i < cl.length; i += 3) {
    for (s = fp + cl[i], e = fp + cl[i + 1], k = cl[i + 2]; s < e; s++) {
      if (k === K_I) I[s] = 0; else if (k === K_L) { I[s] = 0; HI[s] = 0; } else if (k === K_D) D[s] = 0; else RF[s] = null;
    }
  }
  let pc = 0;
  for (;;) {
  try {
  for (;;) {
    switch (ops[pc]) {
      // Frequent ops first: V8 numbers feedback slots in source order, and the first 256 avoid
      // the wide (slower) bytecode forms in Ignition.
      case 61: /* I32_ADD_K */ FI[ops[pc + 1]] = FI[ops[pc + 2]] + ops[pc + 3]; pc += 4; break;
      case 52: /* I32_ADD */ FI[ops[pc + 1]] = FI[ops[pc + 2]] + FI[ops[pc + 3]]; pc += 4; break;
      case 130: /* LOAD_I32 */ { ea = (FI[ops[pc + 2]] >>> 0) + ops[pc + 3]; if (ea > ln - 4) oob(); FI[ops[pc + 1]] = dv.getInt32(ea, true); pc += 4; break; }
      case 1: /* BR_IF */ pc = FI[ops[pc + 1]] !== 0 ? ops[pc + 2] : pc + 3; break;
      case 30: /* MOV_I */ FI[ops[pc + 1]] = FI[ops[pc + 2]]; pc += 3; break;
      case 138: /* STORE_I32 */ { ea = (FI[ops[pc + 2]] >>> 0) + ops[pc + 3]; if (ea > ln - 4) oob(); dv.setInt32(ea, FI[ops[pc + 1]], true); pc += 4; break; }
      case 0: /* BR */ pc = ops[pc + 1]; break;
      case 2: /* BR_UNLESS */ pc = FI[ops[pc + 1]] === 0 ? ops[pc + 2] : pc + 3; break;
      case 132: /* LOAD_I8_U */ { ea = (FI[ops[pc + 2]] >>> 0) + ops[pc + 3]; if (ea > ln - 1) oob(); FI[ops[pc + 1]] = u8[ea]; pc += 4; break; }
      case 57: /* I32_XOR */ FI[ops[pc + 1]] = FI[ops[pc + 2]] ^ FI[ops[pc + 3]]; pc += 4; break;
      // Superinstructions (peephole.ts): the second op's words follow the first's, opcode included.
      case 262: /* ADD_K__ADD_K */ FI[ops[pc + 1]] = FI[ops[pc + 2]] + ops[pc + 3]; FI[ops[pc + 5]] = FI[ops[pc + 6]] + ops[pc + 7]; pc += 8; break;
      case 264: /* STORE_I8__ADD_K */ {
        ea = (FI[ops[pc + 2]] >>> 0) + ops[pc + 3];
        if (ea > ln - 1) oob();
        u8[ea] = FI[ops[pc + 1]];
        FI[ops[pc + 5]] = FI[ops[pc + 6]] + ops[pc + 7];
        pc += 8;
        break;
      }
      case 263: /* ADD_K__BR_IF */ FI[ops[pc + 1]] = FI[ops[pc + 2]] + ops[pc + 3]; pc = FI[ops[pc + 5]] !== 0 ? ops[pc + 6] : pc + 7; break;
      case 265: /* MOV_I__MOV_I */ FI[ops[pc + 1]] = FI[ops[pc + 2]]; FI[ops[pc + 4]] = FI[ops[pc + 5]]; pc += 6; break;
      case 66: /* I32_SHL_K */ FI[ops[pc + 1]] = FI[ops[pc + 2]] << ops[pc + 3]; pc += 4; break;
      case 63: /* I32_AND_K */ FI[ops[pc + 1]] = FI[ops[pc + 2]] & ops[pc + 3]; pc += 4; break;
      case 34: /* CONST_I */ FI[ops[pc + 1]] = ops[pc + 2]; pc += 3; break;
      case 141: /* STORE_I64 */ {
        ea = (FI[ops[pc + 2]] >>> 0) + ops[pc + 3];
        if (ea > ln - 8) oob();
        v = ops[pc + 1];
        dv.setInt32(ea, FI[v], true); dv.setInt32(ea + 4, FHI[v], true);
        pc += 4;
        break;
      }
      case 135: /* LOAD_I64 */ {
        ea = (FI[ops[pc + 2]] >>> 0) + ops[pc + 3];
        if (ea > ln - 8) oob();
        d = ops[pc + 1];
        FI[d] = dv.getInt32(ea, true); FHI[d] = dv.getInt32(ea + 4, true);
        pc += 4;
        break;
      }
      case 90: /* I64_ADD */ {
        a = ops[pc + 2], b = ops[pc + 3], d = ops[pc + 1];
        al = FI[a];
        lo = (al + FI[b]) | 0;
        hi = (FHI[a] + FHI[b] + ((lo >>> 0) < (al >>> 0) ? 1 : 0)) | 0;
        FI[d] = lo; FHI[d] = hi;
        pc += 4;
        break;
      }
      case 94: /* I64_XOR */ { a = ops[pc + 2], b = ops[pc + 3], d = ops[pc + 1]; hi = FHI[a] ^ FHI[b]; FI[d] = FI[a] ^ FI[b]; FHI[d] = hi; pc += 4; break; }
      case 252: /* I32_ROTL_K */ { x = FI[ops[pc + 2]]; n = ops[pc + 3]; FI[ops[pc + 1]] = (x << n) | (x >>> (32 - n)); pc += 4; break; }
      case 266: /* ADD__ADD */ FI[ops[pc + 1]] = FI[ops[pc + 2]] + FI[ops[pc + 3]]; FI[ops[pc + 5]] = FI[ops[pc + 6]] + FI[ops[pc + 7]]; pc += 8; break;
      case 155: /* I64_AND_K */ { a = ops[pc + 2], d = ops[pc + 1]; hi = FHI[a] & ops[pc + 4]; FI[d] = FI[a] & ops[pc + 3]; FHI[d] = hi; pc += 5; break; }
      case 161: /* I64_ROTL_K */ {
        a = ops[pc + 2], d = ops[pc + 1], n = ops[pc + 3];
        lo = FI[a], hi = FHI[a];
        if (n === 32) { FI[d] = hi; FHI[d] = lo; } else if (n < 32) {
          FI[d] = (lo << n) | (hi >>> (32 - n)); FHI[d] = (hi << n) | (lo >>> (32 - n));
        } else {
          m = n - 32;
          FI[d] = (hi << m) | (lo >>> (32 - m)); FHI[d] = (lo << m) | (hi >>> (32 - m));
        }
        pc += 4;
        break;
      }
      case 290: /* I64_MUL_U32 */ {
        // As I64_MUL with b's high word zero.
        a = ops[pc + 2], alo = FI[a], blo = FI[ops[pc + 3]], d = ops[pc + 1];
        a0 = alo & 0xffff, a1 = alo >>> 16, b0 = blo & 0xffff, b1 = blo >>> 16;
        p01 = a0 * b1, p10 = a1 * b0;
        mid = ((a0 * b0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
        top = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
        FHI[d] = top + Math.imul(FHI[a], blo);
        FI[d] = Math.imul(alo, blo);
        pc += 4;
        break;
      }
      case 4: /* RETURN */ return undefined;
      case 26: /* CALL */ {
        f = ops[pc + 1];
        at = fp + ops[pc + 2];
        c = direct[f];
        if (c !== null) {
          if (run(ie, c, at, files) === TAIL) storeResults(c.results, runTail(), at, files);
        } else {
          site = code.sites[ops[pc + 3]];
          STACK.top = fp + code.frameSize;
          storeResults(site.results, callOut(env.F[f], site, at, files), at, files);
        }
        if (M0 !== null) { dv = M0.dv; ln = M0.len; u8 = M0.u8; }
        pc += 4;
        break;
      }
      case 164: /* LOAD_I32_AT */ { ea = ((FI[ops[pc + 2]] + FI[ops[pc + 3]]) >>> 0) + ops[pc + 4]; if (ea > ln - 4) oob(); FI[ops[pc + 1]] = dv.getInt32(ea, true); pc += 5; break; }
      case 38: /* SELECT_I */ FI[ops[pc + 1]] = FI[ops[pc + 4]] !== 0 ? FI[ops[pc + 2]] : FI[ops[pc + 3]]; pc += 5; break;
      case 53: /* I32_SUB */ FI[ops[pc + 1]] = FI[ops[pc + 2]] - FI[ops[pc + 3]]; pc += 4; break;
      case 280: /* SELECT_I_K */ FI[ops[pc + 1]] = FI[ops[pc + 4]] !== 0 ? FI[ops[pc + 2]] : ops[pc + 3]; pc += 5; break;
      case 281: /* SELECT_I_KA */ FI[ops[pc + 1]] = FI[ops[pc + 4]] !== 0 ? ops[pc + 2] : FI[ops[pc + 3]]; pc += 5; break;
      case 282: /* STORE_I32_K */ { ea = (FI[ops[pc + 2]] >>> 0) + ops[pc + 3]; if (ea > ln - 4) oob(); dv.setInt32(ea, ops[pc + 1], true); pc += 4; break; }
      case 283: /* SHL_K__ADD */ FI[ops[pc + 1]] = FI[ops[pc + 2]] << ops[pc + 3]; FI[ops[pc + 5]] = FI[ops[pc + 6]] + FI[ops[pc + 7]]; pc += 8; break;
      case 284: /* ADD__LOAD_I64 */ {
        FI[ops[pc + 1]] = FI[ops[pc + 2]] + FI[ops[pc + 3]];
        ea = (FI[ops[pc + 6]] >>> 0) + ops[pc + 7];
        if (ea > ln - 8) oob();
        d = ops[pc + 5];
        FI[d] = dv.getInt32(ea, true); FHI[d] = dv.getInt32(ea + 4, true);
        pc += 8;
        break;
      }
      case 285: /* ADD_K__BR_IF_NE_K */ FI[ops[pc + 1]] = FI[ops[pc + 2]] + ops[pc + 3]; pc = FI[ops[pc + 5]] !== ops[pc + 6] ? ops[pc + 7] : pc + 8; break;
      case 286: /* AND_K__BR_UNLESS */ FI[ops[pc + 1]] = FI[ops[pc + 2]] & ops[pc + 3]; pc = FI[ops[pc + 5]] === 0 ? ops[pc + 6] : pc + 7; break;
      case 287: /* AND_K__BR_IF */ FI[ops[pc + 1]] = FI[ops[pc + 2]] & ops[pc + 3]; pc = FI[ops[pc + 5]] !== 0 ? ops[pc + 6] : pc + 7; break;
      case 288: /* LOAD_I32__ADD */ {
        ea = (FI[ops[pc + 2]] >>> 0) + ops[pc + 3];
        if (ea > ln - 4) oob();
        FI[ops[pc + 1]] = dv.getInt32(ea, true);
        FI[ops[pc + 5]] = FI[ops[pc + 6]] + FI[ops[pc + 7]];
        pc += 8;
        break;
      }
      case 289: /* OR__BR_IF */ FI[ops[pc + 1]] = FI[ops[pc + 2]] | FI[ops[pc + 3]]; pc = FI[ops[pc + 5]] !== 0 ? ops[pc + 6] : pc + 7; break;
      case 267: /* LOAD_I32__LOAD_I32 */ {
        ea = (FI[ops[pc + 2]] >>> 0) + ops[pc + 3];
        if (ea > ln - 4) oob();
        FI[ops[pc + 1]] = dv.getInt32(ea, true);
        ea = (FI[ops[pc + 6]] >>> 0) + ops[pc + 7];
        if (ea > ln - 4) oob();
        FI[ops[pc + 5]] = dv.getInt32(ea, true);
        pc += 8;
        break;
      }
      case 15: /* BR_IF_GE_U */ pc = FI[ops[pc + 1]] >>> 0 >= FI[ops[pc + 2]] >>> 0 ? ops[pc + 3] : pc + 4; break;
      case 17: /* BR_IF_NE_K */ pc = FI[ops[pc + 1]] !== ops[pc + 2] ? ops[pc + 3] : pc + 4; break;
      case 56: /* I32_OR */ FI[ops[pc + 1]] = FI[ops[pc + 2]] | FI[ops[pc + 3]]; pc += 4; break;
      case 158: /* I64_SHL_K */ {
        a = ops[pc + 2], d = ops[pc + 1], n = ops[pc + 3];
        lo = FI[a], hi = FHI[a];
        if (n < 32) { FHI[d] = (hi << n) | (lo >>> (32 - n)); FI[d] = lo << n; } else { FHI[d] = lo << (n - 32); FI[d] = 0; }
        pc += 4;
        break;
      }
      case 139: /* STORE_I8 */ { ea = (FI[ops[pc + 2]] >>> 0) + ops[pc + 3]; if (ea > ln - 1) oob(); u8[ea] = FI[ops[pc + 1]]; pc += 4; break; }
      case 35: /* CONST_L */ FI[ops[pc + 1]] = ops[pc + 2]; FHI[ops[pc + 1]] = ops[pc + 3]; pc += 4; break;
      case 31: /* MOV_L */ FI[ops[pc + 1]] = FI[ops[pc + 2]]; FHI[ops[pc + 1]] = FHI[ops[pc + 2]]; pc += 3; break;
      case 268: /* SHL_K__LOAD_I32_AT */ {
        FI[ops[pc + 1]] = FI[ops[pc + 2]] << ops[pc + 3];
        ea = ((FI[ops[pc + 6]] + FI[ops[pc + 7]]) >>> 0) + ops[pc + 8]; if (ea > ln - 4) oob();
        FI[ops[pc + 5]] = dv.getInt32(ea, true); pc += 9; break;
      }
      case 269: /* SHL_K__STORE_I32_AT */ {
        FI[ops[pc + 1]] = FI[ops[pc + 2]] << ops[pc + 3];
        ea = ((FI[ops[pc + 6]] + FI[ops[pc + 7]]) >>> 0) + ops[pc + 8]; if (ea > ln - 4) oob();
        dv.setInt32(ea, FI[ops[pc + 5]], true); pc += 9; break;
      }
      case 270: /* LOAD_I8_U__STORE_I8 */ {
        ea = (FI[ops[pc + 2]] >>> 0) + ops[pc + 3];
        if (ea > ln - 1) oob();
        FI[ops[pc + 1]] = u8[ea];
        ea = (FI[ops[pc + 6]] >>> 0) + ops[pc + 7];
        if (ea > ln - 1) oob();
        u8[ea] = FI[ops[pc + 5]];
        pc += 8;
        break;
      }
      case 271: /* XOR__ROTL_K */ {
        FI[ops[pc + 1]] = FI[ops[pc + 2]] ^ FI[ops[pc + 3]];
        x = FI[ops[pc + 6]]; n = ops[pc + 7]; FI[ops[pc + 5]] = (x << n) | (x >>> (32 - n));
        pc += 8;
        break;
      }
      case 273: /* ADD_K__STORE_I32 */ {
        FI[ops[pc + 1]] = FI[ops[pc + 2]] + ops[pc + 3];
        ea = (FI[ops[pc + 6]] >>> 0) + ops[pc + 7]; if (ea > ln - 4) oob();
        dv.setInt32(ea, FI[ops[pc + 5]], true); pc += 8; break;
      }
      case 274: /* LOAD_I32__ADD_K */ {
        ea = (FI[ops[pc + 2]] >>> 0) + ops[pc + 3]; if (ea > ln - 4) oob();
        FI[ops[pc + 1]] = dv.getInt32(ea, true);
        FI[ops[pc + 5]] = FI[ops[pc + 6]] + ops[pc + 7]; pc += 8; break;
      }
      case 275: /* ADD_K__BR */ FI[ops[pc + 1]] = FI[ops[pc + 2]] + ops[pc + 3]; pc = ops[pc + 5]; break;
      case 277: /* ADD_K__LOAD_I32 */ {
        FI[ops[pc + 1]] = FI[ops[pc + 2]] + ops[pc + 3];
        ea = (FI[ops[pc + 6]] >>> 0) + ops[pc + 7]; if (ea > ln - 4) oob();
        FI[ops[pc + 5]] = dv.getInt32(ea, true); pc += 8; break;
      }
      case 279: /* LOAD_I32_AT__BR_IF_NE */ {
        ea = ((FI[ops[pc + 2]] + FI[ops[pc + 3]]) >>> 0) + ops[pc + 4];
        if (ea > ln - 4) oob();
        FI[ops[pc + 1]] = dv.getInt32(ea, true);
        pc = FI[ops[pc + 6]] !== FI[ops[pc + 7]] ? ops[pc + 8] : pc + 9;
        break;
      }
      case 99: /* I64_EXTEND_I32_U */ { x = FI[ops[pc + 2]]; FI[ops[pc + 1]] = x; FHI[ops[pc + 1]] = 0; pc += 3; break; }
      case 55: /* I32_AND */ FI[ops[pc + 1]] = FI[ops[pc + 2]] & FI[ops[pc + 3]]; pc += 4; break;
      case 68: /* I32_SHR_U_K */ FI[ops[pc + 1]] = FI[ops[pc + 2]] >>> ops[pc + 3]; pc += 4; break;
      case 60: /* I32_SHR_U */ FI[ops[pc + 1]] = FI[ops[pc + 2]] >>> FI[ops[pc + 3]]; pc += 4; break;
      case 58: /* I32_SHL */ FI[ops[pc + 1]] = FI[ops[pc + 2]] << FI[ops[pc + 3]]; pc += 4; break;
      case 7: /* BR_IF_NE */ pc = FI[ops[pc + 1]] !== FI[ops[pc + 2]] ? ops[pc + 3] : pc + 4; break;
      case 6: /* BR_IF_EQ */ pc = FI[ops[pc + 1]] === FI[ops[pc + 2]] ? ops[pc + 3] : pc + 4; break;
      case 9: /* BR_IF_LT_U */ pc = FI[ops[pc + 1]] >>> 0 < FI[ops[pc + 2]] >>> 0 ? ops[pc + 3] : pc + 4; break;
      case 13: /* BR_IF_LE_U */ pc = FI[ops[pc + 1]] >>> 0 <= FI[ops[pc + 2]] >>> 0 ? ops[pc + 3] : pc + 4; break;
      case 11: /* BR_IF_GT_U */ pc = FI[ops[pc + 1]] >>> 0 > FI[ops[pc + 2]] >>> 0 ? ops[pc + 3] : pc + 4; break;
      case 25: /* BR_IF_GE_U_K */ pc = FI[ops[pc + 1]] >>> 0 >= ops[pc + 2] >>> 0 ? ops[pc + 3] : pc + 4; break;
      case 16: /* BR_IF_EQ_K */ pc = FI[ops[pc + 1]] === ops[pc + 2] ? ops[pc + 3] : pc + 4; break;
      case 8: /* BR_IF_LT_S */ pc = FI[ops[pc + 1]] < FI[ops[pc + 2]] ? ops[pc + 3] : pc + 4; break;
      case 21: /* BR_IF_GT_U_K */ pc = FI[ops[pc + 1]] >>> 0 > ops[pc + 2] >>> 0 ? ops[pc + 3] : pc + 4; break;
      case 19: /* BR_IF_LT_U_K */ pc = FI[ops[pc + 1]] >>> 0 < ops[pc + 2] >>> 0 ? ops[pc + 3] : pc + 4; break;
      case 165: /* LOAD_I64_AT */ {
        ea = ((FI[ops[pc + 2]] + FI[ops[pc + 3]]) >>> 0) + ops[pc + 4];
        if (ea > ln - 8) oob();
        d = ops[pc + 1];
        FI[d] = dv.getInt32(ea, true); FHI[d] = dv.getInt32(ea + 4, true);
        pc += 5;
        break;
      }
      case 168: /* STORE_I32_AT */ { ea = ((FI[ops[pc + 2]] + FI[ops[pc + 3]]) >>> 0) + ops[pc + 4]; if (ea > ln - 4) oob(); dv.setInt32(ea, FI[ops[pc + 1]], true); pc += 5; break; }
      case 169: /* STORE_I64_AT */ {
        ea = ((FI[ops[pc + 2]] + FI[ops[pc + 3]]) >>> 0) + ops[pc + 4];
        if (ea > ln - 8) oob();
        v = ops[pc + 1];
        dv.setInt32(ea, FI[v], true); dv.setInt32(ea + 4, FHI[v], true);
        pc += 5;
        break;
      }
      case 134: /* LOAD_I16_U */ { ea = (FI[ops[pc + 2]] >>> 0) + ops[pc + 3]; if (ea > ln - 2) oob(); FI[ops[pc + 1]] = dv.getUint16(ea, true); pc += 4; break; }
      case 140: /* STORE_I16 */ { ea = (FI[ops[pc + 2]] >>> 0) + ops[pc + 3]; if (ea > ln - 2) oob(); dv.setInt16(ea, FI[ops[pc + 1]], true); pc += 4; break; }
      case 69: /* I32_EQZ */ FI[ops[pc + 1]] = FI[ops[pc + 2]] === 0 ? 1 : 0; pc += 3; break;
      case 70: /* I32_EQ */ FI[ops[pc + 1]] = FI[ops[pc + 2]] === FI[ops[pc + 3]] ? 1 : 0; pc += 4; break;
      case 71: /* I32_NE */ FI[ops[pc + 1]] = FI[ops[pc + 2]] !== FI[ops[pc + 3]] ? 1 : 0; pc += 4; break;
      case 73: /* I32_LT_U */ FI[ops[pc + 1]] = FI[ops[pc + 2]] >>> 0 < FI[ops[pc + 3]] >>> 0 ? 1 : 0; pc += 4; break;
      case 75: /* I32_GT_U */ FI[ops[pc + 1]] = FI[ops[pc + 2]] >>> 0 > FI[ops[pc + 3]] >>> 0 ? 1 : 0; pc += 4; break;
      case 83: /* I32_LT_U_K */ FI[ops[pc + 1]] = FI[ops[pc + 2]] >>> 0 < ops[pc + 3] >>> 0 ? 1 : 0; pc += 4; break;
      case 160: /* I64_SHR_U_K */ {
        a = ops[pc + 2], d = ops[pc + 1], n = ops[pc + 3];
        lo = FI[a], hi = FHI[a];
        if (n < 32) { FI[d] = (lo >>> n) | (hi << (32 - n)); FHI[d] = hi >>> n; } else { FI[d] = hi >>> (n - 32); FHI[d] = 0; }
        pc += 4;
        break;
      }
      case 162: /* I64_MUL */ {
        // As numerics' i64Mul: the high word of the unsigned 32x32 product from 16-bit parts.
        a = ops[pc + 2], b = ops[pc + 3], d = ops[pc + 1];
        alo = FI[a], blo = FI[b];
        a0 = alo & 0xffff, a1 = alo >>> 16, b0 = blo & 0xffff, b1 = blo >>> 16;
        p01 = a0 * b1, p10 = a1 * b0;
        mid = ((a0 * b0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
        top = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
        hi = (top + Math.imul(alo, FHI[b]) + Math.imul(FHI[a], blo)) | 0;
        FI[d] = Math.imul(alo, blo); FHI[d] = hi;
        pc += 4;
        break;
      }
      case 92: /* I64_AND */ { a = ops[pc + 2], b = ops[pc + 3], d = ops[pc + 1]; hi = FHI[a] & FHI[b]; FI[d] = FI[a] & FI[b]; FHI[d] = hi; pc += 4; break; }
      case 93: /* I64_OR */ { a = ops[pc + 2], b = ops[pc + 3], d = ops[pc + 1]; hi = FHI[a] | FHI[b]; FI[d] = FI[a] | FI[b]; FHI[d] = hi; pc += 4; break; }
      case 91: /* I64_SUB */ {
        a = ops[pc + 2], b = ops[pc + 3], d = ops[pc + 1];
        al = FI[a], bl = FI[b];
        hi = (FHI[a] - FHI[b] - ((al >>> 0) < (bl >>> 0) ? 1 : 0)) | 0;
        FI[d] = al - bl; FHI[d] = hi;
        pc += 4;
        break;
      }
      case 124: /* FN_L_LL */ {
        a = ops[pc + 2], b = ops[pc + 3], d = ops[pc + 1];
        FI[d] = FNS[ops[pc + 4]](FI[a], FHI[a], FI[b], FHI[b]); FHI[d] = H.hi;
        pc += 5;
        break;
      }
      case 291: /* I64_CMP_K */ {
        // x: the order of a against the constant (-1, 0, 1), high words first.
        a = ops[pc + 2], hi = FHI[a], n = ops[pc + 4], m = ops[pc + 5];
        if (hi !== n) x = ((m & 1) !== 0 ? hi >>> 0 < n >>> 0 : hi < n) ? -1 : 1;
        else { lo = FI[a] >>> 0, v = ops[pc + 3] >>> 0; x = lo < v ? -1 : lo === v ? 0 : 1; }
        m >>= 1;
        FI[ops[pc + 1]] = (m === 0 ? x < 0 : m === 1 ? x > 0 : m === 2 ? x <= 0 : x >= 0) ? 1 : 0;
        pc += 6;
        break;
      }
      case 253: /* FN_I_LK */ { a = ops[pc + 2]; FI[ops[pc + 1]] = FNS[ops[pc + 5]](FI[a], FHI[a], ops[pc + 3], ops[pc + 4]); pc += 6; break; }
      case 254: /* I32_CTZ */ { x = FI[ops[pc + 2]]; FI[ops[pc + 1]] = x === 0 ? 32 : 31 - Math.clz32(x & -x); pc += 5; break; }
      case 255: /* I32_CLZ */ FI[ops[pc + 1]] = Math.clz32(FI[ops[pc + 2]]); pc += 5; break;
      case 256: /* F32_CONVERT_I32_S */ FD[ops[pc + 1]] = Math.fround(FI[ops[pc + 2]]); pc += 5; break;
      case 257: /* F32_CONVERT_I32_U */ FD[ops[pc + 1]] = Math.fround(FI[ops[pc + 2]] >>> 0); pc += 5; break;
      // In range (NaN is not), truncation is ToUint32/ToInt32; otherwise the helper traps or saturates.
      case 258: /* I32_TRUNC_U */ { x = FD[ops[pc + 2]]; FI[ops[pc + 1]] = x > -1 && x < 4294967296 ? x >>> 0 : FNS[ops[pc + 4]](x); pc += 5; break; }
      case 259: /* I32_TRUNC_S */ { x = FD[ops[pc + 2]]; FI[ops[pc + 1]] = x > -2147483649 && x < 2147483648 ? x | 0 : FNS[ops[pc + 4]](x); pc += 5; break; }
      // Distinct ordered operands; equal ones (zeros' signs) and NaNs go to the helper.
      case 260: /* F_MIN */ { x = FD[ops[pc + 2]]; v = FD[ops[pc + 3]]; FD[ops[pc + 1]] = x < v ? x : v < x ? v : FNS[ops[pc + 4]](x, v); pc += 5; break; }
      case 261: /* F_MAX */ { x = FD[ops[pc + 2]]; v = FD[ops[pc + 3]]; FD[ops[pc + 1]] = x > v ? x : v > x ? v : FNS[ops[pc + 4]](x, v); pc += 5; break; }
      case 272: /* I64_XOR__ROTL_K */ {
        a = ops[pc + 2], b = ops[pc + 3], d = ops[pc + 1];
        hi = FHI[a] ^ FHI[b]; FI[d] = FI[a] ^ FI[b]; FHI[d] = hi;
        a = ops[pc + 6], d = ops[pc + 5], n = ops[pc + 7];
        lo = FI[a], hi = FHI[a];
        if (n === 32) { FI[d] = hi; FHI[d] = lo; } else if (n < 32) {
          FI[d] = (lo << n) | (hi >>> (32 - n)); FHI[d] = (hi << n) | (lo >>> (32 - n));
        } else {
          m = n - 32;
          FI[d] = (hi << m) | (lo >>> (32 - m)); FHI[d] = (lo << m) | (hi >>> (32 - m));
        }
        pc += 8;
        break;
      }
      case 276: /* LOAD_I64__STORE_I64 */ {
        ea = (FI[ops[pc + 2]] >>> 0) + ops[pc + 3];
        if (ea > ln - 8) oob();
        d = ops[pc + 1];
        FI[d] = dv.getInt32(ea, true); FHI[d] = dv.getInt32(ea + 4, true);
        ea = (FI[ops[pc + 6]] >>> 0) + ops[pc + 7];
        if (ea > ln - 8) oob();
        v = ops[pc + 5];
        dv.setInt32(ea, FI[v], true); dv.setInt32(ea + 4, FHI[v], true);
        pc += 8;
        break;
      }
      case 278: /* ADD_K__GLOBAL_SET_I */ FI[ops[pc + 1]] = FI[ops[pc + 2]] + ops[pc + 3]; G[ops[pc + 5]].v = FI[ops[pc + 6]]; pc += 7; break;
      case 54: /* I32_MUL */ FI[ops[pc + 1]] = Math.imul(FI[ops[pc + 2]], FI[ops[pc + 3]]); pc += 4; break;
      case 62: /* I32_MUL_K */ FI[ops[pc + 1]] = Math.imul(FI[ops[pc + 2]], ops[pc + 3]); pc += 4; break;
      case 32: /* MOV_D */ FD[ops[pc + 1]] = FD[ops[pc + 2]]; pc += 3; break;
      case 137: /* LOAD_F64 */ { ea = (FI[ops[pc + 2]] >>> 0) + ops[pc + 3]; if (ea > ln - 8) oob(); FD[ops[pc + 1]] = dv.getFloat64(ea, true); pc += 4; break; }
      case 143: /* STORE_F64 */ { ea = (FI[ops[pc + 2]] >>> 0) + ops[pc + 3]; if (ea > ln - 8) oob(); dv.setFloat64(ea, FD[ops[pc + 1]], true); pc += 4; break; }
      case 101: /* F64_ADD */ FD[ops[pc + 1]] = FD[ops[pc + 2]] + FD[ops[pc + 3]]; pc += 4; break;
      case 103: /* F64_MUL */ FD[ops[pc + 1]] = FD[ops[pc + 2]] * FD[ops[pc + 3]]; pc += 4; break;
      case 3: /* BR_TABLE */ {
        i = FI[ops[pc + 1]] >>> 0;
        n = ops[pc + 2];
        pc = ops[pc + 3 + (i < n ? i : n)];
        break;
      }
      case 5: /* TRAP */ trap(code.reasons[ops[pc + 1]]); break;
      case 10: /* BR_IF_GT_S */ pc = FI[ops[pc + 1]] > FI[ops[pc + 2]] ? ops[pc + 3] : pc + 4; break;
      case 12: /* BR_IF_LE_S */ pc = FI[ops[pc + 1]] <= FI[ops[pc + 2]] ? ops[pc + 3] : pc + 4; break;
      case 14: /* BR_IF_GE_S */ pc = FI[ops[pc + 1]] >= FI[ops[pc + 2]] ? ops[pc + 3] : pc + 4; break;
      case 18: /* BR_IF_LT_S_K */ pc = FI[ops[pc + 1]] < ops[pc + 2] ? ops[pc + 3] : pc + 4; break;
      case 20: /* BR_IF_GT_S_K */ pc = FI[ops[pc + 1]] > ops[pc + 2] ? ops[pc + 3] : pc + 4; break;
      case 22: /* BR_IF_LE_S_K */ pc = FI[ops[pc + 1]] <= ops[pc + 2] ? ops[pc + 3] : pc + 4; break;
      case 23: /* BR_IF_LE_U_K */ pc = FI[ops[pc + 1]] >>> 0 <= ops[pc + 2] >>> 0 ? ops[pc + 3] : pc + 4; break;
      case 24: /* BR_IF_GE_S_K */ pc = FI[ops[pc + 1]] >= ops[pc + 2] ? ops[pc + 3] : pc + 4; break;
      case 27: /* CALL_INDIRECT */ {
        site = code.sites[ops[pc + 1]];
        s = fp + ops[pc + 3];
        i = ops[pc + 5] === 1 ? (HI[s] >>> 0) * 4294967296 + (I[s] >>> 0) : I[s] >>> 0;
        g = ops[pc + 2] < 0 ? refCallee(RF[s]) : checkedCallee(env.T[ops[pc + 2]].elems, i, site.type);
        at = fp + ops[pc + 4];
        c = g.ownerEnv === env ? direct[g.index!] : null;
        if (c !== null) {
          if (run(ie, c, at, files) === TAIL) storeResults(c.results, runTail(), at, files);
        } else {
          STACK.top = fp + code.frameSize;
          storeResults(site.results, callOut(g.fn, site, at, files), at, files);
        }
        if (M0 !== null) { dv = M0.dv; ln = M0.len; u8 = M0.u8; }
        pc += 6;
        break;
      }
      case 28: /* RETURN_CALL */ case 29: /* RETURN_CALL_INDIRECT */ {
        site = code.sites[ops[pc + (ops[pc] === 28 /* RETURN_CALL */ ? 3 : 1)]];
        if (ops[pc] === 28 /* RETURN_CALL */) {
          f = ops[pc + 1];
          at = fp + ops[pc + 2];
          c = direct[f];
          g = env.FI[f] as unknown as Callee;
        } else {
          s = fp + ops[pc + 3];
          i = ops[pc + 5] === 1 ? (HI[s] >>> 0) * 4294967296 + (I[s] >>> 0) : I[s] >>> 0;
          g = ops[pc + 2] < 0 ? refCallee(RF[s]) : checkedCallee(env.T[ops[pc + 2]].elems, i, site.type);
          at = fp + ops[pc + 4];
          c = g.ownerEnv === env ? direct[g.index!] : null;
        }
        if (c === null) {
          TC.a = tailArgs(g, site, at, files);
          return TAIL;
        }
        // The callee replaces this frame: arguments down to fp, then its locals are cleared.
        ks = site.params;
        for (let k = 0; k < ks.length; k++) {
          from = at + k;
          to = fp + k;
          switch (ks[k]) {
            case K_I: I[to] = I[from]; break;
            case K_L: I[to] = I[from]; HI[to] = HI[from]; break;
            case K_D: D[to] = D[from]; break;
            case K_V: V.copyWithin(4 * to, 4 * from, 4 * from + 4); break;
            default: RF[to] = RF[from]; break;
          }
        }
        code = c;
        ops = c.ops;
        consts = c.consts;
        if (fp + c.frameSize > CAPACITY) exhausted();
        for (cl = c.clears, i = 0; i < cl.length; i += 3) {
          for (s = fp + cl[i], e = fp + cl[i + 1], k = cl[i + 2]; s < e; s++) {
            if (k === K_I) I[s] = 0; else if (k === K_L) { I[s] = 0; HI[s] = 0; } else if (k === K_D) D[s] = 0; else RF[s] = null;
          }
        }
        pc = 0;
        break;
      }
      case 33: /* MOV_R */ RF[fp + ops[pc + 1]] = RF[fp + ops[pc + 2]]; pc += 3; break;
      case 36: /* CONST_D */ FD[ops[pc + 1]] = consts[ops[pc + 2]]; pc += 3; break;
      case 37: /* CONST_R */ RF[fp + ops[pc + 1]] = null; pc += 2; break;
      case 39: /* SELECT_L */ {
        s = FI[ops[pc + 4]] !== 0 ? ops[pc + 2] : ops[pc + 3];
        lo = FI[s], hi = FHI[s];
        FI[ops[pc + 1]] = lo; FHI[ops[pc + 1]] = hi;
        pc += 5;
        break;
      }
      case 40: /* SELECT_D */ FD[ops[pc + 1]] = FI[ops[pc + 4]] !== 0 ? FD[ops[pc + 2]] : FD[ops[pc + 3]]; pc += 5; break;
      case 41: /* SELECT_R */ RF[fp + ops[pc + 1]] = FI[ops[pc + 4]] !== 0 ? RF[fp + ops[pc + 2]] : RF[fp + ops[pc + 3]]; pc += 5; break;
      case 42: /* GLOBAL_GET_I */ FI[ops[pc + 1]] = G[ops[pc + 2]].v as number; pc += 3; break;
      case 43: /* GLOBAL_GET_L */ { gl = G[ops[pc + 2]]; FI[ops[pc + 1]] = gl.v as number; FHI[ops[pc + 1]] = gl.h; pc += 3; break; }
      case 44: /* GLOBAL_GET_D */ FD[ops[pc + 1]] = G[ops[pc + 2]].v as number; pc += 3; break;
      case 45: /* GLOBAL_GET_R */ RF[fp + ops[pc + 1]] = G[ops[pc + 2]].v; pc += 3; break;
      case 46: /* GLOBAL_SET_I */ G[ops[pc + 1]].v = FI[ops[pc + 2]]; pc += 3; break;
      case 47: /* GLOBAL_SET_L */ { gl = G[ops[pc + 1]]; gl.v = FI[ops[pc + 2]]; gl.h = FHI[ops[pc + 2]]; pc += 3; break; }
      case 48: /* GLOBAL_SET_D */ G[ops[pc + 1]].v = FD[ops[pc + 2]]; pc += 3; break;
      case 49: /* GLOBAL_SET_R */ G[ops[pc + 1]].v = RF[fp + ops[pc + 2]]; pc += 3; break;
      case 50: /* REF_IS_NULL */ FI[ops[pc + 1]] = RF[fp + ops[pc + 2]] === null ? 1 : 0; pc += 3; break;
      case 51: /* REF_FUNC */ RF[fp + ops[pc + 1]] = env.FI[ops[pc + 2]]; pc += 3; break;
      case 59: /* I32_SHR_S */ FI[ops[pc + 1]] = FI[ops[pc + 2]] >> FI[ops[pc + 3]]; pc += 4; break;
      case 64: /* I32_OR_K */ FI[ops[pc + 1]] = FI[ops[pc + 2]] | ops[pc + 3]; pc += 4; break;
      case 65: /* I32_XOR_K */ FI[ops[pc + 1]] = FI[ops[pc + 2]] ^ ops[pc + 3]; pc += 4; break;
      case 67: /* I32_SHR_S_K */ FI[ops[pc + 1]] = FI[ops[pc + 2]] >> ops[pc + 3]; pc += 4; break;
      case 72: /* I32_LT_S */ FI[ops[pc + 1]] = FI[ops[pc + 2]] < FI[ops[pc + 3]] ? 1 : 0; pc += 4; break;
      case 74: /* I32_GT_S */ FI[ops[pc + 1]] = FI[ops[pc + 2]] > FI[ops[pc + 3]] ? 1 : 0; pc += 4; break;
      case 76: /* I32_LE_S */ FI[ops[pc + 1]] = FI[ops[pc + 2]] <= FI[ops[pc + 3]] ? 1 : 0; pc += 4; break;
      case 77: /* I32_LE_U */ FI[ops[pc + 1]] = FI[ops[pc + 2]] >>> 0 <= FI[ops[pc + 3]] >>> 0 ? 1 : 0; pc += 4; break;
      case 78: /* I32_GE_S */ FI[ops[pc + 1]] = FI[ops[pc + 2]] >= FI[ops[pc + 3]] ? 1 : 0; pc += 4; break;
      case 79: /* I32_GE_U */ FI[ops[pc + 1]] = FI[ops[pc + 2]] >>> 0 >= FI[ops[pc + 3]] >>> 0 ? 1 : 0; pc += 4; break;
      case 80: /* I32_EQ_K */ FI[ops[pc + 1]] = FI[ops[pc + 2]] === ops[pc + 3] ? 1 : 0; pc += 4; break;
      case 81: /* I32_NE_K */ FI[ops[pc + 1]] = FI[ops[pc + 2]] !== ops[pc + 3] ? 1 : 0; pc += 4; break;
      case 82: /* I32_LT_S_K */ FI[ops[pc + 1]] = FI[ops[pc + 2]] < ops[pc + 3] ? 1 : 0; pc += 4; break;
      case 84: /* I32_GT_S_K */ FI[ops[pc + 1]] = FI[ops[pc + 2]] > ops[pc + 3] ? 1 : 0; pc += 4; break;
      case 85: /* I32_GT_U_K */ FI[ops[pc + 1]] = FI[ops[pc + 2]] >>> 0 > ops[pc + 3] >>> 0 ? 1 : 0; pc += 4; break;
      case 86: /* I32_LE_S_K */ FI[ops[pc + 1]] = FI[ops[pc + 2]] <= ops[pc + 3] ? 1 : 0; pc += 4; break;
      case 87: /* I32_LE_U_K */ FI[ops[pc + 1]] = FI[ops[pc + 2]] >>> 0 <= ops[pc + 3] >>> 0 ? 1 : 0; pc += 4; break;
      case 88: /* I32_GE_S_K */ FI[ops[pc + 1]] = FI[ops[pc + 2]] >= ops[pc + 3] ? 1 : 0; pc += 4; break;
      case 89: /* I32_GE_U_K */ FI[ops[pc + 1]] = FI[ops[pc + 2]] >>> 0 >= ops[pc + 3] >>> 0 ? 1 : 0; pc += 4; break;
      case 95: /* I64_EQZ */ { a = ops[pc + 2]; FI[ops[pc + 1]] = (FI[a] | FHI[a]) === 0 ? 1 : 0; pc += 3; break; }
      case 96: /* I64_EQ */ { a = ops[pc + 2], b = ops[pc + 3]; FI[ops[pc + 1]] = FI[a] === FI[b] && FHI[a] === FHI[b] ? 1 : 0; pc += 4; break; }
      case 97: /* I64_NE */ { a = ops[pc + 2], b = ops[pc + 3]; FI[ops[pc + 1]] = FI[a] !== FI[b] || FHI[a] !== FHI[b] ? 1 : 0; pc += 4; break; }
      case 98: /* I64_EXTEND_I32_S */ { x = FI[ops[pc + 2]]; FI[ops[pc + 1]] = x; FHI[ops[pc + 1]] = x >> 31; pc += 3; break; }
      case 100: /* I32_WRAP_I64 */ FI[ops[pc + 1]] = FI[ops[pc + 2]]; pc += 3; break;
      case 102: /* F64_SUB */ FD[ops[pc + 1]] = FD[ops[pc + 2]] - FD[ops[pc + 3]]; pc += 4; break;
      case 104: /* F64_DIV */ FD[ops[pc + 1]] = FD[ops[pc + 2]] / FD[ops[pc + 3]]; pc += 4; break;
      case 105: /* F32_ADD */ FD[ops[pc + 1]] = Math.fround(FD[ops[pc + 2]] + FD[ops[pc + 3]]); pc += 4; break;
      case 106: /* F32_SUB */ FD[ops[pc + 1]] = Math.fround(FD[ops[pc + 2]] - FD[ops[pc + 3]]); pc += 4; break;
      case 107: /* F32_MUL */ FD[ops[pc + 1]] = Math.fround(FD[ops[pc + 2]] * FD[ops[pc + 3]]); pc += 4; break;
      case 108: /* F32_DIV */ FD[ops[pc + 1]] = Math.fround(FD[ops[pc + 2]] / FD[ops[pc + 3]]); pc += 4; break;
      case 109: /* F_EQ */ FI[ops[pc + 1]] = FD[ops[pc + 2]] === FD[ops[pc + 3]] ? 1 : 0; pc += 4; break;
      case 110: /* F_NE */ FI[ops[pc + 1]] = FD[ops[pc + 2]] !== FD[ops[pc + 3]] ? 1 : 0; pc += 4; break;
      case 111: /* F_LT */ FI[ops[pc + 1]] = FD[ops[pc + 2]] < FD[ops[pc + 3]] ? 1 : 0; pc += 4; break;
      case 112: /* F_GT */ FI[ops[pc + 1]] = FD[ops[pc + 2]] > FD[ops[pc + 3]] ? 1 : 0; pc += 4; break;
      case 113: /* F_LE */ FI[ops[pc + 1]] = FD[ops[pc + 2]] <= FD[ops[pc + 3]] ? 1 : 0; pc += 4; break;
      case 114: /* F_GE */ FI[ops[pc + 1]] = FD[ops[pc + 2]] >= FD[ops[pc + 3]] ? 1 : 0; pc += 4; break;
      case 115: /* F64_CONVERT_I32_S */ FD[ops[pc + 1]] = FI[ops[pc + 2]]; pc += 3; break;
      case 116: /* F64_CONVERT_I32_U */ FD[ops[pc + 1]] = FI[ops[pc + 2]] >>> 0; pc += 3; break;
      case 117: /* FN_I_I */ FI[ops[pc + 1]] = FNS[ops[pc + 4]](FI[ops[pc + 2]]); pc += 5; break;
      case 118: /* FN_I_II */ FI[ops[pc + 1]] = FNS[ops[pc + 4]](FI[ops[pc + 2]], FI[ops[pc + 3]]); pc += 5; break;
      case 119: /* FN_D_D */ FD[ops[pc + 1]] = FNS[ops[pc + 4]](FD[ops[pc + 2]]); pc += 5; break;
      case 120: /* FN_D_DD */ FD[ops[pc + 1]] = FNS[ops[pc + 4]](FD[ops[pc + 2]], FD[ops[pc + 3]]); pc += 5; break;
      case 121: /* FN_I_D */ FI[ops[pc + 1]] = FNS[ops[pc + 4]](FD[ops[pc + 2]]); pc += 5; break;
      case 122: /* FN_D_I */ FD[ops[pc + 1]] = FNS[ops[pc + 4]](FI[ops[pc + 2]]); pc += 5; break;
      case 123: /* FN_L_L */ {
        a = ops[pc + 2], d = ops[pc + 1];
        FI[d] = FNS[ops[pc + 4]](FI[a], FHI[a]); FHI[d] = H.hi;
        pc += 5;
        break;
      }
      case 125: /* FN_I_L */ { a = ops[pc + 2]; FI[ops[pc + 1]] = FNS[ops[pc + 4]](FI[a], FHI[a]); pc += 5; break; }
      case 126: /* FN_I_LL */ {
        a = ops[pc + 2], b = ops[pc + 3];
        FI[ops[pc + 1]] = FNS[ops[pc + 4]](FI[a], FHI[a], FI[b], FHI[b]);
        pc += 5;
        break;
      }
      case 127: /* FN_L_I */ { d = ops[pc + 1]; FI[d] = FNS[ops[pc + 4]](FI[ops[pc + 2]]); FHI[d] = H.hi; pc += 5; break; }
      case 128: /* FN_L_D */ { d = ops[pc + 1]; FI[d] = FNS[ops[pc + 4]](FD[ops[pc + 2]]); FHI[d] = H.hi; pc += 5; break; }
      case 129: /* FN_D_L */ { a = ops[pc + 2]; FD[ops[pc + 1]] = FNS[ops[pc + 4]](FI[a], FHI[a]); pc += 5; break; }
      case 131: /* LOAD_I8_S */ { ea = (FI[ops[pc + 2]] >>> 0) + ops[pc + 3]; if (ea > ln - 1) oob(); FI[ops[pc + 1]] = (u8[ea] << 24) >> 24; pc += 4; break; }
      case 133: /* LOAD_I16_S */ { ea = (FI[ops[pc + 2]] >>> 0) + ops[pc + 3]; if (ea > ln - 2) oob(); FI[ops[pc + 1]] = dv.getInt16(ea, true); pc += 4; break; }
      case 136: /* LOAD_F32 */ {
        ea = (FI[ops[pc + 2]] >>> 0) + ops[pc + 3];
        if (ea > ln - 4) oob();
        x = dv.getFloat32(ea, true);
        FD[ops[pc + 1]] = x === x ? x : f32FromBits(dv.getInt32(ea, true));
        pc += 4;
        break;
      }
      case 142: /* STORE_F32 */ {
        ea = (FI[ops[pc + 2]] >>> 0) + ops[pc + 3];
        if (ea > ln - 4) oob();
        x = FD[ops[pc + 1]];
        if (x === x) dv.setFloat32(ea, x, true);
        else dv.setInt32(ea, f32ToBits(x), true);
        pc += 4;
        break;
      }
      case 144: /* HI_SIGN */ FHI[ops[pc + 1]] = FI[ops[pc + 1]] >> 31; pc += 2; break;
      case 145: /* HI_ZERO */ FHI[ops[pc + 1]] = 0; pc += 2; break;
      case 146: /* LOAD_ANY */ loadAny(ie, code, pc, fp, files); pc += 7; break;
      case 147: /* STORE_ANY */ storeAny(ie, code, pc, fp, files); pc += 7; break;
      case 148: /* MISC */
        execMisc(ie, ops, pc, fp, files);
        if (M0 !== null) { dv = M0.dv; ln = M0.len; u8 = M0.u8; }
        pc += 9;
        break;
      case 149: /* BR_IF_NULL */ pc = RF[fp + ops[pc + 1]] === null ? ops[pc + 2] : pc + 3; break;
      case 150: /* BR_IF_NONNULL */ pc = RF[fp + ops[pc + 1]] !== null ? ops[pc + 2] : pc + 3; break;
      case 151: /* REF_AS_NON_NULL */ if (RF[fp + ops[pc + 1]] === null) trap(NULL_REFERENCE); pc += 2; break;
      case 152: /* THROW */
        throw new ExnInst(tailArgs(env.TG[ops[pc + 1]], code.sites[ops[pc + 3]], fp + ops[pc + 2], files));
      case 153: /* THROW_REF */ {
        xr = RF[fp + ops[pc + 1]] as ExnInst | null;
        if (xr === null) trap(NULL_EXCEPTION_REFERENCE);
        throw xr.thrown;
      }
      case 154: /* I64_ADD_K */ {
        a = ops[pc + 2], d = ops[pc + 1];
        al = FI[a];
        lo = (al + ops[pc + 3]) | 0;
        hi = (FHI[a] + ops[pc + 4] + ((lo >>> 0) < (al >>> 0) ? 1 : 0)) | 0;
        FI[d] = lo; FHI[d] = hi;
        pc += 5;
        break;
      }
      case 156: /* I64_OR_K */ { a = ops[pc + 2], d = ops[pc + 1]; hi = FHI[a] | ops[pc + 4]; FI[d] = FI[a] | ops[pc + 3]; FHI[d] = hi; pc += 5; break; }
      case 157: /* I64_XOR_K */ { a = ops[pc + 2], d = ops[pc + 1]; hi = FHI[a] ^ ops[pc + 4]; FI[d] = FI[a] ^ ops[pc + 3]; FHI[d] = hi; pc += 5; break; }
      case 159: /* I64_SHR_S_K */ {
        a = ops[pc + 2], d = ops[pc + 1], n = ops[pc + 3];
        lo = FI[a], hi = FHI[a];
        if (n < 32) { FI[d] = (lo >>> n) | (hi << (32 - n)); FHI[d] = hi >> n; } else { FI[d] = hi >> (n - 32); FHI[d] = hi >> 31; }
        pc += 4;
        break;
      }
      case 163: /* REF_EQ */ FI[ops[pc + 1]] = refEq(RF[fp + ops[pc + 2]], RF[fp + ops[pc + 3]]) ? 1 : 0; pc += 4; break;
      case 166: /* LOAD_I8_U_AT */ { ea = ((FI[ops[pc + 2]] + FI[ops[pc + 3]]) >>> 0) + ops[pc + 4]; if (ea > ln - 1) oob(); FI[ops[pc + 1]] = u8[ea]; pc += 5; break; }
      case 167: /* LOAD_F64_AT */ { ea = ((FI[ops[pc + 2]] + FI[ops[pc + 3]]) >>> 0) + ops[pc + 4]; if (ea > ln - 8) oob(); FD[ops[pc + 1]] = dv.getFloat64(ea, true); pc += 5; break; }
      case 170: /* STORE_I8_AT */ { ea = ((FI[ops[pc + 2]] + FI[ops[pc + 3]]) >>> 0) + ops[pc + 4]; if (ea > ln - 1) oob(); u8[ea] = FI[ops[pc + 1]]; pc += 5; break; }
      case 171: /* STORE_F64_AT */ { ea = ((FI[ops[pc + 2]] + FI[ops[pc + 3]]) >>> 0) + ops[pc + 4]; if (ea > ln - 8) oob(); dv.setFloat64(ea, FD[ops[pc + 1]], true); pc += 5; break; }
      // ---- SIMD: v128 slot s is V[4s … 4s+3] (simd.ts) ----
      case 172: /* V_CONST */ V.set(code.objs[ops[pc + 2]] as Int32Array, 4 * (fp + ops[pc + 1])); pc += 3; break;
      case 173: /* MOV_V */ { d = 4 * (fp + ops[pc + 1]), a = 4 * (fp + ops[pc + 2]); V[d] = V[a]; V[d + 1] = V[a + 1]; V[d + 2] = V[a + 2]; V[d + 3] = V[a + 3]; pc += 3; break; }
      case 174: /* SELECT_V */ {
        d = 4 * (fp + ops[pc + 1]), a = 4 * (fp + (FI[ops[pc + 4]] !== 0 ? ops[pc + 2] : ops[pc + 3]));
        V[d] = V[a]; V[d + 1] = V[a + 1]; V[d + 2] = V[a + 2]; V[d + 3] = V[a + 3];
        pc += 5;
        break;
      }
      case 175: /* GLOBAL_GET_V */ V8.set(G[ops[pc + 2]].v as Uint8Array, 16 * (fp + ops[pc + 1])); pc += 3; break;
      case 176: /* GLOBAL_SET_V */ G[ops[pc + 1]].v = boxV(files, fp + ops[pc + 2]); pc += 3; break;
      case 177: /* V_FN */ execSimdFn(files, fp, ops, pc); pc += 8; break;
      case 178: /* V_SHUFFLE */ shuffle(V8, 16 * fp, ops[pc + 1], code.objs[ops[pc + 2]] as Int32Array, ops[pc + 3] === 1); pc += 4; break;
      case 179: /* V128_LOAD */ {
        ea = (FI[ops[pc + 2]] >>> 0) + ops[pc + 3];
        if (ea > ln - 16) oob();
        d = 4 * (fp + ops[pc + 1]);
        V[d] = dv.getInt32(ea, true); V[d + 1] = dv.getInt32(ea + 4, true); V[d + 2] = dv.getInt32(ea + 8, true); V[d + 3] = dv.getInt32(ea + 12, true);
        pc += 4;
        break;
      }
      case 180: /* V128_STORE */ {
        ea = (FI[ops[pc + 2]] >>> 0) + ops[pc + 3];
        if (ea > ln - 16) oob();
        v = 4 * (fp + ops[pc + 1]);
        dv.setInt32(ea, V[v], true); dv.setInt32(ea + 4, V[v + 1], true); dv.setInt32(ea + 8, V[v + 2], true); dv.setInt32(ea + 12, V[v + 3], true);
        pc += 4;
        break;
      }
      case 181: /* V_MEM */ execSimdMemory(ie, code, pc, fp, files); pc += 11; break;
      // Word by word: result word n depends on words n of the operands only, so d may be a or b.
      case 182: /* V_AND */ { d = 4 * (fp + ops[pc + 1]), a = 4 * (fp + ops[pc + 2]), b = 4 * (fp + ops[pc + 3]); for (n = 0; n < 4; n++) V[d + n] = V[a + n] & V[b + n]; pc += 4; break; }
      case 183: /* V_OR */ { d = 4 * (fp + ops[pc + 1]), a = 4 * (fp + ops[pc + 2]), b = 4 * (fp + ops[pc + 3]); for (n = 0; n < 4; n++) V[d + n] = V[a + n] | V[b + n]; pc += 4; break; }
      case 184: /* V_XOR */ { d = 4 * (fp + ops[pc + 1]), a = 4 * (fp + ops[pc + 2]), b = 4 * (fp + ops[pc + 3]); for (n = 0; n < 4; n++) V[d + n] = V[a + n] ^ V[b + n]; pc += 4; break; }
      case 185: /* V_ANDNOT */ { d = 4 * (fp + ops[pc + 1]), a = 4 * (fp + ops[pc + 2]), b = 4 * (fp + ops[pc + 3]); for (n = 0; n < 4; n++) V[d + n] = V[a + n] & ~V[b + n]; pc += 4; break; }
      // Lanes narrower than a word without carries across them: the high bit of each lane apart.
      case 189: /* I8X16_ADD */ { d = 4 * (fp + ops[pc + 1]), a = 4 * (fp + ops[pc + 2]), b = 4 * (fp + ops[pc + 3]); for (n = 0; n < 4; n++) { x = V[a + n], m = V[b + n]; V[d + n] = ((x & 0x7f7f7f7f) + (m & 0x7f7f7f7f)) ^ ((x ^ m) & 0x80808080); } pc += 4; break; }
      case 190: /* I8X16_SUB */ { d = 4 * (fp + ops[pc + 1]), a = 4 * (fp + ops[pc + 2]), b = 4 * (fp + ops[pc + 3]); for (n = 0; n < 4; n++) { x = V[a + n], m = V[b + n]; V[d + n] = ((x | 0x80808080) - (m & 0x7f7f7f7f)) ^ ((x ^ ~m) & 0x80808080); } pc += 4; break; }
      case 191: /* I16X8_ADD */ { d = 4 * (fp + ops[pc + 1]), a = 4 * (fp + ops[pc + 2]), b = 4 * (fp + ops[pc + 3]); for (n = 0; n < 4; n++) { x = V[a + n], m = V[b + n]; V[d + n] = ((x & 0x7fff7fff) + (m & 0x7fff7fff)) ^ ((x ^ m) & 0x80008000); } pc += 4; break; }
      case 192: /* I16X8_SUB */ { d = 4 * (fp + ops[pc + 1]), a = 4 * (fp + ops[pc + 2]), b = 4 * (fp + ops[pc + 3]); for (n = 0; n < 4; n++) { x = V[a + n], m = V[b + n]; V[d + n] = ((x | 0x80008000) - (m & 0x7fff7fff)) ^ ((x ^ ~m) & 0x80008000); } pc += 4; break; }
      case 193: /* I32X4_ADD */ { d = 4 * (fp + ops[pc + 1]), a = 4 * (fp + ops[pc + 2]), b = 4 * (fp + ops[pc + 3]); for (n = 0; n < 4; n++) V[d + n] = V[a + n] + V[b + n]; pc += 4; break; }
      case 194: /* I32X4_SUB */ { d = 4 * (fp + ops[pc + 1]), a = 4 * (fp + ops[pc + 2]), b = 4 * (fp + ops[pc + 3]); for (n = 0; n < 4; n++) V[d + n] = V[a + n] - V[b + n]; pc += 4; break; }
      case 195: /* I32X4_MUL */ { d = 4 * (fp + ops[pc + 1]), a = 4 * (fp + ops[pc + 2]), b = 4 * (fp + ops[pc + 3]); for (n = 0; n < 4; n++) V[d + n] = Math.imul(V[a + n], V[b + n]); pc += 4; break; }
      case 186: /* V_NOT */ { d = 4 * (fp + ops[pc + 1]), a = 4 * (fp + ops[pc + 2]); V[d] = ~V[a]; V[d + 1] = ~V[a + 1]; V[d + 2] = ~V[a + 2]; V[d + 3] = ~V[a + 3]; pc += 3; break; }
      case 187: /* V_BITSELECT */ {
        d = 4 * (fp + ops[pc + 1]), a = 4 * (fp + ops[pc + 2]), b = 4 * (fp + ops[pc + 3]), m = 4 * (fp + ops[pc + 4]);
        for (n = 0; n < 4; n++) V[d + n] = (V[a + n] & V[m + n]) | (V[b + n] & ~V[m + n]);
        pc += 5;
        break;
      }
      case 188: /* V_ANY_TRUE */ { a = 4 * (fp + ops[pc + 2]); FI[ops[pc + 1]] = (V[a] | V[a + 1] | V[a + 2] | V[a + 3]) !== 0 ? 1 : 0; pc += 3; break; }
      case 196: /* I64X2_ADD */ case 197: /* I64X2_SUB */ {
        d = 4 * (fp + ops[pc + 1]), a = 4 * (fp + ops[pc + 2]), b = 4 * (fp + ops[pc + 3]);
        for (n = 0; n < 4; n += 2) {
          al = V[a + n], bl = V[b + n];
          if (ops[pc] === 196 /* I64X2_ADD */) { lo = (al + bl) | 0; hi = (V[a + n + 1] + V[b + n + 1] + ((lo >>> 0) < (al >>> 0) ? 1 : 0)) | 0; } else {
            lo = (al - bl) | 0; hi = (V[a + n + 1] - V[b + n + 1] - ((al >>> 0) < (bl >>> 0) ? 1 : 0)) | 0;
          }
          V[d + n] = lo; V[d + n + 1] = hi;
        }
        pc += 4;
        break;
      }
      case 198: /* I8X16_SPLAT */ case 199: /* I16X8_SPLAT */ case 200: /* I32X4_SPLAT */ {
        x = FI[ops[pc + 2]];
        x = ops[pc] === 198 /* I8X16_SPLAT */ ? Math.imul(x & 255, 0x01010101) : ops[pc] === 199 /* I16X8_SPLAT */ ? Math.imul(x & 0xffff, 0x10001) : x;
        d = 4 * (fp + ops[pc + 1]);
        V[d] = x; V[d + 1] = x; V[d + 2] = x; V[d + 3] = x;
        pc += 3;
        break;
      }
      case 201: /* I64X2_SPLAT */ { a = ops[pc + 2], d = 4 * (fp + ops[pc + 1]); V[d] = V[d + 2] = FI[a]; V[d + 1] = V[d + 3] = FHI[a]; pc += 3; break; }
      case 202: /* I8X16_EXTRACT_S */ FI[ops[pc + 1]] = (V8[16 * (fp + ops[pc + 2]) + ops[pc + 3]] << 24) >> 24; pc += 4; break;
      case 203: /* I8X16_EXTRACT_U */ FI[ops[pc + 1]] = V8[16 * (fp + ops[pc + 2]) + ops[pc + 3]]; pc += 4; break;
      case 205: /* I16X8_EXTRACT_S */ case 206: /* I16X8_EXTRACT_U */ {
        a = 16 * (fp + ops[pc + 2]) + 2 * ops[pc + 3];
        x = V8[a] | (V8[a + 1] << 8);
        FI[ops[pc + 1]] = ops[pc] === 205 /* I16X8_EXTRACT_S */ ? (x << 16) >> 16 : x;
        pc += 4;
        break;
      }
      case 208: /* I32X4_EXTRACT */ FI[ops[pc + 1]] = V[4 * (fp + ops[pc + 2]) + ops[pc + 3]]; pc += 4; break;
      case 210: /* I64X2_EXTRACT */ { a = 4 * (fp + ops[pc + 2]) + 2 * ops[pc + 3], d = ops[pc + 1]; FI[d] = V[a]; FHI[d] = V[a + 1]; pc += 4; break; }
      case 204: /* I8X16_REPLACE */ case 207: /* I16X8_REPLACE */ case 209: /* I32X4_REPLACE */ case 211: /* I64X2_REPLACE */ {
        d = 4 * (fp + ops[pc + 1]), a = 4 * (fp + ops[pc + 2]), n = ops[pc + 3], x = fp + ops[pc + 4];
        V[d] = V[a]; V[d + 1] = V[a + 1]; V[d + 2] = V[a + 2]; V[d + 3] = V[a + 3];
        switch (ops[pc]) {
          case 204 /* I8X16_REPLACE */: V8[4 * d + n] = I[x]; break;
          case 207 /* I16X8_REPLACE */: V8[4 * d + 2 * n] = I[x]; V8[4 * d + 2 * n + 1] = I[x] >> 8; break;
          case 209 /* I32X4_REPLACE */: V[d + n] = I[x]; break;
          default: V[d + 2 * n] = I[x]; V[d + 2 * n + 1] = HI[x];
        }
        pc += 5;
        break;
      }
      case 251: /* V_LANES */ execLanes(files, fp + ops[pc + 1], fp + ops[pc + 2], fp + ops[pc + 3], ops[pc + 4]); pc += 5; break;
      case 212: /* I8X16_SWIZZLE */ swizzle(files, fp + ops[pc + 1], fp + ops[pc + 2], fp + ops[pc + 3]); pc += 4; break;
      // ---- GC (gc.ts): null and bounds checks first ----
      case 213: /* STRUCT_NEW */ RF[fp + ops[pc + 1]] = structNew(files, fp, ops, pc, code.objs); pc += 4; break;
      case 214: /* STRUCT_NEW_DEFAULT */ RF[fp + ops[pc + 1]] = newStructDefault(ops[pc + 2]); pc += 3; break;
      case 215: /* STRUCT_GET_I */ FI[ops[pc + 1]] = str(RF[fp + ops[pc + 2]]).f[ops[pc + 3]] as number; pc += 4; break;
      case 220: /* STRUCT_GET_S8 */ FI[ops[pc + 1]] = ((str(RF[fp + ops[pc + 2]]).f[ops[pc + 3]] as number) << 24) >> 24; pc += 4; break;
      case 221: /* STRUCT_GET_S16 */ FI[ops[pc + 1]] = ((str(RF[fp + ops[pc + 2]]).f[ops[pc + 3]] as number) << 16) >> 16; pc += 4; break;
      case 216: /* STRUCT_GET_L */ {
        el = str(RF[fp + ops[pc + 2]]).f, d = ops[pc + 1], n = ops[pc + 3];
        FI[d] = el[n] as number; FHI[d] = el[n + 1] as number;
        pc += 4;
        break;
      }
      case 217: /* STRUCT_GET_D */ FD[ops[pc + 1]] = str(RF[fp + ops[pc + 2]]).f[ops[pc + 3]] as number; pc += 4; break;
      case 218: /* STRUCT_GET_R */ RF[fp + ops[pc + 1]] = str(RF[fp + ops[pc + 2]]).f[ops[pc + 3]]; pc += 4; break;
      case 219: /* STRUCT_GET_V */ V8.set(str(RF[fp + ops[pc + 2]]).f[ops[pc + 3]] as Uint8Array, 16 * (fp + ops[pc + 1])); pc += 4; break;
      case 222: /* STRUCT_SET_I */ str(RF[fp + ops[pc + 1]]).f[ops[pc + 3]] = FI[ops[pc + 2]] & ops[pc + 4]; pc += 5; break;
      case 223: /* STRUCT_SET_L */ { el = str(RF[fp + ops[pc + 1]]).f, v = ops[pc + 2], n = ops[pc + 3]; el[n] = FI[v]; el[n + 1] = FHI[v]; pc += 5; break; }
      case 224: /* STRUCT_SET_D */ str(RF[fp + ops[pc + 1]]).f[ops[pc + 3]] = FD[ops[pc + 2]]; pc += 5; break;
      case 225: /* STRUCT_SET_R */ str(RF[fp + ops[pc + 1]]).f[ops[pc + 3]] = RF[fp + ops[pc + 2]]; pc += 5; break;
      case 226: /* STRUCT_SET_V */ str(RF[fp + ops[pc + 1]]).f[ops[pc + 3]] = boxV(files, fp + ops[pc + 2]); pc += 5; break;
      case 227: /* ARRAY_NEW */ RF[fp + ops[pc + 1]] = arrayNew(files, fp, ops, pc); pc += 7; break;
      case 228: /* ARRAY_NEW_DEFAULT */ RF[fp + ops[pc + 1]] = newArrayDefault(ops[pc + 3], FI[ops[pc + 2]] >>> 0); pc += 4; break;
      case 229: /* ARRAY_NEW_FIXED */ RF[fp + ops[pc + 1]] = arrayNewFixed(files, fp, ops, pc); pc += 7; break;
      // Element i of an array starts at a[1 + i] (a[1 + 2i] for i64).
      case 230: /* ARRAY_GET_I */ { i = FI[ops[pc + 3]] >>> 0; FI[ops[pc + 1]] = elems(RF[fp + ops[pc + 2]], i)[1 + i] as number; pc += 4; break; }
      case 235: /* ARRAY_GET_S8 */ { i = FI[ops[pc + 3]] >>> 0; FI[ops[pc + 1]] = ((elems(RF[fp + ops[pc + 2]], i)[1 + i] as number) << 24) >> 24; pc += 4; break; }
      case 236: /* ARRAY_GET_S16 */ { i = FI[ops[pc + 3]] >>> 0; FI[ops[pc + 1]] = ((elems(RF[fp + ops[pc + 2]], i)[1 + i] as number) << 16) >> 16; pc += 4; break; }
      case 231: /* ARRAY_GET_L */ {
        i = FI[ops[pc + 3]] >>> 0, el = elems(RF[fp + ops[pc + 2]], i), d = ops[pc + 1];
        FI[d] = el[1 + 2 * i] as number; FHI[d] = el[2 + 2 * i] as number;
        pc += 4;
        break;
      }
      case 232: /* ARRAY_GET_D */ { i = FI[ops[pc + 3]] >>> 0; FD[ops[pc + 1]] = elems(RF[fp + ops[pc + 2]], i)[1 + i] as number; pc += 4; break; }
      case 233: /* ARRAY_GET_R */ { i = FI[ops[pc + 3]] >>> 0; RF[fp + ops[pc + 1]] = elems(RF[fp + ops[pc + 2]], i)[1 + i]; pc += 4; break; }
      case 234: /* ARRAY_GET_V */ { i = FI[ops[pc + 3]] >>> 0; V8.set(elems(RF[fp + ops[pc + 2]], i)[1 + i] as Uint8Array, 16 * (fp + ops[pc + 1])); pc += 4; break; }
      case 237: /* ARRAY_SET_I */ { i = FI[ops[pc + 2]] >>> 0; elems(RF[fp + ops[pc + 1]], i)[1 + i] = FI[ops[pc + 3]] & ops[pc + 4]; pc += 5; break; }
      case 238: /* ARRAY_SET_L */ {
        i = FI[ops[pc + 2]] >>> 0, el = elems(RF[fp + ops[pc + 1]], i), v = ops[pc + 3];
        el[1 + 2 * i] = FI[v]; el[2 + 2 * i] = FHI[v];
        pc += 5;
        break;
      }
      case 239: /* ARRAY_SET_D */ { i = FI[ops[pc + 2]] >>> 0; elems(RF[fp + ops[pc + 1]], i)[1 + i] = FD[ops[pc + 3]]; pc += 5; break; }
      case 240: /* ARRAY_SET_R */ { i = FI[ops[pc + 2]] >>> 0; elems(RF[fp + ops[pc + 1]], i)[1 + i] = RF[fp + ops[pc + 3]]; pc += 5; break; }
      case 241: /* ARRAY_SET_V */ { i = FI[ops[pc + 2]] >>> 0; elems(RF[fp + ops[pc + 1]], i)[1 + i] = boxV(files, fp + ops[pc + 3]); pc += 5; break; }
      case 242: /* ARRAY_LEN */ FI[ops[pc + 1]] = arr(RF[fp + ops[pc + 2]]).n; pc += 3; break;
      case 243: /* GC_MISC */ execGcMisc(ie, files, fp, ops, pc); pc += 10; break;
      case 244: /* REF_I31 */ RF[fp + ops[pc + 1]] = new I31Ref(FI[ops[pc + 2]]); pc += 3; break;
      case 245: /* I31_GET_S */ FI[ops[pc + 1]] = (i31(RF[fp + ops[pc + 2]]) << 1) >> 1; pc += 3; break;
      case 246: /* I31_GET_U */ FI[ops[pc + 1]] = i31(RF[fp + ops[pc + 2]]); pc += 3; break;
      case 247: /* REF_TEST */ FI[ops[pc + 1]] = refTest(RF[fp + ops[pc + 2]], ops[pc + 3], ops[pc + 4] === 1) ? 1 : 0; pc += 5; break;
      case 248: /* REF_CAST */ if (!refTest(RF[fp + ops[pc + 1]], ops[pc + 2], ops[pc + 3] === 1)) trap(CAST_FAILURE); pc += 4; break;
      case 249: /* BR_ON_CAST */ pc = refTest(RF[fp + ops[pc + 1]], ops[pc + 2], ops[pc + 3] === 1) ? ops[pc + 4] : pc + 5; break;
      case 250: /* BR_ON_CAST_FAIL */ pc = refTest(RF[fp + ops[pc + 1]], ops[pc + 2], ops[pc + 3] === 1) ? pc + 5 : ops[pc + 4]; break;
      default:
        throw new Error(`interpreter: bad opcode ${ops[pc]} at ${pc}`);
    }
  }
  } catch (e) {
    // try_table: the innermost body containing pc (the throwing instruction) and a matching clause.
    pc = landing(code, env.TG, pc, e, fp, files);
    if (M0 !== null) { dv = M0.dv; ln = M0.len; u8 = M0.u8; }
  }
  }
}
