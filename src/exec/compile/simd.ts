// v128 in the compile tier's locals: one JS value, an immutable 16-byte Uint8Array (the form of
// runtime/abi.ts), so locals, slots, calls, globals and select carry it like any single value.
// Instructions: simd-words.ts (unboxed integer/bitwise paths), else simdops.ts (numerics' helpers).
import { V128 } from '../../syntax/types.js';
import type { FuncCompiler } from './body.js';

/** The initial value of a local of (non-i64) type t in generated code. */
export function zeroValue(c: FuncCompiler, t: number): string {
  return t === V128 ? c.use('V128_ZERO') : t >= 0x100 ? 'null' : '0';
}
