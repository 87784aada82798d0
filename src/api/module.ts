// WebAssembly.Module (JS API "Modules") and compilation of bytes with the compile options
// (builtin set names, imported string constants).

import { CompileError } from './errors.js';
import { compileModule } from '../valid/index.js';
import type { Module as SyntaxModule } from '../syntax/module.js';
import { EXTERNAL_GLOBAL, EXTERNAL_KIND_NAMES, EXTERN, refType } from '../syntax/types.js';
import { matchValType } from '../valid/match.js';
import { checkApiLimits } from './limits.js';
import { builtinImportsValid, findBuiltin } from './builtins.js';
import {
  copyBufferSource, dictionary, isBufferSource, isObject, member, shapeInterface, toDOMString, toUSVString,
} from './webidl.js';

export interface CompileOptions {
  builtins: string[] | null; // null when not given
  importedStringConstants: string | null;
}

/** The internal slots of a Module object. */
export interface ModuleSlots {
  module: SyntaxModule;
  bytes: Uint8Array;
  builtins: string[];
  importedStringModule: string | null;
}

/** Converts a WebAssemblyCompileOptions dictionary (members in lexicographic order). */
export function toCompileOptions(v: unknown): CompileOptions {
  const d = dictionary(v, 'WebAssembly compile options');
  const b = member(d, 'builtins', false, 'WebAssemblyCompileOptions');
  const s = member(d, 'importedStringConstants', false, 'WebAssemblyCompileOptions');
  return {
    builtins: b === undefined ? null : toUSVStringSequence(b),
    importedStringConstants: s === undefined || s === null ? null : toUSVString(s),
  };
}

function toUSVStringSequence(v: unknown): string[] {
  if (!isObject(v)) throw new TypeError("WebAssemblyCompileOptions: 'builtins' must be a sequence");
  const method = (v as { [Symbol.iterator]?: unknown })[Symbol.iterator];
  if (typeof method !== 'function') throw new TypeError("WebAssemblyCompileOptions: 'builtins' must be iterable");
  const out: string[] = [];
  for (const x of { [Symbol.iterator]: () => Reflect.apply(method, v, []) as Iterator<unknown> }) out.push(toUSVString(x));
  return out;
}

/**
 * "Validate builtins and imported strings": no duplicate set names, imports of known builtins with
 * the builtin's type (builtins.ts), and string-constant imports typed `global const (ref extern)`.
 */
function builtinsAndStringsValid(m: SyntaxModule, opts: CompileOptions): boolean {
  const sets = opts.builtins ?? [];
  if (new Set(sets).size !== sets.length) return false;
  const strings = opts.importedStringConstants;
  const stringType = refType(EXTERN, false);
  for (const imp of m.imports) {
    if (strings !== null && imp.module === strings) {
      if (imp.kind !== EXTERNAL_GLOBAL) return false;
      const g = m.globals[imp.index].type;
      if (g.mutable || !matchValType(stringType, g.type)) return false;
    }
  }
  return builtinImportsValid(m, sets, strings);
}

/** "Compile a WebAssembly module" plus the JS API's limits; throws CompileError. */
export function compileBytes(bytes: Uint8Array, opts: CompileOptions): ModuleSlots {
  const module = compileModule(bytes);
  checkApiLimits(module);
  if (!builtinsAndStringsValid(module, opts)) {
    throw new CompileError('invalid builtin set names or imported string constants');
  }
  return { module, bytes, builtins: opts.builtins ?? [], importedStringModule: opts.importedStringConstants };
}

/** validate(): true when the bytes compile with the options. */
export function validBytes(bytes: Uint8Array, opts: CompileOptions): boolean {
  try {
    compileBytes(bytes, opts);
    return true;
  } catch (e) {
    if (e instanceof CompileError) return false;
    throw e;
  }
}

const CREATE = Symbol('create');
let slotsOf: (o: unknown) => ModuleSlots | undefined;

export class Module {
  #slots: ModuleSlots;

  constructor(bytes: unknown, options?: unknown) {
    if (bytes === CREATE) {
      this.#slots = options as ModuleSlots;
      return;
    }
    // Web IDL converts the arguments in order: the buffer's type first, then the options.
    if (!isBufferSource(bytes)) throw new TypeError('WebAssembly.Module(): Argument 0 must be a buffer source');
    const opts = toCompileOptions(options);
    this.#slots = compileBytes(copyBufferSource(bytes, 'WebAssembly.Module(): Argument 0'), opts);
  }

  static exports(moduleObject: unknown): { kind: string; name: string }[] {
    const s = requireModule(moduleObject, 'WebAssembly.Module.exports()');
    // Web IDL dictionaries become objects with their members in lexicographic order.
    return s.module.exports.map((e) => ({ kind: EXTERNAL_KIND_NAMES[e.kind], name: e.name }));
  }

  static imports(moduleObject: unknown): { kind: string; module: string; name: string }[] {
    const s = requireModule(moduleObject, 'WebAssembly.Module.imports()');
    const out: { kind: string; module: string; name: string }[] = [];
    for (const i of s.module.imports) {
      if (s.importedStringModule !== null && i.module === s.importedStringModule) continue;
      if (isBuiltinImport(i.module, i.name, s.builtins)) continue;
      out.push({ kind: EXTERNAL_KIND_NAMES[i.kind], module: i.module, name: i.name });
    }
    return out;
  }

  static customSections(moduleObject: unknown, sectionName: unknown): ArrayBuffer[] {
    const s = requireModule(moduleObject, 'WebAssembly.Module.customSections()');
    if (arguments.length < 2) throw new TypeError('WebAssembly.Module.customSections(): Argument 1 is required');
    const name = toDOMString(sectionName);
    const out: ArrayBuffer[] = [];
    for (const c of s.module.customs) {
      if (c.name === name) out.push(s.bytes.slice(c.start, c.end).buffer);
    }
    return out;
  }

  static {
    slotsOf = (o) => (isObject(o) && #slots in o ? (o as Module).#slots : undefined);
  }
}
shapeInterface(Module, 'Module', 1);
Object.defineProperty(Module.customSections, 'length', { value: 2 });

function isBuiltinImport(moduleName: string, name: string, sets: string[]): boolean {
  // "Find a builtin": only names of sets this engine implements leave the list.
  return findBuiltin(moduleName, name, sets) !== null;
}

function requireModule(v: unknown, what: string): ModuleSlots {
  const s = slotsOf(v);
  if (s === undefined) throw new TypeError(`${what}: Argument 0 must be a WebAssembly.Module`);
  return s;
}

/** The slots of a Module object, or undefined for anything else (the brand check). */
export function moduleSlots(v: unknown): ModuleSlots | undefined {
  return slotsOf(v);
}

/** "Construct a WebAssembly module object" without running the constructor's steps. */
export function newModuleObject(slots: ModuleSlots): Module {
  return new Module(CREATE, slots);
}
