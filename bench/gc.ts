// A hand-written GC workload (WAT below, compiled with src/text's parseModule): a linked list built
// and walked, a binary tree built bottom-up and checked (the classic binary-trees shape), short
// arrays allocated and touched, and ref.cast from anyref against the same loop without the cast.
// purewasm runs in this process; native V8 runs in a child process started with
// --experimental-wasm-gc. Node 20's V8 implements a pre-final GC encoding and refuses the final
// 3.0 opcodes: then the child's error is printed and only purewasm's absolute numbers are reported.
// Ratios, when there are any, come from this one run.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WebAssembly as pure } from '../src/index.js';
import { parseModule } from '../src/text/parse.js';
import { minTime, table } from './common.js';

const WAT = `(module
  (type $node (struct (field i32) (field (ref null $node))))
  (type $tree (struct (field (ref null $tree)) (field (ref null $tree))))
  (type $vec (array (mut i32)))
  (global $any (mut anyref) (ref.null any))
  (global $typed (mut (ref null $node)) (ref.null $node))

  (func $build (param $n i32) (result (ref null $node))
    (local $h (ref null $node))
    (block $done (loop $l
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $h (struct.new $node (local.get $n) (local.get $h)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $l)))
    (local.get $h))
  (func (export "list") (param $n i32) (result i32)
    (local $p (ref null $node)) (local $s i32)
    (local.set $p (call $build (local.get $n)))
    (block $done (loop $l
      (br_if $done (ref.is_null (local.get $p)))
      (local.set $s (i32.add (local.get $s) (struct.get $node 0 (local.get $p))))
      (local.set $p (struct.get $node 1 (local.get $p)))
      (br $l)))
    (local.get $s))

  (func $make (param $d i32) (result (ref $tree))
    (if (result (ref $tree)) (i32.eqz (local.get $d))
      (then (struct.new $tree (ref.null $tree) (ref.null $tree)))
      (else (struct.new $tree
        (call $make (i32.sub (local.get $d) (i32.const 1)))
        (call $make (i32.sub (local.get $d) (i32.const 1)))))))
  (func $check (param $t (ref $tree)) (result i32)
    (local $l (ref null $tree))
    (local.set $l (struct.get $tree 0 (local.get $t)))
    (if (result i32) (ref.is_null (local.get $l))
      (then (i32.const 1))
      (else (i32.add (i32.const 1) (i32.add
        (call $check (ref.as_non_null (local.get $l)))
        (call $check (ref.as_non_null (struct.get $tree 1 (local.get $t)))))))))
  (func (export "tree") (param $d i32) (result i32) (call $check (call $make (local.get $d))))

  (func (export "arrays") (param $n i32) (result i32)
    (local $a (ref $vec)) (local $s i32)
    (block $done (loop $l
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $a (array.new $vec (local.get $n) (i32.const 8)))
      (array.set $vec (local.get $a) (i32.const 3) (i32.const 7))
      (local.set $s (i32.add (local.get $s) (i32.add (array.get $vec (local.get $a) (i32.const 3)) (array.len (local.get $a)))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $l)))
    (local.get $s))

  (func (export "setup")
    (global.set $typed (struct.new $node (i32.const 1) (ref.null $node)))
    (global.set $any (global.get $typed)))
  (func (export "castLoop") (param $n i32) (result i32)
    (local $s i32)
    (block $done (loop $l
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $s (i32.add (local.get $s) (struct.get $node 0 (ref.cast (ref $node) (global.get $any)))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $l)))
    (local.get $s))
  (func (export "plainLoop") (param $n i32) (result i32)
    (local $s i32)
    (block $done (loop $l
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $s (i32.add (local.get $s) (struct.get $node 0 (global.get $typed))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $l)))
    (local.get $s)))`;

interface Exports {
  list(n: number): number; tree(d: number): number; arrays(n: number): number;
  setup(): void; castLoop(n: number): number; plainLoop(n: number): number;
}

export const SIZES = { list: 100_000, depth: 16, arrays: 100_000, casts: 1_000_000 };

export interface GcResult {
  /** Allocations per second of each workload, and the cast cost. */
  list: number; tree: number; arrays: number; castNs: number; castRatio: number; checksum: number;
}

/** Runs the workload on an exports object (the same code runs in the native child, see below). */
export function measureGc(x: Exports, s: typeof SIZES, time: (f: () => unknown) => number): GcResult {
  let sum = 0;
  const tList = time(() => { sum += x.list(s.list); });
  const tTree = time(() => { sum += x.tree(s.depth); });
  const tArr = time(() => { sum += x.arrays(s.arrays); });
  x.setup();
  const tCast = time(() => { sum += x.castLoop(s.casts); });
  const tPlain = time(() => { sum += x.plainLoop(s.casts); });
  const treeNodes = 2 ** (s.depth + 1) - 1;
  return {
    list: s.list / (tList / 1000),
    tree: treeNodes / (tTree / 1000),
    arrays: s.arrays / (tArr / 1000),
    castNs: Math.max(0, ((tCast - tPlain) * 1e6) / s.casts),
    castRatio: tCast / tPlain,
    checksum: sum | 0,
  };
}

// The native side: the same measurement in a child with the GC flag (its own V8 settings).
const CHILD = `
const { bytes, sizes } = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const time = (f) => { f(); let best = Infinity; for (let i = 0; i < 5; i++) { const t = performance.now(); f(); best = Math.min(best, performance.now() - t); } return best; };
try {
  const x = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(bytes))).exports;
  const measure = ${measureGc.toString()};
  console.log(JSON.stringify(measure(x, sizes, time)));
} catch (e) { console.log(JSON.stringify({ error: String(e) })); }`;

function nativeRun(bytes: Uint8Array): GcResult | { error: string } {
  const r = spawnSync(process.execPath, ['--experimental-wasm-gc', '-e', CHILD], {
    input: JSON.stringify({ bytes: [...bytes], sizes: SIZES }), encoding: 'utf8',
  });
  try {
    return JSON.parse(r.stdout) as GcResult | { error: string };
  } catch {
    return { error: `child failed: ${r.stderr.split('\n')[0]}` };
  }
}

const perSec = (v: number): string => `${(v / 1e6).toFixed(2)} M/s`;

export function benchGc(): string {
  const bytes = parseModule(WAT);
  const x = new pure.Instance(new pure.Module(bytes)).exports as unknown as Exports;
  const p = measureGc(x, SIZES, (f) => minTime(f, 5));
  const n = nativeRun(bytes);
  const sizes = `list ${SIZES.list} nodes, tree depth ${SIZES.depth}, ${SIZES.arrays} arrays of 8, ${SIZES.casts} casts`;
  if ('error' in n) {
    const rows = [
      ['workload', 'purewasm'],
      ['list: struct allocations', perSec(p.list)],
      ['tree: struct allocations', perSec(p.tree)],
      ['arrays: array allocations', perSec(p.arrays)],
      ['ref.cast cost', `${p.castNs.toFixed(2)} ns/cast (loop ${p.castRatio.toFixed(2)}x the uncast loop)`],
    ];
    return `${table(rows)}\n\nnative V8 (node ${process.version} --experimental-wasm-gc) cannot run this module: ` +
      `${n.error}\n(Node 20's V8 implements a pre-final GC encoding), so no ratios. (${sizes})`;
  }
  const same = n.checksum === p.checksum ? 'same' : 'WRONG OUTPUT';
  const row = (name: string, a: number, b: number): string[] => [name, perSec(a), perSec(b), `${(b / a).toFixed(2)}x`];
  const rows = [
    ['workload', 'native', 'purewasm', 'purewasm / native'],
    row('list: struct allocations', n.list, p.list),
    row('tree: struct allocations', n.tree, p.tree),
    row('arrays: array allocations', n.arrays, p.arrays),
    ['ref.cast cost (ns/cast)', n.castNs.toFixed(2), p.castNs.toFixed(2), `loop ratio ${n.castRatio.toFixed(2)}x vs ${p.castRatio.toFixed(2)}x`],
  ];
  return `${table(rows)}\n\nchecksums: ${same} (${sizes})`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(benchGc());
