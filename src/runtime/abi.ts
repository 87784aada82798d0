// The compiled code's calling convention, shared by the tiers and the boxing at the JS boundary.
//
//   arguments: one JS argument per wasm value, except an i64 which is two (low, high int32);
//   results:   flattened the same way into "slots"; slot 0 is the return value. A single i64
//              result leaves its high word in numerics' H.hi (like the i64 helpers: a field, so
//              no allocation); otherwise slots 1.. are left in R[0], R[1], … Both are read
//              immediately after the call. No results → undefined.
//   values:    i32 a signed int32; f32/f64 a number (f32 NaN payloads per exec/numerics);
//              references boxed as in runtime/interface.ts (null, FuncInst, host value …).

import { I64, V128, type FuncType } from '../syntax/types.js';
import { compositeOf } from '../syntax/canon.js';
import type { Value } from './interface.js';
import { i64ToBigInt } from './global.js';
import { H } from '../exec/numerics.js';

// V8 quiets signalling NaNs stored into arrays of doubles (and canonicalises holey ones), so every
// array that may carry float values is created with generic elements first (see slotArray).

/** A generic (non-double) array for `n` slots: storing a NaN in it keeps the NaN's bits. */
export function slotArray(n: number): unknown[] {
  return new Array(n).fill(null);
}

/** Extra result slots of the last call (generic elements, see above). */
export const R: unknown[] = slotArray(8);

/** Number of JS slots of a list of value types. */
export function slotCount(types: readonly number[]): number {
  let n = 0;
  for (const t of types) n += t === I64 ? 2 : 1;
  return n;
}

export function funcTypeOf(canonId: number): FuncType {
  return compositeOf(canonId) as FuncType;
}

/** Boxes the values of `types` from the flattened `slots` starting at `at`. */
export function boxAll(types: readonly number[], slots: ArrayLike<unknown>, at = 0): Value[] {
  const out = slotArray(types.length) as Value[];
  let k = at;
  for (let i = 0; i < types.length; i++) {
    const t = types[i];
    if (t === I64) {
      out[i] = BigInt.asIntN(64, i64ToBigInt(slots[k] as number, slots[k + 1] as number));
      k += 2;
    } else if (t === V128) out[i] = (slots[k++] as Uint8Array).slice();
    else out[i] = slots[k++] as Value;
  }
  return out;
}

/** The flattened internal form of boxed `values` of `types`. */
export function unboxAll(types: readonly number[], values: ArrayLike<Value>): unknown[] {
  const out = slotArray(slotCount(types));
  let k = 0;
  for (let i = 0; i < types.length; i++) {
    const t = types[i];
    const v = values[i];
    if (t === I64) {
      const b = BigInt.asUintN(64, v as bigint);
      out[k++] = Number(b & 0xffffffffn) | 0;
      out[k++] = Number(b >> 32n) | 0;
    } else if (t === V128) out[k++] = (v as Uint8Array).slice();
    else out[k++] = v;
  }
  return out;
}

/** Whether results of these types return their second slot in H.hi rather than R. */
export function hiInH(results: readonly number[]): boolean {
  return results.length === 1 && results[0] === I64;
}

/** Puts flattened results of `types` into the convention: returns slot 0, the rest in H.hi or R. */
export function returnSlots(types: readonly number[], slots: unknown[]): unknown {
  if (hiInH(types)) H.hi = slots[1] as number;
  else for (let i = 1; i < slots.length; i++) R[i - 1] = slots[i];
  return slots[0];
}

/** Reads the flattened results of `types` of a call that returned `first`. */
export function collectSlots(types: readonly number[], first: unknown): unknown[] {
  const n = slotCount(types);
  const out = slotArray(n);
  if (n > 0) out[0] = first;
  if (hiInH(types)) out[1] = H.hi;
  else for (let i = 1; i < n; i++) out[i] = R[i - 1];
  return out;
}
