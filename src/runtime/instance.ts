// Module instantiation (spec 4.5.4 "Instantiation"): imports are checked against their declared
// types (LinkError naming the import), then functions, globals, tables, memories and tags are
// allocated, element and data segments evaluated, active segments applied in order (a segment out
// of bounds traps, leaving earlier effects in place, as the spec says) and the start function run.

import type { Module } from '../syntax/module.js';
import { SEG_ACTIVE, SEG_DECLARATIVE } from '../syntax/module.js';
import {
  EXTERNAL_FUNC, EXTERNAL_GLOBAL, EXTERNAL_MEMORY, EXTERNAL_TABLE, EXTERNAL_TAG, EXTERNAL_KIND_NAMES,
  type Limits,
} from '../syntax/types.js';
import { isSubId } from '../syntax/canon.js';
import { matchValType } from '../valid/match.js';
import { LinkError } from '../api/errors.js';
import type { ExportVal, ExternVal, FuncInst, InstanceInst, Value } from './interface.js';
import { Memory } from './memory.js';
import { Table } from './table.js';
import { Global } from './global.js';
import { HostFunc, Tag, WasmFunc } from './func.js';
import { evalConst, offsetOf } from './constexpr.js';
import { ensureCompiled, lazyStub, newEnv, type Env } from '../exec/compile/index.js';
import { HELPERS } from '../exec/compile/helpers.js';

export class Instance implements InstanceInst {
  readonly module: Module;
  readonly exports: ExportVal[] = [];
  /** The compiled code's view of this instance. */
  readonly env: Env;
  constructor(module: Module, env: Env) {
    this.module = module;
    this.env = env;
  }
}

function limitsMatch(actual: Limits, expected: Limits): boolean {
  if (actual.addr64 !== expected.addr64 || actual.shared !== expected.shared) return false;
  if (actual.pageSizeLog2 !== expected.pageSizeLog2) return false;
  if (actual.min < expected.min) return false;
  if (expected.max === null) return true;
  return actual.max !== null && actual.max <= expected.max;
}

function kindOfExtern(v: ExternVal): number {
  if (v instanceof WasmFunc || v instanceof HostFunc) return EXTERNAL_FUNC;
  if (v instanceof Table) return EXTERNAL_TABLE;
  if (v instanceof Memory) return EXTERNAL_MEMORY;
  if (v instanceof Global) return EXTERNAL_GLOBAL;
  if (v instanceof Tag) return EXTERNAL_TAG;
  return -1;
}

function checkImports(m: Module, imports: ExternVal[]): void {
  if (imports.length < m.imports.length) throw new LinkError(`expected ${m.imports.length} imports, got ${imports.length}`);
  m.imports.forEach((imp, i) => {
    const v = imports[i];
    const fail = (why: string): never => {
      throw new LinkError(`incompatible import type for "${imp.module}" "${imp.name}": ${why}`);
    };
    const kind = kindOfExtern(v);
    if (kind !== imp.kind) fail(`expected ${EXTERNAL_KIND_NAMES[imp.kind]}, got ${kind < 0 ? 'a non-extern value' : EXTERNAL_KIND_NAMES[kind]}`);
    switch (imp.kind) {
      case EXTERNAL_FUNC: {
        const want = m.types[m.funcs[imp.index]];
        if (!isSubId((v as FuncInst).type, want)) fail('function type mismatch');
        break;
      }
      case EXTERNAL_TABLE: {
        const want = m.tables[imp.index].type;
        const t = v as Table;
        if (t.type.elem !== want.elem) fail('table element type mismatch');
        if (!limitsMatch(t.type.limits, want.limits)) fail('table limits mismatch');
        break;
      }
      case EXTERNAL_MEMORY:
        if (!limitsMatch((v as Memory).limits, m.memories[imp.index].limits)) fail('memory limits mismatch');
        break;
      case EXTERNAL_GLOBAL: {
        const want = m.globals[imp.index].type;
        const got = (v as Global).type;
        if (got.mutable !== want.mutable) fail('global mutability mismatch');
        const ok = want.mutable ? got.type === want.type : matchValType(got.type, want.type);
        if (!ok) fail('global type mismatch');
        break;
      }
      case EXTERNAL_TAG:
        if ((v as Tag).type !== m.types[m.tags[imp.index].typeIndex]) fail('tag type mismatch');
        break;
    }
  });
}

/** A WasmFunc's entry point until its lazy stub is made, just after. */
const NOT_YET = (): undefined => undefined;

/** The instances of defined functions from..to-1, with their lazy stubs. */
function defineFuncs(m: Module, env: Env, from: number, to: number): void {
  const types = m.types, funcs = m.funcs, FI = env.FI, F = env.F;
  for (let i = from; i < to; i++) {
    const fi = new WasmFunc(types[funcs[i]], m, i, NOT_YET);
    fi.ownerEnv = env;
    const fn = lazyStub(fi, m, env);
    fi.fn = fn;
    FI.push(fi);
    F.push(fn);
  }
}

export function instantiate(m: Module, imports: ExternVal[]): Instance {
  checkImports(m, imports);
  const env = newEnv();
  env.Y = m.types;
  const inst = new Instance(m, env);
  const tags = env.TG as Tag[];
  m.imports.forEach((imp, i) => {
    const v = imports[i];
    switch (imp.kind) {
      case EXTERNAL_FUNC: {
        const f = v as WasmFunc | HostFunc;
        // Another instance's function: compile it now so that F holds its final entry point.
        if (f instanceof WasmFunc && !f.compiled) ensureCompiled(f, f.owner as Module, (f.ownerEnv as Env));
        env.FI.push(f);
        env.F.push(f.fn);
        break;
      }
      case EXTERNAL_TABLE: env.T.push(v as Table); break;
      case EXTERNAL_MEMORY: env.M.push(v as Memory); break;
      case EXTERNAL_GLOBAL: env.G.push(v as Global); break;
      case EXTERNAL_TAG: tags.push(v as Tag); break;
    }
  });
  // One object and one stub per defined function (16,000 in swc), made by a small function called
  // per 1,024: V8 optimises it quickly once hot, and the next call runs the optimised code.
  for (let i = m.numImportedFuncs; i < m.funcs.length; i += 1024) defineFuncs(m, env, i, Math.min(i + 1024, m.funcs.length));
  const cenv = { funcs: env.FI, globals: env.G };
  for (let i = m.numImportedGlobals; i < m.globals.length; i++) {
    const g = m.globals[i];
    env.G.push(new Global(g.type, evalConst(m, g.init!, cenv)));
  }
  for (let i = m.numImportedTables; i < m.tables.length; i++) {
    const t = m.tables[i];
    env.T.push(new Table(t.type, t.init ? evalConst(m, t.init, cenv) : null));
  }
  for (let i = m.numImportedMemories; i < m.memories.length; i++) env.M.push(new Memory(m.memories[i].limits));
  for (let i = m.numImportedTags; i < m.tags.length; i++) tags.push(new Tag(m.types[m.tags[i].typeIndex]));

  for (const e of m.exports) {
    const value: ExternVal =
      e.kind === EXTERNAL_FUNC ? env.FI[e.index] : e.kind === EXTERNAL_TABLE ? env.T[e.index]
        : e.kind === EXTERNAL_MEMORY ? env.M[e.index] : e.kind === EXTERNAL_GLOBAL ? env.G[e.index] : tags[e.index];
    inst.exports.push({ name: e.name, kind: e.kind, value });
  }

  for (const seg of m.elems) {
    const vals: Value[] = seg.funcs ? Array.from(seg.funcs, (f) => env.FI[f]) : seg.exprs!.map((x) => evalConst(m, x, cenv));
    env.EL.push(vals);
  }
  for (const seg of m.datas) env.D.push(m.bytes.subarray(seg.start, seg.end));

  const X = HELPERS as unknown as {
    tableInit(t: Table, s: Value[], d: number, o: number, n: number): void;
    memInit(mem: Memory, s: Uint8Array, d: number, o: number, n: number): void;
    EMPTY_DATA: Uint8Array;
    EMPTY_ELEM: Value[];
  };
  m.elems.forEach((seg, i) => {
    if (seg.mode === SEG_ACTIVE) {
      const n = env.EL[i].length;
      X.tableInit(env.T[seg.table], env.EL[i], offsetOf(evalConst(m, seg.offset!, cenv)), 0, n);
      env.EL[i] = X.EMPTY_ELEM;
    } else if (seg.mode === SEG_DECLARATIVE) env.EL[i] = X.EMPTY_ELEM;
  });
  m.datas.forEach((seg, i) => {
    if (seg.mode === SEG_ACTIVE) {
      const n = env.D[i].length;
      X.memInit(env.M[seg.memory], env.D[i], offsetOf(evalConst(m, seg.offset!, cenv)), 0, n);
      env.D[i] = X.EMPTY_DATA;
    }
  });
  if (m.start !== null) env.F[m.start]();
  return inst;
}
