// The interpreter tier (exec/interp) against the compile tier and polywasm on the real npm packages
// of test/realworld (small inputs), each run in a fresh process, under plain node and under
// `node --jitless` (where no JavaScript is compiled to machine code: the setting the interpreter is
// for, next to eval-free pages). Ratios measured side by side in this one run; outputs checked
// against native WebAssembly.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WORKLOADS } from '../test/realworld/workloads.js';
import { table } from './common.js';

const child = fileURLToPath(new URL('../test/realworld/child.js', import.meta.url));

interface Result { output?: string; error?: string; runMs: number }

function measure(name: string, engine: string, tier: string, flags: string[]): Result {
  const env = { ...process.env, PUREWASM_ENGINE: tier };
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
  for (const [label, flags] of [['node', []], ['node --jitless', ['--jitless']]] as const) {
    const rows = [['workload (small inputs)', 'compile ms', 'interpret ms', 'polywasm ms', 'interpret / compile', 'interpret / polywasm', 'outputs']];
    const vsCompile: number[] = [];
    const vsPoly: number[] = [];
    for (const name of names) {
      const native = measure(name, 'native', 'auto', []);
      const comp = measure(name, 'purewasm', 'compile', [...flags]);
      const interp = measure(name, 'purewasm', 'interpret', [...flags]);
      const poly = measure(name, 'polywasm', 'auto', [...flags]);
      const ok = (r: Result): boolean => !r.error && r.output === native.output;
      const a = ok(interp) && ok(comp) ? interp.runMs / comp.runMs : NaN;
      const b = ok(interp) && ok(poly) ? interp.runMs / poly.runMs : NaN;
      vsCompile.push(a);
      vsPoly.push(b);
      const ms = (r: Result): string => (ok(r) ? r.runMs.toFixed(0) : r.error ? 'fails' : 'WRONG');
      rows.push([name, ms(comp), ms(interp), ms(poly), fmt(a), fmt(b), [comp, interp, poly].every(ok) ? 'same' : 'differ']);
    }
    rows.push(['geometric mean', '', '', '', fmt(geomean(vsCompile)), fmt(geomean(vsPoly)), '']);
    out.push(`### ${label}\n\n${table(rows)}`);
  }
  return out.join('\n\n') + '\n\nrun time (fastest of 3) per tier; ratios > 1x mean the interpreter is slower';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(benchInterp(process.argv.slice(2).length ? process.argv.slice(2) : undefined));
