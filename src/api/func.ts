// Exported Functions (JS API "Exported Functions") and host functions made from JS callables.
//
// Exported calls are hot in real programs, so the wrapper is specialised per signature and calls the
// function instance's compiled entry point (`fn`, runtime/abi.ts convention) directly, without the
// boxed arrays of the engine's `invoke`: small signatures without i64 get fixed-arity closures,
// the rest one generic closure over the flattened slots. Host functions with such signatures get
// an entry point in the same convention, so wasm calls into JS without boxing arrays either.

import { I32, I64, F32, F64, EXTERNREF, isRef, type FuncType, type ValType } from '../syntax/types.js';
import { compositeOf } from '../syntax/canon.js';
import type { FuncInst, Value } from '../runtime/interface.js';
import { hostFunc, WasmFunc } from '../runtime/index.js';
import { collectSlots, returnSlots, slotCount } from '../runtime/abi.js';
import type { AnyFn } from '../runtime/func.js';
import { anyToJS, funcOf, isOpaqueToJS, setExportedFunctionFactory, toExtern, toJS, toWasm } from './values.js';
import { isObject, toBigInt } from './webidl.js';
import { exnFromJS, exnToJS } from './exception.js';

type Conv = (v: unknown) => unknown;

/** Index of each host function made by "read the imports" (the name of its Exported Function). */
const hostIndex = new WeakMap<FuncInst, number>();

const toI32: Conv = (v) => (v as number) | 0;
const toF64: Conv = (v) => +(v as number);
const toF32: Conv = (v) => Math.fround(+(v as number));

const toExternref: Conv = (v) => (v === null ? null : toExtern(v));

function toWasmConv(t: ValType): Conv {
  switch (t) {
    case I32: return toI32;
    case F64: return toF64;
    case F32: return toF32;
    case EXTERNREF: return toExternref;
    default: return (v) => toWasm(v, t);
  }
}

function toJSConv(t: ValType): Conv | null {
  if (t === EXTERNREF) return anyToJS;
  return isRef(t) ? (w) => toJS(w as Value, t) : null;
}

function signatureOf(f: FuncInst): FuncType {
  return compositeOf(f.type) as FuncType;
}

/** True when calls can use the compiled convention without splitting i64s or collecting slots. */
function isDirect(ft: FuncType): boolean {
  return ft.results.length <= 1 && !ft.params.includes(I64) && !ft.results.includes(I64);
}

function opaqueSignature(ft: FuncType): boolean {
  return ft.params.some(isOpaqueToJS) || ft.results.some(isOpaqueToJS);
}

function define(fn: Function, name: string, length: number): void {
  Object.defineProperty(fn, 'length', { value: length, writable: false, enumerable: false, configurable: true });
  Object.defineProperty(fn, 'name', { value: name, writable: false, enumerable: false, configurable: true });
}

/** "A new Exported Function" from a function instance: one object per instance, cached in `f.api`. */
export function exportedFunction(f: FuncInst): Function {
  const cached = f.api as Function | undefined;
  if (cached !== undefined) return cached;
  const ft = signatureOf(f);
  const raw = f as unknown as { fn: AnyFn };
  const fn = opaqueSignature(ft) ? opaqueCall() : guardExported(isDirect(ft) ? directCall(raw, ft) : flatCall(raw, ft), ft.params.length);
  const index = f instanceof WasmFunc ? f.index : hostIndex.get(f) ?? 0;
  define(fn, String(index), ft.params.length);
  funcOf.set(fn, f);
  f.api = fn;
  return fn;
}
setExportedFunctionFactory(exportedFunction);

/**
 * Maps what wasm throws to what the caller sees (exception.ts exnToJS). A separate layer keeps the
 * specialised closures below as they are; fixed arities avoid a rest array on the hot path.
 */
function guardExported(g: Function, arity: number): Function {
  const h = g as AnyFn;
  switch (arity) {
    case 0: return () => { try { return h(); } catch (e) { throw exnToJS(e); } };
    case 1: return (a: unknown) => { try { return h(a); } catch (e) { throw exnToJS(e); } };
    case 2: return (a: unknown, b: unknown) => { try { return h(a, b); } catch (e) { throw exnToJS(e); } };
    case 3: return (a: unknown, b: unknown, c: unknown) => { try { return h(a, b, c); } catch (e) { throw exnToJS(e); } };
  }
  return (...args: unknown[]) => { try { return h(...args); } catch (e) { throw exnToJS(e); } };
}

/** Host-side counterpart: an Exception object thrown by JS becomes its exception instance. */
function guardHost(g: AnyFn, slots: number): AnyFn {
  switch (slots) {
    case 0: return () => { try { return g(); } catch (e) { throw exnFromJS(e); } };
    case 1: return (a: unknown) => { try { return g(a); } catch (e) { throw exnFromJS(e); } };
    case 2: return (a: unknown, b: unknown) => { try { return g(a, b); } catch (e) { throw exnFromJS(e); } };
  }
  return (...args: unknown[]) => { try { return g(...args); } catch (e) { throw exnFromJS(e); } };
}

function opaqueCall(): Function {
  // Checked on every call, as the spec says, not when the function is created.
  return () => {
    throw new TypeError('type incompatibility when transforming from/to JS: v128 or exnref in the signature');
  };
}

function directCall(f: { fn: AnyFn }, ft: FuncType): Function {
  const c = ft.params.map(toWasmConv);
  const out = ft.results.length === 1 ? toJSConv(ft.results[0]) : null;
  const none = ft.results.length === 0;
  // Arrow functions: not constructors, no `prototype`, like built-in functions.
  switch (c.length) {
    case 0:
      if (none) return () => void f.fn();
      return out ? () => out(f.fn()) : () => f.fn();
    case 1: {
      const [c0] = c;
      if (none) return (a: unknown) => void f.fn(c0(a));
      return out ? (a: unknown) => out(f.fn(c0(a))) : (a: unknown) => f.fn(c0(a));
    }
    case 2: {
      const [c0, c1] = c;
      if (none) return (a: unknown, b: unknown) => void f.fn(c0(a), c1(b));
      return out ? (a: unknown, b: unknown) => out(f.fn(c0(a), c1(b))) : (a: unknown, b: unknown) => f.fn(c0(a), c1(b));
    }
    case 3: {
      const [c0, c1, c2] = c;
      if (none) return (a: unknown, b: unknown, d: unknown) => void f.fn(c0(a), c1(b), c2(d));
      return out
        ? (a: unknown, b: unknown, d: unknown) => out(f.fn(c0(a), c1(b), c2(d)))
        : (a: unknown, b: unknown, d: unknown) => f.fn(c0(a), c1(b), c2(d));
    }
  }
  const n = c.length;
  return (...args: unknown[]) => {
    const a = new Array(n);
    for (let i = 0; i < n; i++) a[i] = c[i](args[i]);
    const r = f.fn(...a);
    return none ? undefined : out ? out(r) : r;
  };
}

// One 8-byte scratch viewed both ways: BigInt ⇄ (low, high) int32 without BigInt arithmetic.
const I64_PAIR = new BigInt64Array(1);
const I32_PAIR = new Int32Array(I64_PAIR.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = 1 - LO;

/** ToBigInt for a BigInt64Array store (which then wraps modulo 2^64); BigInts go straight through. */
function toBigIntForI64(v: unknown): bigint {
  return typeof v === 'bigint' ? v : toBigInt(v);
}

/**
 * Any other signature without v128: i64 arguments split into (low, high) int32 pairs and results
 * read from the convention's slots (runtime/abi.ts collectSlots), without boxing arrays.
 */
function flatCall(f: { fn: AnyFn }, ft: FuncType): Function {
  const { params, results } = ft;
  const conv = params.map((t) => (t === I64 ? null : toWasmConv(t)));
  const nSlots = slotCount(params);
  const nOut = slotCount(results);
  return (...args: unknown[]) => {
    const flat = new Array(nSlots);
    let k = 0;
    for (let i = 0; i < params.length; i++) {
      const c = conv[i];
      if (c !== null) flat[k++] = c(args[i]);
      else {
        // ToBigInt64 (assignment to a BigInt64Array performs exactly that) and the int32 halves.
        I64_PAIR[0] = toBigIntForI64(args[i]);
        flat[k++] = I32_PAIR[LO];
        flat[k++] = I32_PAIR[HI];
      }
    }
    const first = f.fn(...flat);
    if (nOut === 0) return undefined;
    // Read every slot before converting: a conversion may run code that calls wasm again.
    const slots = collectSlots(results, first);
    const out = new Array(results.length);
    for (let i = 0, j = 0; i < results.length; i++) {
      const t = results[i];
      if (t === I64) {
        I32_PAIR[LO] = slots[j] as number;
        I32_PAIR[HI] = slots[j + 1] as number;
        out[i] = I64_PAIR[0];
        j += 2;
      } else out[i] = toJS(slots[j++] as Value, t);
    }
    return results.length === 1 ? out[0] : out;
  };
}

// ---- host functions ("create a host function", "run a host function") ----

const iteratorToList = (v: unknown): unknown[] => {
  const method = isObject(v) || typeof v === 'string' ? (v as { [Symbol.iterator]?: unknown })[Symbol.iterator] : undefined;
  if (method === undefined || method === null) throw new TypeError('multi-value results must be iterable');
  if (typeof method !== 'function') throw new TypeError('Symbol.iterator is not a function');
  const it = Reflect.apply(method, v, []) as Iterator<unknown>;
  if (!isObject(it)) throw new TypeError('iterator is not an object');
  const next = it.next;
  const out: unknown[] = [];
  for (;;) {
    const r = Reflect.apply(next, it, []) as IteratorResult<unknown>;
    if (!isObject(r)) throw new TypeError('iterator result is not an object');
    if (r.done) return out;
    out.push(r.value);
  }
};

/** Makes a host function instance of canonical type `type` calling the JS callable `func`. */
export function createHostFunction(func: Function, type: number, index: number): FuncInst {
  const ft = compositeOf(type) as FuncType;
  const { params, results } = ft;
  const opaque = opaqueSignature(ft);
  const call = (args: Value[]): Value[] => {
    if (opaque) throw new TypeError('type incompatibility when transforming from/to JS: v128 or exnref in the signature');
    const js = new Array(args.length);
    for (let i = 0; i < args.length; i++) js[i] = toJS(args[i], params[i]);
    const ret = Reflect.apply(func, undefined, js);
    if (results.length === 0) return [];
    if (results.length === 1) return [toWasm(ret, results[0])];
    const values = iteratorToList(ret);
    if (values.length !== results.length) throw new TypeError(`expected ${results.length} results, got ${values.length}`);
    return values.map((v, i) => toWasm(v, results[i]));
  };
  const hf = hostFunc(type, call);
  const slot = hf as unknown as { fn: AnyFn };
  if (!opaque && isDirect(ft)) slot.fn = directHost(func, ft);
  else if (!opaque && results.length <= 1) slot.fn = flatHost(func, ft);
  slot.fn = guardHost(slot.fn, slotCount(params));
  hostIndex.set(hf, index);
  return hf;
}

/** The compiled-convention entry point of a host function with a direct signature. */
function directHost(func: Function, ft: FuncType): AnyFn {
  const c = ft.params.map((t) => toJSConv(t));
  const plain = c.every((x) => x === null);
  const r = ft.results.length === 1 ? toWasmConv(ft.results[0]) : null;
  const f = func as AnyFn;
  if (plain) {
    // Numeric arguments are already JS values; `f(...)` calls with an undefined receiver.
    switch (c.length) {
      case 0: return r ? () => r(f()) : () => void f();
      case 1: return r ? (a: unknown) => r(f(a)) : (a: unknown) => void f(a);
      case 2: return r ? (a: unknown, b: unknown) => r(f(a, b)) : (a: unknown, b: unknown) => void f(a, b);
    }
    return r ? (...a: unknown[]) => r(f(...a)) : (...a: unknown[]) => void f(...a);
  }
  return (...a: unknown[]) => {
    for (let i = 0; i < a.length; i++) {
      const conv = c[i];
      if (conv !== null) a[i] = conv(a[i]);
    }
    const ret = f(...a);
    return r ? r(ret) : undefined;
  };
}


/** The compiled-convention entry point of a host function with i64s and at most one result. */
function flatHost(func: Function, ft: FuncType): AnyFn {
  const { params, results } = ft;
  const r = results.length === 1 ? results[0] : -1;
  return (...slots: unknown[]) => {
    const js = new Array(params.length);
    for (let i = 0, k = 0; i < params.length; i++) {
      const t = params[i];
      if (t === I64) {
        I32_PAIR[LO] = slots[k++] as number;
        I32_PAIR[HI] = slots[k++] as number;
        js[i] = I64_PAIR[0];
      } else js[i] = toJS(slots[k++] as Value, t);
    }
    const ret = Reflect.apply(func, undefined, js);
    if (r === -1) return undefined;
    if (r !== I64) return toWasm(ret, r);
    I64_PAIR[0] = toBigIntForI64(ret);
    return returnSlots(results, [I32_PAIR[LO], I32_PAIR[HI]]);
  };
}
