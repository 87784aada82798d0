// Real npm packages (test/realworld/workloads.ts) on native V8, purewasm and polywasm, each engine in
// a fresh process, side by side in this one run: start-up (import + compile + instantiate) and run time
// (fastest of several runs), as ratios; outputs are checked against native. Then the same workloads
// (small inputs) under `node --jitless`, where native WebAssembly does not exist: purewasm vs polywasm.
// Memory: what each engine keeps (JS heap + external, less linear memories, after a full GC) from
// before the package loads to after its runs; purewasm's excess over native's, per byte of wasm
// compiled, is the cost of its compiled form (decoded module, generated code, caches).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WORKLOADS } from '../test/realworld/workloads.js';
import { table } from './common.js';

const child = fileURLToPath(new URL('../test/realworld/child.js', import.meta.url));

interface Result { output?: string; error?: string; startupMs: number; runMs: number; wasmBytes?: number; heapBytes?: number }

function measure(name: string, engine: string, size: string, repeats: number, flags: string[] = []): Result {
  const r = spawnSync(process.execPath, ['--expose-gc', ...flags, child, name, engine, size, String(repeats)],
    { encoding: 'utf8', timeout: 900_000, maxBuffer: 256 << 20 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line);
  } catch {
    return { error: `exit ${r.status} ${r.signal ?? ''} ${r.stderr.slice(-300)}`, startupMs: NaN, runMs: NaN };
  }
}

const fmt = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(2)}x` : 'n/a');
const geomean = (xs: number[]): number => {
  const ok = xs.filter((x) => Number.isFinite(x) && x > 0);
  return ok.length ? Math.exp(ok.reduce((s, x) => s + Math.log(x), 0) / ok.length) : NaN;
};
const status = (r: Result, ref: Result): string => (r.error ? `fails: ${r.error.split('\n')[0].slice(0, 40)}` : r.output === ref.output ? 'same' : 'WRONG OUTPUT');

/** The faster start-up and run of `n` fresh processes (start-up happens once per process). */
function bestOf(n: number, ...args: Parameters<typeof measure>): Result {
  let best = measure(...args);
  for (let i = 1; i < n && !best.error; i++) {
    const r = measure(...args);
    if (r.error) return r;
    best = { ...best, startupMs: Math.min(best.startupMs, r.startupMs), runMs: Math.min(best.runMs, r.runMs) };
  }
  return best;
}

export function benchRealWorld(repeats = 3): string {
  const rows = [['workload', 'native run ms', 'purewasm run', 'polywasm run', 'purewasm start-up', 'polywasm start-up', 'wasm MB', 'purewasm memory', 'purewasm output', 'polywasm output']];
  const pureRun: number[] = [], polyRun: number[] = [], pureStart: number[] = [], polyStart: number[] = [], mem: number[] = [];
  for (const name of Object.keys(WORKLOADS)) {
    const native = measure(name, 'native', 'bench', repeats);
    const pure = measure(name, 'purewasm', 'bench', repeats);
    const poly = measure(name, 'polywasm', 'bench', repeats);
    const ok = (r: Result): boolean => !r.error && r.output === native.output;
    const pr = ok(pure) ? pure.runMs / native.runMs : NaN;
    const yr = ok(poly) ? poly.runMs / native.runMs : NaN;
    const ps = ok(pure) ? pure.startupMs / native.startupMs : NaN;
    const ys = ok(poly) ? poly.startupMs / native.startupMs : NaN;
    // purewasm's memory beyond native's, in bytes per byte of wasm compiled.
    const mx = ok(pure) && pure.wasmBytes ? ((pure.heapBytes ?? NaN) - (native.heapBytes ?? NaN)) / pure.wasmBytes : NaN;
    pureRun.push(pr); polyRun.push(yr); pureStart.push(ps); polyStart.push(ys); mem.push(mx);
    const mb = pure.wasmBytes ? (pure.wasmBytes / 2 ** 20).toFixed(2) : 'n/a';
    rows.push([name, native.error ? 'fails' : native.runMs.toFixed(0), fmt(pr), fmt(yr), fmt(ps), fmt(ys), mb, fmt(mx), status(pure, native), status(poly, native)]);
  }
  rows.push(['geometric mean (correct runs)', '', fmt(geomean(pureRun)), fmt(geomean(polyRun)), fmt(geomean(pureStart)), fmt(geomean(polyStart)), '', fmt(geomean(mem)), '', '']);
  return table(rows) + '\n\nratios are to native V8 WebAssembly (lower is better); purewasm memory: what purewasm keeps beyond ' +
    'native (JS heap + external, linear memories excluded, after a full GC) per byte of wasm compiled';
}

export function benchJitless(): string {
  const rows = [['workload (small inputs)', 'purewasm run ms', 'polywasm run ms', 'polywasm / purewasm', 'purewasm start-up ms', 'polywasm start-up ms', 'polywasm / purewasm start-up', 'outputs']];
  const speedups: number[] = [], startups: number[] = [];
  for (const name of Object.keys(WORKLOADS)) {
    const native = measure(name, 'native', 'test', 1);
    const pure = bestOf(2, name, 'purewasm', 'test', 2, ['--jitless']);
    const poly = bestOf(2, name, 'polywasm', 'test', 2, ['--jitless']);
    const ok = (r: Result): boolean => !r.error && r.output === native.output;
    const s = ok(pure) && ok(poly) ? poly.runMs / pure.runMs : NaN;
    const u = ok(pure) && ok(poly) ? poly.startupMs / pure.startupMs : NaN;
    speedups.push(s);
    startups.push(u);
    const ms = (r: Result, x: number): string => (ok(r) ? x.toFixed(0) : r.error ? 'fails' : 'WRONG');
    rows.push([name, ms(pure, pure.runMs), ms(poly, poly.runMs), fmt(s), ms(pure, pure.startupMs), ms(poly, poly.startupMs), fmt(u), `${status(pure, native)} / ${status(poly, native)}`]);
  }
  rows.push(['geometric mean', '', '', fmt(geomean(speedups)), '', '', fmt(geomean(startups)), '']);
  return table(rows) + '\n\nunder node --jitless (no native WebAssembly), best of two processes each; > 1x means purewasm is faster';
}
