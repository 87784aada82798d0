// Real npm packages (test/realworld/workloads.ts) on native V8, purewasm and polywasm, each engine in
// a fresh process, side by side in this one run: start-up (import + compile + instantiate) and run time
// (fastest of several runs), as ratios; outputs are checked against native. Then the same workloads
// (small inputs) under `node --jitless`, where native WebAssembly does not exist: purewasm vs polywasm.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WORKLOADS } from '../test/realworld/workloads.js';
import { table } from './common.js';

const child = fileURLToPath(new URL('../test/realworld/child.js', import.meta.url));

interface Result { output?: string; error?: string; startupMs: number; runMs: number }

function measure(name: string, engine: string, size: string, repeats: number, flags: string[] = []): Result {
  const r = spawnSync(process.execPath, [...flags, child, name, engine, size, String(repeats)],
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
const status = (r: Result, ref: Result): string => (r.error ? `fails: ${r.error.split('\n')[0].slice(0, 60)}` : r.output === ref.output ? 'same' : 'WRONG OUTPUT');

export function benchRealWorld(repeats = 3): string {
  const rows = [['workload', 'native run ms', 'purewasm run', 'polywasm run', 'purewasm start-up', 'polywasm start-up', 'purewasm output', 'polywasm output']];
  const pureRun: number[] = [], polyRun: number[] = [], pureStart: number[] = [], polyStart: number[] = [];
  for (const name of Object.keys(WORKLOADS)) {
    const native = measure(name, 'native', 'bench', repeats);
    const pure = measure(name, 'purewasm', 'bench', repeats);
    const poly = measure(name, 'polywasm', 'bench', repeats);
    const ok = (r: Result): boolean => !r.error && r.output === native.output;
    const pr = ok(pure) ? pure.runMs / native.runMs : NaN;
    const yr = ok(poly) ? poly.runMs / native.runMs : NaN;
    const ps = ok(pure) ? pure.startupMs / native.startupMs : NaN;
    const ys = ok(poly) ? poly.startupMs / native.startupMs : NaN;
    pureRun.push(pr); polyRun.push(yr); pureStart.push(ps); polyStart.push(ys);
    rows.push([name, native.error ? 'fails' : native.runMs.toFixed(0), fmt(pr), fmt(yr), fmt(ps), fmt(ys), status(pure, native), status(poly, native)]);
  }
  rows.push(['geometric mean (correct runs)', '', fmt(geomean(pureRun)), fmt(geomean(polyRun)), fmt(geomean(pureStart)), fmt(geomean(polyStart)), '', '']);
  return table(rows) + '\n\nratios are to native V8 WebAssembly (lower is better)';
}

export function benchJitless(): string {
  const rows = [['workload (small inputs)', 'purewasm run ms', 'polywasm run ms', 'polywasm / purewasm', 'outputs']];
  const speedups: number[] = [];
  for (const name of Object.keys(WORKLOADS)) {
    const native = measure(name, 'native', 'test', 1);
    const pure = measure(name, 'purewasm', 'test', 2, ['--jitless']);
    const poly = measure(name, 'polywasm', 'test', 2, ['--jitless']);
    const ok = (r: Result): boolean => !r.error && r.output === native.output;
    const s = ok(pure) && ok(poly) ? poly.runMs / pure.runMs : NaN;
    speedups.push(s);
    rows.push([name, ok(pure) ? pure.runMs.toFixed(0) : status(pure, native), ok(poly) ? poly.runMs.toFixed(0) : status(poly, native), fmt(s), `${status(pure, native)} / ${status(poly, native)}`]);
  }
  rows.push(['geometric mean', '', '', fmt(geomean(speedups)), '']);
  return table(rows) + '\n\nunder node --jitless (no native WebAssembly); > 1x means purewasm is faster';
}
