// Decoding of value types, heap types and block types (spec 5.3 "Types").

import type { Reader } from './reader.js';
import { type ValType, type HeapType, type SubType, type FuncType, I32, I64, F32, F64, V128, refType, NOEXN, EXN } from '../syntax/types.js';

/**
 * How concrete type indices are turned into heap types: `map[i]` (canonical ids), valid for
 * i < `count`. While the type section itself is decoded, `map` is null and indices are kept as
 * module-local indices (canonicalised afterwards), checked against `count` all the same.
 */
export interface TypeSpace {
  map: ArrayLike<number> | null;
  count: number;
}

export function readHeapType(r: Reader, space: TypeSpace): HeapType {
  const at = r.pos;
  const h = r.s33();
  if (h < 0) {
    if (h < EXN || h > NOEXN) r.fail('malformed heap type', at);
    return h;
  }
  if (h >= space.count) r.fail(`unknown type ${h}`, at);
  return space.map ? space.map[h] : h;
}

export function readValType(r: Reader, space: TypeSpace): ValType {
  const at = r.pos;
  const b = r.u8();
  switch (b) {
    case I32: case I64: case F32: case F64: case V128:
      return b;
    case 0x63: return refType(readHeapType(r, space), true);
    case 0x64: return refType(readHeapType(r, space), false);
    default:
      if (b >= 0x69 && b <= 0x74) return refType(b - 0x80, true); // shorthand: (ref null <abstract>)
      return r.fail(`malformed value type 0x${b.toString(16)}`, at);
  }
}

/** Storage type of a struct/array field: a value type or a packed i8/i16. */
export function readStorageType(r: Reader, space: TypeSpace): ValType {
  const b = r.bytes[r.pos];
  if (b === 0x78 || b === 0x77) {
    r.pos++;
    return b;
  }
  return readValType(r, space);
}

/** Block type encodings: empty, a single result value type, or a type index. */
export const BLOCK_EMPTY = -1;

/**
 * Returns BLOCK_EMPTY, a value type (for `[] -> [t]`), or -(2 + typeIndex) for a type index
 * (module-local: see blockTypeIndex). Value types are always >= 0x7b.
 */
export function readBlockType(r: Reader, space: TypeSpace): number {
  const b = r.bytes[r.pos];
  if (r.pos >= r.end) r.fail('unexpected end of section or function');
  if (b === 0x40) {
    r.pos++;
    return BLOCK_EMPTY;
  }
  if ((b >= 0x7b && b <= 0x7f) || b === 0x63 || b === 0x64 || (b >= 0x69 && b <= 0x74)) return readValType(r, space);
  const at = r.pos;
  const x = r.s33();
  if (x < 0) r.fail('malformed block type', at);
  if (x >= space.count) r.fail(`unknown type ${x}`, at);
  return -(2 + x);
}

/** The module-local type index of a block type made by readBlockType, or -1. */
export function blockTypeIndex(bt: number): number {
  return bt <= -2 ? -2 - bt : -1;
}

/** Parameter and result types of a block type made by readBlockType (shared by both tiers). */
export function blockSignature(typeDefs: readonly SubType[], bt: number): [ValType[], ValType[]] {
  if (bt === BLOCK_EMPTY) return [[], []];
  if (bt >= 0) return [[], [bt]];
  const ft = typeDefs[-2 - bt].comp as FuncType;
  return [ft.params, ft.results];
}
