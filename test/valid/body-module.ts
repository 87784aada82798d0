// A tiny module assembler for the body/const validation tests: sections from byte lists, so each
// test spells out exactly the instruction bytes it is about.

export const I32 = 0x7f, I64 = 0x7e, F32 = 0x7d, F64 = 0x7c, V128 = 0x7b;
export const FUNCREF = 0x70, EXTERNREF = 0x6f, ANYREF = 0x6e, EQREF = 0x6d, EXNREF = 0x69;
export const STRUCTREF = 0x6b, ARRAYREF = 0x6a, I31REF = 0x6c, NULLREF = 0x71;

export { u32 as leb, s32 as sleb } from '../binary/bytes.js';
import { u32 as leb, s32 as sleb } from '../binary/bytes.js';
import assert from 'node:assert/strict';
import { compileModule } from '../../src/valid/index.js';
import { CompileError } from '../../src/api/errors.js';

export function vec(items: number[][]): number[] {
  return [...leb(items.length), ...items.flat()];
}

/** (ref null? x) for a type index or abstract heap byte. */
export function ref(heap: number, nullable: boolean): number[] {
  return [nullable ? 0x63 : 0x64, ...sleb(heap)];
}

export const functype = (params: number[][], results: number[][]): number[] => [0x60, ...vec(params), ...vec(results)];
export const fn = (params: number[], results: number[]): number[] => functype(params.map((t) => [t]), results.map((t) => [t]));

export interface Func {
  type: number;
  /** Local declarations as [count, ...valtype bytes]. */
  locals?: number[][];
  body: number[]; // without the final `end`
}

export interface Spec {
  types?: number[][]; // each a complete type-section entry (functype, struct, rec …)
  imports?: number[][];
  funcs?: Func[];
  tables?: number[][];
  memories?: number[][];
  tags?: number[][];
  globals?: number[][];
  exports?: number[][];
  elems?: number[][];
  dataCount?: number;
  datas?: number[][];
}

function section(id: number, content: number[]): number[] {
  return [id, ...leb(content.length), ...content];
}

export function assemble(s: Spec): Uint8Array {
  const out = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0];
  const add = (id: number, items: number[][] | undefined): void => {
    if (items && items.length) out.push(...section(id, vec(items)));
  };
  add(1, s.types);
  add(2, s.imports);
  add(3, s.funcs?.map((f) => leb(f.type)));
  add(4, s.tables);
  add(5, s.memories);
  add(13, s.tags);
  add(6, s.globals);
  add(7, s.exports);
  add(9, s.elems);
  if (s.dataCount !== undefined) out.push(...section(12, leb(s.dataCount)));
  add(10, s.funcs?.map((f) => {
    const body = [...vec(f.locals ?? []), ...f.body, 0x0b];
    return [...leb(body.length), ...body];
  }));
  add(11, s.datas);
  return Uint8Array.from(out);
}

/** One function of type [params] -> [results] with the given body (and locals). */
export function oneFunc(params: number[], results: number[], body: number[], extra: Spec = {}, locals?: number[][]): Uint8Array {
  const types = [fn(params, results), ...(extra.types ?? [])];
  return assemble({ ...extra, types, funcs: [{ type: 0, locals, body }, ...(extra.funcs ?? [])] });
}

/** The module validates. */
export function ok(bytes: Uint8Array): void {
  compileModule(bytes);
}

/** The module fails validation with a CompileError whose message matches. */
export function bad(bytes: Uint8Array, message: RegExp): void {
  assert.throws(() => compileModule(bytes), (e: unknown) => {
    assert.ok(e instanceof CompileError, `not a CompileError: ${e}`);
    assert.match((e as Error).message, message);
    return true;
  });
}

export const c32 = (n: number): number[] => [0x41, ...sleb(n)];
export const c64 = (n: number): number[] => [0x42, ...sleb(n)];
export const lget = (x: number): number[] => [0x20, ...leb(x)];
