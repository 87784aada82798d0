// The fuzzing loop, run in a worker thread so that the supervisor (supervise.ts) can tell a hang from
// a slow input and restart after one. Input i of a seed is a pure function of (seed, i), so a run
// resumes after a hang at i + 1 and any input can be regenerated. Before each phase the worker
// publishes the input index, the phase and the bytes in shared memory; the supervisor reads them
// when the worker stops making progress or dies.
import { parentPort, workerData } from 'node:worker_threads';
import { WebAssembly as PW } from '../../src/index.js';
import { corpus, mutateInput } from './mutate.js';
import { runModule } from './exec.js';
import { PHASE_COMPILE, PHASE_IDLE, type WorkerData, type WorkerMsg } from './protocol.js';

const data = workerData as WorkerData;
const hb = new Int32Array(data.heartbeat);
const last = new Uint8Array(data.lastInput);
const base = corpus();
// Native V8, typed loosely: its lib typings want ArrayBuffer-backed views only.
const native = globalThis.WebAssembly as unknown as { validate(b: Uint8Array): boolean; Module: new (b: Uint8Array) => object };
// Disagreements with V8 only mean something for mutants of modules both engines accept: the others
// use features Node 20's V8 lacks (GC, memory64, exnref, …).
const baseOk = base.map((b) => native.validate(b) && PW.validate(b));

const post = (m: WorkerMsg): void => parentPort!.postMessage(m);
const phase = (p: number): void => void Atomics.store(hb, 1, p);
const norm = (s: string): string => s.replace(/\d+/g, 'N').replace(/0xN[0-9a-f]*/gi, 'N').slice(0, 160);
const stack = (e: unknown): string => String((e as Error)?.stack ?? e);

let stats = { inputs: 0, compileErrors: 0, accepted: 0, skipped: 0, calls: 0, traps: 0 };
for (let i = data.start; i < data.end; i++) {
  const { bytes, how, baseIndex } = mutateInput(data.seed, i, base);
  Atomics.store(hb, 0, i);
  Atomics.store(hb, 2, Math.min(bytes.length, last.length));
  last.set(bytes.subarray(0, last.length));
  phase(PHASE_COMPILE);
  let ok = false;
  let pwMsg = '';
  try {
    new PW.Module(bytes);
    ok = true;
  } catch (e) {
    if (e instanceof PW.CompileError) stats.compileErrors++;
    else post({ kind: 'crash', index: i, how, phase: 'compile', error: stack(e), bytes });
    pwMsg = String((e as Error)?.message);
  }
  try {
    const v = PW.validate(bytes);
    if (v !== ok) post({ kind: 'crash', index: i, how, phase: 'validate', error: `validate() = ${v}, new Module ${ok ? 'succeeded' : 'failed'}`, bytes });
  } catch (e) {
    post({ kind: 'crash', index: i, how, phase: 'validate', error: stack(e), bytes });
  }
  if (baseOk[baseIndex]) {
    const v8 = native.validate(bytes);
    if (v8 !== ok) {
      let v8Msg = '';
      try { new native.Module(bytes); } catch (e) { v8Msg = String((e as Error).message); }
      const cls = ok ? `purewasm accepts, V8: ${norm(v8Msg)}` : `V8 accepts, purewasm: ${norm(pwMsg)}`;
      post({ kind: 'disagree', index: i, how, cls, bytes });
    }
  }
  if (ok) {
    stats.accepted++;
    try {
      const r = runModule(bytes, phase);
      if (r.skipped) stats.skipped++;
      stats.calls += r.calls;
      stats.traps += r.traps;
      if (r.unimplemented) post({ kind: 'gap', instr: r.unimplemented });
      if (r.crash) post({ kind: 'crash', index: i, how, phase: 'run', error: r.crash, bytes });
    } catch (e) {
      post({ kind: 'crash', index: i, how, phase: 'run', error: stack(e), bytes });
    }
  }
  phase(PHASE_IDLE);
  stats.inputs++;
  if (stats.inputs === 500) {
    post({ kind: 'stats', ...stats });
    stats = { inputs: 0, compileErrors: 0, accepted: 0, skipped: 0, calls: 0, traps: 0 };
  }
}
post({ kind: 'stats', ...stats });
post({ kind: 'done' });
