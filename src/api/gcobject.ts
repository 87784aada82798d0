// Exported GC Objects (JS API "Garbage Collected Objects"): a wasm struct or array seen from JS is
// an exotic object with no prototype, no properties, that cannot be extended, changed or deleted
// from. One object per engine reference (the Exported GC Object cache); `gcRefOf` gives the engine
// reference back when the object returns to wasm.
//
// The exotic internal methods are a Proxy over a frozen, null-prototype target: every trap below
// is allowed by the Proxy invariants for such a target (nothing to report, nothing configurable).

export type GcKind = 'struct' | 'array';

const cache = new WeakMap<object, object>();
const refs = new WeakMap<object, { ref: object; kind: GcKind }>();

const refuse = (): never => {
  throw new TypeError('WebAssembly GC objects cannot be modified from JavaScript');
};

const handler: ProxyHandler<object> = {
  getPrototypeOf: () => null,
  setPrototypeOf: () => false,
  isExtensible: () => false,
  preventExtensions: () => false,
  getOwnPropertyDescriptor: () => undefined,
  defineProperty: () => false,
  has: () => false,
  get: () => undefined,
  set: refuse,
  deleteProperty: refuse,
  ownKeys: () => [],
};

/** "A new Exported GC Object" for engine reference `ref`: the cached one, or a new one. */
export function exportedGcObject(ref: object, kind: GcKind): object {
  const cached = cache.get(ref);
  if (cached !== undefined) return cached;
  const obj = new Proxy(Object.freeze(Object.create(null) as object), handler);
  cache.set(ref, obj);
  refs.set(obj, { ref, kind });
  return obj;
}

/** The engine reference and kind of an Exported GC Object, or undefined for any other value. */
export function gcRefOf(v: unknown): { ref: object; kind: GcKind } | undefined {
  return typeof v === 'object' && v !== null ? refs.get(v) : undefined;
}
