// WebAssembly.CompileError, LinkError and RuntimeError (JS API "Error Objects"): each implements
// ECMAScript's NativeError Object Structure — callable with or without `new`, [[Prototype]] %Error%,
// a non-writable `prototype` whose [[Prototype]] is %Error.prototype% and which carries `name`,
// `message` ("") and `constructor`.

export interface WasmErrorConstructor {
  new (message?: string, options?: ErrorOptions): Error;
  (message?: string, options?: ErrorOptions): Error;
  readonly prototype: Error;
}

function nativeError(name: string): WasmErrorConstructor {
  // A plain function, not a class: NativeError constructors may be called without `new`.
  const ctor = function (this: unknown, message?: unknown, options?: unknown): Error {
    return Reflect.construct(Error, [message, options], new.target ?? ctor) as Error;
  } as unknown as WasmErrorConstructor;
  Object.setPrototypeOf(ctor, Error);
  const proto = Object.create(Error.prototype, {
    constructor: { value: ctor, writable: true, enumerable: false, configurable: true },
    name: { value: name, writable: true, enumerable: false, configurable: true },
    message: { value: '', writable: true, enumerable: false, configurable: true },
  });
  Object.defineProperty(ctor, 'prototype', { value: proto, writable: false, enumerable: false, configurable: false });
  Object.defineProperty(ctor, 'name', { value: name, writable: false, enumerable: false, configurable: true });
  Object.defineProperty(ctor, 'length', { value: 1, writable: false, enumerable: false, configurable: true });
  return ctor;
}

export const CompileError = nativeError('CompileError');
export const LinkError = nativeError('LinkError');
export const RuntimeError = nativeError('RuntimeError');
