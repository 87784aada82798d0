// The wide-arithmetic helpers against BigInt, and against the proposal's testsuite script (its one
// module exports each instruction under its own name, so the script's invokes map to helpers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as N from '../../src/exec/numerics.js';
import { parseScript } from '../../src/script/parse.js';
import { mismatch } from '../../src/script/match.js';
import { Rng, I64_EDGES } from './numerics-inputs.js';

const SCRIPT = new URL('../../../../shared/spec/testsuite/proposals/wide-arithmetic/wide-arithmetic.wast', import.meta.url).pathname;
const M64 = (1n << 64n) - 1n;

/** Runs a wide helper on i64 BigInts; returns its two i64 results (low, high), signed. */
function wide(f: (...w: number[]) => number, args: bigint[]): [bigint, bigint] {
  const words: number[] = [];
  for (const a of args) words.push(N.fromBigInt(a), N.H.hi);
  const w0 = f(...words), w1 = N.H.hi;
  return [N.toBigInt(w0, w1), N.toBigInt(N.W.lo, N.W.hi)];
}
const split = (v: bigint): [bigint, bigint] => [BigInt.asIntN(64, v & M64), BigInt.asIntN(64, v >> 64n)];
const i128 = (lo: bigint, hi: bigint): bigint => (BigInt.asUintN(64, hi) << 64n) | BigInt.asUintN(64, lo);

test('wide arithmetic agrees with BigInt', () => {
  const rng = new Rng(17);
  const gen = (): bigint => (rng.int(3) === 0 ? I64_EDGES[rng.int(I64_EDGES.length)] : rng.i64() >> BigInt(rng.int(64)));
  for (let i = 0; i < 20000; i++) {
    const a = gen(), b = gen(), c = gen(), d = gen();
    const x = i128(a, b), y = i128(c, d);
    assert.deepEqual(wide(N.i64Add128, [a, b, c, d]), split(BigInt.asUintN(128, x + y)));
    assert.deepEqual(wide(N.i64Sub128, [a, b, c, d]), split(BigInt.asUintN(128, x - y)));
    assert.deepEqual(wide(N.i64MulWideU, [a, c]), split(BigInt.asUintN(64, a) * BigInt.asUintN(64, c)), `${a} *u ${c}`);
    assert.deepEqual(wide(N.i64MulWideS, [a, c]), split(BigInt.asUintN(128, a * c)), `${a} *s ${c}`);
  }
});

test('wide-arithmetic.wast assertions hold for the helpers', () => {
  const helpers: Record<string, (...w: number[]) => number> = {
    'i64.add128': N.i64Add128, 'i64.sub128': N.i64Sub128, 'i64.mul_wide_s': N.i64MulWideS, 'i64.mul_wide_u': N.i64MulWideU,
  };
  let checked = 0;
  for (const cmd of parseScript(readFileSync(SCRIPT, 'utf8'))) {
    if (cmd.type !== 'assert_return' || cmd.action.type !== 'invoke') continue;
    const f = helpers[cmd.action.name];
    if (!f) continue;
    const args = cmd.action.args.map((c) => (c.type === 'i64' ? c.value : assert.fail(`argument ${c.type}`)));
    const [lo, hi] = wide(f, args);
    assert.equal(mismatch(cmd.results, [{ type: 'i64', value: lo }, { type: 'i64', value: hi }]), null, `line ${cmd.line}`);
    checked++;
  }
  assert.ok(checked >= 90, `${checked} assertions`);
});
