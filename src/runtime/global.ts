// Global instances (spec 4.2.10). The value is held in the compiled code's representation — an
// i64 as two int32 halves `v` (low) and `h` (high), everything else as-is in `v` — so that
// global.get/set in compiled code are plain field accesses; `value` boxes and unboxes.

import type { GlobalInst, Value } from './interface.js';
import { I64, type GlobalType } from '../syntax/types.js';

export function i64ToBigInt(lo: number, hi: number): bigint {
  return (BigInt(hi | 0) << 32n) | BigInt(lo >>> 0);
}

export class Global implements GlobalInst {
  readonly type: GlobalType;
  /** The value, or the low half of an i64. */
  v: unknown;
  /** The high half of an i64 (0 otherwise). */
  h = 0;

  constructor(type: GlobalType, value: Value) {
    this.type = type;
    this.v = 0;
    this.value = value;
  }

  get value(): Value {
    if (this.type.type === I64) return i64ToBigInt(this.v as number, this.h);
    if (this.v instanceof Uint8Array) return this.v.slice(); // v128: a copy for the embedder
    return this.v as Value;
  }

  set value(x: Value) {
    if (this.type.type === I64) {
      const b = BigInt.asUintN(64, x as bigint);
      this.v = Number(b & 0xffffffffn) | 0;
      this.h = Number(b >> 32n) | 0;
    } else if (x instanceof Uint8Array) {
      this.v = x.slice(); // v128: own copy
    } else this.v = x;
  }
}

export function createGlobal(type: GlobalType, value: Value): Global {
  return new Global(type, value);
}
