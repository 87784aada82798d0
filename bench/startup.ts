// Where start-up goes, per real workload (test/realworld), cold: every number comes from a fresh
// process, as most real start-ups are. `node bench/startup.js [workload…]` prints, for native V8 and
// purewasm (and purewasm under --jitless), the package's start-up split into compiling (Module,
// compile, the compile half of instantiate(bytes)), instantiating, and the rest (the package's JS,
// loading files); then, for the modules shipped as files, purewasm's own phases: importing the
// engine, decoding, validating the bodies — CPU time (process.cpuUsage), next to native validate.
// The machine is shared: each cell is the minimum of a few runs.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { require, table } from './common.js';

const self = fileURLToPath(import.meta.url);
const RUNS = 3;

interface Split {
  startupMs: number; compileMs: number; instantiateMs: number;
  startupCpu: number; compileCpu: number; instantiateCpu: number; error?: string;
}

/** CPU time of this process so far (all threads: V8's background compilers count too), ms. */
const cpu = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

/** A copy of `base` whose compile and instantiate entry points add up their wall time. */
function timed(base: typeof WebAssembly, acc: Split): typeof WebAssembly {
  const ns = Object.create(Object.getPrototypeOf(base), Object.getOwnPropertyDescriptors(base));
  const Mod = base.Module, Inst = base.Instance;
  ns.Module = class Module extends Mod {
    constructor(bytes: BufferSource) {
      const t = performance.now(), c = cpu();
      super(bytes);
      acc.compileMs += performance.now() - t;
      acc.compileCpu += cpu() - c;
    }
  };
  ns.Instance = class Instance extends Inst {
    constructor(module: WebAssembly.Module, imports?: WebAssembly.Imports) {
      const t = performance.now(), c = cpu();
      super(module, imports);
      acc.instantiateMs += performance.now() - t;
      acc.instantiateCpu += cpu() - c;
    }
  };
  // The asynchronous forms through the synchronous ones, so that each half is timed on its own.
  ns.compile = async (bytes: BufferSource) => new ns.Module(bytes);
  ns.instantiate = async (src: BufferSource | WebAssembly.Module, imports?: WebAssembly.Imports) => {
    if (src instanceof Mod) return new ns.Instance(src, imports);
    const module = new ns.Module(src as BufferSource);
    return { module, instance: new ns.Instance(module, imports) };
  };
  return ns;
}

async function childSplit(name: string, engine: string): Promise<void> {
  const acc: Split = { startupMs: 0, compileMs: 0, instantiateMs: 0, startupCpu: 0, compileCpu: 0, instantiateCpu: 0 };
  const base = engine === 'native' ? WebAssembly
    : ((await import('../src/index.js')) as unknown as { WebAssembly: typeof WebAssembly }).WebAssembly;
  Object.defineProperty(globalThis, 'WebAssembly', { value: timed(base, acc), writable: true, configurable: true });
  register(new URL('../test/realworld/wasm-esm-hooks.js', import.meta.url));
  const { WORKLOADS } = await import('../test/realworld/workloads.js');
  const t0 = performance.now(), c0 = cpu();
  try {
    await WORKLOADS[name].load('test');
  } catch (e) {
    acc.error = String(e);
  }
  acc.startupMs = performance.now() - t0;
  acc.startupCpu = cpu() - c0;
  console.log(JSON.stringify(acc));
}

/** purewasm's phases on one module file, in this fresh process: CPU ms. */
async function childPhases(file: string): Promise<void> {
  const t0 = cpu();
  const { decodeModule, validateModule } = await import('../src/valid/index.js');
  await import('../src/index.js');
  const t1 = cpu();
  // A Uint8Array copy, as the JS API makes: a Node Buffer has another map, and V8's optimised
  // code for one kind of array would be thrown away on meeting the other.
  const bytes = new Uint8Array(readFileSync(file));
  const t2 = cpu();
  const m = decodeModule(bytes);
  const t3 = cpu();
  validateModule(m);
  const t4 = cpu();
  const nw = (globalThis as { WebAssembly?: typeof WebAssembly }).WebAssembly;
  let native = NaN;
  if (nw && !process.execArgv.includes('--jitless')) {
    const t = cpu();
    nw.validate(bytes);
    native = cpu() - t;
  }
  console.log(JSON.stringify({ importMs: t1 - t0, decodeMs: t3 - t2, validateMs: t4 - t3, nativeValidateMs: native }));
}

function run(args: string[], flags: string[] = []): Record<string, number> & { error?: string } {
  const best: Record<string, number> & { error?: string } = {};
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, ['--no-warnings', ...flags, self, ...args], { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 600_000 });
    let o: Record<string, number> & { error?: string };
    try {
      o = JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
    } catch {
      return { error: `exit ${r.status}: ${r.stderr.slice(-200)}` } as never;
    }
    if (o.error) return o;
    // (JSON has no NaN: a cell that does not apply comes back as null.)
    for (const k of Object.keys(o)) best[k] = Math.min(best[k] ?? Infinity, o[k] ?? NaN);
  }
  return best;
}

const FILES: Record<string, [string, string]> = {
  photon: ['@silvia-odwyer/photon', 'photon_rs_bg.wasm'],
  '@swc/wasm': ['@swc/wasm', 'wasm_bg.wasm'],
  '@sqlite.org/sqlite-wasm': ['@sqlite.org/sqlite-wasm', 'sqlite-wasm/jswasm/sqlite3.wasm'],
};

export async function benchStartup(only: string[] = []): Promise<string> {
  const { WORKLOADS } = await import('../test/realworld/workloads.js');
  const f = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(0));
  const rows = [['workload', 'engine', 'start-up', 'compile', 'instantiate', 'rest', 'vs native', 'CPU: start-up', 'compile', 'instantiate', 'vs native']];
  for (const name of Object.keys(WORKLOADS)) {
    if (only.length && !only.includes(name)) continue;
    const native = run(['--split', name, 'native']);
    for (const [label, engine, flags] of [['native', 'native', []], ['purewasm', 'purewasm', []], ['purewasm --jitless', 'purewasm', ['--jitless']]] as const) {
      const s = engine === 'native' ? native : run(['--split', name, engine], [...flags]);
      if (s.error) {
        rows.push([name, label, `fails: ${s.error.slice(0, 60)}`, '', '', '', '', '', '', '', '']);
        continue;
      }
      rows.push([name, label, f(s.startupMs), f(s.compileMs), f(s.instantiateMs),
        f(s.startupMs - s.compileMs - s.instantiateMs), `${(s.startupMs / native.startupMs).toFixed(2)}x`,
        f(s.startupCpu), f(s.compileCpu), f(s.instantiateCpu), `${(s.startupCpu / native.startupCpu).toFixed(2)}x`]);
    }
  }
  const rows2 = [['module', 'engine', 'import engine', 'decode', 'validate', 'native validate', 'decode+validate / native']];
  for (const [name, [pkg, file]] of Object.entries(FILES)) {
    if (only.length && !only.includes(name)) continue;
    const abs = require.resolve(`${pkg}/package.json`).replace(/package\.json$/, file);
    for (const [label, flags] of [['node', []], ['node --jitless', ['--jitless']]] as const) {
      const p = run(['--phases', abs], [...flags]);
      if (p.error) {
        rows2.push([name, label, `fails: ${p.error.slice(0, 60)}`, '', '', '', '']);
        continue;
      }
      rows2.push([name, label, f(p.importMs), f(p.decodeMs), f(p.validateMs), f(p.nativeValidateMs),
        Number.isFinite(p.nativeValidateMs) ? `${((p.decodeMs + p.validateMs) / p.nativeValidateMs).toFixed(2)}x` : '']);
    }
  }
  return `start-up of each package, cold (ms: wall, then CPU; fresh process, min of ${RUNS} per cell):\n\n${table(rows)}\n\n` +
    `purewasm's phases on the module files, cold (CPU ms, fresh process, min of ${RUNS}):\n\n${table(rows2)}`;
}

const argv = process.argv.slice(2);
if (argv[0] === '--split') await childSplit(argv[1], argv[2]);
else if (argv[0] === '--phases') await childPhases(argv[1]);
else if (process.argv[1] === self) console.log(await benchStartup(argv));
