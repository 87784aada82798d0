// Runs one real-world workload in this fresh process:
//   node child.js NAME native|purewasm|polywasm [test|bench] [repeats]
// For purewasm and polywasm, globalThis.WebAssembly is replaced before the package loads, with a
// counter on Instance/instantiate that proves the package really went through that engine. Prints one
// JSON line: { output, instantiations, startupMs, runMs } (runMs: the fastest of `repeats` runs) or
// { error }.
import { register } from 'node:module';
import { WORKLOADS, type Size } from './workloads.js';

const [name, engine, size = 'test', repeatsArg = '1'] = process.argv.slice(2);
let instantiations = 0;

/** A copy of `base` whose Instance/instantiate count their calls. */
function counting(base: typeof WebAssembly): typeof WebAssembly {
  const ns = Object.create(Object.getPrototypeOf(base), Object.getOwnPropertyDescriptors(base));
  const Base = base.Instance;
  ns.Instance = class Instance extends Base {
    constructor(module: WebAssembly.Module, imports?: WebAssembly.Imports) {
      super(module, imports);
      instantiations++;
    }
  };
  const inst = base.instantiate;
  ns.instantiate = (...args: unknown[]) => {
    instantiations++;
    return (inst as (...a: unknown[]) => unknown).apply(base, args);
  };
  return ns;
}

if (engine !== 'native') {
  const base = engine === 'polywasm'
    ? ((await import('polywasm')) as unknown as { WebAssembly: typeof WebAssembly }).WebAssembly
    : ((await import('../../src/index.js')) as unknown as { WebAssembly: typeof WebAssembly }).WebAssembly;
  Object.defineProperty(globalThis, 'WebAssembly', { value: counting(base), writable: true, configurable: true, enumerable: false });
}
// wasm-bindgen "bundler" packages import their .wasm as an ES module: a loader hook provides that.
register(new URL('./wasm-esm-hooks.js', import.meta.url));

try {
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
  console.log(JSON.stringify({ output, instantiations, startupMs, runMs }));
} catch (e) {
  console.log(JSON.stringify({ error: String((e as Error)?.stack ?? e), instantiations }));
}
