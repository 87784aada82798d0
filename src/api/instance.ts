// WebAssembly.Instance (JS API "Instances"): "read the imports" from the import object, instantiate
// in the engine, and the frozen, null-prototype exports object in export order.

import { LinkError } from './errors.js';
import type { ExternVal, InstanceInst } from '../runtime/interface.js';
import { createGlobal, instantiate } from '../runtime/index.js';
import type { Module as SyntaxModule } from '../syntax/module.js';
import {
  EXTERNAL_FUNC, EXTERNAL_GLOBAL, EXTERNAL_MEMORY, EXTERNAL_TABLE, EXTERNAL_TAG, I32, I64, F32, F64, V128,
} from '../syntax/types.js';
import { moduleSlots, type ModuleSlots } from './module.js';
import { createHostFunction, exportedFunction } from './func.js';
import { funcOf, toWasm } from './values.js';
import { globalInst, globalObject } from './global.js';
import { memoryInst, memoryObject } from './memory.js';
import { tableInst, tableObject } from './table.js';
import { tagInst, tagObject } from './tag.js';
import { isObject, optionalObject, shapeInterface } from './webidl.js';
import { exnToJS } from './exception.js';
import { instantiateBuiltinSet, isBuiltinSet } from './builtins.js';

/** "Instantiate the core of a WebAssembly module" (LinkError, RuntimeError, or what JS threw). */
export function instantiateCore(m: SyntaxModule, imports: ExternVal[]): InstanceInst {
  try {
    return instantiate(m, imports);
  } catch (e) {
    throw exnToJS(e); // a wasm exception escaping the start function
  }
}

function linkError(i: number, moduleName: string, name: string, why: string): never {
  throw new LinkError(`Import #${i} "${moduleName}" "${name}": ${why}`);
}

/** "Instantiate imported strings": every name imported from that module is its own string value. */
function importedStrings(m: SyntaxModule, moduleName: string): object {
  const o = Object.create(null) as Record<string, string>;
  for (const imp of m.imports) if (imp.module === moduleName) o[imp.name] = imp.name;
  return o;
}

/** "Read the imports" (JS API), in module order with the specified Get calls and conversions. */
export function readImports(s: ModuleSlots, importObject: object | undefined): ExternVal[] {
  const m = s.module;
  if (m.imports.length > 0 && importObject === undefined) {
    throw new TypeError('WebAssembly.Instance(): imports argument must be present and must be an object');
  }
  const special = new Map<string, object>();
  for (const name of s.builtins) {
    if (isBuiltinSet(name) && m.imports.some((imp) => imp.module === `wasm:${name}`)) {
      special.set(`wasm:${name}`, instantiateBuiltinSet(name));
    }
  }
  if (s.importedStringModule !== null) special.set(s.importedStringModule, importedStrings(m, s.importedStringModule));
  const imports: ExternVal[] = [];
  let funcCount = 0;
  for (let i = 0; i < m.imports.length; i++) {
    const imp = m.imports[i];
    let o: unknown = special.get(imp.module);
    if (o === undefined || !(imp.name in (o as object))) o = (importObject as Record<string, unknown>)[imp.module];
    if (!isObject(o)) throw new TypeError(`WebAssembly.Instance(): Import #${i} "${imp.module}": module is not an object or function`);
    const v = (o as Record<string, unknown>)[imp.name];
    switch (imp.kind) {
      case EXTERNAL_FUNC: {
        if (typeof v !== 'function') linkError(i, imp.module, imp.name, 'function import requires a callable');
        const type = m.types[m.funcs[imp.index]];
        imports.push(funcOf.get(v) ?? createHostFunction(v, type, funcCount));
        funcCount++;
        break;
      }
      case EXTERNAL_GLOBAL: {
        const g = globalInst(v);
        if (g !== undefined) {
          imports.push(g);
          break;
        }
        const t = m.globals[imp.index].type.type;
        if (t === I64 && typeof v !== 'bigint') linkError(i, imp.module, imp.name, 'global import must be a BigInt or WebAssembly.Global');
        if ((t === I32 || t === F32 || t === F64) && typeof v !== 'number') {
          linkError(i, imp.module, imp.name, 'global import must be a Number or WebAssembly.Global');
        }
        if (t === V128) linkError(i, imp.module, imp.name, 'v128 global import must be a WebAssembly.Global');
        let value;
        try {
          value = toWasm(v, t);
        } catch (e) {
          if (e instanceof TypeError) linkError(i, imp.module, imp.name, e.message);
          throw e;
        }
        imports.push(createGlobal({ type: t, mutable: false }, value));
        break;
      }
      case EXTERNAL_MEMORY: {
        const mem = memoryInst(v);
        if (mem === undefined) linkError(i, imp.module, imp.name, 'memory import must be a WebAssembly.Memory object');
        imports.push(mem);
        break;
      }
      case EXTERNAL_TABLE: {
        const t = tableInst(v);
        if (t === undefined) linkError(i, imp.module, imp.name, 'table import requires a WebAssembly.Table');
        imports.push(t);
        break;
      }
      case EXTERNAL_TAG: {
        const t = tagInst(v);
        if (t === undefined) linkError(i, imp.module, imp.name, 'tag import requires a WebAssembly.Tag');
        imports.push(t);
        break;
      }
    }
  }
  return imports;
}

/** "Create an exports object": null prototype, export order, frozen. */
export function exportsObject(inst: InstanceInst): object {
  const o = Object.create(null) as Record<string, unknown>;
  for (const e of inst.exports) {
    const v = e.value;
    switch (e.kind) {
      case EXTERNAL_FUNC: o[e.name] = exportedFunction(v as never); break;
      case EXTERNAL_GLOBAL: o[e.name] = globalObject(v as never); break;
      case EXTERNAL_MEMORY: o[e.name] = memoryObject(v as never); break;
      case EXTERNAL_TABLE: o[e.name] = tableObject(v as never); break;
      case EXTERNAL_TAG: o[e.name] = tagObject(v as never); break;
    }
  }
  return Object.freeze(o);
}

const CREATE = Symbol('create');

export class Instance {
  #exports: object;

  constructor(module: unknown, importObject?: unknown) {
    if (module === CREATE) {
      this.#exports = importObject as object;
      return;
    }
    const s = moduleSlots(module);
    if (s === undefined) throw new TypeError('WebAssembly.Instance(): Argument 0 must be a WebAssembly.Module');
    const imports = readImports(s, optionalObject(importObject, 'WebAssembly.Instance(): Argument 1'));
    this.#exports = exportsObject(instantiateCore(s.module, imports));
  }

  get exports(): object {
    return this.#exports;
  }
}
shapeInterface(Instance, 'Instance', 1);

/** A new Instance object for an instantiated module (the asynchronous paths). */
export function newInstanceObject(inst: InstanceInst): Instance {
  return new Instance(CREATE, exportsObject(inst));
}
