// The long differential run: `node DIR/test/diff/run.js [--modules N] [--seed S] [--denan] [--out diff-out]`.
// Generates modules with wasm-opt -ttf (gen.ts), traces each on native V8 and on purewasm
// (harness.ts) and writes every mismatching module with both traces to the output folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { WebAssembly as PW } from '../../src/index.js';
import { generate } from './gen.js';
import { firstDifference, trace, type Trace } from './harness.js';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const modules = Number(arg('modules', '1000'));
const seed = Number(arg('seed', '1'));
const out = arg('out', 'diff-out');
const denan = process.argv.includes('--denan');
mkdirSync(out, { recursive: true });

let compared = 0, mismatches = 0, calls = 0, traps = 0, genFailed = 0;
const classes = new Map<string, number>();
const t0 = performance.now();
for (let i = 0; i < modules; i++) {
  let bytes: Uint8Array;
  try {
    bytes = generate(seed, i, denan);
  } catch {
    genFailed++;
    continue;
  }
  const a = trace(globalThis.WebAssembly as never, bytes);
  let b: Trace;
  try {
    b = trace(PW as never, bytes);
  } catch (e) {
    b = { log: [`harness crashed: ${String((e as Error)?.stack ?? e)}`], memories: [] };
  }
  compared++;
  calls += a.log.filter((l) => l.startsWith('call ')).length;
  traps += a.log.filter((l) => l.includes('throws')).length;
  const d = firstDifference(a, b);
  if (d) {
    mismatches++;
    const cls = d.replace(/^line \d+: /, '').replace(/\b\d+\b/g, 'N').replace(/call \S+/g, 'call F').slice(0, 200);
    classes.set(cls, (classes.get(cls) ?? 0) + 1);
    writeFileSync(`${out}/mismatch-${seed}-${i}.wasm`, bytes);
    writeFileSync(`${out}/mismatch-${seed}-${i}.txt`, `${d}\n\n--- native\n${a.log.join('\n')}\n\n--- purewasm\n${b.log.join('\n')}\n`);
  }
  if ((i + 1) % 100 === 0) console.log(`${i + 1} generated, ${compared} compared, ${mismatches} mismatches, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
console.log(`seed ${seed}: ${compared} modules compared (${genFailed} not generated), ${calls} export calls, ${traps} trapped, ` +
  `${mismatches} mismatches in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
for (const [cls, n] of [...classes].sort((x, y) => y[1] - x[1])) console.log(`  ×${n} ${cls}`);
writeFileSync(`${out}/summary-${seed}.json`, JSON.stringify({ seed, compared, genFailed, calls, traps, mismatches, classes: Object.fromEntries(classes) }, null, 1));
