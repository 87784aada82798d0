// Types in the text format (spec text/types.rst): value, heap and reference types, parameters and
// results, struct and array fields, sub and recursive types, limits, table, memory and global types,
// and type uses (with their implicit-type abbreviation).

import { Cursor, errorAt, headKeyword } from './cursor.js';
import type { ModuleContext } from './context.js';
import { isIndexToken, sameTypes } from './context.js';
import { parseU64 } from './numbers.js';
import type { SExpr, SList } from './sexpr.js';
import type { TSubType, TTableType, TLimits } from './ast.js';
import {
  type ValType, type HeapType, type FieldType, type CompositeType, type GlobalType,
  I32, I64, F32, F64, V128, I8, I16, refType, KIND_FUNC, KIND_STRUCT, KIND_ARRAY,
  FUNC, EXTERN, ANY, EQ, I31, STRUCT, ARRAY, EXN, NONE, NOFUNC, NOEXTERN, NOEXN,
} from '../syntax/types.js';

const NUM_TYPES: Record<string, ValType> = { i32: I32, i64: I64, f32: F32, f64: F64, v128: V128 };

export const ABSTRACT_HEAP: Record<string, HeapType> = {
  func: FUNC, extern: EXTERN, any: ANY, eq: EQ, i31: I31, struct: STRUCT, array: ARRAY, exn: EXN,
  none: NONE, nofunc: NOFUNC, noextern: NOEXTERN, noexn: NOEXN,
};

/** Shorthands `funcref` … `nullexnref` for (ref null <abstract>). */
const REF_SHORTHANDS: Record<string, ValType> = {};
for (const [name, h] of Object.entries(ABSTRACT_HEAP)) {
  const short = name === 'none' ? 'nullref' : name.startsWith('no') ? `null${name.slice(2)}ref` : `${name}ref`;
  REF_SHORTHANDS[short] = refType(h, true);
}

export function parseHeapType(cur: Cursor, mc: ModuleContext): HeapType {
  const e = cur.peek();
  if (e !== undefined && e.kind === 'keyword' && e.text in ABSTRACT_HEAP) {
    cur.next();
    return ABSTRACT_HEAP[e.text];
  }
  if (isIndexToken(e)) return mc.types.resolve(cur.next()!);
  throw cur.error('expected a heap type');
}

/** A reference type if the next item is one (consumed), else null. */
export function tryRefType(cur: Cursor, mc: ModuleContext): ValType | null {
  const e = cur.peek();
  if (e === undefined) return null;
  if (e.kind === 'keyword') {
    const t = REF_SHORTHANDS[e.text];
    if (t === undefined) return null;
    cur.next();
    return t;
  }
  if (cur.peekHead() !== 'ref') return null;
  const inner = Cursor.of(cur.next() as SList);
  const nullable = inner.keyword('null') !== null;
  const h = parseHeapType(inner, mc);
  inner.end();
  return refType(h, nullable);
}

export function parseRefType(cur: Cursor, mc: ModuleContext): ValType {
  const t = tryRefType(cur, mc);
  if (t === null) throw cur.error('expected a reference type');
  return t;
}

export function tryValType(cur: Cursor, mc: ModuleContext): ValType | null {
  const e = cur.peek();
  if (e !== undefined && e.kind === 'keyword') {
    const t = NUM_TYPES[e.text];
    if (t !== undefined) {
      cur.next();
      return t;
    }
  }
  return tryRefType(cur, mc);
}

export function parseValType(cur: Cursor, mc: ModuleContext): ValType {
  const t = tryValType(cur, mc);
  if (t === null) throw cur.error('expected a value type');
  return t;
}

/** The value types of `(param …)`, `(result …)` or `(local …)` lists, with the id of each (or null). */
export function parseDecls(cur: Cursor, mc: ModuleContext, head: string, types: ValType[], ids: (string | null)[] | null): void {
  for (let l = cur.list(head); l; l = cur.list(head)) {
    const inner = Cursor.of(l);
    const id = inner.id();
    if (id !== null) {
      if (ids === null) throw errorAt(l, `unexpected identifier in ${head} (unexpected token)`);
      types.push(parseValType(inner, mc));
      ids.push(id);
    } else {
      while (!inner.done()) {
        types.push(parseValType(inner, mc));
        if (ids) ids.push(null);
      }
    }
    inner.end();
  }
}

function parseStorageType(cur: Cursor, mc: ModuleContext): ValType {
  if (cur.keyword('i8')) return I8;
  if (cur.keyword('i16')) return I16;
  return parseValType(cur, mc);
}

function parseFieldType(cur: Cursor, mc: ModuleContext): FieldType {
  const mut = cur.list('mut');
  if (mut) {
    const inner = Cursor.of(mut);
    const type = parseStorageType(inner, mc);
    inner.end();
    return { type, mutable: true };
  }
  return { type: parseStorageType(cur, mc), mutable: false };
}

function parseComposite(list: SList, mc: ModuleContext, fieldIds: Map<string, number>): CompositeType {
  const cur = Cursor.of(list);
  const kind = headKeyword(list) ?? '';
  let comp: CompositeType;
  if (kind === 'func') {
    const params: ValType[] = [];
    const results: ValType[] = [];
    parseDecls(cur, mc, 'param', params, []);
    parseDecls(cur, mc, 'result', results, null);
    comp = { kind: KIND_FUNC, params, results };
  } else if (kind === 'struct') {
    const fields: FieldType[] = [];
    for (let l = cur.list('field'); l; l = cur.list('field')) {
      const inner = Cursor.of(l);
      const id = inner.id();
      if (id !== null) {
        if (fieldIds.has(id)) throw errorAt(l, `duplicate field $${id}`);
        fieldIds.set(id, fields.length);
        fields.push(parseFieldType(inner, mc));
      } else while (!inner.done()) fields.push(parseFieldType(inner, mc));
      inner.end();
    }
    comp = { kind: KIND_STRUCT, fields };
  } else if (kind === 'array') {
    comp = { kind: KIND_ARRAY, field: parseFieldType(cur, mc) };
  } else throw errorAt(list, 'expected func, struct or array (unexpected token)');
  cur.end();
  return comp;
}

/** `(sub final? x* comptype)` or a bare composite type. */
export function parseSubType(e: SExpr | undefined, mc: ModuleContext, fieldIds: Map<string, number>, at: SList): TSubType {
  if (e === undefined || e.kind !== 'list') throw errorAt(e ?? at, 'expected a type definition (unexpected token)');
  if (headKeyword(e) === 'sub') {
    const cur = Cursor.of(e);
    const final = cur.keyword('final') !== null;
    const supers: number[] = [];
    while (isIndexToken(cur.peek())) supers.push(mc.types.resolve(cur.next()!));
    const comp = cur.next();
    if (comp === undefined || comp.kind !== 'list') throw cur.error('expected a composite type');
    const sub = { final, supers, comp: parseComposite(comp, mc, fieldIds) };
    cur.end();
    return sub;
  }
  return { final: true, supers: [], comp: parseComposite(e, mc, fieldIds) };
}

export interface TypeUse {
  type: number;
  /** Parameter ids (null for unnamed ones); empty when only `(type x)` was written. */
  paramIds: (string | null)[];
  /** Number of parameters of the used type (for local indices). */
  paramCount: number;
  /** Whether `(type x)` was written. */
  explicit: boolean;
  params: ValType[];
  results: ValType[];
}

/**
 * `(type x)? (param …)* (result …)*`. With inline declarations and `(type x)`, they must equal x's
 * function type; without `(type x)` the type index is found or appended by the abbreviation.
 * `implicit: false` leaves the type index at -1 where none was written (block types decide later).
 */
export function parseTypeUse(cur: Cursor, mc: ModuleContext, bindIds: boolean, implicit = true): TypeUse {
  const typeList = cur.list('type');
  let type = -1;
  if (typeList) {
    const inner = Cursor.of(typeList);
    const x = inner.next();
    if (x === undefined) throw inner.error('expected a type index');
    type = mc.types.resolve(x);
    inner.end();
  }
  const params: ValType[] = [];
  const results: ValType[] = [];
  const paramIds: (string | null)[] = [];
  parseDecls(cur, mc, 'param', params, bindIds ? paramIds : null);
  parseDecls(cur, mc, 'result', results, null);
  const inline = params.length > 0 || results.length > 0;
  let paramCount = params.length;
  if (typeList) {
    const def = mc.typeDefs[type];
    if (def && def.comp.kind === KIND_FUNC) {
      paramCount = def.comp.params.length;
      if (inline && (!sameTypes(def.comp.params, params) || !sameTypes(def.comp.results, results))) {
        throw errorAt(typeList, 'inline function type does not match the type definition (inline function type)');
      }
    } else if (inline) {
      // Inline declarations are checked against the definition, so it must exist by now.
      throw errorAt(typeList, def ? 'inline function type with a non-function type (inline function type)' : `unknown type ${type}`);
    }
  } else if (implicit) type = mc.implicitType(params, results);
  return { type, paramIds, paramCount, explicit: typeList !== null, params, results };
}

// ---- limits and the types of tables, memories, globals ----

/** `i32`/`i64` address type, if written. */
export function parseAddrType(cur: Cursor): boolean {
  if (cur.keyword('i64')) return true;
  cur.keyword('i32');
  return false;
}

function limitValue(cur: Cursor, what: string): bigint {
  const e = cur.peek();
  if (e === undefined || e.kind !== 'number') throw cur.error(`expected the ${what}`);
  const v = parseU64(e.text);
  if (v === null) throw errorAt(e, `${what} out of range (constant out of range)`);
  cur.next();
  return v;
}

/** Limits; bounds are u64 literals whatever the address type (validation checks the range). */
export function parseLimits(cur: Cursor, addr64: boolean): TLimits {
  const min = limitValue(cur, 'minimum');
  const max = cur.peek()?.kind === 'number' ? limitValue(cur, 'maximum') : null;
  const shared = cur.keyword('shared') !== null;
  return { min, max, addr64, shared, pageSizeLog2: 16 };
}

/** `(pagesize n)` of the custom-page-sizes proposal, as log2, or 16. */
export function parsePageSize(cur: Cursor): number {
  const l = cur.list('pagesize');
  if (!l) return 16;
  const inner = Cursor.of(l);
  const n = inner.u32('page size');
  inner.end();
  if (n === 0 || (n & (n - 1)) !== 0) throw errorAt(l, 'invalid custom page size');
  return 31 - Math.clz32(n);
}

export function parseTableType(cur: Cursor, mc: ModuleContext): TTableType {
  const addr64 = parseAddrType(cur);
  const limits = parseLimits(cur, addr64);
  return { limits, elem: parseRefType(cur, mc) };
}

export function parseMemoryType(cur: Cursor): TLimits {
  const addr64 = parseAddrType(cur);
  const limits = parseLimits(cur, addr64);
  limits.pageSizeLog2 = parsePageSize(cur);
  return limits;
}

export function parseGlobalType(cur: Cursor, mc: ModuleContext): GlobalType {
  const mut = cur.list('mut');
  if (mut) {
    const inner = Cursor.of(mut);
    const type = parseValType(inner, mc);
    inner.end();
    return { type, mutable: true };
  }
  return { type: parseValType(cur, mc), mutable: false };
}
