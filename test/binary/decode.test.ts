// Unit tests of the binary decoder: the encodings that are easy to get wrong and the ways lying or
// misplaced bytes must fail (always CompileError, always fast).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeModule, MAX_LOCALS } from '../../src/binary/decode.js';
import { CompileError } from '../../src/api/errors.js';
import { SEG_ACTIVE, SEG_DECLARATIVE, SEG_PASSIVE } from '../../src/syntax/module.js';
import { FUNC as HEAP_FUNC, FUNCREF, EXTERNREF, I32, refType } from '../../src/syntax/types.js';
import { canonType } from '../../src/syntax/canon.js';
import {
  mod, section, vec, u32, str, body, FUNC_VOID, TYPE, IMPORT, FUNC, TABLE, MEMORY, GLOBAL, EXPORT,
  ELEM, CODE, DATA, DATACOUNT, TAG,
} from './bytes.js';

function fails(bytes: Uint8Array, pattern: RegExp): void {
  assert.throws(() => decodeModule(bytes), (e: unknown) => {
    assert.ok(e instanceof CompileError, `not a CompileError: ${e}`);
    assert.match((e as Error).message, /^at byte offset \d+: /);
    assert.match((e as Error).message, pattern);
    return true;
  });
}

const oneFunc = [section(TYPE, vec([FUNC_VOID])), section(FUNC, vec([[0]])), section(CODE, vec([body()]))];

test('preamble: magic and version', () => {
  fails(new Uint8Array([]), /unexpected end/);
  fails(Uint8Array.from([1]), /unexpected end/);
  fails(Uint8Array.from([0, 0x61, 0x73, 0x6e, 1, 0, 0, 0]), /magic header/);
  fails(Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0]), /unexpected end/);
  fails(Uint8Array.from([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]), /unknown binary version/);
  const m = decodeModule(mod());
  assert.equal(m.types.length, 0);
  assert.equal(m.codes.length, 0);
});

test('section order: tag between memory and global, custom anywhere, no duplicates', () => {
  const mem = section(MEMORY, vec([[0x00, 0x01]]));
  const tag = section(TAG, vec([[0x00, 0x00]]));
  const glob = section(GLOBAL, vec([[0x7f, 0x00, 0x41, 0x00, 0x0b]]));
  const custom = section(0, [...str('x'), 1, 2, 3]);
  const types = section(TYPE, vec([FUNC_VOID]));
  const m = decodeModule(mod(custom, types, custom, mem, custom, tag, glob, custom));
  assert.equal(m.tags.length, 1);
  assert.equal(m.customs.length, 4);
  assert.deepEqual(m.customs.map((c) => c.end - c.start), [3, 3, 3, 3]);
  fails(mod(types, mem, glob, tag), /unexpected content after last section/);
  fails(mod(types, tag, mem), /unexpected content after last section/);
  fails(mod(types, types), /unexpected content after last section/);
  fails(mod(section(14, [])), /malformed section id/);
  // The data count section comes after elem and before code.
  fails(mod(...oneFunc.slice(0, 2), section(CODE, vec([body()])), section(DATACOUNT, [0])), /unexpected content after last section/);
});

test('section sizes must match their contents exactly', () => {
  const types = [...vec([FUNC_VOID])];
  fails(mod([TYPE, ...u32(types.length + 1), ...types, 0x00]), /section size mismatch/);
  fails(mod([TYPE, ...u32(types.length - 1), ...types]), /unexpected end|mismatch/);
  fails(mod([TYPE, ...u32(100), ...types]), /length out of bounds/);
  // A custom section whose name runs past its size.
  fails(mod([0, 2, 5, 0x61]), /unexpected end|out of bounds/);
});

test('function and code sections must agree; data count must match the data section', () => {
  fails(mod(section(TYPE, vec([FUNC_VOID])), section(FUNC, vec([[0]]))), /inconsistent lengths/);
  fails(mod(section(TYPE, vec([FUNC_VOID])), section(CODE, vec([body()]))), /inconsistent lengths/);
  fails(mod(section(TYPE, vec([FUNC_VOID])), section(FUNC, vec([[0], [0]])), section(CODE, vec([body()]))), /inconsistent lengths/);
  assert.equal(decodeModule(mod(section(FUNC, vec([])))).codes.length, 0);
  fails(mod(section(DATACOUNT, [1])), /data count and data section/);
  const mem = section(MEMORY, vec([[0x00, 0x01]]));
  fails(mod(mem, section(DATACOUNT, [2]), section(DATA, vec([[0x01, 0x00]]))), /data count and data section/);
  assert.equal(decodeModule(mod(mem, section(DATACOUNT, [1]), section(DATA, vec([[0x01, 0x00]])))).dataCount, 1);
  assert.equal(decodeModule(mod(section(DATACOUNT, [0]))).dataCount, 0);
});

test('lying counts and sizes fail fast, before allocating', () => {
  const huge = u32(0xffffffff);
  const t0 = performance.now();
  fails(mod([TYPE, ...u32(huge.length), ...huge]), /out of bounds/);
  fails(mod([IMPORT, ...u32(huge.length), ...huge]), /out of bounds/);
  fails(mod(section(TYPE, vec([FUNC_VOID])), section(FUNC, [...huge, 0])), /out of bounds/);
  fails(mod(section(TYPE, [1, 0x60, ...huge])), /out of bounds/);
  // Locals: two runs of 2^31 - 1 (their sum overflows 32 bits) and a single run above the limit.
  const locals = (runs: number[][]): number[] => {
    const b = [...vec(runs), 0x0b];
    return [...u32(b.length), ...b];
  };
  const withBody = (b: number[]) => mod(section(TYPE, vec([FUNC_VOID])), section(FUNC, vec([[0]])), section(CODE, vec([b])));
  fails(withBody(locals([[...u32(0x7fffffff), I32], [...u32(0x7fffffff), I32]])), /too many locals/);
  fails(withBody(locals([[...u32(0xffffffff), I32]])), /too many locals/);
  fails(withBody(locals([[...u32(MAX_LOCALS + 1), I32]])), /too many locals/);
  const m = decodeModule(withBody(locals([[...u32(3), I32], [...u32(2), 0x6f]])));
  assert.deepEqual(m.codes[0].locals, [I32, I32, I32, EXTERNREF, EXTERNREF]);
  assert.ok(performance.now() - t0 < 1000);
});

test('function bodies stay byte ranges ending after their end opcode', () => {
  const m = decodeModule(mod(...oneFunc));
  const c = m.codes[0];
  assert.equal(m.bytes[c.end - 1], 0x0b);
  assert.equal(c.end - c.start, 1);
  assert.equal(m.bytes[c.offset], 2); // the size field
  fails(mod(section(TYPE, vec([FUNC_VOID])), section(FUNC, vec([[0]])), section(CODE, vec([[5, 0, 0x0b]]))), /out of bounds/);
});

test('element segments: all eight encodings', () => {
  const off = [0x41, 0x00, 0x0b];
  const refFunc0 = [0xd2, 0x00, 0x0b];
  const segs = [
    [0x00, ...off, ...vec([[0]])],
    [0x01, 0x00, ...vec([[0]])],
    [0x02, 0x01, ...off, 0x00, ...vec([[0]])],
    [0x03, 0x00, ...vec([[0]])],
    [0x04, ...off, ...vec([refFunc0])],
    [0x05, 0x70, ...vec([refFunc0])],
    [0x06, 0x01, ...off, 0x70, ...vec([refFunc0])],
    [0x07, 0x70, ...vec([refFunc0])],
  ];
  const tables = section(TABLE, vec([[0x70, 0x00, 0x01], [0x70, 0x00, 0x01]]));
  const m = decodeModule(mod(oneFunc[0], oneFunc[1], tables, section(ELEM, vec(segs)), oneFunc[2]));
  const refFunc = refType(HEAP_FUNC, false);
  assert.deepEqual(m.elems.map((e) => e.mode), [SEG_ACTIVE, SEG_PASSIVE, SEG_ACTIVE, SEG_DECLARATIVE, SEG_ACTIVE, SEG_PASSIVE, SEG_ACTIVE, SEG_DECLARATIVE]);
  assert.deepEqual(m.elems.map((e) => e.table), [0, 0, 1, 0, 0, 0, 1, 0]);
  assert.deepEqual(m.elems.map((e) => e.type), [refFunc, refFunc, refFunc, refFunc, FUNCREF, FUNCREF, FUNCREF, FUNCREF]);
  assert.deepEqual(m.elems.map((e) => (e.funcs ? [...e.funcs] : e.exprs!.length)), [[0], [0], [0], [0], 1, 1, 1, 1]);
  assert.deepEqual(m.elems.map((e) => e.offset !== null), [true, false, true, false, true, false, true, false]);
  assert.ok(m.declaredFuncRefs.has(0));
  fails(mod(section(ELEM, vec([[0x08]]))), /malformed elements segment/);
  fails(mod(section(ELEM, vec([[0x01, 0x01, 0x00]]))), /malformed element kind/);
});

test('data segments: three encodings', () => {
  const mem = section(MEMORY, vec([[0x00, 0x01], [0x00, 0x01]]));
  const segs = [[0x00, 0x41, 0x00, 0x0b, 2, 7, 8], [0x01, 1, 9], [0x02, 0x01, 0x41, 0x04, 0x0b, 0]];
  const m = decodeModule(mod(mem, section(DATA, vec(segs))));
  assert.deepEqual(m.datas.map((d) => [d.mode, d.memory, d.offset !== null, [...m.bytes.subarray(d.start, d.end)]]),
    [[SEG_ACTIVE, 0, true, [7, 8]], [SEG_PASSIVE, 0, false, [9]], [SEG_ACTIVE, 1, true, []]]);
  fails(mod(mem, section(DATA, vec([[0x03]]))), /malformed data segment/);
  fails(mod(mem, section(DATA, vec([[0x01, 5, 1]]))), /out of bounds|unexpected end/);
});

test('imports of all five kinds count in their index spaces first', () => {
  const imports = vec([
    [...str('m'), ...str('f'), 0x00, 0x00],
    [...str('m'), ...str('t'), 0x01, 0x70, 0x00, 0x00],
    [...str('m'), ...str('mem'), 0x02, 0x05, ...u32(1), ...u32(2 ** 40)],
    [...str('m'), ...str('g'), 0x03, 0x7f, 0x01],
    [...str('m'), ...str('e'), 0x04, 0x00, 0x00],
  ]);
  const m = decodeModule(mod(section(TYPE, vec([FUNC_VOID])), section(IMPORT, imports)));
  assert.deepEqual(m.imports.map((i) => [i.kind, i.index]), [[0, 0], [1, 0], [2, 0], [3, 0], [4, 0]]);
  assert.deepEqual([m.numImportedFuncs, m.numImportedTables, m.numImportedMemories, m.numImportedGlobals, m.numImportedTags], [1, 1, 1, 1, 1]);
  assert.deepEqual(m.memories[0].limits, { min: 1, max: 2 ** 40, addr64: true, shared: false, pageSizeLog2: 16 });
  assert.equal(m.globals[0].type.mutable, true);
  fails(mod(section(IMPORT, vec([[...str('m'), ...str('x'), 0x05, 0x00]]))), /malformed import kind/);
  fails(mod(section(IMPORT, vec([[...str('m'), ...str('g'), 0x03, 0x7f, 0x02]]))), /malformed mutability/);
});

test('limits: flags, shared memories, 64-bit sizes, custom page sizes', () => {
  const m = decodeModule(mod(section(MEMORY, vec([[0x03, 0x01, 0x02], [0x08, 0x00, 0x00], [0x04, ...u32(2 ** 47)]]))));
  assert.deepEqual(m.memories.map((x) => [x.limits.min, x.limits.max, x.limits.shared, x.limits.addr64, x.limits.pageSizeLog2]),
    [[1, 2, true, false, 16], [0, null, false, false, 0], [2 ** 47, null, false, true, 16]]);
  fails(mod(section(MEMORY, vec([[0x10, 0x00]]))), /malformed limits/);
  fails(mod(section(TABLE, vec([[0x70, 0x02, 0x00]]))), /malformed limits/);
  fails(mod(section(TABLE, vec([[0x7f, 0x00, 0x00]]))), /malformed reference type/);
  const t = decodeModule(mod(section(TABLE, vec([[0x70, 0x05, 0x01, 0x02], [0x40, 0x00, 0x63, 0x70, 0x00, 0x01, 0xd0, 0x70, 0x0b]]))));
  assert.equal(t.tables[0].type.limits.addr64, true);
  assert.ok(t.tables[1].init !== null);
  fails(mod(section(TABLE, vec([[0x40, 0x01, 0x70, 0x00, 0x01, 0xd0, 0x70, 0x0b]]))), /reserved byte/);
});

test('type section: rec groups are canonicalised across modules', () => {
  // (rec (type $a (sub (struct (field (ref null $b))))) (type $b (sub $a (struct (field (ref null $b)) (field i32)))))
  // Indices are module-local, so the same group is spelled differently at another position.
  const group = (at: number) => [0x4e, 2, 0x50, 0, 0x5f, 1, 0x63, at + 1, 0, 0x50, 1, at, 0x5f, 2, 0x63, at + 1, 0, 0x7f, 0];
  const a = decodeModule(mod(section(TYPE, [2, FUNC_VOID, group(1)].flat())));
  const b = decodeModule(mod(section(TYPE, [1, ...group(0)])));
  assert.deepEqual(a.types.slice(1), b.types);
  assert.deepEqual(a.recGroupStart, [0, 1, 1]);
  assert.equal(canonType(b.types[1]).ancestors[0], b.types[0]);
  assert.equal(a.typeDefs[2].supers[0], a.types[1]);
  assert.equal(a.typeDefs[1].final, false);
  assert.equal(a.typeDefs[0].final, true);
  // A reference past the end of its own group is unknown.
  fails(mod(section(TYPE, [1, 0x5f, 1, 0x63, 1, 0])), /unknown type/);
  fails(mod(section(TYPE, [1, 0x5d])), /malformed composite type/);
  fails(mod(section(TYPE, [1, 0x5e, 0x7f, 0x02])), /malformed mutability/);
});

test('names are UTF-8 and keep a byte order mark; the name section never fails a module', () => {
  fails(mod(section(EXPORT, vec([[1, 0xff, 0x00, 0x00]]))), /malformed UTF-8/);
  fails(mod(section(0, [2, 0xc3, 0x28])), /malformed UTF-8/);
  const bom = decodeModule(mod(section(EXPORT, vec([[3, 0xef, 0xbb, 0xbf, 0x03, 0x00]]))));
  assert.equal(bom.exports[0].name, '\ufeff');
  // names: subsection 1 (function names) { 0: "main" }, then a damaged one is ignored.
  const fnames = [1, ...u32(vec([[0, ...str('main')]]).length), ...vec([[0, ...str('main')]])];
  const named = decodeModule(mod(...oneFunc, section(0, [...str('name'), ...fnames])));
  assert.equal(named.funcNames?.get(0), 'main');
  const damaged = decodeModule(mod(...oneFunc, section(0, [...str('name'), 1, 50, 1])));
  assert.equal(damaged.funcNames, null);
  assert.equal(damaged.customs[0].name, 'name');
});

test('constant expressions: byte ranges up to their end, ref.func collected into C.refs', () => {
  const glob = section(GLOBAL, vec([[0x70, 0x00, 0xd2, 0x00, 0x0b], [0x7f, 0x00, 0x41, 0x2a, 0x41, 0x01, 0x6a, 0x0b]]));
  const m = decodeModule(mod(oneFunc[0], oneFunc[1], glob, oneFunc[2]));
  assert.deepEqual(m.globals.map((g) => g.init!.end - g.init!.start), [3, 6]);
  assert.ok(m.declaredFuncRefs.has(0));
  fails(mod(section(GLOBAL, vec([[0x7f, 0x00, 0x41, 0x00]]))), /unexpected end/);
  fails(mod(section(GLOBAL, vec([[0x7f, 0x00, 0xff, 0x0b]]))), /illegal opcode/);
  const exp = decodeModule(mod(...oneFunc.slice(0, 2), section(EXPORT, vec([[...str('f'), 0x00, 0x00]])), oneFunc[2]));
  assert.ok(exp.declaredFuncRefs.has(0));
  fails(mod(section(EXPORT, vec([[...str('f'), 0x05, 0x00]]))), /malformed export kind/);
});

test('subtype chains deeper than 63 fail while decoding, before registration', () => {
  // type 0: (sub (func)); type i: (sub i-1 (func)), one rec group each.
  const chain = (n: number) => {
    const items: number[][] = [[0x50, 0, 0x60, 0, 0]];
    for (let i = 1; i < n; i++) items.push([0x50, 1, ...u32(i - 1), 0x60, 0, 0]);
    return mod(section(TYPE, vec(items)));
  };
  assert.equal(canonType(decodeModule(chain(64)).types[63]).depth, 63);
  fails(chain(65), /subtype depth 64/);
  // A long chain must stop at depth 64, not build 20,000 ancestor lists first.
  const long = chain(20_000);
  const t0 = performance.now();
  fails(long, /subtype depth 64/);
  assert.ok(performance.now() - t0 < 500);
});

test('modules in shared memory decode like any other (names included)', () => {
  const good = mod(section(MEMORY, vec([[0x00, 0x01]])), section(EXPORT, vec([[...str('é-name'), 0x02, 0x00]])));
  const shared = new Uint8Array(new SharedArrayBuffer(good.length));
  shared.set(good);
  assert.equal(decodeModule(shared).exports[0].name, 'é-name');
});
