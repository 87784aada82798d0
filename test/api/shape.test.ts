// The shape of the namespace against Node's native WebAssembly, member by member: property
// descriptors, lengths, names, prototype chains and Symbol.toStringTag. Where V8 (Node 20) deviates
// from the spec text, the spec wins and the deviation is listed in NATIVE_DEVIATIONS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebAssembly as P } from '../../src/index.js';

const N = globalThis.WebAssembly as unknown as Record<string | symbol, unknown>;
const ours = P as unknown as Record<string | symbol, unknown>;

/**
 * V8 gives interface objects (legacy sloppy functions) own `arguments` and `caller`; Web IDL
 * interface objects are built-in function objects, which have neither. Node 20's V8 has no JSTag
 * (checked against the spec below) and gives Exceptions an own `stack` data property where the
 * spec has a `stack` accessor on Exception.prototype (also checked below).
 */
const NATIVE_DEVIATIONS = new Set(['arguments', 'caller']);
const NOT_YET = new Set(['JSTag', 'stack', 'toFixedLengthBuffer', 'toResizableBuffer']);

/** Exception's constructor has two required arguments in the IDL (length 2); V8 says 1. */
const LENGTH_DEVIATION = new Set<unknown>([ours.Exception, N.Exception]);

type Desc = Record<string, unknown>;
function shape(d: PropertyDescriptor | undefined): Desc | undefined {
  if (!d) return undefined;
  const out: Desc = {};
  for (const k of ['writable', 'enumerable', 'configurable'] as const) if (k in d) out[k] = d[k];
  const v = d.value;
  if (typeof v === 'function') out.value = `function ${v.name}/${LENGTH_DEVIATION.has(v) ? '*' : v.length}`;
  else if (typeof v !== 'object' || v === null) out.value = v;
  else out.value = 'object';
  if (d.get) out.get = `${d.get.name}/${d.get.length}`;
  if (d.set) out.set = `${d.set.name}/${d.set.length}`;
  return out;
}

function keys(o: object): (string | symbol)[] {
  return Reflect.ownKeys(o).filter((k) => typeof k !== 'string' || (!NATIVE_DEVIATIONS.has(k) && !NOT_YET.has(k)
    && !(k === 'length' && LENGTH_DEVIATION.has(o))));
}

function compareObject(label: string, mine: object, native: object): void {
  const a = new Set(keys(mine).map(String));
  const b = new Set(keys(native).map(String));
  assert.deepEqual([...a].sort(), [...b].sort(), `${label}: own keys`);
  for (const k of keys(native)) {
    assert.deepEqual(shape(Reflect.getOwnPropertyDescriptor(mine, k)), shape(Reflect.getOwnPropertyDescriptor(native, k)), `${label}.${String(k)}`);
  }
}

test('namespace: own members, attributes, prototype and toStringTag match native', () => {
  compareObject('WebAssembly', P, N);
  assert.equal(Object.getPrototypeOf(P), Object.prototype);
  assert.equal(Object.prototype.toString.call(P), '[object WebAssembly]');
});

for (const name of ['Module', 'Instance', 'Memory', 'Table', 'Global', 'Tag', 'Exception']) {
  test(`interface ${name}: constructor, static members and prototype match native`, () => {
    const mine = ours[name] as Function;
    const native = N[name] as Function;
    compareObject(name, mine, native);
    compareObject(`${name}.prototype`, mine.prototype, native.prototype);
    assert.equal(Object.getPrototypeOf(mine), Function.prototype);
    assert.equal(Object.getPrototypeOf(mine.prototype), Object.prototype);
    assert.equal(mine.prototype.constructor, mine);
    assert.throws(() => (mine as () => unknown)(), TypeError, 'callable without new');
    // Operations and accessors are not constructors.
    for (const k of Reflect.ownKeys(mine.prototype)) {
      const d = Reflect.getOwnPropertyDescriptor(mine.prototype, k)!;
      for (const f of [d.value, d.get, d.set]) {
        if (typeof f === 'function' && f !== mine) assert.throws(() => Reflect.construct(f, []), TypeError, `${String(k)} constructible`);
      }
    }
  });
}

test('Memory.prototype.toFixedLengthBuffer and toResizableBuffer: operations as the IDL says (Node 20 has neither)', () => {
  for (const k of ['toFixedLengthBuffer', 'toResizableBuffer']) {
    const d = shape(Reflect.getOwnPropertyDescriptor((ours.Memory as Function).prototype, k));
    assert.deepEqual(d, { writable: true, enumerable: true, configurable: true, value: `function ${k}/0` }, k);
    assert.throws(() => ((ours.Memory as Function).prototype[k] as () => unknown).call({}), TypeError, `${k} brand check`);
  }
});

test('JSTag and Exception.prototype.stack: as the spec IDL says (Node 20 has neither)', () => {
  assert.deepEqual(shape(Reflect.getOwnPropertyDescriptor(P, 'JSTag')), { enumerable: true, configurable: true, get: 'get JSTag/0', value: undefined });
  assert.equal((ours.Exception as Function).length, 2);
  const d = shape(Reflect.getOwnPropertyDescriptor((ours.Exception as Function).prototype, 'stack'))!;
  assert.deepEqual(d, { enumerable: true, configurable: true, get: 'get stack/0', value: undefined });
});

for (const name of ['CompileError', 'LinkError', 'RuntimeError']) {
  test(`error class ${name}: NativeError structure like native`, () => {
    const mine = ours[name] as ErrorConstructor;
    const native = N[name] as ErrorConstructor;
    compareObject(name, mine, native);
    compareObject(`${name}.prototype`, mine.prototype, native.prototype);
    assert.equal(Object.getPrototypeOf(mine), Error);
    assert.equal(Object.getPrototypeOf(mine.prototype), Error.prototype);
    const e1 = new mine('m');
    const e2 = (mine as unknown as (m: string) => Error)('m');
    for (const e of [e1, e2]) {
      assert.ok(e instanceof mine && e instanceof Error);
      assert.equal(e.message, 'm');
      assert.equal(Object.prototype.toString.call(e), '[object Error]');
      assert.deepEqual(Object.getOwnPropertyNames(e).sort(), Object.getOwnPropertyNames(new native('m')).sort());
    }
    assert.equal(new mine('x', { cause: 1 }).cause, 1);
    assert.equal(String(new mine('boom')), `${name}: boom`);
  });
}

test('brand checks: methods and accessors on the wrong object throw TypeError', () => {
  const cases: [Function, string, string, unknown[]][] = [
    [P.Memory, 'grow', 'value', [1]], [P.Memory, 'buffer', 'get', []],
    [P.Table, 'get', 'value', [0]], [P.Table, 'set', 'value', [0, null]], [P.Table, 'grow', 'value', [1]],
    [P.Table, 'length', 'get', []], [P.Global, 'valueOf', 'value', []], [P.Global, 'value', 'get', []],
    [P.Global, 'value', 'set', [1]], [P.Instance, 'exports', 'get', []],
  ];
  for (const [C, key, kind, args] of cases) {
    const f = (Object.getOwnPropertyDescriptor(C.prototype, key) as Record<string, Function>)[kind];
    for (const recv of [{}, undefined, null, 1, C.prototype, Object.create(C.prototype)]) {
      assert.throws(() => Reflect.apply(f, recv, args), TypeError, `${C.name}.${key} on ${String(recv)}`);
    }
  }
  // Memory methods on a Table and the other way round.
  const table = new P.Table({ element: 'anyfunc', initial: 1 });
  assert.throws(() => Reflect.apply(P.Memory.prototype.grow, table, [0]), TypeError);
  assert.throws(() => P.Module.exports(table as never), TypeError);
  assert.throws(() => P.Module.imports({} as never), TypeError);
  assert.throws(() => P.Module.customSections({} as never, 'x'), TypeError);
});

test('instances are ordinary objects with the interface prototype; subclassing works', () => {
  const m = new P.Memory({ initial: 1 });
  assert.equal(Object.getPrototypeOf(m), P.Memory.prototype);
  assert.deepEqual(Reflect.ownKeys(m), []);
  class Sub extends P.Memory {}
  const s = new Sub({ initial: 1 });
  assert.equal(Object.getPrototypeOf(s), Sub.prototype);
  assert.equal(s.grow(0), 1);
  assert.equal(Object.prototype.toString.call(new P.Global({ value: 'i32' })), '[object WebAssembly.Global]');
});
