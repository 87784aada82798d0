// The package entry: `WebAssembly`, the namespace object (exactly the JS API's), and purewasm's own
// named exports.
import { namespace } from './api/namespace.js';
import type { Module } from './api/module.js';
import type { Instance } from './api/instance.js';
import type { Memory } from './api/memory.js';
import type { Table } from './api/table.js';
import type { Global } from './api/global.js';
import type { Tag } from './api/tag.js';
import type { Exception } from './api/exception.js';
import type { WasmErrorConstructor } from './api/errors.js';

/** [AllowResizable] AllowSharedBufferSource: any ArrayBuffer, SharedArrayBuffer or view of one. */
export type BufferSourceLike = ArrayBufferLike | ArrayBufferView;

export interface WebAssemblyNamespace {
  validate(bytes: BufferSourceLike, options?: object): boolean;
  compile(bytes: BufferSourceLike, options?: object): Promise<Module>;
  instantiate(bytes: BufferSourceLike, importObject?: object, options?: object): Promise<{ module: Module; instance: Instance }>;
  instantiate(module: Module, importObject?: object): Promise<Instance>;
  compileStreaming(source: unknown, options?: object): Promise<Module>;
  instantiateStreaming(source: unknown, importObject?: object, options?: object): Promise<{ module: Module; instance: Instance }>;
  Module: typeof Module;
  Instance: typeof Instance;
  Memory: typeof Memory;
  Table: typeof Table;
  Global: typeof Global;
  Tag: typeof Tag;
  Exception: typeof Exception;
  readonly JSTag: Tag;
  CompileError: WasmErrorConstructor;
  LinkError: WasmErrorConstructor;
  RuntimeError: WasmErrorConstructor;
}

export const WebAssembly = namespace as WebAssemblyNamespace;
export { install } from './polyfill-install.js';
export { CompileError, LinkError, RuntimeError } from './api/errors.js';
/** purewasm's engine choice: configure({ engine: 'compile' | 'interpret' | 'auto' }) (see exec/interp/select.ts). */
export { configure, type EngineMode, type EngineOptions } from './exec/interp/select.js';
