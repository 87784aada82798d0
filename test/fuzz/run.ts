// The long mutation-fuzzing run: `node scripts/build.mjs --out DIR && node DIR/test/fuzz/run.js
// [--inputs N] [--seed X] [--start I] [--out fuzz-out]`. Decodes, validates (against native
// validate too), instantiates and runs every mutated input under supervise.ts; prints totals and
// writes every crasher, hang and one sample per disagreement class to the output folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { supervise, type SuperviseReport } from './supervise.js';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const inputs = Number(arg('inputs', '100000'));
const seed = Number(arg('seed', '1'));
const start = Number(arg('start', '0'));
const out = arg('out', 'fuzz-out');

const line = (r: SuperviseReport): string =>
  `seed ${seed}: ${r.inputs} inputs, ${r.compileErrors} CompileError, ${r.accepted} accepted ` +
  `(${r.skipped} not runnable with stubs, ${r.calls} calls, ${r.traps} trapped, ${r.loops} looped), ` +
  `${r.crashes.length} crashes, ${r.hangs.length} hangs (${r.unconfirmedHangs} stalls not confirmed on a re-run), ` +
  `${[...r.disagreements.values()].reduce((a, d) => a + d.count, 0)} validate disagreements`;

let lastPrint = 0;
const r = await supervise({
  seed, inputs, start,
  onProgress: (p) => {
    if (performance.now() - lastPrint > 30_000) {
      lastPrint = performance.now();
      console.log(line(p));
    }
  },
});
console.log(`${line(r)} in ${(r.ms / 1000).toFixed(0)} s`);
mkdirSync(out, { recursive: true });
const findings = [...r.crashes.map((c) => ['crash', c] as const), ...r.hangs.map((h) => ['hang', h] as const)];
for (const [kind, f] of findings) {
  writeFileSync(`${out}/${kind}-${seed}-${f.index}.wasm`, f.bytes);
  console.log(`${kind} #${f.index} (${f.how}, ${f.phase}): ${f.error.split('\n').slice(0, 4).join(' | ')}`);
}
if (r.gaps.size) console.log(`stopped at unimplemented instructions: ${[...r.gaps].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
const classes = [...r.disagreements].sort((a, b) => b[1].count - a[1].count);
classes.forEach(([cls, d], i) => {
  writeFileSync(`${out}/disagree-${seed}-${i}.wasm`, d.sample.bytes);
  console.log(`disagree ×${d.count} (e.g. #${d.sample.index}, disagree-${seed}-${i}.wasm): ${cls}`);
});
writeFileSync(`${out}/summary-${seed}.json`, JSON.stringify({
  seed, start, inputs: r.inputs, compileErrors: r.compileErrors, accepted: r.accepted, skipped: r.skipped,
  calls: r.calls, traps: r.traps, loops: r.loops, crashes: r.crashes.length, hangs: r.hangs.length, unconfirmedHangs: r.unconfirmedHangs, gaps: Object.fromEntries(r.gaps),
  disagreements: classes.map(([cls, d]) => ({ cls, count: d.count, sample: d.sample.index })), seconds: r.ms / 1000,
}, null, 1));
if (findings.length) process.exitCode = 1;
