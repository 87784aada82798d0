// Splitting of huge bodies into several functions (exec/compile/split.ts), forced here at tiny
// sizes: a VM-like dispatch loop, jumps out of regions to every kind of label, returns of each
// result shape, memory growth inside a region, traps and exceptions crossing regions — all against
// native V8. The whole spec suite also runs split (test/spec/split.test.ts).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadWabt, native, ours, outcome, sameOutcome, show, wat } from './harness.js';
import { TUNING, functionSource } from '../../src/exec/compile/index.js';
import { compileModule } from '../../src/valid/index.js';
import type { Value } from '../../src/runtime/interface.js';

before(loadWabt);

function forced<X>(max: number, min: number, f: () => X): X {
  const saved = { ...TUNING };
  Object.assign(TUNING, { splitChars: max, splitMin: min, splitAlways: true });
  try {
    return f();
  } finally {
    Object.assign(TUNING, saved);
  }
}

/** Compiles with splitting forced, checks that regions were made, and compares calls with native. */
function differential(text: string, calls: [string, ...unknown[]][], max = 200, min = 10): void {
  forced(max, min, () => {
    const bytes = wat(text);
    const mod = compileModule(bytes);
    let split = 0;
    for (let i = mod.numImportedFuncs; i < mod.funcs.length; i++) if (/\nfunction r0\(/.test(functionSource(mod, i))) split++;
    assert.ok(split > 0, 'no function was split');
    const a = ours(bytes);
    const b = native(bytes);
    for (const [name, ...args] of calls) {
      const x = outcome(() => a.call(name, ...(args as Value[])));
      const y = outcome(() => b.call(name, ...args));
      assert.ok(sameOutcome(x, y), `${name}(${args.map(String).join(', ')}): ours ${show(x)}, native ${show(y)}`);
    }
  });
}

// A little bytecode machine: opcodes in memory, an i64 accumulator and an i32 stack pointer, a
// br_table dispatch whose cases jump back to the loop, out of it, or return from the function.
const VM = `(module (memory 1 4)
  (func $grow (result i32) (memory.grow (i32.const 1)))
  (func (export "run") (param $pc i32) (param $n i32) (result i64)
    (local $acc i64) (local $sp i32) (local $op i32) (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.set $op (i32.load8_u (local.get $pc)))
        (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
        (block $halt (block $ret (block $mul (block $grow (block $sum (block $push (block $add
          (br_table $add $push $sum $grow $mul $ret $halt (local.get $op)))
          ;; 0: add the next byte
          (local.set $acc (i64.add (local.get $acc) (i64.load8_u (local.get $pc))))
          (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
          (br $next))
          ;; 1: push the accumulator
          (i64.store offset=1024 (local.get $sp) (local.get $acc))
          (local.set $sp (i32.add (local.get $sp) (i32.const 8)))
          (br $next))
          ;; 2: sum the stack with a nested loop
          (local.set $i (i32.const 0))
          (block $end (loop $l
            (br_if $end (i32.ge_u (local.get $i) (local.get $sp)))
            (local.set $acc (i64.xor (i64.rotl (local.get $acc) (i64.const 13))
              (i64.load offset=1024 (local.get $i))))
            (local.set $i (i32.add (local.get $i) (i32.const 8)))
            (br $l)))
          (br $next))
          ;; 3: grow memory (views must be reloaded) and store past the old end
          (drop (call $grow))
          (i64.store (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 8)) (local.get $acc))
          (local.set $acc (i64.add (local.get $acc)
            (i64.load (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 8)))))
          (br $next))
          ;; 4: multiply, trapping on a zero divisor first
          (local.set $acc (i64.mul (local.get $acc)
            (i64.div_u (i64.const 1000003) (i64.load8_u (local.get $pc)))))
          (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
          (br $next))
          ;; 5: return early
          (return (i64.sub (local.get $acc) (i64.const 1))))
        ;; 6 (and anything else): halt
        (br $done)))
    (local.get $acc))
  (func (export "load") (param i32 i32) (i32.store8 (local.get 0) (local.get 1))))`;

test('a dispatch loop split into regions equals native', () => {
  const program = [0, 5, 1, 0, 7, 1, 2, 4, 3, 1, 2, 3, 0, 9, 2, 6];
  const calls: [string, ...unknown[]][] = program.map((b, i) => ['load', i, b]);
  for (const n of [0, 1, 3, 5, 8, 12, 40]) calls.push(['run', 0, n]);
  calls.push(['load', 20, 4], ['load', 21, 0], ['run', 20, 5]); // division by zero in a region
  calls.push(['load', 22, 5], ['run', 22, 3]); // early return
  calls.push(['run', 65530, 9]); // out of bounds
  differential(VM, calls);
  differential(VM, calls, 600, 100);
  for (const [max, min] of [[300, 20], [400, 30], [1000, 60], [1500, 40]]) differential(VM, calls, max, min);
});

test('jumps out of regions: br_if/br_table to outer blocks, multi-value results, tail loops', () => {
  differential(`(module
    (func $mv (export "mv") (param i32) (result i32 i64 f64)
      (block $a (result i32 i64 f64)
        (block $b (result i32 i64 f64)
          (br_if $a (i32.const 5) (i64.const 6) (f64.const 7) (i32.eqz (local.get 0)))
          (br_table $a $b $a (i32.const 7) (i64.const -9) (f64.const 2.5) (i32.and (local.get 0) (i32.const 3))))
        (drop) (drop) (i64.const 2) (f64.const 3)))
    (func (export "deep") (param i32) (result i32)
      (local i32)
      (block $o (loop $l
        (block $x (block $y (block $z
          (br_table $x $y $z $o (i32.rem_u (local.get 0) (i32.const 5))))
          (local.set 1 (i32.add (local.get 1) (i32.const 3))))
          (local.set 1 (i32.mul (local.get 1) (i32.const 5))))
        (local.set 0 (i32.add (i32.mul (local.get 0) (i32.const 5)) (i32.const 3)))
        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get 1) (i32.const 100000)))))
      (local.get 1))
    (func $fac (export "fac") (param i64 i64) (result i64)
      (if (result i64) (i64.eqz (local.get 0)) (then (local.get 1))
        (else (return_call $fac (i64.sub (local.get 0) (i64.const 1)) (i64.mul (local.get 0) (local.get 1)))))))`,
  [['mv', 0], ['mv', 1], ['mv', 2], ['mv', 3], ['mv', 4], ['deep', 0], ['deep', 7], ['deep', 123], ['deep', 99999], ['fac', 20n, 1n], ['fac', 0n, 5n]], 150, 5);
});

test('exceptions and traps cross regions (legacy try: Node 20 has no try_table)', () => {
  differential(`(module
    (tag $t (param i32))
    (func $thrower (param i32) (if (i32.gt_s (local.get 0) (i32.const 10)) (then (throw $t (local.get 0)))))
    (func (export "f") (param i32) (result i32)
      (local i32)
      (try (result i32)
        (do
          (local.set 1 (i32.add (local.get 0) (i32.const 1)))
          (call $thrower (i32.mul (local.get 1) (i32.const 3)))
          (local.set 1 (i32.div_s (i32.const 100) (local.get 0)))
          (return (local.get 1)))
        (catch $t (i32.add (i32.const 1000))))))`,
  [['f', 1], ['f', 2], ['f', 4], ['f', 0], ['f', -1]], 150, 5);
});

// Straight-line rounds (as unrolled hashes): stack values and locals live across the cuts, locals
// written only on some paths (a region must not store a stale copy back), regions inside a loop.
test('values flowing between regions through locals and stack slots equal native', () => {
  const round = (a: number, b: number, k: number): string =>
    `(local.set ${a} (i32.add (i32.rotl (i32.xor (local.get ${a}) (local.get ${b})) (i32.const ${k})) (i32.mul (local.get ${b}) (i32.const ${k * 2 + 1}))))\n` +
    `(if (i32.and (local.get ${a}) (i32.const ${1 << (k % 8)})) (then (local.set ${b} (i32.rotr (i32.sub (local.get ${b}) (local.get ${a})) (i32.const ${k % 31})))))\n`;
  let body = '';
  for (let i = 0; i < 24; i++) body += round(1 + (i % 4), 1 + ((i + 1) % 4), i + 1);
  const text = `(module
    (func (export "rounds") (param i32 i32) (result i32) (local i32 i32 i32 i32)
      (local.set 2 (local.get 0)) (local.set 3 (local.get 1))
      (loop $l
        ;; a value left on the stack across many statements
        (i32.add (local.get 4) (i32.const 7))
        ${body}
        (local.set 5 (i32.add (i32.xor (local.get 1) (local.get 2)) (i32.add (local.get 3) (local.get 4))))
        (local.set 4 (i32.add (local.get 5)))
        (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
      (i32.xor (local.get 4) (local.get 5))))`;
  const calls: [string, ...unknown[]][] = [['rounds', 1, 2], ['rounds', 5, -7], ['rounds', 17, 123456789]];
  differential(text, calls);
  differential(text, calls, 600, 100);
  differential(text, calls, 2000, 300);
  differential(text, calls, 400, 20);
});

// A region whose loop is continued by a nested region's exit code, and which also has exits of its
// own: falling off its end must still report "no exit" to its caller.
test('a region falling off its end after a nested region continued its loop equals native', () => {
  const mix = `(local.set 1 (i32.add (local.get 1) (i32.mul (local.get 3) (i32.const 3))))
            (local.set 1 (i32.xor (local.get 1) (i32.shl (local.get 1) (i32.const 5))))
            (local.set 2 (i32.sub (local.get 2) (i32.rotr (local.get 1) (local.get 3))))\n`;
  const text = `(module
    (func (export "f") (param i32) (result i32) (local i32 i32 i32)
      (block $out
        (loop $L
          (local.set 3 (i32.add (local.get 3) (i32.const 1)))
          (br_if $out (i32.gt_u (local.get 3) (local.get 0)))
          (block $in
            ${mix.repeat(4)}
            (br_if $L (i32.and (local.get 1) (i32.const 1)))
            ${mix.repeat(3)}
            (local.set 2 (i32.add (local.get 2) (i32.rotl (local.get 1) (i32.const 3)))))
          (br_if $out (i32.gt_u (local.get 2) (i32.const 0x7fff0000)))
          (br_if $L (i32.lt_u (local.get 3) (local.get 0)))))
      (local.set 2 (i32.add (local.get 2) (i32.const 11)))
      (i32.add (i32.mul (local.get 1) (i32.const 31)) (local.get 2))))`;
  const calls: [string, ...unknown[]][] = [['f', 1], ['f', 10], ['f', 1000], ['f', 100000]];
  for (const [max, min] of [[200, 10], [300, 20], [500, 20], [800, 40]]) differential(text, calls, max, min);
});
