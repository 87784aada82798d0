// Module and Instance against native V8: the same module bytes, imports and calls on both sides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describe, native, outcome, ours, same, sameReads, type NS } from './oracle.js';
import { build, i32, i64, f32, f64, v128, funcref, externref, type ModuleDef } from './wasm.js';

const inst = (W: NS, def: ModuleDef, imports?: object): Record<string, NS> =>
  new W.Instance(new W.Module(build(def)), imports).exports;

// (func (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
const ADD: ModuleDef = {
  types: [[[i32, i32], [i32]]],
  funcs: [{ type: 0, body: [0x20, 0, 0x20, 1, 0x6a] }],
  exports: [{ name: 'add', kind: 'func', index: 0 }],
};

const IMPORTS: ModuleDef = {
  types: [[[i32], [i32]], [[], []]],
  imports: [
    { module: 'a', name: 'f', kind: 'func', type: 0 },
    { module: 'b', name: 'g', kind: 'global', type: i32 },
    { module: 'a', name: 'mem', kind: 'memory', min: 1 },
    { module: 'c', name: 't', kind: 'table', elem: funcref, min: 1 },
    { module: 'b', name: 'h', kind: 'global', type: i64 },
  ],
};

function importObject(W: NS): Record<string, Record<string, unknown>> {
  return {
    a: { f: (x: number) => x, mem: new W.Memory({ initial: 1 }) },
    b: { g: 5, h: 7n },
    c: { t: new W.Table({ element: 'anyfunc', initial: 1 }) },
  };
}

test('read the imports: Get order, and every error class, like native', () => {
  sameReads('reads', importObject, (W, o) => inst(W, IMPORTS, o));
  same('valid imports', (W) => Object.keys(inst(W, IMPORTS, importObject(W))));
  same('no import object', (W) => inst(W, IMPORTS));
  same('import object null', (W) => inst(W, IMPORTS, null as never));
  same('import object a number', (W) => inst(W, IMPORTS, 1 as never));
  same('no import object, no imports', (W) => Object.keys(inst(W, ADD)));
  const broken: [string, (o: Record<string, Record<string, unknown>>, W: NS) => void][] = [
    ['module missing', (o) => delete (o as Record<string, unknown>).a],
    ['module a number', (o) => ((o as Record<string, unknown>).a = 1)],
    ['function missing', (o) => delete o.a.f],
    ['function not callable', (o) => (o.a.f = {})],
    ['global a string', (o) => (o.b.g = '5')],
    ['global a BigInt for i32', (o) => (o.b.g = 5n)],
    ['global a Number for i64', (o) => (o.b.h = 7)],
    ['global a Global of the wrong type', (o, W) => (o.b.g = new W.Global({ value: 'f64' }))],
    ['global a mutable Global', (o, W) => (o.b.g = new W.Global({ value: 'i32', mutable: true }))],
    ['memory a plain object', (o) => (o.a.mem = {})],
    ['memory too small', (o, W) => (o.a.mem = new W.Memory({ initial: 0 }))],
    ['table a Memory', (o, W) => (o.c.t = new W.Memory({ initial: 1 }))],
    ['table of externref', (o, W) => (o.c.t = new W.Table({ element: 'externref', initial: 1 }))],
  ];
  for (const [label, breakIt] of broken) {
    same(label, (W) => {
      const o = importObject(W);
      breakIt(o, W);
      return inst(W, IMPORTS, o);
    });
  }
  same('a getter that throws', (W) => {
    const o = importObject(W);
    Object.defineProperty(o.a, 'f', { get() { throw new SyntaxError('x'); } });
    return inst(W, IMPORTS, o);
  });
});

test('exports object: null prototype, frozen, export order, data properties', () => {
  const def: ModuleDef = {
    types: [[[], []]],
    funcs: [{ type: 0, body: [] }, { type: 0, body: [] }],
    tables: [{ elem: funcref, min: 1 }],
    memories: [{ min: 1 }],
    globals: [{ type: i32, mutable: true, init: [0x41, 3] }],
    exports: [
      { name: 'z', kind: 'func', index: 1 }, { name: 'a', kind: 'memory', index: 0 }, { name: '1', kind: 'func', index: 0 },
      { name: 'glob', kind: 'global', index: 0 }, { name: 'tab', kind: 'table', index: 0 }, { name: 'again', kind: 'func', index: 1 },
    ],
  };
  same('keys and values', (W) => {
    const e = inst(W, def);
    return [Object.getPrototypeOf(e), Object.isFrozen(e), Reflect.ownKeys(e), Object.values(e).map(describe)];
  });
  same('descriptors', (W) => {
    const e = inst(W, def);
    return Object.values(Object.getOwnPropertyDescriptors(e)).map((d) => [d.writable, d.enumerable, d.configurable]);
  });
  same('same function exported twice is one object', (W) => {
    const e = inst(W, def);
    return [e.z === e.again, e.z !== e['1'], e.tab.get(0)];
  });
  same('exports is the same object each time', (W) => {
    const i = new W.Instance(new W.Module(build(def)));
    return i.exports === i.exports;
  });
});

test('exported functions: name, length, conversions and results like native', () => {
  const def: ModuleDef = {
    types: [[[i32, i32], [i32]], [[i64], [i64]], [[f32], [f32]], [[f64, i32], [f64, i32, i64]], [[], []], [[externref], [externref]]],
    funcs: [
      { type: 0, body: [0x20, 0, 0x20, 1, 0x6a] },
      { type: 1, body: [0x20, 0, 0x42, 1, 0x7c] }, // i64.add 1
      { type: 2, body: [0x20, 0] },
      { type: 3, body: [0x20, 0, 0x20, 1, 0x42, 0x7f] },
      { type: 4, body: [] },
      { type: 5, body: [0x20, 0] },
    ],
    exports: ['add', 'inc64', 'idf32', 'multi', 'nop', 'ext'].map((name, index) => ({ name, kind: 'func' as const, index })),
  };
  same('shape', (W) => Object.values(inst(W, def)).map((f: NS) => [f.name, f.length, typeof f.prototype, Object.getPrototypeOf(f) === Function.prototype]));
  same('not a constructor', (W) => new (inst(W, def).add)());
  const values: unknown[] = [0, 1, -1, 2 ** 31, 2 ** 32 + 3, 1.5, -0, NaN, Infinity, '12', '0x10', true, null, undefined, {}, 5n, 2n ** 64n + 1n, -(2n ** 63n) - 1n];
  for (const v of values) {
    const label = describe(v);
    same(`add(${label}, 1)`, (W) => inst(W, def).add(v, 1));
    same(`inc64(${label})`, (W) => inst(W, def).inc64(v));
    same(`idf32(${label})`, (W) => inst(W, def).idf32(v));
    same(`multi(${label}, ${label})`, (W) => inst(W, def).multi(v, v));
    same(`ext(${label})`, (W) => inst(W, def).ext(v));
  }
  same('symbol argument', (W) => inst(W, def).add(Symbol('x'), 1));
  same('missing arguments are undefined', (W) => [inst(W, def).add(), inst(W, def).add(2)]);
  same('extra arguments are ignored', (W) => inst(W, def).add(1, 2, 3));
  same('nop returns undefined', (W) => inst(W, def).nop(1, 2));
  same('argument conversion order', (W) => {
    const log: number[] = [];
    inst(W, def).add({ valueOf: () => log.push(1) }, { valueOf: () => log.push(2) });
    return log;
  });
});

test('v128 in a signature: TypeError on every call, not at export', () => {
  const def: ModuleDef = {
    types: [[[v128], []], [[], [v128]]],
    funcs: [{ type: 0, body: [] }, { type: 1, body: [0xfd, 0x0c, ...new Array(16).fill(0)] }],
    exports: [{ name: 'p', kind: 'func', index: 0 }, { name: 'r', kind: 'func', index: 1 }],
  };
  same('exported', (W) => Object.values(inst(W, def)).map(describe));
  same('param', (W) => inst(W, def).p());
  same('result', (W) => inst(W, def).r());
  const globals: ModuleDef = {
    globals: [{ type: v128, mutable: true, init: [0xfd, 0x0c, ...new Array(16).fill(1)] }],
    exports: [{ name: 'g', kind: 'global', index: 0 }],
  };
  same('v128 global: read', (W) => inst(W, globals).g.value);
  same('v128 global: valueOf', (W) => inst(W, globals).g.valueOf());
  same('v128 global: write', (W) => (inst(W, globals).g.value = 1));
  same('v128 global import from a value', (W) => inst(W, { imports: [{ module: 'm', name: 'g', kind: 'global', type: v128 }] }, { m: { g: 1 } }));
});

test('host functions: arguments, receiver, results, multi-value, exceptions', () => {
  const def: ModuleDef = {
    types: [[[i32, i64, f32, f64], [i32]], [[], [i32, i64]], [[i32], [i32]]],
    imports: [{ module: 'm', name: 'one', kind: 'func', type: 0 }, { module: 'm', name: 'two', kind: 'func', type: 1 }],
    funcs: [
      { type: 0, body: [0x20, 0, 0x20, 1, 0x20, 2, 0x20, 3, 0x10, 0] },
      { type: 1, body: [0x10, 1] },
    ],
    exports: [{ name: 'callOne', kind: 'func', index: 2 }, { name: 'callTwo', kind: 'func', index: 3 }, { name: 'one', kind: 'func', index: 0 }],
  };
  const run = (W: NS, one: unknown, two: unknown = () => [1, 2n]) => inst(W, def, { m: { one, two } });
  same('arguments and receiver', (W) => {
    let seen: unknown[] = [];
    const e = run(W, function (this: unknown, ...a: unknown[]) {
      seen = [this, ...a];
      return 7;
    });
    return [e.callOne(-1, 2n ** 63n, 1.1, 2.5), seen];
  });
  for (const r of [1.9, '3', 2 ** 32 + 1, undefined, null, {}, 5n, Symbol('s')]) {
    same(`result ${describe(r)}`, (W) => run(W, () => r).callOne(0, 0n, 0, 0));
  }
  for (const r of [[1, 2n], [1], [1, 2n, 3], 'ab', new Set([1, 2n]), { length: 2, 0: 1, 1: 2n }, 7, null, [1, 2]]) {
    same(`multi-value ${describe(r)}`, (W) => run(W, () => 0, () => r).callTwo());
  }
  same('a JS exception passes through', (W) => run(W, () => {
    throw new SyntaxError('mine');
  }).callOne(0, 0n, 0, 0));
  same('re-exported host function', (W) => {
    const e = run(W, () => 3);
    return [e.one.name, e.one.length, e.one(1, 2n, 3, 4)];
  });
});

test('i64 across host functions: BigInt in, BigInt out, ToBigInt64 on results', () => {
  const def: ModuleDef = {
    types: [[[i64], [i64]], [[i64, i32], [i64, i64]]],
    imports: [{ module: 'm', name: 'h', kind: 'func', type: 0 }, { module: 'm', name: 'h2', kind: 'func', type: 1 }],
    funcs: [{ type: 0, body: [0x20, 0, 0x10, 0] }, { type: 1, body: [0x20, 0, 0x20, 1, 0x10, 1] }],
    exports: [{ name: 'call', kind: 'func', index: 2 }, { name: 'call2', kind: 'func', index: 3 }],
  };
  for (const r of [5n, -1n, 2n ** 63n, 2n ** 64n + 9n, '7', true, 5, null, { valueOf: () => 3n }]) {
    same(`host returns ${describe(r)}`, (W) => {
      let seen: unknown;
      const e = inst(W, def, { m: { h: (x: bigint) => ((seen = x), r), h2: () => [] } });
      return [e.call(-(2n ** 40n)), seen];
    });
    same(`host returns [${describe(r)}, 1n]`, (W) => {
      let seen: unknown[] = [];
      const e = inst(W, def, { m: { h: () => 0n, h2: (...a: unknown[]) => ((seen = a), [r, 1n]) } });
      return [e.call2(2n ** 33n + 5n, -3), seen];
    });
  }
});

test('function identity: exported functions keep it across instances and tables', () => {
  const provider: ModuleDef = { ...ADD, tables: [{ elem: funcref, min: 2 }], elems: [{ offset: 0, funcs: [0] }], exports: [...ADD.exports!, { name: 'tab', kind: 'table', index: 0 }] };
  const consumer: ModuleDef = {
    types: [[[i32, i32], [i32]]],
    imports: [{ module: 'p', name: 'add', kind: 'func', type: 0 }],
    exports: [{ name: 'again', kind: 'func', index: 0 }],
  };
  same('identity', (W) => {
    const p = inst(W, provider);
    const c = inst(W, consumer, { p: { add: p.add } });
    return [c.again === p.add, p.tab.get(0) === p.add, p.tab.get(1), c.again(2, 3)];
  });
  same('host function re-exported keeps its JS identity out', (W) => {
    const f = (a: number, b: number) => a * b;
    const c = inst(W, consumer, { p: { add: f } });
    return [c.again === f, typeof c.again, c.again.name, c.again(3, 4)];
  });
  same('wrong signature', (W) => {
    const p = inst(W, { types: [[[], []]], funcs: [{ type: 0, body: [] }], exports: [{ name: 'add', kind: 'func', index: 0 }] });
    return inst(W, consumer, { p: { add: p.add } });
  });
  same('table.set with an exported function, call_indirect through it', (W) => {
    const p = inst(W, provider);
    p.tab.set(1, p.add);
    return [p.tab.get(1) === p.add, p.tab.get(1)(4, 5)];
  });
});

test('traps, start function and stack exhaustion map to the same error classes', () => {
  same('unreachable', (W) => inst(W, { types: [[[], []]], funcs: [{ type: 0, body: [0x00] }], exports: [{ name: 'f', kind: 'func', index: 0 }] }).f());
  same('start traps', (W) => inst(W, { types: [[[], []]], funcs: [{ type: 0, body: [0x00] }], start: 0 }));
  same('start calls a host function that throws', (W) => inst(W, {
    types: [[[], []]], imports: [{ module: 'm', name: 'f', kind: 'func', type: 0 }], start: 0,
  }, { m: { f: () => { throw new EvalError('start'); } } }));
  same('divide by zero', (W) => inst(W, { types: [[[i32], [i32]]], funcs: [{ type: 0, body: [0x41, 1, 0x20, 0, 0x6d] }], exports: [{ name: 'f', kind: 'func', index: 0 }] }).f(0));
  same('recursion', (W) => inst(W, { types: [[[], []]], funcs: [{ type: 0, body: [0x10, 0] }], exports: [{ name: 'f', kind: 'func', index: 0 }] }).f());
  same('data segment out of bounds', (W) => inst(W, { memories: [{ min: 1 }], datas: [{ offset: 65535, bytes: [1, 2] }] }));
});

test('memories, tables and globals: one JS object per instance, shared with importers', () => {
  const def: ModuleDef = {
    types: [[[], [i32]]],
    imports: [{ module: 'm', name: 'mem', kind: 'memory', min: 1, max: 4 }, { module: 'm', name: 'g', kind: 'global', type: i32, mutable: true }],
    funcs: [{ type: 0, body: [0x41, 1, 0x40, 0] }], // memory.grow 1
    exports: [{ name: 'mem', kind: 'memory', index: 0 }, { name: 'g', kind: 'global', index: 0 }, { name: 'grow', kind: 'func', index: 0 }],
  };
  same('identity and growth from wasm', (W) => {
    const mem = new W.Memory({ initial: 1, maximum: 4 });
    const g = new W.Global({ value: 'i32', mutable: true }, 9);
    const e = inst(W, def, { m: { mem, g } });
    const b = mem.buffer;
    const r = e.grow();
    return [e.mem === mem, e.g === g, r, b.byteLength, mem.buffer.byteLength, e.g.value];
  });
  same('exported global of every numeric type', (W) => {
    const e = inst(W, {
      globals: [{ type: i64, init: [0x42, 0x7f] }, { type: f32, init: [0x43, 0, 0, 0xc0, 0x3f] }, { type: f64, init: [0x44, 0, 0, 0, 0, 0, 0, 0xf8, 0x3f] }],
      exports: [{ name: 'a', kind: 'global', index: 0 }, { name: 'b', kind: 'global', index: 1 }, { name: 'c', kind: 'global', index: 2 }],
    });
    return [e.a.value, e.b.value, e.c.value, outcome(() => (e.a.value = 1n))];
  });
});

test('namespace functions: validate, compile, instantiate (both overloads)', async () => {
  const good = build(ADD);
  const bad = good.slice(0, good.length - 1);
  same('validate', (W) => [W.validate(good), W.validate(bad), W.validate(good.buffer), W.validate(new Uint32Array(good.buffer, 0, 2))]);
  for (const x of [undefined, null, 1, 'abc', [0, 97, 115, 109], {}]) same(`validate(${describe(x)})`, (W) => W.validate(x));
  same('Module copies the bytes', (W) => {
    const b = build(ADD);
    const m = new W.Module(b);
    b.fill(0);
    return new W.Instance(m).exports.add(1, 2);
  });
  same('CompileError', (W) => new W.Module(bad));
  for (const W of [ours, native]) {
    const m = await W.compile(good);
    assert.ok(m instanceof W.Module);
    await assert.rejects(W.compile(bad), W.CompileError);
    await assert.rejects(W.compile(1), TypeError);
    const r = await W.instantiate(good);
    assert.deepEqual(Object.keys(r).sort(), ['instance', 'module']); // order: see spec.test
    assert.ok(r.module instanceof W.Module && r.instance instanceof W.Instance);
    assert.equal(r.instance.exports.add(2, 3), 5);
    const i = await W.instantiate(m);
    assert.ok(i instanceof W.Instance);
    await assert.rejects(W.instantiate(m, 1), TypeError);
    await assert.rejects(W.instantiate(build(IMPORTS)), TypeError);
    await assert.rejects(W.instantiate(build(IMPORTS), { a: {}, b: {}, c: {} }), W.LinkError);
    await assert.rejects(W.instantiate({}), TypeError);
    // The module bytes are copied when the call is made.
    const b = build(ADD);
    const p = W.compile(b);
    b.fill(0);
    await p;
  }
});

test('instantiate(module) reads the imports during the call, instantiate(bytes) after compiling', async () => {
  const bytes = build({ imports: [{ module: 'm', name: 'g', kind: 'global', type: i32 }] });
  const logs: string[][] = [];
  for (const W of [ours, native]) {
    const log: string[] = [];
    const imports = { get m() { log.push('get m'); return { g: 1 }; } };
    const p1 = W.instantiate(new W.Module(bytes), imports);
    log.push('returned (module)');
    const p2 = W.instantiate(bytes, imports);
    log.push('returned (bytes)');
    await Promise.all([p1, p2]);
    logs.push(log);
  }
  assert.deepEqual(logs[0], logs[1]);
});

test('memory.grow in wasm refreshes Memory.buffer like Memory.grow (even by 0; not on failure)', () => {
  const bytes = build({
    types: [[[i32], [i32]]], memories: [{ min: 1, max: 3 }], funcs: [{ type: 0, body: [0x20, 0, 0x40, 0] }],
    exports: [{ name: 'grow', kind: 'func', index: 0 }, { name: 'mem', kind: 'memory', index: 0 }],
  });
  same('grow by 0, then fail', (W) => {
    const e = new W.Instance(new W.Module(bytes)).exports;
    const b = e.mem.buffer;
    const r0 = e.grow(0);
    const b2 = e.mem.buffer;
    const r1 = e.grow(5);
    return [r0, b.byteLength, b2 === b, r1, e.mem.buffer === b2, e.grow(1), b2.byteLength, e.mem.buffer.byteLength];
  });
});

test('Module.customSections: every section of the name, in order, as fresh ArrayBuffers', () => {
  const bytes = build({
    ...ADD,
    customs: [{ name: 'a', bytes: [1, 2] }, { name: 'b', bytes: [] }, { name: 'a', bytes: [3] }, { name: 'ü', bytes: [4] }, { name: '', bytes: [5] }],
  });
  for (const n of ['a', 'b', 'ü', '', 'c', 'A', 'a\0']) {
    same(`customSections(${JSON.stringify(n)})`, (W) => W.Module.customSections(new W.Module(bytes), n).map((b: ArrayBuffer) => [...new Uint8Array(b)].join(',')));
  }
  same('fresh buffers', (W) => {
    const m = new W.Module(bytes);
    const [x] = W.Module.customSections(m, 'a');
    const [y] = W.Module.customSections(m, 'a');
    return [x === y, x instanceof ArrayBuffer, W.Module.customSections(m, 'a') === W.Module.customSections(m, 'a')];
  });
  same('name conversion', (W) => W.Module.customSections(new W.Module(bytes), { toString: () => 'b' }).length);
  same('symbol name', (W) => W.Module.customSections(new W.Module(bytes), Symbol('a')));
  same('exports/imports are fresh arrays', (W) => {
    const m = new W.Module(bytes);
    return [W.Module.exports(m) === W.Module.exports(m), W.Module.imports(m) === W.Module.imports(m), W.Module.exports(m).length];
  });
});
