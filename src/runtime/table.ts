// Table instances (spec 4.2.7 "Table Instances"). Elements are boxed reference values (null, a
// FuncInst, a host value …), which is also what compiled code stores and loads.

import type { TableInst, Value } from './interface.js';
import type { TableType } from '../syntax/types.js';
import { RuntimeError } from '../api/errors.js';

/** JS API implementation limit on table sizes. */
export const MAX_TABLE_SIZE = 10_000_000;

export class Table implements TableInst {
  readonly type: TableType;
  elems: Value[];
  private readonly max: number;

  constructor(type: TableType, init: Value) {
    this.type = { elem: type.elem, limits: { ...type.limits } };
    const cap = type.limits.addr64 ? MAX_TABLE_SIZE : Math.min(MAX_TABLE_SIZE, 0xffffffff);
    this.max = type.limits.max === null ? cap : Math.min(type.limits.max, cap);
    if (type.limits.min > this.max) throw new RangeError('WebAssembly.Table: could not allocate table');
    this.elems = new Array<Value>(type.limits.min).fill(init);
  }

  size(): number {
    return this.elems.length;
  }

  get(i: number): Value {
    if (!(i >= 0 && i < this.elems.length)) throw new RuntimeError('out of bounds table access');
    return this.elems[i];
  }

  set(i: number, v: Value): void {
    if (!(i >= 0 && i < this.elems.length)) throw new RuntimeError('out of bounds table access');
    this.elems[i] = v;
  }

  grow(delta: number, init: Value): number {
    const old = this.elems.length;
    if (!(delta >= 0) || delta > this.max - old) return -1;
    for (let i = 0; i < delta; i++) this.elems.push(init);
    this.type.limits.min = old + delta;
    return old;
  }
}

export function createTable(type: TableType, init: Value): Table {
  return new Table(type, init);
}
