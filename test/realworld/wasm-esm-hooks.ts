// Node module-loader hooks that let `import * as wasm from './x.wasm'` work the way bundlers make it
// work: the .wasm becomes a small ES module that imports the wasm's import modules, instantiates
// through globalThis.WebAssembly *of the main thread's choice at evaluation time*, and re-exports its
// exports. Names come from the module's import/export lists and are emitted only as JSON strings.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface LoadResult { format: string; source: string; shortCircuit?: boolean }
type NextLoad = (url: string, ctx: unknown) => Promise<LoadResult>;

export async function load(url: string, context: unknown, next: NextLoad): Promise<LoadResult> {
  if (!url.endsWith('.wasm')) return next(url, context);
  const bytes = readFileSync(fileURLToPath(url));
  // Only the import/export lists are needed here (this hook runs on the loader thread, which has
  // native WebAssembly unless it is switched off; then purewasm's own decoder reads them).
  const ns: typeof WebAssembly = globalThis.WebAssembly ?? (await import('../../src/index.js')).WebAssembly;
  const mod = new ns.Module(bytes);
  const importModules = [...new Set(ns.Module.imports(mod).map((i) => i.module))];
  const exportNames = ns.Module.exports(mod).map((e) => e.name);
  const q = JSON.stringify;
  const lines = [
    `import { readFileSync } from 'node:fs';`,
    ...importModules.map((m, i) => `import * as i${i} from ${q(m)};`),
    `const bytes = readFileSync(new URL(import.meta.url));`,
    `const imports = { ${importModules.map((m, i) => `${q(m)}: i${i}`).join(', ')} };`,
    `const e = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports).exports;`,
    ...exportNames.map((n, i) => `const x${i} = e[${q(n)}]; export { x${i} as ${q(n)} };`),
  ];
  return { format: 'module', source: lines.join('\n'), shortCircuit: true };
}
