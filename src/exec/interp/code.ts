// What the translator produces for one function (shared by every instance of its module) and the
// kinds of values, which decide the register file a slot lives in (frame.ts).

import { I32, I64, F32, F64, V128 } from '../../syntax/types.js';

export const K_I = 0;
export const K_L = 1;
export const K_D = 2;
export const K_R = 3;
/** v128: four int32 words in the vector file (frame.ts); boxed as the runtime's immutable 16-byte
 *  Uint8Array (runtime/abi.ts) only where it leaves the interpreter (calls out, globals, GC fields). */
export const K_V = 4;

export function kindOf(t: number): number {
  switch (t) {
    case I32: return K_I;
    case I64: return K_L;
    case F32: case F64: return K_D;
    case V128: return K_V;
    default: return K_R;
  }
}

/** A call site: the callee's parameter and result kinds, and a buffer for its JS arguments. */
export interface CallSite {
  params: Uint8Array;
  results: Uint8Array;
  /** Canonical type id the callee must match (indirect calls), else -1. */
  type: number;
  /** JavaScript arguments (an i64 takes two), generic elements so that NaN bits survive. */
  args: unknown[];
}

export interface Code {
  readonly index: number;
  readonly ops: Int32Array;
  /** f64 constants and 64-bit memory offsets. */
  readonly consts: Float64Array;
  /** Other constants: v128 values, shuffle lanes, GC type descriptions. */
  readonly objs: unknown[];
  /** Slots of parameters (one per value, i64 included) and of all locals. */
  readonly nParams: number;
  readonly nLocals: number;
  /** The function's own locals by runs of one kind, [start, end, kind] each, v128 ones excepted
   *  (translate.ts writes those): run() zeroes these on entry. Inline, exception and constant
   *  slots need not be: each is written before it is read. */
  readonly clears: Int32Array;
  /** Slots the frame needs (locals, operand stack, results). */
  readonly frameSize: number;
  readonly params: Uint8Array;
  readonly results: Uint8Array;
  readonly sites: CallSite[];
  readonly reasons: string[];
  /** try_table bodies, inner ones first. */
  readonly handlers: Handler[];
}

/**
 * A try_table or a legacy try: its body's code range and its catch clauses in order. An exception
 * not caught here goes to `parent`, the innermost handler around it; a legacy `delegate` body has
 * no clauses and sends it to `outer` (the handler of its target label) instead.
 */
export interface Handler {
  start: number;
  end: number;
  parent: Handler | null;
  delegate: boolean;
  outer: Handler | null;
  clauses: {
    /** Tag index, or -1 for catch_all(_ref). */
    tag: number;
    /** Where the clause continues (its landing pad). */
    pad: number;
    /** First slot of the values the clause pushes, and their kinds (the exnref last with _ref). */
    at: number;
    kinds: Uint8Array;
    ref: boolean;
    /** Legacy catch: the slot that keeps the exception for rethrow, else -1. */
    exn: number;
  }[];
}
