// The interpreter tier (exec/interp) against the compile tier and polywasm on the real npm packages
// of test/realworld (small inputs), each run in a fresh process, under plain node and under
// `node --jitless` (where no JavaScript is compiled to machine code: the setting the interpreter is
// for, next to eval-free pages), and precompiled code (`purewasm precompile`, loaded in a process
// that refuses to evaluate code). Ratios measured side by side in this one run; outputs checked
// against native WebAssembly. Then the proposals polywasm does not run: the SIMD kernels of
// bench/simd (clang -msimd128, and the same C without SIMD) and a GC kernel (below), interpreter vs
// compile tier, checksums compared.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WORKLOADS } from '../test/realworld/workloads.js';
import { table } from './common.js';
import { benchInterpFloor } from './interp-floor.js';

const child = fileURLToPath(new URL('../test/realworld/child.js', import.meta.url));

interface Result { output?: string; error?: string; runMs: number; startupMs?: number; preloadMs?: number }

function measure(name: string, engine: string, tier: string, flags: string[], extraEnv: Record<string, string> = {}): Result {
  const env = { ...process.env, PUREWASM_ENGINE: tier, ...extraEnv };
  const r = spawnSync(process.execPath, [...flags, child, name, engine, 'test', '3'], { encoding: 'utf8', env, timeout: 900_000, maxBuffer: 256 << 20 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line);
  } catch {
    return { error: `exit ${r.status} ${r.signal ?? ''}`, runMs: NaN };
  }
}

const fmt = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(2)}x` : 'n/a');
const geomean = (xs: number[]): number => {
  const ok = xs.filter((x) => Number.isFinite(x) && x > 0);
  return ok.length ? Math.exp(ok.reduce((s, x) => s + Math.log(x), 0) / ok.length) : NaN;
};

export function benchInterp(names = Object.keys(WORKLOADS)): string {
  const out: string[] = [];
  // Precompiled code (`purewasm precompile --host jit|no-jit`) for every module each package
  // compiles, made once per kind of host.
  const pre = mkdtempSync(join(tmpdir(), 'purewasm-bench-precompiled-'));
  const dirOf = (name: string, jitless: boolean): string => join(pre, `${names.indexOf(name)}-${jitless ? 'no-jit' : 'jit'}`);
  for (const name of names) {
    for (const jitless of [false, true]) {
      mkdirSync(dirOf(name, jitless));
      measure(name, 'purewasm', 'compile', [], { PUREWASM_PRECOMPILE_TO: dirOf(name, jitless), PUREWASM_PRECOMPILE_HOSTS: jitless ? 'no-jit' : 'jit' });
    }
  }
  const startups: string[][] = [['workload', 'compile start-up ms', 'precompiled: loading the file + start-up ms', 'file MB']];
  for (const [label, flags] of [['node', []], ['node --jitless', ['--jitless']]] as const) {
    const rows = [['workload (small inputs)', 'compile ms', 'interpret ms', 'precompiled ms', 'polywasm ms', 'interpret / compile', 'precompiled / compile', 'interpret / polywasm', 'outputs']];
    const vsCompile: number[] = [];
    const preVsCompile: number[] = [];
    const vsPoly: number[] = [];
    for (const name of names) {
      const native = measure(name, 'native', 'auto', []);
      const comp = measure(name, 'purewasm', 'compile', [...flags]);
      const interp = measure(name, 'purewasm', 'interpret', [...flags]);
      // Evaluation refused (as under a strict CSP), the precompiled file loaded first, engine 'auto'.
      const dir = dirOf(name, flags.length > 0);
      const precompiled = measure(name, 'purewasm', 'auto', [...flags], { PUREWASM_PRECOMPILED: dir });
      const poly = measure(name, 'polywasm', 'auto', [...flags]);
      const ok = (r: Result): boolean => !r.error && r.output === native.output;
      const ratio = (x: Result, y: Result): number => (ok(x) && ok(y) ? x.runMs / y.runMs : NaN);
      vsCompile.push(ratio(interp, comp));
      preVsCompile.push(ratio(precompiled, comp));
      vsPoly.push(ratio(interp, poly));
      const ms = (r: Result): string => (ok(r) ? r.runMs.toFixed(0) : r.error ? 'fails' : 'WRONG');
      rows.push([name, ms(comp), ms(interp), ms(precompiled), ms(poly), fmt(ratio(interp, comp)), fmt(ratio(precompiled, comp)), fmt(ratio(interp, poly)),
        [comp, interp, precompiled, poly].every(ok) ? 'same' : 'differ']);
      if (flags.length > 0 && ok(comp) && ok(precompiled)) {
        const mb = readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0) / 1e6;
        startups.push([name, comp.startupMs!.toFixed(0), (precompiled.preloadMs! + precompiled.startupMs!).toFixed(0), mb.toFixed(1)]);
      }
    }
    rows.push(['geometric mean', '', '', '', '', fmt(geomean(vsCompile)), fmt(geomean(preVsCompile)), fmt(geomean(vsPoly)), '']);
    out.push(`### ${label}\n\n${table(rows)}`);
  }
  rmSync(pre, { recursive: true, force: true });
  out.push(`### Start-up with precompiled code (node --jitless, evaluation refused, --host no-jit files)\n\n${table(startups)}`);
  out.push(`### SIMD and GC kernels\n\n${benchKernelTiers()}`);
  out.push(`### The floor of any switch-dispatch interpreter (node --jitless)\n\n${benchInterpFloor()}`);
  return out.join('\n\n') + '\n\nrun time (fastest of 3) per tier; ratios > 1x mean the interpreter is slower';
}

// ---- kernels of the proposals polywasm lacks ----

/** Lists, trees, arrays and casts (the shapes of bench/gc.ts) in one export: run(n) → checksum. */
const GC_WAT = `(module
  (type $node (struct (field i32) (field (ref null $node))))
  (type $tree (struct (field (ref null $tree)) (field (ref null $tree))))
  (type $vec (array (mut i32)))
  (func $list (param $n i32) (result i32)
    (local $h (ref null $node)) (local $s i32)
    (block $done (loop $l (br_if $done (i32.eqz (local.get $n)))
      (local.set $h (struct.new $node (local.get $n) (local.get $h)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1))) (br $l)))
    (block $done (loop $l (br_if $done (ref.is_null (local.get $h)))
      (local.set $s (i32.add (local.get $s) (struct.get $node 0 (local.get $h))))
      (local.set $h (struct.get $node 1 (local.get $h))) (br $l)))
    (local.get $s))
  (func $make (param $d i32) (result (ref $tree))
    (if (result (ref $tree)) (i32.eqz (local.get $d)) (then (struct.new $tree (ref.null $tree) (ref.null $tree)))
      (else (struct.new $tree (call $make (i32.sub (local.get $d) (i32.const 1))) (call $make (i32.sub (local.get $d) (i32.const 1)))))))
  (func $check (param $t (ref $tree)) (result i32) (local $l (ref null $tree))
    (local.set $l (struct.get $tree 0 (local.get $t)))
    (if (result i32) (ref.is_null (local.get $l)) (then (i32.const 1))
      (else (i32.add (i32.const 1) (i32.add (call $check (ref.as_non_null (local.get $l)))
        (call $check (ref.as_non_null (struct.get $tree 1 (local.get $t)))))))))
  (func $arrays (param $n i32) (result i32) (local $a (ref $vec)) (local $i i32) (local $s i32)
    (local.set $a (array.new_default $vec (local.get $n)))
    (block $done (loop $l (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (array.set $vec (local.get $a) (local.get $i) (i32.mul (local.get $i) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $l)))
    (block $done (loop $l (br_if $done (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $s (i32.xor (local.get $s) (array.get $vec (local.get $a) (local.get $i)))) (br $l)))
    (local.get $s))
  (func $casts (param $n i32) (result i32) (local $x anyref) (local $s i32)
    (local.set $x (struct.new $node (i32.const 3) (ref.null $node)))
    (block $done (loop $l (br_if $done (i32.eqz (local.get $n)))
      (local.set $s (i32.add (local.get $s) (struct.get $node 0 (ref.cast (ref $node) (local.get $x)))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1))) (br $l)))
    (local.get $s))
  (func (export "run") (param $n i32) (result i32)
    (i32.add (i32.add (call $list (local.get $n)) (call $check (call $make (i32.const 14))))
      (i32.add (call $arrays (local.get $n)) (call $casts (local.get $n))))))`;

interface Kernel { ms?: number; sum?: number; error?: string }

/** In a child: one kernel on one engine and tier, fastest of 3 runs after one warm-up. */
async function kernelChild(kernel: string, engine: string): Promise<Kernel> {
  const ns = engine === 'polywasm'
    ? ((await import('polywasm')) as unknown as { WebAssembly: typeof WebAssembly }).WebAssembly
    : ((await import('../src/index.js')) as unknown as { WebAssembly: typeof WebAssembly }).WebAssembly;
  let bytes: Uint8Array<ArrayBuffer>;
  if (kernel === 'gc') bytes = (await import('../src/text/parse.js')).parseModule(GC_WAT) as Uint8Array<ArrayBuffer>;
  else bytes = readFileSync(fileURLToPath(new URL(`../../bench/simd/kernels-${kernel}.wasm`, import.meta.url)));
  const x = new ns.Instance(new ns.Module(bytes), {}).exports as Record<string, (n?: number) => number>;
  // Timed: run() only (the SIMD kernels' init() is scalar code that resets their buffers).
  let ms = Infinity;
  const once = (): number => {
    if (kernel !== 'gc') x.init();
    const t = performance.now();
    const r = kernel === 'gc' ? x.run(20_000) : x.run(4);
    ms = Math.min(ms, performance.now() - t);
    return r >>> 0;
  };
  once();
  ms = Infinity;
  let sum = 0;
  for (let i = 0; i < 3; i++) sum = once();
  return { ms, sum };
}

function kernel(name: string, engine: string, tier: string, flags: string[]): Kernel {
  const env = { ...process.env, PUREWASM_ENGINE: tier };
  const r = spawnSync(process.execPath, [...flags, fileURLToPath(import.meta.url), '--kernel', name, engine], { encoding: 'utf8', env, timeout: 900_000 });
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
  } catch {
    return { error: `exit ${r.status} ${r.signal ?? ''} ${r.stderr.split('\n')[0]}` };
  }
}

/** The kernels' result on native WebAssembly where node runs them (SIMD yes; Node 20 lacks final GC). */
function nativeSum(name: string): number | undefined {
  if (name === 'gc') return undefined;
  const bytes = readFileSync(fileURLToPath(new URL(`../../bench/simd/kernels-${name}.wasm`, import.meta.url)));
  const x = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as Record<string, (n?: number) => number>;
  x.init();
  return x.run(4) >>> 0;
}

/** The kernels on both tiers (and polywasm where it runs them) under node and node --jitless. */
export function benchKernelTiers(): string {
  const rows = [['kernel', 'node', 'compile ms', 'interpret ms', 'polywasm ms', 'interpret / compile', 'checksums']];
  const kernels: [string, string][] = [['simd', 'SIMD C (-msimd128): run(4)'], ['scalar', 'same C without SIMD: run(4)'], ['gc', 'GC: list, tree, arrays, casts']];
  for (const [name, what] of kernels) {
    const want = nativeSum(name);
    for (const [label, flags] of [['', []], ['--jitless', ['--jitless']]] as const) {
      const comp = kernel(name, 'purewasm', 'compile', [...flags]);
      const interp = kernel(name, 'purewasm', 'interpret', [...flags]);
      const poly = name === 'scalar' ? kernel(name, 'polywasm', 'auto', [...flags]) : { error: 'unsupported' };
      const ref = want ?? comp.sum;
      const ms = (r: Kernel): string => (r.error ? (r.error === 'unsupported' ? 'n/a' : 'fails') : r.sum !== ref ? 'WRONG' : r.ms!.toFixed(0));
      const same = !comp.error && !interp.error && comp.sum === ref && interp.sum === ref;
      rows.push([label ? '' : what, label || 'node', ms(comp), ms(interp), ms(poly), fmt(interp.ms! / comp.ms!), same ? (want === undefined ? 'same (tiers)' : 'as native') : 'DIFFER']);
    }
  }
  return table(rows);
}

if (process.argv[2] === '--kernel') console.log(JSON.stringify(await kernelChild(process.argv[3], process.argv[4])));
else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  console.log(args[0] === 'kernels' ? benchKernelTiers() : benchInterp(args.length ? args : undefined));
}
