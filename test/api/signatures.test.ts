// Random signatures through both call paths, against native V8: an exported function that returns
// some of its parameters, and one that forwards every parameter to a JS import and returns what the
// import gives back. Covers each conversion in both directions, i64 halves, multi-value results and
// the argument-count rules, for the direct and the flattened wrappers alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describe, native, ours, type NS } from './oracle.js';
import { build, i32, i64, f32, f64, externref, funcref } from './wasm.js';
import { Rng } from '../fuzz/mutate.js';

const TYPES = [i32, i64, f32, f64, externref, funcref];

function jsValue(t: number, rng: Rng, W: NS, fn: unknown): unknown {
  const any: unknown[] = [0, -0, 1, -1, 2 ** 31, 2 ** 32 + 1, 1.5, NaN, Infinity, '7', true, null, undefined, 3n, -(2n ** 63n), 2n ** 64n - 1n, {}, 'x'];
  switch (t) {
    case i64: return [0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 64n + 5n, '12', true, 1][rng.below(8)];
    case externref: return any[rng.below(any.length)];
    case funcref: return [null, fn, fn, () => 1][rng.below(4)];
    default: return any[rng.below(any.length)];
  }
  void W;
}

function result(f: () => unknown): string {
  try {
    const v = f();
    return Array.isArray(v) ? `[${v.map(describe).join(', ')}]` : describe(v);
  } catch (e) {
    return `throws ${(e as Error)?.constructor?.name}`;
  }
}

test('random signatures: exported and host calls convert like native', () => {
  const rng = new Rng(7);
  let calls = 0;
  for (let m = 0; m < 150; m++) {
    const params = Array.from({ length: rng.below(6) }, () => TYPES[rng.below(TYPES.length)]);
    const results = Array.from({ length: rng.below(4) }, () => TYPES[rng.below(TYPES.length)]);
    // pick(result k) = a parameter of the same type, else a zero/null constant.
    const body: number[] = [];
    for (const r of results) {
      const p = params.indexOf(r);
      if (p >= 0) body.push(0x20, p);
      else body.push(...({ [i32]: [0x41, 0], [i64]: [0x42, 0], [f32]: [0x43, 0, 0, 0, 0], [f64]: [0x44, 0, 0, 0, 0, 0, 0, 0, 0], [externref]: [0xd0, 0x6f], [funcref]: [0xd0, 0x70] } as Record<number, number[]>)[r]);
    }
    const forward = [...params.flatMap((_, i) => [0x20, i]), 0x10, 0];
    const bytes = build({
      types: [[params, results]],
      imports: [{ module: 'm', name: 'h', kind: 'func', type: 0 }],
      funcs: [{ type: 0, body }, { type: 0, body: forward }],
      exports: [{ name: 'pick', kind: 'func', index: 1 }, { name: 'fwd', kind: 'func', index: 2 }],
    });
    // One instance per namespace; each call draws its values from its own seeded generator.
    const state = { r: new Rng(1) };
    const instances = new Map<NS, Record<string, (...a: unknown[]) => unknown>>();
    for (const W of [ours, native]) {
      const box: { e: Record<string, (...a: unknown[]) => unknown> } = { e: {} };
      const back = (): unknown => {
        const out = results.map((t) => jsValue(t, state.r, W, box.e.pick));
        return results.length === 1 ? out[0] : out;
      };
      box.e = new W.Instance(new W.Module(bytes), { m: { h: back } }).exports;
      instances.set(W, box.e);
    }
    for (let c = 0; c < 20; c++) {
      const seed = rng.next();
      const run = (W: NS, which: 'pick' | 'fwd'): string => {
        const e = instances.get(W)!;
        const r = (state.r = new Rng(seed));
        const args = params.map((t) => jsValue(t, r, W, e.pick));
        if (r.below(4) === 0) args.pop(); // sometimes too few arguments
        return result(() => {
          const v = e[which](...args);
          // Functions coming back must be the same exported function objects.
          const fix = (x: unknown): unknown => (x === e.pick ? 'pick' : x);
          return Array.isArray(v) ? v.map(fix) : fix(v);
        });
      };
      for (const which of ['pick', 'fwd'] as const) {
        const a = run(ours, which);
        const b = run(native, which);
        assert.equal(a, b, `${which} (${params.map(describe)}) -> (${results.map(describe)}), seed ${seed}`);
        calls++;
      }
    }
  }
  assert.ok(calls >= 1000);
});
