import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createMemory, createTable, createGlobal, createTag, hostFunc, externKind, invoke,
} from '../../src/runtime/index.js';
import { registerRecGroup } from '../../src/syntax/canon.js';
import {
  I32, I64, F32, F64, FUNCREF, EXTERNREF, KIND_FUNC, EXTERNAL_FUNC, EXTERNAL_TABLE, EXTERNAL_MEMORY,
  EXTERNAL_GLOBAL, EXTERNAL_TAG, type Limits,
} from '../../src/syntax/types.js';
import { RuntimeError } from '../../src/api/errors.js';

const lim = (min: number, max: number | null = null, extra: Partial<Limits> = {}): Limits =>
  ({ min, max, addr64: false, shared: false, pageSizeLog2: 16, ...extra });

function funcType(params: number[], results: number[]): number {
  return registerRecGroup([{ final: true, supers: [], comp: { kind: KIND_FUNC, params, results } }], 0, [])[0];
}

test('memory: size, grow replaces and detaches the buffer, keeps contents', () => {
  const m = createMemory(lim(1, 3));
  assert.equal(m.size(), 1);
  assert.equal(m.buffer.byteLength, 65536);
  const old = m.buffer;
  new Uint8Array(old)[100] = 42;
  assert.equal(m.grow(1), 1);
  assert.equal(m.size(), 2);
  assert.equal(m.limits.min, 2);
  assert.notEqual(m.buffer, old);
  assert.equal(old.byteLength, 0, 'old buffer detached');
  assert.equal(new Uint8Array(m.buffer)[100], 42);
  assert.equal(m.grow(2), -1, 'beyond max');
  assert.equal(m.size(), 2);
  assert.equal(m.grow(0), 2);
  assert.equal(m.grow(1), 2);
  assert.equal(m.buffer.byteLength, 3 * 65536);
});

test('memory: refresh detaches and keeps contents; limits; allocation failure is a RangeError', () => {
  const m = createMemory(lim(1));
  new Uint8Array(m.buffer)[7] = 9;
  const old = m.buffer;
  m.refresh();
  assert.equal(old.byteLength, 0);
  assert.equal(new Uint8Array(m.buffer)[7], 9);
  assert.equal(m.grow(65536), -1, 'over 4 GiB');
  assert.throws(() => createMemory(lim(70000)), RangeError);
  const small = createMemory(lim(2, 4, { pageSizeLog2: 0 }));
  assert.equal(small.buffer.byteLength, 2);
  assert.equal(small.grow(2), 2);
  assert.equal(small.grow(1), -1);
});

test('table: get/set/grow with bounds traps', () => {
  const t = createTable({ elem: EXTERNREF, limits: lim(2, 4) }, 'x');
  assert.equal(t.size(), 2);
  assert.equal(t.get(1), 'x');
  t.set(0, null);
  assert.equal(t.get(0), null);
  assert.throws(() => t.get(2), (e: unknown) => e instanceof RuntimeError && /out of bounds table access/.test((e as Error).message));
  assert.throws(() => t.set(-1, null), RuntimeError);
  assert.equal(t.grow(2, 'y'), 2);
  assert.equal(t.type.limits.min, 4);
  assert.equal(t.get(3), 'y');
  assert.equal(t.grow(1, null), -1);
  assert.equal(t.size(), 4);
});

test('globals box and unbox; i64 as bigint', () => {
  const g = createGlobal({ type: I64, mutable: true }, -2n);
  assert.equal(g.value, -2n);
  assert.equal(g.v, -2);
  assert.equal(g.h, -1);
  g.value = 0x7fffffffffffffffn;
  assert.equal(g.value, 0x7fffffffffffffffn);
  const f = createGlobal({ type: F64, mutable: false }, 1.5);
  assert.equal(f.value, 1.5);
  const r = createGlobal({ type: FUNCREF, mutable: true }, null);
  assert.equal(r.value, null);
});

test('host functions via invoke, extern kinds', () => {
  const t = funcType([I32, I64, F32], [I64, I32]);
  const h = hostFunc(t, (args) => {
    assert.deepEqual(args, [5, -3n, 1.5]);
    return [(args[1] as bigint) * 2n, (args[0] as number) + 1];
  });
  assert.deepEqual(invoke(h, [5, -3n, 1.5]), [-6n, 6]);
  assert.equal(externKind(h), EXTERNAL_FUNC);
  assert.equal(externKind(createTable({ elem: FUNCREF, limits: lim(0) }, null)), EXTERNAL_TABLE);
  assert.equal(externKind(createMemory(lim(0))), EXTERNAL_MEMORY);
  assert.equal(externKind(createGlobal({ type: I32, mutable: false }, 0)), EXTERNAL_GLOBAL);
  const tag = createTag(funcType([I32], []));
  assert.equal(externKind(tag), EXTERNAL_TAG);
  assert.throws(() => externKind({} as never), TypeError);
});
