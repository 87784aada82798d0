// Differential test of the JavaScript tier against Node's native WebAssembly: random expression
// trees over i32/i64/f32/f64 (every numeric operator, constants that exercise the inlined
// constant shifts, selects, locals, blocks with results, br_if and br_table), run on edge-case
// inputs; results and traps must agree.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadWabt, native, ours, outcome, sameOutcome, show, wat } from './harness.js';

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type T = 'i32' | 'i64' | 'f32' | 'f64';
const I32_BIN = 'add sub mul div_s div_u rem_s rem_u and or xor shl shr_s shr_u rotl rotr'.split(' ');
const I32_CMP = 'eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u'.split(' ');
const F_BIN = 'add sub mul div min max copysign'.split(' ');
const F_UN = 'abs neg ceil floor trunc nearest sqrt'.split(' ');
const F_CMP = 'eq ne lt gt le ge'.split(' ');
const INT_CONSTS = ['0', '1', '-1', '31', '32', '33', '63', '64', '0x7fffffff', '-0x80000000', '0xff', '12345'];
const I64_CONSTS = [...INT_CONSTS, '0x7fffffffffffffff', '-0x8000000000000000', '0x100000000', '-4294967296'];
const F_CONSTS = ['0', '-0', '1', '-1.5', '0.5', '2.5', '-2.5', '1e10', '-1e-10', 'inf', '-inf', 'nan', '4294967296', '-2147483649.5', '9.2e18'];

class Gen {
  constructor(private r: () => number, private params: T[]) {}
  pick<X>(xs: X[]): X {
    return xs[Math.floor(this.r() * xs.length)];
  }
  expr(t: T, depth: number): string {
    const leaf = depth <= 0 || this.r() < 0.2;
    if (leaf) {
      const ps = this.params.map((p, i) => [p, i] as const).filter(([p]) => p === t);
      if (ps.length > 0 && this.r() < 0.6) return `(local.get ${this.pick(ps)[1]})`;
      return `(${t}.const ${this.pick(t === 'i32' ? INT_CONSTS : t === 'i64' ? I64_CONSTS : F_CONSTS)})`;
    }
    const d = depth - 1;
    const c = this.r();
    if (c < 0.06) return `(select (result ${t}) ${this.expr(t, d)} ${this.expr(t, d)} ${this.expr('i32', d)})`;
    if (c < 0.1) return `(block (result ${t}) (br_if 0 ${this.expr(t, d)} ${this.expr('i32', d)}) (drop) ${this.expr(t, d)})`;
    if (c < 0.13) {
      return `(block (result ${t}) (block (result ${t}) (block (result ${t}) ${this.expr(t, d)} ${this.expr('i32', d)} (br_table 0 1 2 1)) (drop) ${this.expr(t, d)}) )`;
    }
    if (c < 0.16) return `(if (result ${t}) ${this.expr('i32', d)} (then ${this.expr(t, d)}) (else ${this.expr(t, d)}))`;
    switch (t) {
      case 'i32': case 'i64': {
        const k = this.r();
        if (k < 0.45) {
          const op = this.pick(I32_BIN);
          // Shift counts: often a constant, which the compiler inlines for i64.
          const b = /sh|rot/.test(op) && this.r() < 0.5 ? `(${t}.const ${Math.floor(this.r() * 70) - 3})` : this.expr(t, d);
          return `(${t}.${op} ${this.expr(t, d)} ${b})`;
        }
        if (k < 0.55) return `(${t}.${this.pick(['clz', 'ctz', 'popcnt', 'extend8_s', 'extend16_s', ...(t === 'i64' ? ['extend32_s'] : [])])} ${this.expr(t, d)})`;
        if (t === 'i32') {
          if (k < 0.7) {
            const u = this.pick<T>(['i32', 'i64']);
            return `(${u}.${this.pick(I32_CMP)} ${this.expr(u, d)} ${this.expr(u, d)})`;
          }
          if (k < 0.78) {
            const f = this.pick<T>(['f32', 'f64']);
            return `(${f}.${this.pick(F_CMP)} ${this.expr(f, d)} ${this.expr(f, d)})`;
          }
          if (k < 0.82) return `(i32.eqz ${this.expr(this.pick<T>(['i32']), d)})`;
          if (k < 0.86) return `(i64.eqz ${this.expr('i64', d)})`;
          if (k < 0.9) return `(i32.wrap_i64 ${this.expr('i64', d)})`;
          if (k < 0.94) return `(i32.reinterpret_f32 ${this.expr('f32', d)})`;
          const f = this.pick<T>(['f32', 'f64']);
          return `(i32.trunc_${this.r() < 0.5 ? 'sat_' : ''}${f}_${this.pick(['s', 'u'])} ${this.expr(f, d)})`;
        }
        if (k < 0.65) return `(i64.extend_i32_${this.pick(['s', 'u'])} ${this.expr('i32', d)})`;
        if (k < 0.75) return `(i64.reinterpret_f64 ${this.expr('f64', d)})`;
        {
          const f = this.pick<T>(['f32', 'f64']);
          return `(i64.trunc_${this.r() < 0.5 ? 'sat_' : ''}${f}_${this.pick(['s', 'u'])} ${this.expr(f, d)})`;
        }
      }
      default: {
        const k = this.r();
        const o: T = t === 'f32' ? 'f64' : 'f32';
        if (k < 0.45) return `(${t}.${this.pick(F_BIN)} ${this.expr(t, d)} ${this.expr(t, d)})`;
        if (k < 0.7) return `(${t}.${this.pick(F_UN)} ${this.expr(t, d)})`;
        if (k < 0.85) {
          const i = this.pick<T>(['i32', 'i64']);
          return `(${t}.convert_${i}_${this.pick(['s', 'u'])} ${this.expr(i, d)})`;
        }
        if (k < 0.92) return `(${t}.${t === 'f32' ? 'demote_f64' : 'promote_f32'} ${this.expr(o, d)})`;
        return `(${t}.reinterpret_${t === 'f32' ? 'i32' : 'i64'} ${this.expr(t === 'f32' ? 'i32' : 'i64', d)})`;
      }
    }
  }
}

const INPUTS: Record<T, unknown[]> = {
  i32: [0, 1, -1, 5, -7, 31, 32, 0x7fffffff, -0x80000000, 0x12345678, 255],
  i64: [0n, 1n, -1n, 7n, -9n, 63n, 64n, 0x7fffffffffffffffn, -0x8000000000000000n, 0x123456789abcdefn, 0xffffffffn, -0x100000000n],
  f32: [0, -0, 1, -1.5, 2.5, Math.fround(1e10), -Infinity, Infinity, NaN, Math.fround(3.4e38), 2147483648],
  f64: [0, -0, 1, -1.5, 0.5, 2.5, 1e300, -Infinity, NaN, 9007199254740993, -2147483648.5, 4294967296],
};

test('random numeric expressions agree with native WebAssembly', async () => {
  await loadWabt();
  const r = rng(20261125);
  const types: T[] = ['i32', 'i64', 'f32', 'f64'];
  const funcs: { name: string; params: T[]; result: T }[] = [];
  const parts: string[] = [];
  for (let i = 0; i < 240; i++) {
    const params = [types[Math.floor(r() * 4)], types[Math.floor(r() * 4)], types[Math.floor(r() * 4)]];
    const result = types[i % 4];
    const body = new Gen(r, params).expr(result, 4);
    // Floats leave as their bits for i32/i64-typed results would lose nothing; NaNs compare as NaN.
    parts.push(`(func (export "f${i}") ${params.map((p) => `(param ${p})`).join(' ')} (result ${result}) ${body})`);
    funcs.push({ name: `f${i}`, params, result });
  }
  const bytes = wat(`(module ${parts.join('\n')})`);
  const a = ours(bytes);
  const b = native(bytes);
  let checked = 0;
  let oks = 0;
  let traps = 0;
  const failures: string[] = [];
  for (const f of funcs) {
    for (let k = 0; k < 12; k++) {
      const args = f.params.map((p) => INPUTS[p][Math.floor(r() * INPUTS[p].length)]);
      const x = outcome(() => a.call(f.name, ...(args as never[])));
      const y = outcome(() => b.call(f.name, ...args));
      checked++;
      if (y.ok) oks++;
      else traps++;
      if (!sameOutcome(x, y, true)) failures.push(`${f.name}(${args.map(String).join(', ')}): ours ${show(x)}, native ${show(y)}`);
    }
  }
  assert.ok(checked > 2000 && oks > 1000 && traps > 50, `${checked} checks, ${oks} results, ${traps} traps`);
  assert.deepEqual(failures.slice(0, 10), []);
});
