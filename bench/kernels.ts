// Focused kernels that explain where time goes on the real workloads: each is a small hand-written
// WAT module (compiled with src/text) run on native V8, purewasm and polywasm in this one process.
// Every engine's result is compared with native's; a wrong one is reported instead of a time.
// Times are the minimum of a few repeats after a warm-up; ratios are to native, from this one run.
import { WebAssembly as pure } from '../src/index.js';
import { parseModule } from '../src/text/parse.js';
import { minTime, nativeWasm, require, table } from './common.js';

/** `arg` is the run's argument (its size); `slow` the one under node --jitless, where all is interpreted. */
interface Kernel { what: string; wat: string; arg: number; slow: number }

const KERNELS: Record<string, Kernel> = {
  'i32 loop': {
    what: 'LCG + xor-shift mixing, i32 add/mul/shift/xor in one loop',
    arg: 20_000_000,
    slow: 2_000_000,
    wat: `(func (export "run") (param $n i32) (result i32) (local $x i32) (local $s i32)
      (local.set $x (i32.const 1))
      (loop $l
        (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1103515245)) (i32.const 12345)))
        (local.set $s (i32.xor (local.get $s) (i32.shr_u (local.get $x) (i32.const 7))))
        (local.set $s (i32.add (local.get $s) (i32.shl (local.get $s) (i32.const 3))))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
      (local.get $s))`,
  },
  'i64 arithmetic': {
    what: 'splitmix64: i64 add/mul/xor/shr_u, as in hashes and Go code',
    arg: 5_000_000,
    slow: 500_000,
    wat: `(func (export "run") (param $n i32) (result i32) (local $x i64) (local $z i64) (local $acc i64)
      (loop $l
        (local.set $x (i64.add (local.get $x) (i64.const 0x9e3779b97f4a7c15)))
        (local.set $z (local.get $x))
        (local.set $z (i64.mul (i64.xor (local.get $z) (i64.shr_u (local.get $z) (i64.const 30))) (i64.const 0xbf58476d1ce4e5b9)))
        (local.set $z (i64.mul (i64.xor (local.get $z) (i64.shr_u (local.get $z) (i64.const 27))) (i64.const 0x94d049bb133111eb)))
        (local.set $acc (i64.add (local.get $acc) (i64.rotl (i64.xor (local.get $z) (i64.shr_u (local.get $z) (i64.const 31))) (i64.const 13))))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
      (i32.wrap_i64 (i64.xor (local.get $acc) (i64.shr_u (local.get $acc) (i64.const 32)))))`,
  },
  'f32 math': {
    what: 'f32 mul/add/sqrt recurrence (every result rounded to single precision)',
    arg: 10_000_000,
    slow: 1_000_000,
    wat: `(func (export "run") (param $n i32) (result i32) (local $a f32) (local $b f32)
      (local.set $a (f32.const 0.5)) (local.set $b (f32.const 1.25))
      (loop $l
        (local.set $a (f32.add (f32.mul (local.get $a) (f32.const 0.999)) (f32.sqrt (local.get $b))))
        (local.set $b (f32.sub (f32.mul (local.get $b) (f32.const 1.0001)) (f32.mul (local.get $a) (f32.const 0.0001))))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
      (i32.xor (i32.reinterpret_f32 (local.get $a)) (i32.reinterpret_f32 (local.get $b))))`,
  },
  'f64 math': {
    what: 'Mandelbrot escape counts over a grid, f64 mul/add/compare',
    arg: 400,
    slow: 40,
    wat: `(func (export "run") (param $n i32) (result i32)
      (local $px i32) (local $py i32) (local $i i32) (local $x f64) (local $y f64) (local $cx f64) (local $cy f64) (local $t f64) (local $sum i32)
      (loop $rows
        (local.set $px (i32.const 0))
        (loop $cols
          (local.set $cx (f64.sub (f64.div (f64.convert_i32_s (local.get $px)) (f64.const 150)) (f64.const 2)))
          (local.set $cy (f64.sub (f64.div (f64.convert_i32_s (local.get $py)) (f64.const 200)) (f64.const 1)))
          (local.set $x (f64.const 0)) (local.set $y (f64.const 0)) (local.set $i (i32.const 0))
          (block $esc (loop $it
            (br_if $esc (f64.gt (f64.add (f64.mul (local.get $x) (local.get $x)) (f64.mul (local.get $y) (local.get $y))) (f64.const 4)))
            (local.set $t (f64.add (f64.sub (f64.mul (local.get $x) (local.get $x)) (f64.mul (local.get $y) (local.get $y))) (local.get $cx)))
            (local.set $y (f64.add (f64.mul (f64.mul (f64.const 2) (local.get $x)) (local.get $y)) (local.get $cy)))
            (local.set $x (local.get $t))
            (br_if $it (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 100)))))
          (local.set $sum (i32.add (local.get $sum) (local.get $i)))
          (br_if $cols (i32.lt_u (local.tee $px (i32.add (local.get $px) (i32.const 1))) (i32.const 450))))
        (br_if $rows (i32.lt_u (local.tee $py (i32.add (local.get $py) (i32.const 1))) (local.get $n))))
      (local.get $sum))`,
  },
  'memory copy': {
    what: 'byte-by-byte copy and checksum of 1 MiB, then memory.copy of the same, repeated',
    arg: 20,
    slow: 2,
    wat: `(memory 64)
      (func (export "run") (param $n i32) (result i32) (local $i i32) (local $s i32)
      (loop $fill
        (i32.store8 (local.get $i) (i32.mul (local.get $i) (i32.const 31)))
        (br_if $fill (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 0x100000))))
      (loop $rep
        (local.set $i (i32.const 0))
        (loop $copy
          (i32.store8 offset=0x100000 (local.get $i) (i32.add (i32.load8_u (local.get $i)) (local.get $n)))
          (local.set $s (i32.add (local.get $s) (i32.load8_u offset=0x100000 (local.get $i))))
          (br_if $copy (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 0x100000))))
        (memory.copy (i32.const 0x200000) (i32.const 0x100000) (i32.const 0x100000))
        (local.set $s (i32.add (local.get $s) (i32.load offset=0x2ffffc (i32.const 0))))
        (br_if $rep (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
      (local.get $s))`,
  },
  'calls': {
    what: 'recursive fib: direct calls, small frames',
    arg: 32,
    slow: 24,
    wat: `(func $fib (param $k i32) (result i32)
        (if (result i32) (i32.lt_u (local.get $k) (i32.const 2)) (then (local.get $k))
          (else (i32.add (call $fib (i32.sub (local.get $k) (i32.const 1))) (call $fib (i32.sub (local.get $k) (i32.const 2)))))))
      (func (export "run") (param $n i32) (result i32) (call $fib (local.get $n)))`,
  },
  'call_indirect': {
    what: 'a loop calling one of four functions through a table, as C function pointers and vtables do',
    arg: 5_000_000,
    slow: 500_000,
    wat: `(type $op (func (param i32 i32) (result i32)))
      (table 4 funcref) (elem (i32.const 0) $add $xor $mul $sub)
      (func $add (type $op) (i32.add (local.get 0) (local.get 1)))
      (func $xor (type $op) (i32.xor (local.get 0) (local.get 1)))
      (func $mul (type $op) (i32.mul (local.get 0) (i32.or (local.get 1) (i32.const 1))))
      (func $sub (type $op) (i32.sub (local.get 0) (local.get 1)))
      (func (export "run") (param $n i32) (result i32) (local $s i32)
      (loop $l
        (local.set $s (call_indirect (type $op) (local.get $s) (local.get $n) (i32.and (local.get $n) (i32.const 3))))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
      (local.get $s))`,
  },
  'br_table': {
    what: 'a bytecode-interpreter-shaped loop dispatching with br_table over 8 cases',
    arg: 5_000_000,
    slow: 500_000,
    wat: `(func (export "run") (param $n i32) (result i32) (local $pc i32) (local $acc i32)
      (loop $l
        (block $b7 (block $b6 (block $b5 (block $b4 (block $b3 (block $b2 (block $b1 (block $b0
          (br_table $b0 $b1 $b2 $b3 $b4 $b5 $b6 $b7 (i32.and (local.get $pc) (i32.const 7))))
          (local.set $acc (i32.add (local.get $acc) (i32.const 3))) (br $b7))
          (local.set $acc (i32.xor (local.get $acc) (local.get $n))) (br $b7))
          (local.set $acc (i32.shl (local.get $acc) (i32.const 1))) (br $b7))
          (local.set $acc (i32.shr_u (local.get $acc) (i32.const 2))) (br $b7))
          (local.set $acc (i32.mul (local.get $acc) (i32.const 7))) (br $b7))
          (local.set $acc (i32.sub (local.get $acc) (local.get $pc))) (br $b7))
          (local.set $acc (i32.rotl (local.get $acc) (i32.const 5))))
        (local.set $pc (i32.add (i32.mul (local.get $pc) (i32.const 5)) (i32.add (local.get $acc) (i32.const 1))))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
      (local.get $acc))`,
  },
};

type Engine = { Module: new (b: Uint8Array) => unknown; Instance: new (m: unknown, i?: object) => { exports: Record<string, unknown> } };

/** Instantiates `bytes` on `engine` and times its `run(arg)`; the result or the error. */
function timeOn(engine: Engine, bytes: Uint8Array, arg: number, repeats: number): { ms: number; value?: number; error?: string } {
  try {
    const run = new engine.Instance(new engine.Module(bytes)).exports.run as (n: number) => number;
    let value = 0;
    const ms = minTime(() => { value = run(arg); }, repeats);
    return { ms, value };
  } catch (e) {
    return { ms: NaN, error: String((e as Error)?.message ?? e).slice(0, 50) };
  }
}

export function benchKernels(repeats = 3): string {
  const poly = (require('polywasm') as { WebAssembly: Engine }).WebAssembly;
  if (!nativeWasm) return benchKernelsJitless(poly, repeats);
  const rows = [['kernel', 'native ms', 'purewasm', 'polywasm', 'what']];
  const cell = (r: { ms: number; value?: number; error?: string }, ref: { ms: number; value?: number }): string =>
    r.error ? `fails: ${r.error}` : r.value !== ref.value ? `WRONG (${r.value} ≠ ${ref.value})` : `${(r.ms / ref.ms).toFixed(2)}x`;
  for (const [name, k] of Object.entries(KERNELS)) {
    const bytes = parseModule(`(module ${k.wat})`);
    const native = timeOn(nativeWasm as unknown as Engine, bytes, k.arg, repeats);
    const p = timeOn(pure as unknown as Engine, bytes, k.arg, repeats);
    const pw = timeOn(poly, bytes, k.arg, repeats);
    rows.push([name, native.error ? `fails: ${native.error}` : native.ms.toFixed(1), cell(p, native), cell(pw, native), k.what]);
  }
  return table(rows) + '\n\nrun time as a multiple of native V8 (minimum of a few repeats, same process, same run)';
}

/** Without native WebAssembly (node --jitless): purewasm against polywasm, smaller arguments. */
function benchKernelsJitless(poly: Engine, repeats: number): string {
  const rows = [['kernel (--jitless)', 'purewasm ms', 'polywasm ms', 'purewasm speed-up']];
  for (const [name, k] of Object.entries(KERNELS)) {
    const bytes = parseModule(`(module ${k.wat})`);
    const p = timeOn(pure as unknown as Engine, bytes, k.slow, repeats);
    const pw = timeOn(poly, bytes, k.slow, repeats);
    const same = !p.error && !pw.error && p.value === pw.value;
    rows.push([name, p.error ? `fails: ${p.error}` : p.ms.toFixed(1), pw.error ? `fails: ${pw.error}` : pw.ms.toFixed(1),
      same ? `${(pw.ms / p.ms).toFixed(2)}x` : `results differ (${p.value} / ${pw.value})`]);
  }
  return table(rows) + '\n\nunder node --jitless (no native WebAssembly to compare with); > 1x means purewasm is faster';
}
