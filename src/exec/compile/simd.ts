// v128 in the compile tier's locals: one JS value, an immutable 16-byte Uint8Array (the form of
// runtime/abi.ts), so locals, slots, calls, globals and select carry it like any single value;
// except the function's own v128 locals, which are four int32 words (simd-words.ts).
// Instructions: simd-words.ts (unboxed integer/bitwise paths), else simdops.ts (numerics' helpers).
import { V128 } from '../../syntax/types.js';
import type { FuncCompiler } from './body.js';
import { isWordLocal } from './simd-words.js';

/** The initial value of (non-i64) local i of type t in generated code (words too for a word local). */
export function zeroValue(c: FuncCompiler, t: number, i = -1): string {
  if (t !== V128) return t >= 0x100 ? 'null' : '0';
  const z = c.use('V128_ZERO');
  return i >= 0 && isWordLocal(c, i) ? `${z}, l${i}$0 = 0, l${i}$1 = 0, l${i}$2 = 0, l${i}$3 = 0` : z;
}
