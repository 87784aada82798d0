// The Web IDL pieces the JS API needs: ECMAScript conversions (ToPrimitive, ToBigInt, [EnforceRange]
// unsigned long, enumerations, dictionaries), buffer sources, and the shape of interface objects and
// namespace members. Intrinsics are captured once, at load, so that user code replacing globals
// (ArrayBuffer.prototype.slice …) cannot change what the API observes.

const ArrayBufferByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')!.get!;
const SAB = typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer : undefined;
const SABByteLength = SAB ? Object.getOwnPropertyDescriptor(SAB.prototype, 'byteLength')!.get! : undefined;
const TypedArrayProto = Object.getPrototypeOf(Uint8Array.prototype) as object;
const taGet = (k: string): ((this: unknown) => unknown) => Object.getOwnPropertyDescriptor(TypedArrayProto, k)!.get!;
const TABuffer = taGet('buffer');
const TAByteOffset = taGet('byteOffset');
const TAByteLength = taGet('byteLength');
const dvGet = (k: string): ((this: unknown) => unknown) => Object.getOwnPropertyDescriptor(DataView.prototype, k)!.get!;
const DVBuffer = dvGet('buffer');
const DVByteOffset = dvGet('byteOffset');
const DVByteLength = dvGet('byteLength');
const isView = ArrayBuffer.isView;
const detachedGetter = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'detached')?.get;
const apply = Reflect.apply;
const PromiseIntrinsic = Promise;

export function isObject(v: unknown): v is object {
  return (typeof v === 'object' && v !== null) || typeof v === 'function';
}

/** ECMAScript ToPrimitive(input, hint "number"). */
export function toPrimitive(v: unknown): unknown {
  if (!isObject(v)) return v;
  const exotic = (v as { [Symbol.toPrimitive]?: unknown })[Symbol.toPrimitive];
  if (exotic !== undefined && exotic !== null) {
    if (typeof exotic !== 'function') throw new TypeError('Symbol.toPrimitive is not a function');
    const r = apply(exotic, v, ['number']);
    if (isObject(r)) throw new TypeError('Cannot convert object to primitive value');
    return r;
  }
  for (const name of ['valueOf', 'toString'] as const) {
    const m = (v as Record<string, unknown>)[name];
    if (typeof m === 'function') {
      const r = apply(m, v, []);
      if (!isObject(r)) return r;
    }
  }
  throw new TypeError('Cannot convert object to primitive value');
}

/** ECMAScript ToBigInt: Numbers are a TypeError (unlike the BigInt() function). */
export function toBigInt(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  const p = toPrimitive(v);
  if (typeof p === 'number') throw new TypeError(`Cannot convert ${p} to a BigInt`);
  // BigInt() on a primitive other than a Number is exactly ToBigInt (TypeError for undefined, null
  // and symbols, SyntaxError for an unparsable string).
  return BigInt(p as string | boolean | bigint);
}

export function toBigInt64(v: unknown): bigint {
  return BigInt.asIntN(64, toBigInt(v));
}

/** Web IDL [EnforceRange] unsigned long (ConvertToInt with 32 bits, unsigned). */
export function enforceRangeU32(v: unknown, what: string): number {
  let x = typeof v === 'number' ? v : Number(toNumberStrict(v));
  if (!Number.isFinite(x)) throw new TypeError(`${what} must be convertible to a finite number`);
  x = Math.trunc(x);
  if (x < 0 || x > 0xffffffff) throw new TypeError(`${what} must be in the unsigned long range`);
  return x + 0; // -0 → +0
}

/** ToNumber, which throws a TypeError for BigInt and Symbol. */
export function toNumberStrict(v: unknown): number {
  return +(v as number);
}

/** Web IDL DOMString conversion (ToString; a Symbol is a TypeError). */
export function toDOMString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
  return String(v); // ToString, which also throws if an object's ToPrimitive gives a Symbol
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** USVString: DOMString with lone surrogates replaced by U+FFFD. */
export function toUSVString(v: unknown): string {
  return toDOMString(v).replace(LONE_SURROGATE, '\uFFFD');
}

/** Web IDL enumeration conversion: ToString, then a TypeError unless one of `values`. */
export function toEnum<T extends string>(v: unknown, values: readonly T[], what: string): T {
  const s = toDOMString(v);
  if (!(values as readonly string[]).includes(s)) throw new TypeError(`${what}: '${s}' is not a valid value`);
  return s as T;
}

/**
 * Web IDL dictionary conversion, first step: undefined and null are the empty dictionary, other
 * non-objects a TypeError. The caller then reads the members with `member` in lexicographic order.
 */
export function dictionary(v: unknown, what: string): object | null {
  if (v === undefined || v === null) return null;
  if (!isObject(v)) throw new TypeError(`${what} must be an object`);
  return v;
}

/** One dictionary member: undefined when not present (a required one is a TypeError). */
export function member(dict: object | null, key: string, required: boolean, what: string): unknown {
  const v = dict === null ? undefined : (dict as Record<string, unknown>)[key];
  if (v === undefined && required) throw new TypeError(`${what}: required property '${key}' is missing`);
  return v;
}

/** Web IDL `object` for an optional argument: undefined stays undefined, non-objects are a TypeError. */
export function optionalObject(v: unknown, what: string): object | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v)) throw new TypeError(`${what} must be an object`);
  return v;
}

function isDetached(buf: ArrayBuffer): boolean {
  if (detachedGetter) return apply(detachedGetter, buf, []) as boolean;
  // Before ArrayBuffer.prototype.detached: a detached buffer has length 0 and cannot be sliced.
  if (apply(ArrayBufferByteLength, buf, []) !== 0) return false;
  try {
    new Uint8Array(buf);
    return false;
  } catch {
    return true;
  }
}

/** The kind of buffer `v` is, checked by internal slots (getters throw on anything else). */
function bufferKind(v: unknown): 'ab' | 'sab' | undefined {
  if (!isObject(v)) return undefined;
  try {
    apply(ArrayBufferByteLength, v, []);
    return 'ab';
  } catch { /* not an ArrayBuffer */ }
  if (SABByteLength) {
    try {
      apply(SABByteLength, v, []);
      return 'sab';
    } catch { /* not a SharedArrayBuffer */ }
  }
  return undefined;
}

export function isBufferSource(v: unknown): boolean {
  return isView(v) || bufferKind(v) !== undefined;
}

/**
 * "Get a copy of the bytes held by the buffer source" for [AllowResizable] AllowSharedBufferSource:
 * a TypeError for anything but an ArrayBuffer, SharedArrayBuffer or view; a detached buffer gives
 * no bytes.
 */
export function copyBufferSource(v: unknown, what: string, copy = true): Uint8Array {
  let buffer: ArrayBuffer;
  let offset = 0;
  let length: number;
  if (isView(v)) {
    let isTA = true;
    try {
      buffer = apply(TABuffer, v, []) as ArrayBuffer;
    } catch {
      isTA = false;
      buffer = apply(DVBuffer, v, []) as ArrayBuffer;
    }
    if (bufferKind(buffer) === 'ab' && isDetached(buffer)) return new Uint8Array(0);
    offset = apply(isTA ? TAByteOffset : DVByteOffset, v, []) as number;
    length = apply(isTA ? TAByteLength : DVByteLength, v, []) as number;
  } else {
    const kind = bufferKind(v);
    if (kind === undefined) throw new TypeError(`${what} must be a BufferSource`);
    buffer = v as ArrayBuffer;
    if (kind === 'ab' && isDetached(buffer)) return new Uint8Array(0);
    length = apply(kind === 'ab' ? ArrayBufferByteLength : SABByteLength!, buffer, []) as number;
  }
  const view = new Uint8Array(buffer, offset, length);
  // Without `copy` (validate: no script runs before the bytes are let go), a view of an unshared
  // buffer does, and saves touching fresh memory (18 MB: ~100 ms); shared memory may change meanwhile.
  if (!copy && bufferKind(buffer) === 'ab') return view;
  const out = new Uint8Array(length);
  out.set(view);
  return out;
}

// ---- the shape of interface objects, namespace members and operations ----

/**
 * Gives a class the property attributes of a Web IDL interface object: operations and attributes on
 * the prototype (and static operations) become enumerable, `length` is the constructor's count of
 * required arguments, and the prototype carries Symbol.toStringTag "WebAssembly.Name".
 */
export function shapeInterface(cls: Function, name: string, length: number): void {
  const def = Object.defineProperty;
  def(cls, 'length', { value: length, writable: false, enumerable: false, configurable: true });
  def(cls, 'name', { value: name, writable: false, enumerable: false, configurable: true });
  const proto = cls.prototype as object;
  for (const target of [cls, proto]) {
    for (const key of Reflect.ownKeys(target)) {
      if (key === 'constructor') continue;
      if (target === cls && (key === 'prototype' || key === 'length' || key === 'name')) continue;
      def(target, key, { enumerable: true });
    }
  }
  def(proto, Symbol.toStringTag, { value: `WebAssembly.${name}`, writable: false, enumerable: false, configurable: true });
}

/** Sets `length` of an operation to its count of required arguments (as Web IDL does). */
export function setLength(f: Function, length: number): void {
  Object.defineProperty(f, 'length', { value: length, writable: false, enumerable: false, configurable: true });
}

/** Runs a promise-returning operation: a synchronous throw becomes a rejected promise, as Web IDL says. */
export function promiseOperation<T>(body: () => Promise<T> | T): Promise<T> {
  try {
    return PromiseIntrinsic.resolve(body());
  } catch (e) {
    return PromiseIntrinsic.reject(e);
  }
}
