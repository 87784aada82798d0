// The compiled code's calling convention, shared by the tiers and the boxing at the JS boundary.
//
//   arguments: one JS argument per wasm value, except an i64 which is two (low, high int32);
//   results:   flattened the same way into "slots"; slot 0 is the return value, slots 1.. are
//              left in R[0], R[1], … (read immediately after the call); no results → undefined.
//   values:    i32 a signed int32; f32/f64 a number (f32 NaN payloads per exec/numerics);
//              references boxed as in runtime/interface.ts (null, FuncInst, host value …).

import { I64, V128, type FuncType } from '../syntax/types.js';
import { compositeOf } from '../syntax/canon.js';
import type { Value } from './interface.js';
import { i64ToBigInt } from './global.js';

/** Extra result slots of the last call. */
export const R: unknown[] = [];

/** Number of JS slots of a list of value types. */
export function slotCount(types: readonly number[]): number {
  let n = 0;
  for (const t of types) n += t === I64 ? 2 : 1;
  return n;
}

export function funcTypeOf(canonId: number): FuncType {
  return compositeOf(canonId) as FuncType;
}

/** Appends the internal form of boxed `v` of type `t` to `out`. */
export function unboxInto(t: number, v: Value, out: unknown[]): void {
  if (t === I64) {
    const b = BigInt.asUintN(64, v as bigint);
    out.push(Number(b & 0xffffffffn) | 0, Number(b >> 32n) | 0);
  } else if (t === V128) out.push((v as Uint8Array).slice());
  else out.push(v);
}

/** Boxes the values of `types` from the flattened `slots` starting at `at`. */
export function boxAll(types: readonly number[], slots: ArrayLike<unknown>, at = 0): Value[] {
  const out: Value[] = [];
  let k = at;
  for (const t of types) {
    if (t === I64) {
      out.push(BigInt.asIntN(64, i64ToBigInt(slots[k] as number, slots[k + 1] as number)));
      k += 2;
    } else if (t === V128) out.push((slots[k++] as Uint8Array).slice());
    else out.push(slots[k++] as Value);
  }
  return out;
}

/** Puts flattened results into the convention: returns slot 0, stores the rest in R. */
export function returnSlots(slots: unknown[]): unknown {
  for (let i = 1; i < slots.length; i++) R[i - 1] = slots[i];
  return slots[0];
}

/** Reads the flattened results of a call that returned `first` (convention above). */
export function collectSlots(first: unknown, n: number): unknown[] {
  const out: unknown[] = new Array(n);
  if (n > 0) out[0] = first;
  for (let i = 1; i < n; i++) out[i] = R[i - 1];
  return out;
}
