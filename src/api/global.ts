// WebAssembly.Global (JS API "Globals"). One Global object per global instance (the Global object
// cache); i64 values are BigInts, v128 and exnref globals are a TypeError to read or write.

import type { GlobalInst } from '../runtime/interface.js';
import { createGlobal } from '../runtime/index.js';
import { VALUE_TYPES, VALUE_TYPE_NAMES, defaultValue, isOpaqueToJS, toJS, toWasm } from './values.js';
import { dictionary, isObject, member, shapeInterface, toEnum } from './webidl.js';

const cache = new WeakMap<GlobalInst, Global>();
const CREATE = Symbol('create');
let instOf: (o: unknown) => GlobalInst | undefined;

function getValue(g: GlobalInst): unknown {
  if (isOpaqueToJS(g.type.type)) throw new TypeError('WebAssembly.Global: v128 and exnref values cannot be read from JS');
  return toJS(g.value, g.type.type);
}

export class Global {
  #global: GlobalInst;

  constructor(descriptor: unknown, v?: unknown) {
    if (descriptor === CREATE) {
      this.#global = v as GlobalInst;
    } else {
      const what = 'WebAssembly.Global()';
      const d = dictionary(descriptor, `${what}: Argument 0`);
      const mutableV = member(d, 'mutable', false, what);
      const mutable = mutableV === undefined ? false : Boolean(mutableV);
      const type = VALUE_TYPES[toEnum(member(d, 'value', true, what), VALUE_TYPE_NAMES, `${what}: 'value'`)];
      if (isOpaqueToJS(type)) throw new TypeError(`${what}: v128 globals cannot be created from JS`);
      const value = v === undefined ? defaultValue(type) : toWasm(v, type);
      this.#global = createGlobal({ type, mutable }, value);
    }
    cache.set(this.#global, this);
  }

  valueOf(): unknown {
    return getValue(this.#global);
  }

  get value(): unknown {
    return getValue(this.#global);
  }

  set value(v: unknown) {
    const g = this.#global;
    if (arguments.length === 0) throw new TypeError('set WebAssembly.Global.value: a value is required');
    if (isOpaqueToJS(g.type.type)) throw new TypeError('set WebAssembly.Global.value: v128 and exnref values cannot be written from JS');
    if (!g.type.mutable) throw new TypeError("set WebAssembly.Global.value: can't set the value of an immutable global");
    g.value = toWasm(v, g.type.type);
  }

  static {
    instOf = (o) => (isObject(o) && #global in o ? (o as Global).#global : undefined);
  }
}
shapeInterface(Global, 'Global', 1);

/** The global instance of a Global object, or undefined (the brand check). */
export function globalInst(v: unknown): GlobalInst | undefined {
  return instOf(v);
}

/** "Create a global object": the cached one, or a new object for the instance. */
export function globalObject(g: GlobalInst): Global {
  return cache.get(g) ?? new Global(CREATE, g);
}
