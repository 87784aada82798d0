// The `spectest` host module of the testsuite's conventions, built from the engine contract:
// print functions (doing nothing: the runner has no console to check), global_i32/i64 = 666,
// global_f32/f64 = 666.6, table (10..20 funcref), table64 (i64 10..20 funcref), memory (1..2 pages),
// shared_memory (1..2 pages, shared; threads proposal).

import type { ExportInfo } from './engine.js';
import type { FuncInst, GlobalInst, MemoryInst, TableInst, Value } from '../runtime/interface.js';
import { registerRecGroup } from '../syntax/canon.js';
import {
  EXTERNAL_FUNC, EXTERNAL_GLOBAL, EXTERNAL_MEMORY, EXTERNAL_TABLE, F32, F64, FUNCREF, I32, I64, KIND_FUNC,
  type GlobalType, type Limits, type TableType, type ValType,
} from '../syntax/types.js';

/** The runtime functions the spectest module is made with (runtime/index.ts exports them). */
export interface SpectestFactory {
  createMemory(limits: Limits): MemoryInst;
  createTable(type: TableType, init: Value): TableInst;
  createGlobal(type: GlobalType, value: Value): GlobalInst;
  hostFunc(type: number, call: (args: Value[]) => Value[]): FuncInst;
}

export function funcTypeId(params: ValType[], results: ValType[]): number {
  return registerRecGroup([{ final: true, supers: [], comp: { kind: KIND_FUNC, params, results } }], 0, [])[0];
}

const limits = (min: number, max: number | null, addr64 = false): Limits => ({ min, max, addr64, shared: false, pageSizeLog2: 16 });

export function buildSpectest(rt: SpectestFactory): Map<string, ExportInfo> {
  const m = new Map<string, ExportInfo>();
  const func = (name: string, params: ValType[]) => {
    m.set(name, { kind: EXTERNAL_FUNC, value: rt.hostFunc(funcTypeId(params, []), () => []) });
  };
  func('print', []);
  func('print_i32', [I32]);
  func('print_i64', [I64]);
  func('print_f32', [F32]);
  func('print_f64', [F64]);
  func('print_i32_f32', [I32, F32]);
  func('print_f64_f64', [F64, F64]);
  const global = (name: string, type: ValType, value: Value) => {
    m.set(name, { kind: EXTERNAL_GLOBAL, value: rt.createGlobal({ type, mutable: false }, value) });
  };
  global('global_i32', I32, 666);
  global('global_i64', I64, 666n);
  global('global_f32', F32, Math.fround(666.6));
  global('global_f64', F64, 666.6);
  m.set('table', { kind: EXTERNAL_TABLE, value: rt.createTable({ elem: FUNCREF, limits: limits(10, 20) }, null) });
  m.set('table64', { kind: EXTERNAL_TABLE, value: rt.createTable({ elem: FUNCREF, limits: limits(10, 20, true) }, null) });
  m.set('memory', { kind: EXTERNAL_MEMORY, value: rt.createMemory(limits(1, 2)) });
  // The threads proposal's convention; left out while the engine has no shared memories.
  try {
    m.set('shared_memory', { kind: EXTERNAL_MEMORY, value: rt.createMemory({ ...limits(1, 2), shared: true }) });
  } catch {
    // not supported: imports of it fail as unknown imports
  }
  return m;
}
