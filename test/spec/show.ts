// Runs testsuite scripts (binary and text) in this process and prints every failing (and, with -v, not run)
// check with its reason — the tool for working on spec failures:
//   node .build-NAME/test/spec/show.js [-v] address float_exprs …   (file-name filters)

import { readFileSync } from 'node:fs';
import { runScriptSource } from '../../src/script/runner.js';
import { contractEngine } from '../../src/script/contract-engine.js';
import { parseModule } from '../../src/text/parse.js';
import { specFiles, specPath } from './pool.js';

const verbose = process.argv.includes('-v');
const filters = process.argv.slice(2).filter((a) => a !== '-v');
for (const name of specFiles().filter((n) => filters.length === 0 || filters.some((f) => n.includes(f)))) {
  const r = runScriptSource(readFileSync(specPath(name), 'utf8'), contractEngine({ parseText: parseModule }));
  console.log(`${name}: ${r.passed} passed, ${r.failed} failed, ${r.notRun} not run`);
  for (const c of r.checks) {
    if (c.outcome === 'failed' || (verbose && c.outcome === 'not run')) console.log(`  ${name}:${c.line} ${c.command} ${c.outcome}: ${c.reason}`);
  }
}
