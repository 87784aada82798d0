// `npm run fuzz [-- --inputs N --seconds S --seed X]`: the long mutation-fuzzing run. Prints totals,
// writes every crasher and slow input to fuzz-out/ so it can become a regression test.
import { mkdirSync, writeFileSync } from 'node:fs';
import { WebAssembly } from '../../src/index.js';
import { fuzz } from './mutate.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const inputs = arg('inputs', 100_000);
const seconds = arg('seconds', 600);
const seed = arg('seed', 1);
const r = fuzz(WebAssembly as never, seed, inputs, seconds * 1000);
console.log(`seed ${seed}: ${r.inputs} inputs, ${r.compileErrors} CompileError, ${r.accepted} accepted, ` +
  `${r.crashes.length} crashes, ${r.slow.length} slow (> 2 s), max ${r.maxMs.toFixed(1)} ms per input`);
if (r.crashes.length || r.slow.length) {
  mkdirSync('fuzz-out', { recursive: true });
  [...r.crashes, ...r.slow].forEach((c, i) => writeFileSync(`fuzz-out/case-${seed}-${i}.wasm`, c.bytes));
  for (const c of r.crashes.slice(0, 10)) console.log(`${c.how}: ${c.error.split('\n').slice(0, 3).join(' | ')}`);
  process.exitCode = 1;
}
