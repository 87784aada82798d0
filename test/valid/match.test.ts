import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  matchHeapType, matchValType, matchCompositeType, matchFieldType, topOf, bottomFor,
  matchLimits, matchTableType, matchGlobalType, matchFuncType, matchTagType, BOT_HEAP,
} from '../../src/valid/match.js';
import {
  ANY, EQ, I31, STRUCT, ARRAY, NONE, FUNC, NOFUNC, EXTERN, NOEXTERN, EXN, NOEXN, I32, I64, I8, I16,
  KIND_FUNC, KIND_STRUCT, KIND_ARRAY, refType, type SubType, type CompositeType, type Limits,
} from '../../src/syntax/types.js';
import { registerRecGroup, canonCount } from '../../src/syntax/canon.js';

const ABSTRACT = [ANY, EQ, I31, STRUCT, ARRAY, NONE, FUNC, NOFUNC, EXTERN, NOEXTERN, EXN, NOEXN];

test('abstract heap hierarchy', () => {
  const sub: [number, number][] = [
    [EQ, ANY], [I31, ANY], [STRUCT, ANY], [ARRAY, ANY], [NONE, ANY], [I31, EQ], [STRUCT, EQ], [ARRAY, EQ],
    [NONE, EQ], [NONE, I31], [NONE, STRUCT], [NONE, ARRAY], [NOFUNC, FUNC], [NOEXTERN, EXTERN], [NOEXN, EXN],
  ];
  const key = (a: number, b: number): string => `${a},${b}`;
  const expected = new Set(sub.map(([a, b]) => key(a, b)));
  for (const a of ABSTRACT) {
    for (const b of ABSTRACT) {
      const want = a === b || expected.has(key(a, b));
      assert.equal(matchHeapType(a, b), want, `${a} <: ${b}`);
    }
  }
});

const fn = (params: number[], results: number[]): CompositeType => ({ kind: KIND_FUNC, params, results });
// A one-type rec group whose supertypes are given as canonical ids (an identity local→canon map).
const one = (comp: CompositeType, supers: number[] = [], final = false): number => {
  const n = canonCount();
  const identity = Array.from({ length: n }, (_, i) => i);
  return registerRecGroup([{ final, supers, comp } as SubType], n, identity)[0];
};

test('concrete types against abstract ones and each other', () => {
  const f = one(fn([I32], []));
  const s = one({ kind: KIND_STRUCT, fields: [{ type: I32, mutable: false }] });
  const s2 = one({ kind: KIND_STRUCT, fields: [{ type: I32, mutable: false }, { type: I64, mutable: true }] }, [s]);
  const a = one({ kind: KIND_ARRAY, field: { type: I8, mutable: true } });
  assert.ok(matchHeapType(f, FUNC) && !matchHeapType(f, ANY) && matchHeapType(NOFUNC, f) && !matchHeapType(NONE, f));
  assert.ok(matchHeapType(s, STRUCT) && matchHeapType(s, EQ) && matchHeapType(s, ANY) && !matchHeapType(s, ARRAY));
  assert.ok(matchHeapType(a, ARRAY) && !matchHeapType(a, STRUCT) && matchHeapType(NONE, a) && !matchHeapType(NOFUNC, a));
  assert.ok(matchHeapType(s2, s) && !matchHeapType(s, s2) && !matchHeapType(STRUCT, s));
  assert.equal(topOf(f), FUNC);
  assert.equal(topOf(a), ANY);
  assert.equal(bottomFor(s), NONE);
  assert.equal(bottomFor(EXTERN), NOEXTERN);
});

test('value types: nullability and numerics', () => {
  assert.ok(matchValType(I32, I32) && !matchValType(I32, I64));
  assert.ok(matchValType(refType(NONE, false), refType(ANY, true)));
  assert.ok(!matchValType(refType(ANY, true), refType(ANY, false)));
  assert.ok(matchValType(refType(I31, false), refType(EQ, false)));
  assert.ok(!matchValType(refType(FUNC, true), I32) && !matchValType(I32, refType(FUNC, true)));
});

test('composite types: functions, structs, arrays', () => {
  const anyN = refType(ANY, true);
  const eqN = refType(EQ, true);
  // Contravariant parameters, covariant results.
  assert.ok(matchCompositeType(fn([anyN], [eqN]), fn([eqN], [anyN])));
  assert.ok(!matchCompositeType(fn([eqN], [eqN]), fn([anyN], [eqN])));
  assert.ok(!matchCompositeType(fn([anyN], [anyN]), fn([anyN], [eqN])));
  assert.ok(!matchCompositeType(fn([], []), fn([I32], [])));
  // Struct width and depth; mutable fields are invariant.
  const st = (...f: [number, boolean][]): CompositeType => ({ kind: KIND_STRUCT, fields: f.map(([type, mutable]) => ({ type, mutable })) });
  assert.ok(matchCompositeType(st([eqN, false], [I32, true]), st([anyN, false])));
  assert.ok(!matchCompositeType(st([eqN, true]), st([anyN, true])));
  assert.ok(!matchCompositeType(st([I32, false]), st([I32, true])));
  assert.ok(!matchCompositeType(st(), st([I32, false])));
  assert.ok(!matchCompositeType(st(), { kind: KIND_ARRAY, field: { type: I8, mutable: false } }));
  assert.ok(matchFieldType({ type: I16, mutable: true }, { type: I16, mutable: true }));
  assert.ok(!matchFieldType({ type: I16, mutable: false }, { type: I8, mutable: false }));
  assert.ok(!matchFieldType({ type: I32, mutable: false }, { type: I16, mutable: false }));
});

test('external types: limits, tables, globals, functions, tags', () => {
  const lim = (min: number, max: number | null, addr64 = false): Limits =>
    ({ min, max, addr64, shared: false, pageSizeLog2: 16 });
  assert.ok(matchLimits(lim(2, 5), lim(1, 10)));
  assert.ok(matchLimits(lim(2, 5), lim(1, null)));
  assert.ok(!matchLimits(lim(2, null), lim(1, 10)));
  assert.ok(!matchLimits(lim(0, 5), lim(1, 10)));
  assert.ok(!matchLimits(lim(2, 11), lim(1, 10)));
  assert.ok(!matchLimits(lim(2, 5, true), lim(1, 10)));
  assert.ok(!matchLimits({ ...lim(2, 5), shared: true }, lim(1, 10)));
  assert.ok(!matchLimits({ ...lim(2, 5), pageSizeLog2: 0 }, lim(1, 10)));
  const anyN = refType(ANY, true);
  const eqN = refType(EQ, true);
  assert.ok(matchTableType({ elem: anyN, limits: lim(1, 2) }, { elem: anyN, limits: lim(1, 2) }));
  assert.ok(!matchTableType({ elem: eqN, limits: lim(1, 2) }, { elem: anyN, limits: lim(1, 2) }));
  assert.ok(matchGlobalType({ type: eqN, mutable: false }, { type: anyN, mutable: false }));
  assert.ok(!matchGlobalType({ type: eqN, mutable: true }, { type: anyN, mutable: true }));
  assert.ok(!matchGlobalType({ type: anyN, mutable: false }, { type: eqN, mutable: false }));
  assert.ok(!matchGlobalType({ type: I32, mutable: true }, { type: I32, mutable: false }));
  const base = one(fn([], []));
  const sub = one(fn([], []), [base]);
  assert.ok(matchFuncType(sub, base) && !matchFuncType(base, sub));
  assert.ok(matchTagType(base, base) && !matchTagType(sub, base));
});

test('subtyping is a partial order on heap and value types (reflexive, antisymmetric, transitive)', () => {
  const s = one({ kind: KIND_STRUCT, fields: [] });
  const s2 = one({ kind: KIND_STRUCT, fields: [{ type: I32, mutable: false }] }, [s]);
  const a = one({ kind: KIND_ARRAY, field: { type: I64, mutable: false } });
  const f = one(fn([], []));
  const f2 = one(fn([], []), [f]);
  const heaps = [...ABSTRACT, s, s2, a, f, f2];
  const vals = [I32, I64, ...heaps.flatMap((h) => [refType(h, false), refType(h, true)])];
  for (const x of heaps) {
    assert.ok(matchHeapType(x, x));
    assert.ok(matchHeapType(BOT_HEAP, x), 'the validator bottom is below everything');
    for (const y of heaps) {
      if (x !== y && matchHeapType(x, y)) assert.ok(!matchHeapType(y, x), `${x} and ${y} both ways`);
      for (const z of heaps) {
        if (matchHeapType(x, y) && matchHeapType(y, z)) assert.ok(matchHeapType(x, z), `${x} <: ${y} <: ${z}`);
      }
    }
    // Every heap type sits between its hierarchy's bottom and top.
    assert.ok(matchHeapType(bottomFor(x), x) && matchHeapType(x, topOf(x)));
  }
  for (const x of vals) {
    for (const y of vals) {
      for (const z of vals) {
        if (matchValType(x, y) && matchValType(y, z)) assert.ok(matchValType(x, z));
      }
    }
  }
});
