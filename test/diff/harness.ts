// One differential run: instantiate a module on a WebAssembly namespace (native V8 or purewasm's),
// call every exported function with fixed arguments, and record what an embedder can observe as a
// list of lines (results, traps by reason class, exceptions, every import call with its arguments,
// exported globals) and the final contents of each exported memory. Two engines agree on a module
// when their lines are equal and their memories are equal up to NaN payloads: the spec lets a NaN
// result be any arithmetic NaN when an operand is a non-canonical NaN, and V8 returns the canonical
// one where purewasm propagates the operand's payload, which a later store makes visible.
//
// Modules from binaryen's `wasm-opt -ttf` export `hangLimitInitializer`; like binaryen's own fuzz
// shell, it is called before each export so that every call is bounded.
import { compileBytes } from '../../src/api/module.js';
import { canonType } from '../../src/syntax/canon.js';
import { EXTERNAL_FUNC, F32, F64, I32, I64, type FuncType, type ValType } from '../../src/syntax/types.js';

interface Ns {
  Module: new (b: Uint8Array) => object;
  Instance: new (m: object, imports: object) => { exports: Record<string, unknown> };
  Memory: abstract new (...a: never[]) => { buffer: ArrayBuffer };
  Global: abstract new (...a: never[]) => { value: unknown };
  Table: abstract new (...a: never[]) => { length: number };
  RuntimeError: abstract new (...a: never[]) => Error;
  CompileError: abstract new (...a: never[]) => Error;
  LinkError: abstract new (...a: never[]) => Error;
}

/** Trap reasons in classes both engines can be mapped to (V8 words them differently). */
const TRAP_CLASSES: [RegExp, string][] = [
  [/unreachable/i, 'unreachable'],
  [/out of bounds memory|memory access out of bounds|data segment.*out of bounds|out of bounds.*data/i, 'memory-oob'],
  [/table index is out of bounds|out of bounds table|undefined element|element segment.*out of bounds|table.*out of bounds/i, 'table-oob'],
  [/divide by zero|division by zero|remainder by zero/i, 'div-zero'],
  // V8 says "float unrepresentable in integer range" for both trunc traps the spec tells apart
  // ("integer overflow", "invalid conversion to integer"), and "divide result unrepresentable" for
  // the spec's division "integer overflow": one class for all of them.
  [/integer overflow|unrepresentable|invalid conversion to integer/i, 'overflow/conversion'],
  // V8 says "null function or function signature mismatch" for both call_indirect traps.
  [/null function|uninitialized element|indirect call to null|signature mismatch|indirect call type mismatch/i, 'null-or-sig'],
  [/dereferencing a null|null reference/i, 'null'],
  [/stack|recursion/i, 'stack'],
];

export function trapClass(e: unknown, ns: Ns): string {
  const msg = String((e as Error)?.message ?? e);
  const kind = e instanceof ns.RuntimeError ? 'RuntimeError' : e instanceof RangeError ? 'RangeError'
    : e instanceof TypeError ? 'TypeError' : e instanceof ns.LinkError ? 'LinkError' : (e as Error)?.constructor?.name ?? typeof e;
  if (kind === 'RangeError') return 'RangeError'; // stack exhaustion; messages are engine-specific
  const cls = TRAP_CLASSES.find(([re]) => re.test(msg))?.[1] ?? `other(${msg.slice(0, 60)})`;
  return `${kind}:${cls}`;
}

function show(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'function') return 'function';
  if (Array.isArray(v)) return `[${v.map(show).join(',')}]`;
  return typeof v;
}

const ARGS: Record<number, unknown[]> = {
  [I32]: [0, 1, -1, 0x7fffffff],
  [I64]: [0n, 1n, -1n, 0x7fffffffffffffffn],
  [F32]: [0, 1.5, -0, NaN],
  [F64]: [0, -1.5, Infinity, NaN],
};

function argsFor(t: ValType, k: number): unknown {
  return ARGS[t]?.[k] ?? null;
}

export interface Trace {
  log: string[];
  memories: Uint8Array[];
}

/** Whether a and b differ only in bytes that lie, in both, inside an f32 or f64 NaN. */
export function equalUpToNaNs(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  const da = new DataView(a.buffer, a.byteOffset, a.length);
  const db = new DataView(b.buffer, b.byteOffset, b.length);
  const nan = (o: number, w: 4 | 8): boolean => o >= 0 && o + w <= a.length &&
    (w === 4 ? Number.isNaN(da.getFloat32(o, true)) && Number.isNaN(db.getFloat32(o, true))
      : Number.isNaN(da.getFloat64(o, true)) && Number.isNaN(db.getFloat64(o, true)));
  for (let j = 0; j < a.length; j++) {
    if (a[j] === b[j]) continue;
    let ok = false;
    for (let o = j - 7; o <= j && !ok; o++) ok = nan(o, 8) || (o >= j - 3 && nan(o, 4));
    if (!ok) return false;
  }
  return true;
}

/** Parameter types of the exported functions, from purewasm's decoder (types are not reflected). */
function exportParams(bytes: Uint8Array): Map<string, ValType[]> {
  const m = compileBytes(bytes, { builtins: null, importedStringConstants: null }).module;
  const out = new Map<string, ValType[]>();
  for (const e of m.exports) {
    if (e.kind !== EXTERNAL_FUNC) continue;
    out.set(e.name, (canonType(m.types[m.funcs[e.index]]).sub.comp as FuncType).params);
  }
  return out;
}

export function trace(ns: Ns, bytes: Uint8Array, rounds = 2): Trace {
  const log: string[] = [];
  const memories: Uint8Array[] = [];
  let mod: object;
  try {
    mod = new ns.Module(bytes);
  } catch (e) {
    return { log: [`compile: ${trapClass(e, ns)}`], memories };
  }
  const params = exportParams(bytes);
  // Every import is a logging function: the fuzz modules only import functions.
  const imports: Record<string, Record<string, unknown>> = {};
  for (const imp of (ns.Module as unknown as { imports(m: object): { module: string; name: string; kind: string }[] }).imports(mod)) {
    if (imp.kind !== 'function') return { log: [`unsupported import kind ${imp.kind}`], memories };
    (imports[imp.module] ??= {})[imp.name] = (...a: unknown[]) => {
      log.push(`import ${imp.module}.${imp.name}(${a.map(show).join(',')})`);
      if (log.length > 10_000) throw new Error('too much logging');
    };
  }
  let inst;
  try {
    inst = new ns.Instance(mod, imports);
  } catch (e) {
    return { log: [...log, `instantiate: ${trapClass(e, ns)}`], memories };
  }
  const ex = inst.exports;
  const reset = ex.hangLimitInitializer as (() => void) | undefined;
  for (let k = 0; k < rounds; k++) {
    for (const [name, v] of Object.entries(ex)) {
      if (typeof v !== 'function' || name === 'hangLimitInitializer') continue;
      const ps = params.get(name) ?? [];
      try {
        reset?.();
        log.push(`call ${name} → ${show((v as (...a: unknown[]) => unknown)(...ps.map((t) => argsFor(t, k))))}`);
      } catch (e) {
        log.push(`call ${name} → throws ${trapClass(e, ns)}`);
      }
    }
  }
  for (const [name, v] of Object.entries(ex)) {
    if (v instanceof ns.Memory) {
      log.push(`memory ${name} ${v.buffer.byteLength} bytes`);
      memories.push(new Uint8Array(v.buffer).slice());
    }
    else if (v instanceof ns.Global) {
      try { log.push(`global ${name} = ${show(v.value)}`); } catch (e) { log.push(`global ${name} throws ${trapClass(e, ns)}`); }
    } else if (v instanceof ns.Table) log.push(`table ${name} length ${v.length}`);
  }
  return { log, memories };
}

/** The first difference of two traces (native first), or null when they agree. */
export function firstDifference(a: Trace, b: Trace): string | null {
  for (let i = 0; i < Math.max(a.log.length, b.log.length); i++) {
    if (a.log[i] !== b.log[i]) return `line ${i}: native ${a.log[i] ?? '(end)'} | purewasm ${b.log[i] ?? '(end)'}`;
  }
  for (let i = 0; i < a.memories.length; i++) {
    if (!equalUpToNaNs(a.memories[i], b.memories[i])) {
      const j = a.memories[i].findIndex((x, k) => x !== b.memories[i][k]);
      return `memory ${i} differs at byte ${j}`;
    }
  }
  return null;
}
