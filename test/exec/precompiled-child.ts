// Runs where evaluating code is refused (test/util/refuse-eval.ts), after loading the precompiled-
// code files named on the command line: instantiates the module in argv[2] with engine 'auto', calls its exports with the
// arguments in argv[3] (JSON: { name: args[] }), and prints one JSON line with each export's
// results and the tier that ran it ('compiled' or 'interpreted').
import { refuseEval } from '../util/refuse-eval.js';

refuseEval('precompiled test');

const { readFileSync } = await import('node:fs');
const { pathToFileURL } = await import('node:url');
const [wasmPath, callsJson, ...files] = process.argv.slice(2);
for (const f of files) await import(pathToFileURL(f).href);
const { compileModule } = await import('../../src/valid/index.js');
const { instantiate, invoke } = await import('../../src/runtime/index.js');
type Fn = import('../../src/runtime/interface.js').FuncInst & { fn: { name: string } };

const inst = instantiate(compileModule(new Uint8Array(readFileSync(wasmPath))), []);
const calls = JSON.parse(callsJson) as Record<string, (number | string)[][]>;
const out: Record<string, { results: string[]; tier: string }> = {};
for (const e of inst.exports) {
  const fi = e.value as Fn;
  const results: string[] = [];
  for (const args of calls[e.name] ?? []) {
    try {
      results.push(String(invoke(fi, args.map((a) => (typeof a === 'string' ? BigInt(a) : a)))));
    } catch (err) {
      results.push(`${(err as Error).constructor.name}: ${(err as Error).message}`);
    }
  }
  out[e.name] = { results, tier: fi.fn.name === 'interpretedEntry' ? 'interpreted' : 'compiled' };
}
console.log(JSON.stringify(out));
