// Differential test of exec/numerics against Node's native WebAssembly: every numeric instruction
// the helpers implement, on edge values (all pairs of a subset for binary ops) and a seeded random
// stream. Deterministic results must match bit for bit; NaN results must follow the spec's rules
// (quiet bit set; canonical when every NaN operand is canonical); traps must match, with the
// testsuite's reason strings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RuntimeError } from '../../src/api/errors.js';
import { oracle, I32_OPS, I64_OPS, FLOAT_OPS, CONVERSION_OPS, type Op, type Bits, type Ty } from './numerics-oracle.js';
import { Rng, edges, randomBits, f32TieInts } from './numerics-inputs.js';

// NUMERICS_SCALE=n multiplies the random inputs (and NUMERICS_SEED changes them) for a long run.
const SCALE = Number(process.env.NUMERICS_SCALE ?? 1);
const SEED = Number(process.env.NUMERICS_SEED ?? 0);
const RANDOM_PER_OP = 4000 * SCALE;
const PAIR_EDGES = 48; // binary ops: all pairs among this many edge values of each type

function isNaNBits(t: Ty, b: Bits): boolean {
  if (t === 'f32') return ((b as number) & 0x7f800000) === 0x7f800000 && ((b as number) & 0x7fffff) !== 0;
  if (t === 'f64') {
    const v = BigInt.asUintN(64, b as bigint);
    return (v & 0x7ff0000000000000n) === 0x7ff0000000000000n && (v & 0xfffffffffffffn) !== 0n;
  }
  return false;
}
const isCanonical = (t: Ty, b: Bits): boolean =>
  t === 'f32'
    ? ((b as number) & 0x7fffffff) === 0x7fc00000
    : (BigInt.asUintN(64, b as bigint) & 0x7fffffffffffffffn) === 0x7ff8000000000000n;
const isQuiet = (t: Ty, b: Bits): boolean =>
  t === 'f32' ? ((b as number) & 0x400000) !== 0 : (BigInt.asUintN(64, b as bigint) & 0x8000000000000n) !== 0n;

const show = (args: Bits[]): string =>
  args.map((a) => (typeof a === 'bigint' ? `0x${BigInt.asUintN(64, a).toString(16)}` : `0x${(a >>> 0).toString(16)}`)).join(', ');

type Outcome = { value: Bits } | { error: unknown };
function run(f: (...a: Bits[]) => Bits, args: Bits[]): Outcome {
  try {
    return { value: f(...args) };
  } catch (error) {
    return { error };
  }
}

/** Checks one input; returns a failure description or null. */
function check(op: Op, native: (...a: Bits[]) => Bits, args: Bits[]): string | null {
  const want = run(native, args);
  const got = run(op.ours, args);
  const where = `${op.name}(${show(args)})`;
  if ('error' in want) {
    if (!(want.error instanceof WebAssembly.RuntimeError)) throw want.error;
    if (!('error' in got)) return `${where}: native traps, ours gives ${show([got.value])}`;
    if (!(got.error instanceof RuntimeError)) return `${where}: ours threw ${String(got.error)}`;
    const reason = op.reason?.(...args);
    if (got.error.message !== reason) return `${where}: trap "${got.error.message}", expected "${reason}"`;
    return null;
  }
  if ('error' in got) return `${where}: ours threw ${String(got.error)}, native gives ${show([want.value])}`;
  if (got.value === want.value) return null;
  const t = op.result;
  if (op.nan === 'arith' && isNaNBits(t, want.value)) {
    if (!isNaNBits(t, got.value)) return `${where}: ${show([got.value])} is not a NaN`;
    if (!isQuiet(t, got.value)) return `${where}: NaN ${show([got.value])} is not arithmetic`;
    const canonIn = op.params.every((p, i) => !isNaNBits(p, args[i]) || isCanonical(p, args[i]));
    if (canonIn && !isCanonical(t, got.value)) return `${where}: NaN ${show([got.value])} should be canonical`;
    return null;
  }
  return `${where}: ours ${show([got.value])}, native ${show([want.value])}`;
}

function inputs(op: Op, rng: Rng): Bits[][] {
  const out: Bits[][] = [];
  if (op.params.length === 1) {
    for (const e of edges(op.params[0])) out.push([e]);
    if (op.params[0] === 'i64' && op.result[0] === 'f') for (const v of f32TieInts(rng, 2000)) out.push([v]);
  } else {
    const [ta, tb] = op.params;
    const ea = edges(ta), eb = edges(tb);
    // An evenly spread subset of each edge list, so that every kind of edge value meets every other.
    const subset = (xs: Bits[]): Bits[] => {
      const n = Math.min(PAIR_EDGES, xs.length);
      return Array.from({ length: n }, (_, i) => xs[Math.floor((i * xs.length) / n)]);
    };
    for (const a of subset(ea)) for (const b of subset(eb)) out.push([a, b]);
  }
  for (let i = 0; i < RANDOM_PER_OP; i++) out.push(op.params.map((p) => randomBits(rng, p)));
  return out;
}

function differential(title: string, ops: Op[], seed: number): void {
  test(title, () => {
    const native = oracle(ops);
    const rng = new Rng(seed);
    const failures: string[] = [];
    let checked = 0;
    for (const op of ops) {
      for (const args of inputs(op, rng)) {
        checked++;
        const f = check(op, native[op.name], args);
        if (f !== null && failures.push(f) >= 20) break;
      }
    }
    assert.deepEqual(failures, [], `${failures.length} mismatches (of ${checked})`);
    assert.ok(checked > ops.length * RANDOM_PER_OP);
  });
}

differential('i32 operations match native WebAssembly', I32_OPS, SEED + 1);
differential('i64 operations on pairs match native WebAssembly', I64_OPS, SEED + 2);
differential('f32 and f64 operations match native WebAssembly', FLOAT_OPS, SEED + 3);
differential('conversions match native WebAssembly', CONVERSION_OPS, SEED + 4);
