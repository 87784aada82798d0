// Runs testsuite scripts (binary and text) in this process and prints every failing (and, with -v,
// not run) check with its reason — the tool for working on spec failures:
//   node .build-NAME/test/spec/show.js [-v] address float_exprs …   (file-name filters)
//   node .build-NAME/test/spec/show.js --reasons [filters…]        (reasons ranked by checks)

import { readFileSync } from 'node:fs';
import { runScriptSource } from '../../src/script/runner.js';
import { contractEngine } from '../../src/script/contract-engine.js';
import { parseModule } from '../../src/text/parse.js';
import { specFiles, specPath } from './pool.js';

const verbose = process.argv.includes('-v');
const ranking = process.argv.includes('--reasons');
const filters = process.argv.slice(2).filter((a) => a !== '-v' && a !== '--reasons');
const reasons = new Map<string, number>();
for (const name of specFiles().filter((n) => filters.length === 0 || filters.some((f) => n.includes(f)))) {
  const r = runScriptSource(readFileSync(specPath(name), 'utf8'), contractEngine({ parseText: parseModule }));
  if (!ranking) console.log(`${name}: ${r.passed} passed, ${r.failed} failed, ${r.notRun} not run`);
  for (const c of r.checks) {
    if (c.outcome === 'passed') continue;
    // Ranking: the reason without what varies per check (numbers, quoted values).
    const key = `${c.outcome}: ${(c.reason ?? '').replace(/line \d+/g, 'line N').replace(/\(.*?\)|".*?"/g, '…')}`;
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
    if (!ranking && (c.outcome === 'failed' || verbose)) console.log(`  ${name}:${c.line} ${c.command} ${c.outcome}: ${c.reason}`);
  }
}
if (ranking) for (const [k, n] of [...reasons].sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(7)}  ${k}`);
