// Unit tests of the module-level validation rules (bodies are the body validator's tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileModule } from '../../src/valid/index.js';
import { CompileError } from '../../src/api/errors.js';
import {
  mod, section, vec, u32, str, body, FUNC_VOID, HEADER, TYPE, IMPORT, FUNC, TABLE, MEMORY, GLOBAL, EXPORT,
  START, ELEM, CODE, DATA, TAG,
} from '../binary/bytes.js';

function invalid(bytes: Uint8Array, pattern: RegExp): void {
  assert.throws(() => compileModule(bytes), (e: unknown) => {
    assert.ok(e instanceof CompileError, `not a CompileError: ${e}`);
    assert.match((e as Error).message, /^at byte offset \d+: /);
    assert.match((e as Error).message, pattern);
    return true;
  });
}
const valid = (bytes: Uint8Array) => assert.doesNotThrow(() => compileModule(bytes));

const types = section(TYPE, vec([FUNC_VOID, [0x60, 1, 0x7f, 0], [0x60, 0, 1, 0x7f]]));
const funcs = (...t: number[]) => section(FUNC, vec(t.map((x) => [x])));
const codes = (n: number) => section(CODE, vec(Array.from({ length: n }, () => body())));

test('declared supertypes: earlier, not final, structurally matching, at most one', () => {
  // (type $a (sub (struct))) (type (sub $a (struct (field i32))))
  valid(mod(section(TYPE, [2, 0x50, 0, 0x5f, 0, 0x50, 1, 0, 0x5f, 1, 0x7f, 0])));
  // final supertype
  invalid(mod(section(TYPE, [2, 0x4f, 0, 0x5f, 0, 0x50, 1, 0, 0x5f, 1, 0x7f, 0])), /does not match|final/);
  // structure mismatch: a struct cannot drop its supertype's field
  invalid(mod(section(TYPE, [2, 0x50, 0, 0x5f, 1, 0x7f, 0, 0x50, 1, 0, 0x5f, 0])), /does not match/);
  // kind mismatch
  invalid(mod(section(TYPE, [2, 0x50, 0, 0x5f, 0, 0x50, 1, 0, 0x5e, 0x7f, 0])), /does not match/);
  // a supertype later in the same rec group, and the type itself
  invalid(mod(section(TYPE, [1, 0x4e, 2, 0x50, 1, 1, 0x5f, 0, 0x50, 0, 0x5f, 0])), /supertype/);
  invalid(mod(section(TYPE, [1, 0x50, 1, 0, 0x5f, 0])), /supertype/);
  invalid(mod(section(TYPE, [2, 0x50, 0, 0x5f, 0, 0x50, 2, 0, 0, 0x5f, 0])), /multiple supertypes/);
});

test('functions and tags need function types; tags have no results', () => {
  invalid(mod(section(TYPE, vec([[0x5f, 0]])), funcs(0), codes(1)), /not a function type/);
  invalid(mod(types, funcs(3), codes(1)), /unknown type/);
  valid(mod(types, section(TAG, vec([[0, 1]]))));
  invalid(mod(types, section(TAG, vec([[0, 2]]))), /non-empty tag result/);
  invalid(mod(types, section(IMPORT, vec([[...str('m'), ...str('t'), 4, 0, 2]]))), /non-empty tag result/);
});

test('limits', () => {
  valid(mod(section(MEMORY, vec([[0x01, ...u32(0x10000), ...u32(0x10000)]]))));
  invalid(mod(section(MEMORY, vec([[0x00, ...u32(0x10001)]]))), /at most/);
  invalid(mod(section(MEMORY, vec([[0x01, 0x02, 0x01]]))), /minimum must not be greater/);
  invalid(mod(section(MEMORY, vec([[0x02, 0x01]]))), /shared memory must have maximum/);
  valid(mod(section(MEMORY, vec([[0x04, ...u32(2 ** 48)]]))));
  invalid(mod(section(MEMORY, vec([[0x04, ...u32(2 ** 48 + 1)]]))), /at most/);
  valid(mod(section(TABLE, vec([[0x70, 0x01, 0x00, ...u32(0xffffffff)]]))));
  invalid(mod(section(TABLE, vec([[0x70, 0x00, ...u32(2 ** 32)]]))), /at most/);
  invalid(mod(section(MEMORY, vec([[0x08, 0x00, 0x03]]))), /page size/);
});

test('tables of non-nullable references need an initialiser of their type', () => {
  invalid(mod(section(TABLE, vec([[0x64, 0x70, 0x00, 0x00]]))), /initialiser/);
  valid(mod(types, funcs(0), section(TABLE, vec([[0x40, 0x00, 0x64, 0x70, 0x00, 0x00, 0xd2, 0x00, 0x0b]])), codes(1)));
  invalid(mod(section(TABLE, vec([[0x40, 0x00, 0x64, 0x70, 0x00, 0x00, 0xd0, 0x70, 0x0b]]))), /type mismatch/);
});

test('globals see only earlier globals and must match their type', () => {
  const g = (t: number, ...init: number[]) => [t, 0x00, ...init, 0x0b];
  valid(mod(section(GLOBAL, vec([g(0x7f, 0x41, 1), g(0x7f, 0x23, 0)]))));
  invalid(mod(section(GLOBAL, vec([g(0x7f, 0x23, 1), g(0x7f, 0x41, 1)]))), /unknown global/);
  invalid(mod(section(GLOBAL, vec([g(0x7e, 0x41, 1)]))), /type mismatch/);
});

test('segments: tables, memories, offsets and element types', () => {
  const table = section(TABLE, vec([[0x70, 0x00, 0x01]]));
  const externTable = section(TABLE, vec([[0x6f, 0x00, 0x01]]));
  const mem = section(MEMORY, vec([[0x00, 0x01]]));
  valid(mod(types, funcs(0), table, section(ELEM, vec([[0x00, 0x41, 0x00, 0x0b, 1, 0]])), codes(1)));
  invalid(mod(types, funcs(0), section(ELEM, vec([[0x00, 0x41, 0x00, 0x0b, 1, 0]])), codes(1)), /unknown table/);
  invalid(mod(types, funcs(0), table, section(ELEM, vec([[0x00, 0x41, 0x00, 0x0b, 1, 1]])), codes(1)), /unknown function/);
  invalid(mod(types, funcs(0), externTable, section(ELEM, vec([[0x00, 0x41, 0x00, 0x0b, 1, 0]])), codes(1)), /type mismatch/);
  invalid(mod(types, funcs(0), table, section(ELEM, vec([[0x00, 0x42, 0x00, 0x0b, 1, 0]])), codes(1)), /type mismatch/);
  valid(mod(mem, section(DATA, vec([[0x00, 0x41, 0x00, 0x0b, 0]]))));
  invalid(mod(section(DATA, vec([[0x00, 0x41, 0x00, 0x0b, 0]]))), /unknown memory/);
  invalid(mod(mem, section(DATA, vec([[0x00, 0x42, 0x00, 0x0b, 0]]))), /type mismatch/);
  valid(mod(section(MEMORY, vec([[0x04, 0x01]])), section(DATA, vec([[0x00, 0x42, 0x00, 0x0b, 0]]))));
});

test('start function and exports', () => {
  valid(mod(types, funcs(0), section(START, [0]), codes(1)));
  invalid(mod(types, funcs(0), section(START, [1]), codes(1)), /unknown function/);
  invalid(mod(types, funcs(2), section(START, [0]), section(CODE, vec([body(0x41, 0)]))), /start function/);
  const exp = (name: string, kind: number, index: number) => [...str(name), kind, index];
  valid(mod(types, funcs(0), section(EXPORT, vec([exp('a', 0, 0), exp('b', 0, 0)])), codes(1)));
  invalid(mod(types, funcs(0), section(EXPORT, vec([exp('a', 0, 0), exp('a', 0, 0)])), codes(1)), /duplicate export/);
  invalid(mod(section(EXPORT, vec([exp('m', 2, 0)]))), /unknown memory/);
  // The offset names the offending entry: the second export starts after header, section id,
  // size, count and the first export (4 bytes).
  invalid(mod(types, funcs(0), section(EXPORT, vec([exp('a', 0, 0), exp('a', 0, 0)])), codes(1)),
    new RegExp(`^at byte offset ${8 + types.length + funcs(0).length + 3 + 4}: duplicate export`));
});

test('JS API implementation limits are CompileErrors', () => {
  const params = (n: number) => [0x60, ...u32(n), ...Array(n).fill(0x7f), 0];
  valid(mod(section(TYPE, vec([params(1000)]))));
  invalid(mod(section(TYPE, vec([params(1001)]))), /number of parameters/);
  const fields = (n: number) => [0x5f, ...u32(n), ...Array(n).fill([0x7f, 0]).flat()];
  invalid(mod(section(TYPE, vec([fields(10_001)]))), /struct fields/);
  // Locals count their parameters: 1000 params + 49,001 locals is one too many.
  const locals = (n: number) => {
    const b = [1, ...u32(n), 0x7f, 0x0b];
    return [...u32(b.length), ...b];
  };
  const withLocals = (n: number) => mod(section(TYPE, vec([params(1000)])), funcs(0), section(CODE, vec([locals(n)])));
  valid(withLocals(49_000));
  invalid(withLocals(49_001), /too many locals/);
  // A body of 7,654,322 bytes (locals vector, nops, end), assembled without array spreads.
  const size = 7_654_322;
  const head = [...HEADER, ...types, ...funcs(0)];
  const sizeLeb = u32(size);
  const sectionSize = 1 + sizeLeb.length + size;
  const prefix = [...head, CODE, ...u32(sectionSize), 1, ...sizeLeb, 0];
  const big = new Uint8Array(prefix.length + size - 1).fill(0x01);
  big.set(prefix, 0);
  big[big.length - 1] = 0x0b;
  invalid(big, /function body size/);
});
