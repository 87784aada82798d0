// Runs one real-world workload in this fresh process: `node child.js NAME native|purewasm`. For
// purewasm, globalThis.WebAssembly is replaced before the package loads (native is removed), with
// a counter on Instance/instantiate that proves the package really went through purewasm. Prints one
// JSON line: { output, instantiations } or { error }.
import { register } from 'node:module';
import { WORKLOADS } from './workloads.js';

const [name, engine] = process.argv.slice(2);
let instantiations = 0;

if (engine === 'purewasm') {
  const { WebAssembly: PureWasm } = await import('../../src/index.js');
  const ns = Object.create(Object.getPrototypeOf(PureWasm), Object.getOwnPropertyDescriptors(PureWasm));
  const Base = PureWasm.Instance;
  ns.Instance = class Instance extends Base {
    constructor(module: WebAssembly.Module, imports?: WebAssembly.Imports) {
      super(module, imports);
      instantiations++;
    }
  };
  const inst = PureWasm.instantiate;
  ns.instantiate = (...args: unknown[]) => {
    instantiations++;
    return (inst as (...a: unknown[]) => unknown)(...args);
  };
  Object.defineProperty(globalThis, 'WebAssembly', { value: ns, writable: true, configurable: true, enumerable: false });
}
// wasm-bindgen "bundler" packages import their .wasm as an ES module: a loader hook provides that.
register(new URL('./wasm-esm-hooks.js', import.meta.url));

try {
  const output = await WORKLOADS[name]();
  console.log(JSON.stringify({ output, instantiations }));
} catch (e) {
  console.log(JSON.stringify({ error: String((e as Error)?.stack ?? e), instantiations }));
}
