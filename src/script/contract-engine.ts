// The ScriptEngine over purewasm itself: valid/compileModule for decoding and validation, and the
// engine contract (runtime/interface.ts, implemented by runtime/index.ts) for everything else.
// Parts of the runtime that do not exist yet make the checks that need them "not yet run".

import type { Const, ResultPat } from './ast.js';
import { HostRef, valueArray, type Failure, type ImportInfo, type Observed, type ScriptEngine } from './engine.js';
import { CompileError, LinkError, RuntimeError } from '../api/errors.js';
import { compileModule } from '../valid/index.js';
import * as runtime from '../runtime/index.js';
import type { ExternVal, FuncInst, GlobalInst, InstanceInst, Value } from '../runtime/interface.js';
import type { Module } from '../syntax/module.js';
import { compositeOf } from '../syntax/canon.js';
import { F32, F64, I32, I64, V128, isRef, type FuncType, type ValType } from '../syntax/types.js';
import { H, f32FromBits, f32ToBits, f64FromBits, f64ToBits } from '../exec/numerics.js';
import { TextError } from '../text/lexer.js';
import { buildSpectest, type SpectestFactory } from './spectest.js';

/** The runtime's optional parts, looked up by name so the adapter works while they are written. */
interface RuntimeParts {
  instantiate?: (module: Module, imports: ExternVal[]) => InstanceInst;
  invoke?: (f: FuncInst, args: Value[]) => Value[];
  WasmFunc?: abstract new (...a: never[]) => unknown;
  HostFunc?: abstract new (...a: never[]) => unknown;
  StructRef?: abstract new (...a: never[]) => unknown;
  ArrayRef?: abstract new (...a: never[]) => unknown;
  I31Ref?: abstract new (...a: never[]) => unknown;
  ExnInst?: abstract new (...a: never[]) => unknown;
}
const rt = runtime as unknown as RuntimeParts & SpectestFactory;

class Unsupported extends Error {
  override name = 'NotYetImplemented';
}

export function toBoxed(c: Const): Value {
  switch (c.type) {
    case 'i32': case 'i64': return c.value;
    case 'f32': return f32FromBits(c.bits | 0);
    case 'f64': return f64FromBits(Number(c.bits & 0xffffffffn) | 0, Number(c.bits >> 32n) | 0);
    case 'v128': return c.bytes.slice();
    case 'ref.null': return null;
    case 'ref.extern': case 'ref.host': return HostRef.of(c.n);
  }
}

const isA = (v: unknown, cls: (abstract new (...a: never[]) => unknown) | undefined) => cls !== undefined && v instanceof cls;

/** A boxed value that breaks the contract (runtime/interface.ts): an engine bug, never masked. */
function badValue(t: string, v: unknown): never {
  throw new TypeError(`engine returned ${typeof v === 'bigint' ? `${v}n` : String(v)} (${typeof v}) for a ${t} value`);
}

export function observe(t: ValType, v: Value): Observed {
  switch (t) {
    case I32:
      if (typeof v !== 'number' || (v | 0) !== v) badValue('i32', v);
      return { type: 'i32', value: v };
    case I64:
      if (typeof v !== 'bigint' || BigInt.asIntN(64, v) !== v) badValue('i64', v);
      return { type: 'i64', value: v };
    case F32:
      if (typeof v !== 'number' || (v === v && Math.fround(v) !== v)) badValue('f32', v);
      return { type: 'f32', bits: f32ToBits(v) >>> 0 };
    case F64: {
      if (typeof v !== 'number') badValue('f64', v);
      const lo = f64ToBits(v);
      return { type: 'f64', bits: (BigInt(H.hi >>> 0) << 32n) | BigInt(lo >>> 0) };
    }
    case V128:
      if (!(v instanceof Uint8Array) || v.length !== 16) badValue('v128', v);
      return { type: 'v128', bytes: v.slice() };
  }
  if (!isRef(t)) throw new Error(`cannot observe a value of type ${t}`);
  if (v === null) return { type: 'ref', kind: 'null' };
  if (v instanceof HostRef) return { type: 'ref', kind: 'host', host: v.n };
  if (isA(v, rt.WasmFunc) || isA(v, rt.HostFunc)) return { type: 'ref', kind: 'func' };
  if (isA(v, rt.StructRef)) return { type: 'ref', kind: 'struct' };
  if (isA(v, rt.ArrayRef)) return { type: 'ref', kind: 'array' };
  if (isA(v, rt.I31Ref)) return { type: 'ref', kind: 'i31' };
  if (isA(v, rt.ExnInst)) return { type: 'ref', kind: 'exn' };
  return { type: 'ref', kind: 'other' };
}

/** A wasm exception escaping to the host: an ExnInst (tag and args), or an error carrying one. */
function isException(e: unknown): boolean {
  const isExn = (x: unknown) => isA(x, rt.ExnInst) || (typeof x === 'object' && x !== null && 'tag' in x && 'args' in x && Array.isArray(x.args));
  if (isExn(e)) return true;
  if (typeof e !== 'object' || e === null) return false;
  const inner = (e as { exn?: unknown; exception?: unknown }).exn ?? (e as { exception?: unknown }).exception;
  return inner !== undefined && isExn(inner);
}

export interface ContractEngineOptions {
  /** A WAT parser (text → binary) for text modules. */
  parseText?(source: string): Uint8Array;
}

export function contractEngine(options: ContractEngineOptions = {}): ScriptEngine {
  return {
    name: 'purewasm',
    parseText: options.parseText,
    compile: (bytes) => compileModule(bytes),
    imports: (m): ImportInfo[] => (m as Module).imports.map((i) => ({ module: i.module, name: i.name, kind: i.kind })),
    instantiate(m, imports) {
      if (!rt.instantiate) throw new Unsupported('runtime has no instantiate yet');
      const inst = rt.instantiate(m as Module, imports as ExternVal[]);
      return new Map(inst.exports.map((e) => [e.name, { kind: e.kind, value: e.value }]));
    },
    invoke(f, args: Const[], _expect: ResultPat[] | null): Observed[] {
      const fn = f as FuncInst;
      const ft = compositeOf(fn.type) as FuncType;
      if (args.length !== ft.params.length) throw new Error(`wrong number of arguments: ${args.length} for ${ft.params.length}`);
      if (!rt.invoke) throw new Unsupported('runtime has no invoke yet');
      const boxed = valueArray<Value>();
      for (const a of args) boxed.push(toBoxed(a));
      const results = rt.invoke(fn, boxed);
      return ft.results.map((t, i) => observe(t, results[i]));
    },
    getGlobal(g, _expect): Observed {
      const gi = g as GlobalInst;
      return observe(gi.type.type, gi.value);
    },
    // Fresh per script (the runner asks once per script), so scripts never share its memory or table.
    spectest: () => buildSpectest(rt),
    classify(e): Failure {
      const message = e instanceof Error ? e.message : String(e);
      if (e instanceof CompileError || e instanceof TextError) return { kind: 'compile', message };
      if (e instanceof LinkError) return { kind: 'link', message };
      if (e instanceof RuntimeError) return { kind: 'trap', message };
      if (e instanceof RangeError) return { kind: 'exhaustion', message };
      if (isException(e)) return { kind: 'exception', message: 'wasm exception' };
      if (e instanceof Error && (e.name === 'NotYetImplemented' || /^not (yet )?implemented/i.test(e.message))) {
        return { kind: 'unsupported', message };
      }
      return { kind: 'other', message: e instanceof Error ? `${e.name}: ${e.message}` : message };
    },
  };
}
