// The WebAssembly namespace object (JS API "The WebAssembly Namespace", Web API "Streaming"):
// validate, compile, instantiate (both overloads), compileStreaming, instantiateStreaming, the
// interface objects and the three error classes, with the property attributes a browser's has.

import { CompileError, LinkError, RuntimeError } from './errors.js';
import {
  Module, compileBytes, moduleSlots, newModuleObject, toCompileOptions, validBytes, type CompileOptions,
} from './module.js';
import { Instance, instantiateCore, newInstanceObject, readImports } from './instance.js';
import { Memory } from './memory.js';
import { Table } from './table.js';
import { Global } from './global.js';
import { Tag } from './tag.js';
import { Exception, jsTag } from './exception.js';
import { copyBufferSource, isBufferSource, optionalObject, promiseOperation } from './webidl.js';
import { responseBytes } from './streaming.js';

const PromiseIntrinsic = Promise;
const then = Promise.prototype.then;

/** Reacts to a promise with the intrinsic `then`, so that user patches of it are not observed. */
function react<T, R>(p: Promise<T>, onFulfilled: (v: T) => R | Promise<R>): Promise<R> {
  return Reflect.apply(then, p, [onFulfilled]) as Promise<R>;
}

/** "Asynchronously compile a WebAssembly module": compiles in a later job, never synchronously. */
function compileAsync(bytes: Uint8Array, opts: CompileOptions): Promise<Module> {
  return react(PromiseIntrinsic.resolve(), () => newModuleObject(compileBytes(bytes, opts)));
}

/** "Asynchronously instantiate a WebAssembly module": the imports are read now, the rest later. */
function instantiateAsync(module: Module, importObject: object | undefined): Promise<Instance> {
  const s = moduleSlots(module)!;
  const imports = readImports(s, importObject);
  return react(PromiseIntrinsic.resolve(), () => newInstanceObject(instantiateCore(s.module, imports)));
}

/** "Instantiate a promise of a module". */
function instantiatePromise(p: Promise<Module>, importObject: object | undefined): Promise<{ module: Module; instance: Instance }> {
  return react(p, (module) =>
    // A WebAssemblyInstantiatedSource dictionary: members in lexicographic order (V8: module first).
    react(instantiateAsync(module, importObject), (instance) => ({ instance, module })));
}

function requireBytes(bytes: unknown, what: string): void {
  if (!isBufferSource(bytes)) throw new TypeError(`${what}: Argument 0 must be a buffer source`);
}

const operations = {
  validate(bytes: unknown, options?: unknown): boolean {
    requireBytes(bytes, 'WebAssembly.validate()');
    const opts = toCompileOptions(options);
    return validBytes(copyBufferSource(bytes, 'WebAssembly.validate()', false), opts);
  },

  compile(bytes: unknown, options?: unknown): Promise<Module> {
    return promiseOperation(() => {
      requireBytes(bytes, 'WebAssembly.compile()');
      const opts = toCompileOptions(options);
      return compileAsync(copyBufferSource(bytes, 'WebAssembly.compile()'), opts);
    });
  },

  instantiate(source: unknown, importObject?: unknown, options?: unknown): Promise<unknown> {
    return promiseOperation<unknown>(() => {
      // Overload resolution on the first argument: a Module object, else a buffer source.
      if (moduleSlots(source) !== undefined) {
        return instantiateAsync(source as Module, optionalObject(importObject, 'WebAssembly.instantiate(): Argument 1'));
      }
      requireBytes(source, 'WebAssembly.instantiate()');
      const imports = optionalObject(importObject, 'WebAssembly.instantiate(): Argument 1');
      const opts = toCompileOptions(options);
      return instantiatePromise(compileAsync(copyBufferSource(source, 'WebAssembly.instantiate()'), opts), imports);
    });
  },

  compileStreaming(source: unknown, options?: unknown): Promise<Module> {
    return promiseOperation(() => {
      const p = PromiseIntrinsic.resolve(source);
      const opts = toCompileOptions(options);
      return compileResponse(p, opts);
    });
  },

  instantiateStreaming(source: unknown, importObject?: unknown, options?: unknown): Promise<unknown> {
    return promiseOperation<unknown>(() => {
      const p = PromiseIntrinsic.resolve(source);
      const imports = optionalObject(importObject, 'WebAssembly.instantiateStreaming(): Argument 1');
      const opts = toCompileOptions(options);
      return instantiatePromise(compileResponse(p, opts), imports);
    });
  },
};

/** "Compile a potential WebAssembly response" (Web API). */
function compileResponse(source: Promise<unknown>, opts: CompileOptions): Promise<Module> {
  return react(source, (response) => react(responseBytes(response), (bytes) => compileAsync(bytes, opts)));
}

/** Builds a fresh namespace object (a polyfill installs one; the library exports one). */
export function createNamespace(): object {
  const ns = {};
  const data = (value: unknown, enumerable: boolean): PropertyDescriptor =>
    ({ value, writable: true, enumerable, configurable: true });
  // Operations: enumerable; interfaces and the error classes: not enumerable ([LegacyNamespace]
  // interface objects and DefineMethodProperty(…, false)).
  for (const [name, fn] of Object.entries(operations)) Object.defineProperty(ns, name, data(fn, true));
  const members: [string, unknown][] = [
    ['Module', Module], ['Instance', Instance], ['Memory', Memory], ['Table', Table], ['Global', Global],
    ['Tag', Tag], ['Exception', Exception], ['CompileError', CompileError], ['LinkError', LinkError], ['RuntimeError', RuntimeError],
  ];
  for (const [name, value] of members) Object.defineProperty(ns, name, data(value, false));
  // A Web IDL namespace attribute: an enumerable, configurable accessor without a setter.
  const get = { get JSTag() { return jsTag(); } };
  const getter = Object.getOwnPropertyDescriptor(get, 'JSTag')!.get!;
  Object.defineProperty(getter, 'name', { value: 'get JSTag' });
  Object.defineProperty(ns, 'JSTag', { get: getter, set: undefined, enumerable: true, configurable: true });
  Object.defineProperty(ns, Symbol.toStringTag, { value: 'WebAssembly', writable: false, enumerable: false, configurable: true });
  return ns;
}
for (const f of Object.values(operations)) Object.defineProperty(f, 'length', { value: 1 });

/** The namespace object of this realm: what the package exports and the polyfill installs. */
export const namespace = createNamespace();
