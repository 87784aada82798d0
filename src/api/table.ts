// WebAssembly.Table (JS API "Tables"). One Table object per table instance (the Table object cache).
// Indices outside the table are a RangeError here, where wasm code traps instead.

import type { TableInst, Value } from '../runtime/interface.js';
import { createTable } from '../runtime/index.js';
import type { TableType } from '../syntax/types.js';
import { addressValueToU64, toAddressType, u64ToAddressValue, type AddressType } from './address.js';
import { TABLE_KINDS, TABLE_KIND_NAMES, defaultValue, isExnRef, toJS, toWasm } from './values.js';
import { dictionary, isObject, member, setLength, shapeInterface, toEnum } from './webidl.js';

const MAX_SIZE_64 = 2 ** 64; // valid tabletype: limits within 2^64 - 1 for i64 (i32 is range-checked)

const cache = new WeakMap<TableInst, Table>();
const CREATE = Symbol('create');
let instOf: (o: unknown) => TableInst | undefined;

function descriptorToType(descriptor: unknown): TableType {
  const what = 'WebAssembly.Table()';
  const d = dictionary(descriptor, `${what}: Argument 0`);
  const address = toAddressType(member(d, 'address', false, what), what);
  const kind = toEnum(member(d, 'element', true, what), TABLE_KIND_NAMES, `${what}: 'element'`);
  const initialV = member(d, 'initial', true, what);
  const maximumV = member(d, 'maximum', false, what);
  const min = addressValueToU64(initialV, address, `${what}: 'initial'`);
  const max = maximumV === undefined ? null : addressValueToU64(maximumV, address, `${what}: 'maximum'`);
  if (min >= MAX_SIZE_64 || (max !== null && max >= MAX_SIZE_64)) throw new RangeError(`${what}: size out of range`);
  if (max !== null && max < min) throw new RangeError(`${what}: 'maximum' (${max}) is below 'initial' (${min})`);
  return { elem: TABLE_KINDS[kind], limits: { min, max, addr64: address === 'i64', shared: false, pageSizeLog2: 16 } }; // the decoder's default for every limits
}

function addressTypeOf(t: TableInst): AddressType {
  return t.type.limits.addr64 ? 'i64' : 'i32';
}

/** The value of an optional element argument: undefined (missing) is the type's default. */
function elementValue(t: TableInst, v: unknown): Value {
  return v === undefined ? defaultValue(t.type.elem) : toWasm(v, t.type.elem);
}

export class Table {
  #table: TableInst;

  constructor(descriptor: unknown, value?: unknown) {
    if (descriptor === CREATE) {
      this.#table = value as TableInst;
    } else {
      const type = descriptorToType(descriptor);
      const init = value === undefined ? defaultValue(type.elem) : toWasm(value, type.elem);
      try {
        this.#table = createTable(type, init);
      } catch (e) {
        if (e instanceof RangeError) throw new RangeError('WebAssembly.Table(): could not allocate table');
        throw e;
      }
    }
    cache.set(this.#table, this);
  }

  grow(delta: unknown, value?: unknown): number | bigint {
    const t = this.#table;
    const type = addressTypeOf(t);
    const d = addressValueToU64(delta, type, 'WebAssembly.Table.grow(): Argument 0');
    const init = elementValue(t, value);
    const old = t.grow(d, init);
    if (old < 0) throw new RangeError('WebAssembly.Table.grow(): failed to grow table');
    return u64ToAddressValue(old, type);
  }

  get(index: unknown): unknown {
    const t = this.#table;
    if (isExnRef(t.type.elem)) throw new TypeError('WebAssembly.Table.get(): exnref tables are not accessible from JS');
    const i = addressValueToU64(index, addressTypeOf(t), 'WebAssembly.Table.get(): Argument 0');
    if (i >= t.size()) throw new RangeError(`WebAssembly.Table.get(): invalid index ${i} into a table of size ${t.size()}`);
    return toJS(t.get(i), t.type.elem);
  }

  set(index: unknown, value?: unknown): void {
    const t = this.#table;
    if (isExnRef(t.type.elem)) throw new TypeError('WebAssembly.Table.set(): exnref tables are not accessible from JS');
    const i = addressValueToU64(index, addressTypeOf(t), 'WebAssembly.Table.set(): Argument 0');
    // Only an absent value is "missing" here: the JS API testsuite (table/get-set.any.js) and
    // browsers convert an explicit undefined (a TypeError for funcref).
    const v = arguments.length < 2 ? defaultValue(t.type.elem) : toWasm(value, t.type.elem);
    if (i >= t.size()) throw new RangeError(`WebAssembly.Table.set(): invalid index ${i} into a table of size ${t.size()}`);
    t.set(i, v);
  }

  get length(): number | bigint {
    const t = this.#table;
    return u64ToAddressValue(t.size(), addressTypeOf(t));
  }

  static {
    instOf = (o) => (isObject(o) && #table in o ? (o as Table).#table : undefined);
  }
}
shapeInterface(Table, 'Table', 1);
setLength(Table.prototype.grow, 1);
setLength(Table.prototype.set, 1);

/** The table instance of a Table object, or undefined (the brand check). */
export function tableInst(v: unknown): TableInst | undefined {
  return instOf(v);
}

/** "Create a table object": the cached one, or a new object for the instance. */
export function tableObject(t: TableInst): Table {
  return cache.get(t) ?? new Table(CREATE, t);
}
