// Runs one real-world workload in this fresh process:
//   node child.js NAME native|purewasm|polywasm [test|bench] [repeats]
// For purewasm and polywasm, globalThis.WebAssembly is replaced before the package loads, with a
// counter on Instance/instantiate that proves the package really went through that engine. Prints one
// JSON line: { output, instantiations, startupMs, runMs, wasmBytes, heapBytes } (runMs: the fastest
// of `repeats` runs; wasmBytes: the size of the modules the package compiled; heapBytes: JS heap and
// ArrayBuffer growth from before the package loaded to after its runs, measured after a full GC when
// node runs with --expose-gc) or { error }.
// Precompiled code (bench/interp.ts): with PUREWASM_PRECOMPILE_TO=DIR, purewasm's precompile() of
// every module the package compiles is written to DIR (for PUREWASM_PRECOMPILE_HOSTS: both, jit or
// no-jit; as .mjs: imported as .js, Node would first scan a CommonJS file for its exports, 20 s for
// swc's 146 MB under --jitless instead of 3 s); with PUREWASM_PRECOMPILED=DIR, this process
// refuses to evaluate code (as under a strict CSP) and loads DIR's files before the package runs
// (preloadMs: the time that took; precompiled: functions that found their code there, and not).
import { register } from 'node:module';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WORKLOADS, type Size } from './workloads.js';
import { refuseEval } from '../util/refuse-eval.js';

const captureTo = process.env.PUREWASM_PRECOMPILE_TO;
const preloaded = process.env.PUREWASM_PRECOMPILED;
/** Time taken to load the precompiled files (part of start-up, reported separately). */
let preloadMs = 0;
const precompiled = { hits: 0, misses: 0 };
if (preloaded) {
  if (!refuseEval('precompiled run')) throw new Error('could not refuse eval');
  const t = performance.now();
  for (const f of readdirSync(preloaded).filter((n) => n.endsWith('.mjs'))) await import(pathToFileURL(join(preloaded, f)).href);
  preloadMs = performance.now() - t;
  // Counted: functions whose code came from the files, and those that had none (then interpreted).
  const registry = (globalThis as Record<symbol, Map<string, unknown>>)[Symbol.for('purewasm.precompiled')];
  const get = registry.get.bind(registry);
  registry.get = (key: string) => {
    const f = get(key);
    if (f) precompiled.hits++;
    else precompiled.misses++;
    return f;
  };
}
const precompile = captureTo ? (await import('../../src/precompile.js')).precompile : null;

const [name, engine, size = 'test', repeatsArg = '1'] = process.argv.slice(2);
let instantiations = 0;
let wasmBytes = 0;
/** Every memory the package made or got, so that linear memory can be left out of heapBytes. */
const memories = new Set<WebAssembly.Memory>();
/**
 * Notes the bytes of a module the package compiles (a BufferSource; a Module or anything else
 * counts 0): their size goes to wasmBytes and, with PUREWASM_PRECOMPILE_TO, their precompiled code
 * to a file there.
 */
const compiled = (x: unknown): void => {
  const n = ArrayBuffer.isView(x) ? x.byteLength : x instanceof ArrayBuffer ? x.byteLength : 0;
  wasmBytes += n;
  if (n > 0 && precompile) {
    const bytes = x instanceof ArrayBuffer ? new Uint8Array(x) : new Uint8Array((x as ArrayBufferView).buffer, (x as ArrayBufferView).byteOffset, n);
    const hosts = (process.env.PUREWASM_PRECOMPILE_HOSTS ?? 'both') as 'both' | 'jit' | 'no-jit';
    writeFileSync(join(captureTo!, `module${readdirSync(captureTo!).length}.mjs`), precompile(bytes.slice(), undefined, { hosts }));
  }
};

/** A copy of `base` whose Instance/instantiate count their calls. */
function counting(base: typeof WebAssembly): typeof WebAssembly {
  const ns = Object.create(Object.getPrototypeOf(base), Object.getOwnPropertyDescriptors(base));
  const BaseModule = base.Module;
  ns.Module = class Module extends BaseModule {
    constructor(bytes: BufferSource) {
      super(bytes);
      compiled(bytes);
    }
  };
  const compile = base.compile;
  ns.compile = (bytes: BufferSource) => {
    compiled(bytes);
    return compile.call(base, bytes);
  };
  const BaseMemory = base.Memory;
  ns.Memory = class Memory extends BaseMemory {
    constructor(desc: WebAssembly.MemoryDescriptor) {
      super(desc);
      memories.add(this);
    }
  };
  const noteMemories = (exports: WebAssembly.Exports): void => {
    for (const v of Object.values(exports)) if (v instanceof BaseMemory) memories.add(v);
  };
  const Base = base.Instance;
  ns.Instance = class Instance extends Base {
    constructor(module: WebAssembly.Module, imports?: WebAssembly.Imports) {
      super(module, imports);
      noteMemories(this.exports);
      instantiations++;
    }
  };
  const inst = base.instantiate;
  ns.instantiate = (...args: unknown[]) => {
    instantiations++;
    compiled(args[0]);
    const p = (inst as (...a: unknown[]) => Promise<WebAssembly.Instance | { instance: WebAssembly.Instance }>).apply(base, args);
    return p.then((r) => (noteMemories(('instance' in r ? r.instance : r).exports), r));
  };
  return ns;
}

const base = engine === 'native' ? globalThis.WebAssembly
  : engine === 'polywasm'
    ? ((await import('polywasm')) as unknown as { WebAssembly: typeof WebAssembly }).WebAssembly
    : ((await import('../../src/index.js')) as unknown as { WebAssembly: typeof WebAssembly }).WebAssembly;
Object.defineProperty(globalThis, 'WebAssembly', { value: counting(base), writable: true, configurable: true, enumerable: false });

/** JS heap plus memory held outside it (ArrayBuffers, native wasm code and memories), less the
 * linear memories, after a full GC where node exposes one: what the engine and the package keep. */
function heapNow(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  let linear = 0;
  for (const mem of memories) linear += mem.buffer.byteLength;
  return m.heapUsed + m.external - linear;
}
// wasm-bindgen "bundler" packages import their .wasm as an ES module: a loader hook provides that.
register(new URL('./wasm-esm-hooks.js', import.meta.url));

try {
  const heap0 = heapNow();
  const t0 = performance.now();
  const run = await WORKLOADS[name].load(size as Size);
  const startupMs = performance.now() - t0;
  let output = '';
  let runMs = Infinity;
  for (let i = 0; i < Number(repeatsArg); i++) {
    const t = performance.now();
    output = await run();
    runMs = Math.min(runMs, performance.now() - t);
  }
  const heapBytes = heapNow() - heap0;
  console.log(JSON.stringify({ output, instantiations, startupMs, runMs, wasmBytes, heapBytes, ...(preloaded ? { preloadMs, precompiled } : {}) }));
} catch (e) {
  console.log(JSON.stringify({ error: String((e as Error)?.stack ?? e), instantiations }));
}
