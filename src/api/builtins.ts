// JS API "Builtins": the `js-string` builtin set (`wasm:js-string`), its import type checks and its
// instantiation. Each builtin is a host function whose entry point is already in the compiled
// calling convention (runtime/abi.ts): no i64 and at most one result, so its JS arguments are the
// wasm values themselves (externref the JS value, i32 a signed int32, an i16 array an ArrayRef).
//
// i32 operands are compared as the core spec's unsigned integers (`>>> 0`); where the spec passes
// one to a String method it goes through ToJSValue, i.e. as a signed Number.

import { registerRecGroup, isSubId } from '../syntax/canon.js';
import {
  EXTERNAL_FUNC, EXTERN, EXTERNREF, I16, I32, KIND_ARRAY, KIND_FUNC, refType, type ValType,
} from '../syntax/types.js';
import type { Module as SyntaxModule } from '../syntax/module.js';
import type { FuncInst, Value } from '../runtime/interface.js';
import { hostFunc } from '../runtime/index.js';
import type { ArrayRef } from '../runtime/gc.js';
import { trap } from '../exec/trap.js';
import type { AnyFn } from '../runtime/func.js';
import { exportedFunction } from './func.js';

const fromCharCode = String.fromCharCode;
const fromCodePointFn = String.fromCodePoint;
const { charCodeAt, codePointAt, concat, substring } = String.prototype;
const call = Function.prototype.call.bind(Function.prototype.call) as (f: Function, thisArg: unknown, ...a: unknown[]) => unknown;

const NOT_A_STRING = 'not a string';

/** UnwrapString: the string itself, else a trap. */
function unwrap(v: unknown): string {
  if (typeof v !== 'string') trap(NOT_A_STRING);
  return v;
}

let arrayType = -1;
/** `(rec (type (array (mut i16)))).0`, canonical. */
function i16Array(): number {
  if (arrayType < 0) {
    [arrayType] = registerRecGroup([{ final: true, supers: [], comp: { kind: KIND_ARRAY, field: { type: I16, mutable: true } } }], 0, []);
  }
  return arrayType;
}

/** A final function type; a concrete heap type 0 in it means the i16 array (registerRecGroup's
 * concrete references are module-local indices, mapped through its last argument). */
function funcType(params: ValType[], results: ValType[]): number {
  return registerRecGroup([{ final: true, supers: [], comp: { kind: KIND_FUNC, params, results } }], 1, [i16Array()])[0];
}

interface Builtin {
  /** The builtin's canonical function type (computed on first use). */
  type: () => number;
  steps: AnyFn;
}

const REF_EXTERN = refType(EXTERN, false);
const lazy = (params: () => ValType[], results: ValType[]): (() => number) => {
  let id = -1;
  return () => (id >= 0 ? id : (id = funcType(params(), results)));
};
const arrayParam = (): ValType => refType(0, true);

/** The js-string set, in the spec's order. */
const JS_STRING: Record<string, Builtin> = {
  cast: { type: lazy(() => [EXTERNREF], [REF_EXTERN]), steps: (v: unknown) => unwrap(v) },
  test: { type: lazy(() => [EXTERNREF], [I32]), steps: (v: unknown) => (typeof v === 'string' ? 1 : 0) },
  fromCharCodeArray: {
    type: lazy(() => [arrayParam(), I32, I32], [REF_EXTERN]),
    steps: (array: ArrayRef | null, start: number, end: number) => {
      if (array === null) trap('null array reference');
      const s = start >>> 0;
      const e = end >>> 0;
      if (s > e || e > array.n) trap('out of bounds array access');
      // Element i is slot a[1 + i], an i16 kept as its unsigned value.
      let out = '';
      for (let i = s; i < e; i++) out += fromCharCode(array.a[1 + i] as number);
      return out;
    },
  },
  intoCharCodeArray: {
    type: lazy(() => [EXTERNREF, arrayParam(), I32], [I32]),
    steps: (string: unknown, array: ArrayRef | null, start: number) => {
      if (array === null) trap('null array reference');
      const str = unwrap(string);
      const s = start >>> 0;
      const n = str.length;
      if (s + n > array.n) trap('out of bounds array access');
      for (let i = 0; i < n; i++) array.a[1 + s + i] = call(charCodeAt, str, i);
      return n;
    },
  },
  fromCharCode: { type: lazy(() => [I32], [REF_EXTERN]), steps: (v: number) => fromCharCode(v) },
  fromCodePoint: {
    type: lazy(() => [I32], [EXTERNREF]),
    steps: (v: number) => {
      if (v >>> 0 > 0x10ffff) trap('invalid code point');
      return fromCodePointFn(v);
    },
  },
  charCodeAt: {
    type: lazy(() => [EXTERNREF, I32], [I32]),
    steps: (string: unknown, index: number) => {
      const str = unwrap(string);
      if (index >>> 0 >= str.length) trap('string offset out of bounds');
      return call(charCodeAt, str, index);
    },
  },
  codePointAt: {
    type: lazy(() => [EXTERNREF, I32], [I32]),
    steps: (string: unknown, index: number) => {
      const str = unwrap(string);
      if (index >>> 0 >= str.length) trap('string offset out of bounds');
      return call(codePointAt, str, index);
    },
  },
  length: { type: lazy(() => [EXTERNREF], [I32]), steps: (v: unknown) => unwrap(v).length },
  concat: {
    type: lazy(() => [EXTERNREF, EXTERNREF], [REF_EXTERN]),
    steps: (a: unknown, b: unknown) => call(concat, unwrap(a), unwrap(b)),
  },
  substring: {
    type: lazy(() => [EXTERNREF, I32, I32], [REF_EXTERN]),
    steps: (string: unknown, start: number, end: number) => {
      const str = unwrap(string);
      if (start >>> 0 > end >>> 0 || start >>> 0 > str.length) return '';
      return call(substring, str, start, end);
    },
  },
  equals: {
    type: lazy(() => [EXTERNREF, EXTERNREF], [I32]),
    steps: (a: unknown, b: unknown) => {
      if (a !== null && typeof a !== 'string') trap(NOT_A_STRING);
      if (b !== null && typeof b !== 'string') trap(NOT_A_STRING);
      return a === b ? 1 : 0;
    },
  },
  compare: {
    type: lazy(() => [EXTERNREF, EXTERNREF], [I32]),
    steps: (a: unknown, b: unknown) => {
      const x = unwrap(a);
      const y = unwrap(b);
      return x === y ? 0 : x < y ? -1 : 1;
    },
  },
};

const SETS: Record<string, Record<string, Builtin>> = { 'js-string': JS_STRING };

/** Whether a builtin set name refers to a set this engine has. */
export function isBuiltinSet(name: string): boolean {
  return Object.hasOwn(SETS, name);
}

/** "Find a builtin": the builtin an import (module, name) names under the enabled sets, or null. */
export function findBuiltin(moduleName: string, name: string, sets: readonly string[]): Builtin | null {
  for (const s of sets) {
    if (!isBuiltinSet(s) || moduleName !== `wasm:${s}`) continue;
    const set = SETS[s];
    if (Object.hasOwn(set, name)) return set[name];
  }
  return null;
}

/** "Validate an import for builtins": a builtin import must be a function the builtin's type matches. */
export function builtinImportsValid(m: SyntaxModule, sets: readonly string[], skipModule: string | null): boolean {
  for (const imp of m.imports) {
    if (imp.module === skipModule) continue;
    const b = findBuiltin(imp.module, imp.name, sets);
    if (b === null) continue;
    if (imp.kind !== EXTERNAL_FUNC || !isSubId(b.type(), m.types[m.funcs[imp.index]])) return false;
  }
  return true;
}

/** "Instantiate a builtin set": a null-prototype object of new Exported Functions. */
export function instantiateBuiltinSet(name: string): object {
  const o = Object.create(null) as Record<string, unknown>;
  for (const [fname, b] of Object.entries(SETS[name])) {
    const steps = b.steps;
    // Boxed values equal slot values here (no i64, no v128), so `call` is the steps on the array.
    const f: FuncInst = hostFunc(b.type(), (args: Value[]) => {
      const r = steps(...args) as Value;
      return r === undefined ? [] : [r];
    });
    (f as unknown as { fn: AnyFn }).fn = steps;
    o[fname] = exportedFunction(f);
  }
  return o;
}
