// Hostile modules with exact expected outcomes: lying counts in tiny files, deep nesting, huge
// functions, stack exhaustion, memory growth at and past the maximum, traps inside bulk operations,
// and the JS API's implementation-defined limits (index.bs "Implementation-defined Limits").
// Names that are JavaScript fragments are in names.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebAssembly as PW } from '../../src/index.js';
import { parseModule } from '../../src/text/parse.js';
import { configure } from '../../src/exec/interp/select.js';
import { I32, I64, SEC, bigSection, body, cat, functype, module, name, repeat, s32, section, u32, vec } from './bytes.js';

const HUGE = 0xffffffff;
const type0 = section(SEC.type, vec([functype([], [])]));
const func0 = section(SEC.func, vec([[0]]));

/** A module with one exported function "f" of the given type and body. */
function fnModule(params: number[], results: number[], locals: [number, number][], code: ArrayLike<number>): Uint8Array {
  const decls = [...u32(locals.length), ...locals.flatMap(([n, t]) => [...u32(n), t])];
  return module(
    section(SEC.type, vec([functype(params, results)])), func0,
    section(SEC.export, vec([[...name('f'), 0x00, 0x00]])),
    bigSection(SEC.code, [1], u32(decls.length + code.length), decls, code),
  );
}

function instance(bytes: Uint8Array, imports: object = {}): Record<string, any> {
  return new PW.Instance(new PW.Module(bytes), imports as never).exports as Record<string, any>;
}

function wat(src: string): Record<string, any> {
  return instance(parseModule(src));
}

/** Compiles `bytes`, which must fail with CompileError quickly and without a large allocation. */
function rejectsCheaply(what: string, bytes: Uint8Array<ArrayBuffer>): void {
  const heap0 = process.memoryUsage().heapUsed;
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  assert.throws(() => new PW.Module(bytes), PW.CompileError, what);
  assert.equal(PW.validate(bytes), false, what);
  const ms = performance.now() - t0;
  const heapMb = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
  const rssMb = (process.memoryUsage().rss - rss0) / 2 ** 20;
  assert.ok(ms < 200, `${what}: ${ms.toFixed(0)} ms`);
  assert.ok(heapMb < 16 && rssMb < 64, `${what}: heap +${heapMb.toFixed(1)} MiB, rss +${rssMb.toFixed(1)} MiB`);
  // Native V8 agrees that these are not modules.
  assert.equal(WebAssembly.validate(bytes), false, `${what}: V8 accepts it`);
}

test('huge declared counts and sizes in tiny files: fast CompileError, no big allocation', () => {
  new PW.Module(module()); // warm up the decoder so timings measure the input, not the first load
  const count = (id: number, rest: number[] = []): Uint8Array<ArrayBuffer> => module(section(id, [...u32(HUGE), ...rest]));
  rejectsCheaply('types', count(SEC.type, functype([], [])));
  rejectsCheaply('imports', count(SEC.import));
  rejectsCheaply('functions', module(type0, section(SEC.func, [...u32(HUGE), 0])));
  rejectsCheaply('tables', count(SEC.table, [0x70, 0, 0]));
  rejectsCheaply('memories', count(SEC.memory, [0, 0]));
  rejectsCheaply('globals', count(SEC.global, [I32, 0, 0x41, 0, 0x0b]));
  rejectsCheaply('exports', count(SEC.export));
  rejectsCheaply('element segments', count(SEC.elem, [0, 0x41, 0, 0x0b, 0]));
  rejectsCheaply('data segments', module(section(SEC.memory, vec([[0, 1]])), section(SEC.data, [...u32(HUGE), 0, 0x41, 0, 0x0b, 0])));
  rejectsCheaply('data count', module(section(SEC.datacount, u32(HUGE))));
  rejectsCheaply('code entries', module(type0, func0, section(SEC.code, [...u32(HUGE), 2, 0, 0x0b])));
  rejectsCheaply('function parameters', module(section(SEC.type, [1, 0x60, ...u32(HUGE)])));
  rejectsCheaply('struct fields', module(section(SEC.type, [1, 0x5f, ...u32(HUGE)])));
  rejectsCheaply('rec group members', module(section(SEC.type, [1, 0x4e, ...u32(HUGE)])));
  rejectsCheaply('locals (one run of 2^32-1)', module(type0, func0, section(SEC.code, vec([body([[HUGE, I32]], [0x0b])]))));
  rejectsCheaply('locals (runs summing past 2^32)', module(type0, func0, section(SEC.code, vec([body([[HUGE, I32], [HUGE, I64]], [0x0b])]))));
  rejectsCheaply('local runs', module(type0, func0, section(SEC.code, vec([[5, ...u32(HUGE), 0x0b]]))));
  rejectsCheaply('br_table targets', module(type0, func0, section(SEC.code, vec([body([], [0x41, 0, 0x0e, ...u32(HUGE), 0, 0x0b])]))));
  rejectsCheaply('select types', module(type0, func0, section(SEC.code, vec([body([], [0x1c, ...u32(HUGE), I32, 0x0b])]))));
  rejectsCheaply('try_table catches', module(type0, func0, section(SEC.code, vec([body([], [0x1f, 0x40, ...u32(HUGE), 0x0b, 0x0b])]))));
  rejectsCheaply('element function indices', module(type0, func0, section(SEC.table, vec([[0x70, 0, 1]])),
    section(SEC.elem, vec([[0, 0x41, 0, 0x0b, ...u32(HUGE), 0]])), section(SEC.code, vec([body([], [0x0b])]))));
  rejectsCheaply('section size', module([SEC.type, ...u32(HUGE), 0]));
  rejectsCheaply('custom section size', module([SEC.custom, ...u32(HUGE), 1, 0x61]));
  rejectsCheaply('custom section name length', module([SEC.custom, 5, ...u32(HUGE)]));
  rejectsCheaply('function body size', module(type0, func0, section(SEC.code, [1, ...u32(HUGE), 0, 0x0b])));
  rejectsCheaply('data segment length', module(section(SEC.memory, vec([[0, 1]])), section(SEC.data, vec([[0, 0x41, 0, 0x0b, ...u32(HUGE)]]))));
  rejectsCheaply('memory.init data index', module(type0, func0, section(SEC.memory, vec([[0, 1]])),
    section(SEC.code, vec([body([], [0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 0x08, ...u32(HUGE), 0, 0x0b])]))));
});

const NEST = 100_000;

test('100,000 nested blocks: a working module on the default tier (regression: V8 refused the generated source)', () => {
  // Each shape nests 100k deep; the compile tier's JavaScript is too deep for V8's parser (beyond
  // about 2,500 nested blocks), so the function must run on the interpreter instead of failing.
  const blocks = fnModule([], [I32], [], cat(repeat([0x02, 0x7f], NEST), [0x41, 7], repeat([0x0b], NEST + 1)));
  assert.equal(instance(blocks).f(), 7);
  const out = fnModule([], [I32], [], cat(repeat([0x02, 0x40], NEST), [0x0c, ...u32(NEST - 1)], repeat([0x0b], NEST), [0x41, 9, 0x0b]));
  assert.equal(instance(out).f(), 9);
  const loops = fnModule([I32], [I32], [], cat(repeat([0x20, 0, 0x04, 0x40, 0x03, 0x40], 3000), repeat([0x0b], 6000), [0x41, 5, 0x0b]));
  const e = instance(loops);
  assert.equal(e.f(1), 5);
  assert.equal(e.f(0), 5);
  // A second instance of the same module takes the remembered tier directly.
  assert.equal(instance(loops).f(1), 5);
});

test('nesting deeper than the validator has stack for is a CompileError or a module, never a RangeError', () => {
  // 1,000,000 nested blocks: 2 MB of body.
  const n = 1_000_000;
  const code = cat(repeat([0x02, 0x40], n), repeat([0x0b], n + 1));
  const bytes = module(type0, func0, bigSection(SEC.code, [1], u32(code.length + 1), [0], code));
  let result: string;
  try {
    new PW.Module(bytes);
    result = 'ok';
  } catch (e) {
    result = e instanceof PW.CompileError ? 'CompileError' : `${(e as Error).name}: ${(e as Error).message}`;
  }
  assert.ok(result === 'ok' || result === 'CompileError', result);
});

test('50,000 locals (the limit, parameters included) run; 50,001 is a CompileError', () => {
  for (const [t, v] of [[I32, 42], [I64, 42n]] as const) {
    const ok = fnModule([t], [t], [[49_999, t]], [0x20, 0, 0x21, ...u32(49_999), 0x20, ...u32(49_999), 0x0b]);
    assert.equal(instance(ok).f(v), v);
  }
  assert.throws(() => new PW.Module(fnModule([I32], [I32], [[50_000, I32]], [0x20, 0, 0x0b])), PW.CompileError);
  assert.throws(() => new PW.Module(fnModule([], [], [[25_000, I32], [25_001, I64]], [0x0b])), PW.CompileError);
});

test('a br_table with 250,000 targets dispatches exactly', () => {
  // Four nested blocks; target k of the table is k % 4; the default is 3. Block i returns 10 + i.
  const n = 250_000;
  const targets = Uint8Array.from({ length: n }, (_, k) => k % 4);
  const code = cat(
    repeat([0x02, 0x40], 4),
    [0x20, 0, 0x0e, ...u32(n)], targets, [3],
    [0, 1, 2, 3].flatMap((i) => [0x0b, 0x41, ...s32(10 + i), 0x0f]),
    [0x41, 0, 0x0b],
  );
  const f = instance(fnModule([I32], [I32], [], code)).f;
  for (const k of [0, 1, 2, 3, 5, 249_999, 250_000, -1, 123_457]) {
    const expect = k >= 0 && k < n ? 10 + (k % 4) : 13;
    assert.equal(f(k), expect, `index ${k}`);
  }
});

/** Runs `body` with functions first called on each tier in turn. */
function onBothTiers(body: (tier: string) => void): void {
  for (const engine of ['compile', 'interpret'] as const) {
    const previous = configure({ engine });
    try {
      body(engine);
    } finally {
      configure(previous);
    }
  }
}

test('recursion to stack exhaustion is a RangeError, and the instance keeps working (both tiers)', () => onBothTiers((tier) => {
  const e = wat(`(module
    (global $g (mut i32) (i32.const 0))
    (memory (export "mem") 1)
    (func $down (export "down") (param i32) (result i32)
      (global.set $g (i32.add (global.get $g) (i32.const 1)))
      (i32.store (i32.const 0) (local.get 0))
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
        (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1)))))))
    (func (export "count") (result i32) (global.get $g))
    (func (export "forever") (result i32) (call $forever2))
    (func $forever2 (result i32) (i32.add (i32.const 1) (call 2))))`);
  assert.equal(e.down(100), 100);
  for (let k = 0; k < 3; k++) {
    assert.throws(() => e.forever(), RangeError);
    assert.throws(() => e.down(-1), RangeError, 'deep, not infinite: 2^32 frames');
  }
  const before = e.count();
  assert.equal(e.down(1000), 1000, tier);
  assert.equal(e.count(), before + 1001);
  assert.equal(new DataView(e.mem.buffer).getInt32(0, true), 0);
}));

test('memory.grow to the maximum and beyond; Memory.grow past the maximum is a RangeError', () => {
  const e = wat(`(module (memory (export "m") 1 3)
    (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
    (func (export "size") (result i32) (memory.size)))`);
  assert.equal(e.grow(1), 1);
  assert.equal(e.grow(1), 2);
  assert.equal(e.grow(1), -1);
  assert.equal(e.grow(-1), -1);
  assert.equal(e.grow(0x10000), -1);
  assert.equal(e.grow(0), 3);
  assert.equal(e.size(), 3);
  assert.throws(() => e.m.grow(1), RangeError);
  assert.equal(e.m.buffer.byteLength, 3 * 65536);
  const m = new PW.Memory({ initial: 0, maximum: 2 });
  assert.equal(m.grow(2), 0);
  assert.throws(() => m.grow(1), RangeError);
  assert.equal(m.buffer.byteLength, 2 * 65536);
  // No maximum: the 32-bit limit (65,536 pages) still bounds it.
  const u = wat(`(module (memory 1) (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`);
  assert.equal(u.grow(65536), -1);
  assert.equal(u.grow(-1), -1);
  assert.equal(u.grow(0), 1);
});

test('traps inside bulk memory and table operations write nothing (both tiers)', () => onBothTiers((tier) => {
  const e = wat(`(module
    (memory (export "m") 1)
    (table (export "t") 4 funcref)
    (func $a) (func $b)
    (elem $e func $a $b)
    (data $d "\\01\\02\\03\\04")
    (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
    (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
    (func (export "init") (param i32 i32 i32) (memory.init $d (local.get 0) (local.get 1) (local.get 2)))
    (func (export "tfill") (param i32 i32) (table.fill (local.get 0) (ref.func $a) (local.get 1)))
    (func (export "tcopy") (param i32 i32 i32) (table.copy (local.get 0) (local.get 1) (local.get 2)))
    (func (export "tinit") (param i32 i32 i32) (table.init $e (local.get 0) (local.get 1) (local.get 2))))`);
  const mem = (): Uint8Array => new Uint8Array(e.m.buffer);
  mem().set([9, 9, 9], 65533);
  const snapshot = mem().slice();
  const oob = /out of bounds/;
  assert.throws(() => e.fill(65530, 7, 7), (x: unknown) => x instanceof PW.RuntimeError && oob.test(String(x)));
  assert.throws(() => e.fill(-1, 7, 2), PW.RuntimeError);
  assert.throws(() => e.copy(65530, 0, 100), PW.RuntimeError);
  assert.throws(() => e.copy(0, 65530, 100), PW.RuntimeError);
  assert.throws(() => e.init(65534, 0, 4), PW.RuntimeError);
  assert.throws(() => e.init(0, 1, 4), PW.RuntimeError);
  assert.deepEqual(mem(), snapshot, 'a trapping bulk memory operation wrote something');
  e.fill(65535, 5, 1); // in bounds at the very end
  assert.equal(mem()[65535], 5);
  const tbl = (): unknown[] => Array.from({ length: 4 }, (_, i) => e.t.get(i));
  assert.throws(() => e.tfill(2, 3), PW.RuntimeError);
  assert.throws(() => e.tinit(3, 0, 2), PW.RuntimeError);
  assert.throws(() => e.tinit(0, 1, 2), PW.RuntimeError);
  assert.deepEqual(tbl(), [null, null, null, null], 'a trapping table operation wrote something');
  e.tinit(0, 0, 2);
  const filled = tbl();
  assert.throws(() => e.tcopy(3, 0, 2), PW.RuntimeError);
  assert.throws(() => e.tcopy(0, 3, 2), PW.RuntimeError);
  assert.deepEqual(tbl(), filled, tier);
}));

test('implementation-defined limits (index.bs): CompileError past each module limit', () => {
  const over = (what: string, bytes: Uint8Array): void => {
    assert.throws(() => new PW.Module(bytes), PW.CompileError, what);
    assert.equal(PW.validate(bytes), false, what);
  };
  // Types, parameters, results.
  over('1,000 parameters + 1', module(section(SEC.type, vec([functype(Array(1001).fill(I32), [])]))));
  over('1,000 results + 1', module(section(SEC.type, vec([functype([], Array(1001).fill(I32))]))));
  assert.doesNotThrow(() => new PW.Module(module(section(SEC.type, vec([functype(Array(1000).fill(I32), Array(1000).fill(I32))])))));
  over('1,000,001 types', module(bigSection(SEC.type, u32(1_000_001), repeat(functype([], []), 1_000_001))));
  // Memories: 32-bit min/max above 65,536 pages; more than 100 memories.
  over('memory min 65,537', module(section(SEC.memory, vec([[0, ...u32(65537)]]))));
  over('memory max 65,537', module(section(SEC.memory, vec([[1, 0, ...u32(65537)]]))));
  over('101 memories', module(section(SEC.memory, vec(Array(101).fill([0, 0])))));
  // Data segments: 100,001.
  over('100,001 data segments', module(bigSection(SEC.data, u32(100_001), repeat([1, 0], 100_001))));
  // Struct fields: 10,001; array.new_fixed operands: 10,001.
  over('10,001 struct fields', module(section(SEC.type, vec([[0x5f, ...u32(10_001), ...Array(10_001).fill([I32, 0]).flat()]]))));
  const fixed = (n: number): Uint8Array => module(
    section(SEC.type, vec([[0x5e, I32, 0], functype([], [])])),
    section(SEC.func, vec([[1]])),
    section(SEC.code, vec([body([], [...Array(n).fill([0x41, 0]).flat(), 0xfb, 0x08, 0, ...u32(n), 0x1a, 0x0b])])),
  );
  assert.doesNotThrow(() => new PW.Module(fixed(10_000)));
  over('array.new_fixed with 10,001 operands', fixed(10_001));
  // Function body size 7,654,321 + 1: no locals, 7,654,320 nops, end.
  const code = (size: number): Uint8Array => {
    const entry = cat(u32(size), [0], repeat([0x01], size - 2), [0x0b]);
    return bigSection(SEC.code, [1], entry);
  };
  over('function body of 7,654,322 bytes', module(type0, func0, code(7_654_322)));
  // Tables: 100,001; entries of one element segment: 10,000,001.
  over('100,001 tables', module(bigSection(SEC.table, u32(100_001), repeat([0x70, 0, 0], 100_001))));
  over('an element segment of 10,000,001 functions', module(type0, func0, section(SEC.table, vec([[0x70, 0, 1]])),
    bigSection(SEC.elem, [1, 1, 0], u32(10_000_001), repeat([0], 10_000_001)), section(SEC.code, vec([[2, 0, 0x0b]]))));
  // Subtype depth 64 (index.bs: at most 63).
  const chain = (depth: number): Uint8Array => module(section(SEC.type, vec(Array.from({ length: depth + 1 }, (_, i) =>
    i === 0 ? [0x50, 0, 0x5f, 0] : [0x50, 1, ...u32(i - 1), 0x5f, 0]))));
  assert.doesNotThrow(() => new PW.Module(chain(63)));
  over('subtype depth 64', chain(64));
});

test('implementation-defined limits: Memory and Table constructors throw RangeError past them', () => {
  assert.throws(() => new PW.Memory({ initial: 65537 }), RangeError);
  assert.throws(() => new PW.Memory({ initial: 1, maximum: 65537 }), RangeError);
  assert.throws(() => new PW.Table({ element: 'anyfunc', initial: 10_000_001 }), RangeError);
  // A maximum above the size limit is a valid table type (the limit applies to the size).
  assert.doesNotThrow(() => new PW.Table({ element: 'anyfunc', initial: 1, maximum: 10_000_001 }));
  const t = new PW.Table({ element: 'anyfunc', initial: 1 });
  assert.throws(() => t.grow(10_000_000), RangeError);
  assert.equal(t.length, 1);
  // A module's initial table above the limit compiles (a dynamic limit) and fails to instantiate.
  const bytes = module(section(SEC.table, vec([[0x70, 0, ...u32(10_000_001)]])));
  const m = new PW.Module(bytes);
  assert.throws(() => new PW.Instance(m, {}), RangeError);
});

test('an operand stack 75,000 values deep runs (V8 runs it): the compile tier leaves huge frames to the interpreter', () => {
  const n = 75_000;
  const code = cat(repeat([0x41, 1], n), repeat([0x6a], n - 1), [0x0b]);
  assert.equal(instance(fnModule([], [I32], [], code)).f(), n);
});

test('the async API rejects hostile modules with the same errors (no unhandled exceptions)', async () => {
  const lying = module(section(SEC.type, [...u32(HUGE), ...functype([], [])]));
  await assert.rejects(PW.compile(lying), PW.CompileError);
  await assert.rejects(PW.instantiate(lying), PW.CompileError);
  // A start function that exhausts the stack: instantiation rejects with RangeError.
  const recurse = parseModule('(module (func $f (call $f)) (start $f))');
  await assert.rejects(PW.instantiate(recurse), RangeError);
  // A start function that traps: RuntimeError.
  await assert.rejects(PW.instantiate(parseModule('(module (func $f unreachable) (start $f))')), PW.RuntimeError);
});
