// WebAssembly.Exception and WebAssembly.JSTag (JS API "Exceptions", "JavaScript exceptions"), and
// the exception mapping at the boundary:
//
//   wasm → JS   an ExnInst leaving an Exported Function becomes its Exception object (one per
//               exception instance: the Exception object cache), or, for the JavaScript exception
//               tag, the JS value it carries;
//   JS → wasm   a host function throwing an Exception object throws its ExnInst (so wasm catches it
//               by tag, and the same object comes out again); any other value becomes an ExnInst
//               of JS_TAG whose `thrown` is the value, so throw_ref re-throws the value itself
//               and leaving wasm unwraps it again.

import type { TagInst, Value } from '../runtime/interface.js';
import { EXTERNREF } from '../syntax/types.js';
import { ExnInst, JS_TAG } from '../runtime/index.js';
import { funcTypeOf, unboxAll } from '../runtime/abi.js';
import { tagInst, tagObject } from './tag.js';
import { isOpaqueToJS, toJS, toWasm } from './values.js';
import { dictionary, enforceRangeU32, isObject, member, shapeInterface } from './webidl.js';

const cache = new WeakMap<ExnInst, Exception>();
const CREATE = Symbol('create');
let instOf: (o: unknown) => ExnInst | undefined;

function requireTag(v: unknown, what: string): TagInst {
  const t = tagInst(v);
  if (t === undefined) throw new TypeError(`${what}: Argument 0 must be a WebAssembly.Tag`);
  return t;
}

/** Web IDL sequence<any>: the values of an iterable object. */
function toSequence(v: unknown, what: string): unknown[] {
  if (!isObject(v)) throw new TypeError(`${what}: Argument 1 must be a sequence`);
  const method = (v as { [Symbol.iterator]?: unknown })[Symbol.iterator];
  if (typeof method !== 'function') throw new TypeError(`${what}: Argument 1 must be iterable`);
  return [...{ [Symbol.iterator]: () => Reflect.apply(method, v, []) as Iterator<unknown> }];
}

export class Exception {
  #exn: ExnInst;
  #stack: string | undefined = undefined;

  constructor(exceptionTag: unknown, payload?: unknown, options?: unknown) {
    if (exceptionTag === CREATE) {
      this.#exn = payload as ExnInst;
      cache.set(this.#exn, this);
      return;
    }
    const what = 'WebAssembly.Exception()';
    // Web IDL converts every argument (in order) before the constructor steps run.
    const tag = requireTag(exceptionTag, what);
    if (arguments.length < 2) throw new TypeError(`${what}: Argument 1 is required`);
    const values = toSequence(payload, what);
    const d = dictionary(options, `${what}: Argument 2`);
    const traceV = member(d, 'traceStack', false, what);
    const traceStack = traceV === undefined ? false : Boolean(traceV);

    if (tag === JS_TAG) throw new TypeError(`${what}: the JavaScript exception tag cannot be thrown this way`);
    const types = funcTypeOf(tag.type).params;
    if (types.length !== values.length) {
      throw new TypeError(`${what}: the tag takes ${types.length} values, the payload has ${values.length}`);
    }
    const wasm: Value[] = [];
    for (let i = 0; i < types.length; i++) {
      if (isOpaqueToJS(types[i])) throw new TypeError(`${what}: v128 and exnref values cannot come from JS`);
      wasm.push(toWasm(values[i], types[i]));
    }
    this.#exn = new ExnInst([tag, ...unboxAll(types, wasm)]);
    cache.set(this.#exn, this);
    if (traceStack) this.#stack = new Error().stack;
  }

  getArg(exceptionTag: unknown, index: unknown): unknown {
    const what = 'WebAssembly.Exception.getArg()';
    const tag = requireTag(exceptionTag, what);
    if (arguments.length < 2) throw new TypeError(`${what}: Argument 1 is required`);
    const i = enforceRangeU32(index, `${what}: Argument 1`);
    const exn = this.#exn;
    if (exn.tag !== tag) throw new TypeError(`${what}: the exception's tag is not this tag`);
    const types = funcTypeOf(tag.type).params;
    if (i >= types.length) throw new RangeError(`${what}: index ${i} is out of range (${types.length} values)`);
    if (isOpaqueToJS(types[i])) throw new TypeError(`${what}: v128 and exnref values cannot be read from JS`);
    return toJS(exn.args[i], types[i]);
  }

  is(exceptionTag: unknown): boolean {
    return this.#exn.tag === requireTag(exceptionTag, 'WebAssembly.Exception.is()');
  }

  get stack(): string | undefined {
    return this.#stack;
  }

  static {
    instOf = (o) => (isObject(o) && #exn in o ? (o as Exception).#exn : undefined);
  }
}
shapeInterface(Exception, 'Exception', 2);

/** "Create an Exception object" from an exception instance: the cached one or a new one. */
export function exceptionObject(e: ExnInst): Exception {
  return cache.get(e) ?? new Exception(CREATE, e);
}

/** The JSTag getter: the Tag object of the JavaScript exception tag. */
export function jsTag(): object {
  return tagObject(JS_TAG);
}

/** What an Exported Function throws for a value thrown out of wasm (see the header). */
export function exnToJS(e: unknown): unknown {
  if (!(e instanceof ExnInst)) return e;
  if (e.tag === JS_TAG) return toJS(e.args[0], funcTypeOf(JS_TAG.type).params[0]);
  return exceptionObject(e);
}

/**
 * What a host function throws into wasm for a value JS threw: an Exception object's exception
 * instance, else a new exception of the JavaScript exception tag carrying the value ("create a
 * host function"). Wrapping here, not leaving it to the engine, matters for RuntimeError and
 * RangeError values: the engine takes those for its own traps and stack exhaustion, which wasm
 * cannot catch, but one that a host function throws (even a trap that crossed JS) is catchable.
 */
export function exnFromJS(e: unknown): ExnInst {
  const own = typeof e === 'object' && e !== null ? instOf(e) : undefined;
  return own ?? new ExnInst([JS_TAG, toWasm(e, EXTERNREF)], e);
}
