// Worker entry: runs the .wast files it is sent, one message each, against purewasm
// (script/contract-engine, with text/parse for text modules) and posts a FileResult for each.
// Progress goes to a shared Int32Array — [line of the current command, commands started] — so the
// parent can tell a hung command, terminate the worker and run the file again without it.

import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { runScriptSource } from '../../src/script/runner.js';
import { contractEngine } from '../../src/script/contract-engine.js';
import { parseModule } from '../../src/text/parse.js';
import type { FileResult } from './pool.js';

const { progress } = workerData as { progress: SharedArrayBuffer };
const state = new Int32Array(progress);

parentPort!.on('message', ({ path, skip }: { path: string; skip: [number, string][] }) => {
  Atomics.store(state, 0, 0);
  Atomics.add(state, 1, 1); // started: from here on the parent times each command
  const report = runScriptSource(readFileSync(path, 'utf8'), contractEngine({ parseText: parseModule }), {
    onCommand: (l) => {
      Atomics.store(state, 0, l);
      Atomics.add(state, 1, 1);
    },
    skip: new Map(skip),
  });
  const result: FileResult = {
    passed: report.passed,
    notRun: report.notRun,
    failing: report.checks.filter((c) => c.outcome === 'failed').map((c) => ({ line: c.line, reason: c.reason ?? '' })),
    notRunReasons: countReasons(report.checks.filter((c) => c.outcome === 'not run').map((c) => c.reason ?? '')),
  };
  parentPort!.postMessage(result);
});

function countReasons(reasons: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of reasons) out[r] = (out[r] ?? 0) + 1;
  return out;
}
