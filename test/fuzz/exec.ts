// Running an accepted (mutated) module: stub imports built from the module's own import types,
// instantiation, then every exported function called with fixed arguments. Only the outcomes a
// sandbox may produce are allowed: RuntimeError (trap), RangeError (stack exhaustion or an
// allocation the engine refuses), LinkError, a wasm exception. Anything else is a crash.
//
// Memories and tables are capped (memory max ≤ 1024 pages, table max ≤ 100,000) so that a mutated
// `memory.grow` cannot take the shared machine's RAM; the fuzzer is after engine bugs, not after
// how big an ArrayBuffer the host will hand out.
import { compileBytes } from '../../src/api/module.js';
import { defaultValue } from '../../src/api/values.js';
import { CompileError, LinkError, RuntimeError } from '../../src/api/errors.js';
import { canonType } from '../../src/syntax/canon.js';
import {
  EXTERNAL_FUNC, EXTERNAL_GLOBAL, EXTERNAL_MEMORY, EXTERNAL_TABLE, EXTERNAL_TAG, KIND_FUNC,
  I32, I64, F32, F64, V128, type FuncType, type ValType, type Limits,
} from '../../src/syntax/types.js';
import type { Module } from '../../src/syntax/module.js';
import {
  createGlobal, createMemory, createTable, createTag, hostFunc, instantiate, invoke, ExnInst,
} from '../../src/runtime/index.js';
import type { ExternVal, Value } from '../../src/runtime/interface.js';

const MEM_CAP = 1024;
const TABLE_CAP = 100_000;

/** Thrown when a module cannot be run with stubs (e.g. a non-defaultable import); not a finding. */
class Skip extends Error {}

function capped(l: Limits, cap: number): Limits {
  if (l.min > cap) throw new Skip('too big to run');
  return { ...l, max: l.max === null ? cap : Math.min(l.max, cap) };
}

function funcType(m: Module, typeIndex: number): FuncType {
  const c = canonType(m.types[typeIndex]).sub.comp;
  if (c.kind !== KIND_FUNC) throw new Skip('not a function type');
  return c as FuncType;
}

function zero(t: ValType): Value {
  try {
    // The engine's externref default is null (the API's undefined is a JS API convention).
    const v = defaultValue(t);
    return v === undefined ? null : v;
  } catch {
    throw new Skip('non-defaultable type');
  }
}

/** A second fixed argument set, with values that reach edge cases (sign bits, NaN, -0). */
function edge(t: ValType): Value {
  switch (t) {
    case I32: return -1;
    case I64: return -9223372036854775808n;
    case F32: return -0;
    case F64: return NaN;
    case V128: return Uint8Array.from({ length: 16 }, (_, i) => i * 17);
  }
  return zero(t);
}

function stubImports(m: Module): ExternVal[] {
  return m.imports.map((imp) => {
    switch (imp.kind) {
      case EXTERNAL_FUNC: {
        const id = m.types[m.funcs[imp.index]];
        const ft = funcType(m, m.funcs[imp.index]);
        return hostFunc(id, () => ft.results.map(zero));
      }
      case EXTERNAL_TABLE: {
        const t = m.tables[imp.index].type;
        return createTable({ elem: t.elem, limits: capped(t.limits, TABLE_CAP) }, zero(t.elem));
      }
      case EXTERNAL_MEMORY:
        return createMemory(capped(m.memories[imp.index].limits, MEM_CAP));
      case EXTERNAL_GLOBAL: {
        const g = m.globals[imp.index].type;
        return createGlobal(g, zero(g.type));
      }
      case EXTERNAL_TAG:
        return createTag(m.types[m.tags[imp.index].typeIndex]);
    }
    throw new Skip('unknown import kind');
  });
}

/** Is `e` an outcome a wasm run may legitimately end with? */
export function allowedRunError(e: unknown): boolean {
  return e instanceof RuntimeError || e instanceof RangeError || e instanceof LinkError || e instanceof ExnInst ||
    (e instanceof Error && (e as { exn?: unknown }).exn instanceof ExnInst);
}

export interface RunOutcome {
  /** The module could not be run with stubs (not a finding). */
  skipped: boolean;
  calls: number;
  traps: number;
  /** A disallowed error: the finding. */
  crash: string | null;
  /** An instruction a tier does not implement yet (a known gap, reported apart from crashes). */
  unimplemented: string | null;
}

const GAP = /^not yet implemented: instruction (\S+)/;

/** Compiles (must succeed), instantiates with stubs and calls every exported function twice. */
export function runModule(bytes: Uint8Array, phase: (p: number) => void = () => {}): RunOutcome {
  const out: RunOutcome = { skipped: false, calls: 0, traps: 0, crash: null, unimplemented: null };
  const m = compileBytes(bytes, { builtins: null, importedStringConstants: null }).module;
  // Cap defined memories and tables the same way as imported ones (see the header).
  const nImpMem = m.imports.filter((i) => i.kind === EXTERNAL_MEMORY).length;
  const nImpTab = m.imports.filter((i) => i.kind === EXTERNAL_TABLE).length;
  let inst;
  try {
    for (let i = nImpMem; i < m.memories.length; i++) m.memories[i] = { limits: capped(m.memories[i].limits, MEM_CAP) };
    for (let i = nImpTab; i < m.tables.length; i++) {
      const t = m.tables[i];
      m.tables[i] = { ...t, type: { elem: t.type.elem, limits: capped(t.type.limits, TABLE_CAP) } };
    }
    const imports = stubImports(m);
    phase(2);
    inst = instantiate(m, imports);
  } catch (e) {
    if (e instanceof Skip) return { ...out, skipped: true };
    if (allowedRunError(e) || e instanceof CompileError) return out;
    return { ...out, crash: `instantiate: ${String((e as Error)?.stack ?? e)}` };
  }
  phase(3);
  for (const ex of inst.exports) {
    if (ex.kind !== EXTERNAL_FUNC) continue;
    const f = ex.value as { type: number; api: unknown };
    const c = canonType(f.type).sub.comp as FuncType;
    for (const gen of [zero, edge]) {
      let args: Value[];
      try {
        args = c.params.map(gen);
      } catch {
        break; // non-defaultable parameter: not callable with fixed arguments
      }
      out.calls++;
      try {
        invoke(f, args);
      } catch (e) {
        const gap = GAP.exec(String((e as Error)?.message));
        if (allowedRunError(e)) out.traps++;
        else if (gap) return { ...out, unimplemented: gap[1] };
        else return { ...out, crash: `call ${JSON.stringify(ex.name)}: ${String((e as Error)?.stack ?? e)}` };
      }
    }
  }
  return out;
}
