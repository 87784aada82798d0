// What the script runner needs from a WebAssembly implementation. Two adapters implement it:
// contract-engine.ts (purewasm's engine, through runtime/interface.ts and valid/compileModule) and
// native-engine.ts (the host's own WebAssembly, to check the runner itself). Values cross as
// `Observed` — numbers as exact bits, references by category — so the matcher is engine-neutral.

import type { Const, ResultPat } from './ast.js';

/** A value as the runner compares it. */
export type Observed =
  | { type: 'i32'; value: number }
  | { type: 'i64'; value: bigint }
  | { type: 'f32'; bits: number }
  | { type: 'f64'; bits: bigint }
  | { type: 'v128'; bytes: Uint8Array }
  | { type: 'ref'; kind: RefCategory; host?: number };

/** What a reference is; 'host' is a value made by ref.extern/ref.host N (then `host` is N). */
export type RefCategory = 'null' | 'func' | 'struct' | 'array' | 'i31' | 'exn' | 'host' | 'other';

export interface ImportInfo {
  module: string;
  name: string;
  kind: number; // EXTERNAL_*
}

/** An export: its kind and the engine's own extern value. */
export interface ExportInfo {
  kind: number;
  value: unknown;
}

/** How an error thrown by the engine is classified. */
export type Failure =
  | { kind: 'compile'; message: string } // CompileError: malformed or invalid
  | { kind: 'link'; message: string } // LinkError
  | { kind: 'trap'; message: string } // RuntimeError
  | { kind: 'exhaustion'; message: string } // RangeError from stack exhaustion
  | { kind: 'exception'; message: string } // an uncaught wasm exception
  | { kind: 'unsupported'; message: string } // the engine says it does not implement this yet
  | { kind: 'other'; message: string }; // anything else: a bug somewhere

export interface ScriptEngine {
  readonly name: string;
  /** Decodes and validates; throws (CompileError) when malformed or invalid. */
  compile(bytes: Uint8Array): unknown;
  imports(module: unknown): ImportInfo[];
  /** Instantiates with the import values already resolved (in import order). */
  instantiate(module: unknown, imports: unknown[]): Map<string, ExportInfo>;
  /** Calls an exported function; `expect` (the assertion's patterns, if any) may guide typing. */
  invoke(func: unknown, args: Const[], expect: ResultPat[] | null): Observed[];
  /** Reads an exported global. */
  getGlobal(global: unknown, expect: ResultPat | null): Observed;
  /** The `spectest` host module's exports: a fresh instance each call (once per script). */
  spectest(): Map<string, ExportInfo>;
  classify(error: unknown): Failure;
  /** false when the engine words trap and link reasons its own way (then only the kind is checked). */
  readonly checkMessages?: boolean;
  /** Optional: text module source → binary, when a WAT parser is available. */
  parseText?(source: string): Uint8Array;
}

/** Thrown by an adapter for a feature it cannot run (e.g. v128 across the native JS API). */
export class NotSupported extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotSupported';
  }
}

/** Host references: ref.extern N and ref.host N denote the same, identity-stable JS object. */
export class HostRef {
  private constructor(readonly n: number) {}
  private static readonly all = new Map<number, HostRef>();
  static of(n: number): HostRef {
    let r = HostRef.all.get(n);
    if (!r) HostRef.all.set(n, (r = new HostRef(n)));
    return r;
  }
}

/**
 * An empty array that V8 keeps in its generic element kind. Arrays that only ever held numbers
 * become double arrays, and storing into those canonicalises NaNs (a signalling NaN loses its
 * bits), so every array that carries boxed wasm values across the boundary starts from here.
 */
export function valueArray<T>(): T[] {
  const a = [undefined as T];
  a.length = 0;
  return a;
}
