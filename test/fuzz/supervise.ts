// The supervisor of a fuzzing run: starts the worker (worker.ts), watches its heartbeat and restarts
// it after a hang or a death, resuming at the next input. A stall while decoding/validating longer
// than `hangMs` is a hang (a bug); a stall while instantiating or running exports longer than
// `loopMs` is a wasm loop (legitimate: the input is skipped and counted). A dead worker (an
// uncaught error, out of memory) is a crash with the input it was on.
import { Worker } from 'node:worker_threads';
import { PHASE_COMPILE, PHASE_IDLE, type Stats, type WorkerData, type WorkerMsg } from './protocol.js';

export interface Finding {
  index: number;
  how: string;
  phase: string;
  error: string;
  bytes: Uint8Array;
}

export interface SuperviseReport extends Stats {
  seed: number;
  crashes: Finding[];
  hangs: Finding[];
  /** Inputs whose exports (or start function) looped past loopMs: skipped, not bugs. */
  loops: number;
  /** Stalls that did not recur when the input ran again alone with 5× the time: machine load. */
  unconfirmedHangs: number;
  /** Instructions the tiers do not implement yet, with how many runs stopped at each. */
  gaps: Map<string, number>;
  disagreements: Map<string, { count: number; sample: Finding }>;
  ms: number;
}

export interface SuperviseOptions {
  seed: number;
  inputs: number;
  start?: number;
  hangMs?: number;
  loopMs?: number;
  onProgress?: (r: SuperviseReport) => void;
  /** Re-run each hang alone with 5× hangMs and keep only those that stall again (default true). */
  confirm?: boolean;
}

/** Supervises the run, then confirms its hangs: on a loaded machine a stall may be a descheduling. */
export async function supervise(o: SuperviseOptions): Promise<SuperviseReport> {
  const r = await superviseOnce(o);
  if (o.confirm === false) return r;
  const confirmed: Finding[] = [];
  for (const h of r.hangs) {
    const again = await superviseOnce({ seed: o.seed, inputs: 1, start: h.index, hangMs: 5 * (o.hangMs ?? 2000), loopMs: o.loopMs });
    if (again.hangs.length > 0) confirmed.push(h);
    else r.unconfirmedHangs++;
  }
  r.hangs = confirmed;
  return r;
}

function superviseOnce(o: SuperviseOptions): Promise<SuperviseReport> {
  const hangMs = o.hangMs ?? 2000;
  const loopMs = o.loopMs ?? 300;
  const end = (o.start ?? 0) + o.inputs;
  const t0 = performance.now();
  const r: SuperviseReport = {
    seed: o.seed, inputs: 0, compileErrors: 0, accepted: 0, skipped: 0, calls: 0, traps: 0,
    crashes: [], hangs: [], loops: 0, unconfirmedHangs: 0, gaps: new Map(), disagreements: new Map(), ms: 0,
  };
  const heartbeat = new SharedArrayBuffer(12);
  const lastInput = new SharedArrayBuffer(1 << 20);
  const hb = new Int32Array(heartbeat);
  const current = (): Uint8Array => new Uint8Array(lastInput, 0, Atomics.load(hb, 2)).slice();

  return new Promise((resolve) => {
    const startWorker = (from: number): void => {
      if (from >= end) {
        r.ms = performance.now() - t0;
        resolve(r);
        return;
      }
      Atomics.store(hb, 0, from);
      Atomics.store(hb, 1, PHASE_IDLE);
      const data: WorkerData = { seed: o.seed, start: from, end, heartbeat, lastInput };
      const w = new Worker(new URL('./worker.js', import.meta.url), { workerData: data, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
      let done = false;
      let seen = -1;
      let since = performance.now();
      // The worker's stats arrive every 500 inputs: inputs of an interrupted batch are counted here.
      let counted = from;
      const finish = (next: number): void => {
        if (done) return;
        done = true;
        clearInterval(timer);
        r.inputs += next - counted; // the interrupted input and those of its unreported batch
        void w.terminate().then(() => startWorker(next));
      };
      const timer = setInterval(() => {
        const idx = Atomics.load(hb, 0);
        const ph = Atomics.load(hb, 1);
        const now = performance.now();
        if (idx !== seen || ph === PHASE_IDLE) {
          seen = idx;
          since = now;
          return;
        }
        const stalled = now - since;
        if (ph === PHASE_COMPILE && stalled > hangMs) {
          r.hangs.push({ index: idx, how: '?', phase: 'compile', error: `no progress for ${stalled.toFixed(0)} ms`, bytes: current() });
          finish(idx + 1);
        } else if (ph !== PHASE_COMPILE && stalled > loopMs) {
          r.loops++;
          finish(idx + 1);
        }
      }, 50);
      w.on('message', (m: WorkerMsg) => {
        switch (m.kind) {
          case 'stats':
            for (const k of ['inputs', 'compileErrors', 'accepted', 'skipped', 'calls', 'traps'] as const) r[k] += m[k];
            counted += m.inputs;
            o.onProgress?.(r);
            break;
          case 'crash':
            r.crashes.push(m);
            break;
          case 'gap':
            r.gaps.set(m.instr, (r.gaps.get(m.instr) ?? 0) + 1);
            break;
          case 'disagree': {
            const d = r.disagreements.get(m.cls);
            if (d) d.count++;
            else r.disagreements.set(m.cls, { count: 1, sample: { ...m, phase: 'native', error: m.cls } });
            break;
          }
          case 'done':
            done = true;
            clearInterval(timer);
            r.ms = performance.now() - t0;
            void w.terminate().then(() => resolve(r));
            break;
        }
      });
      w.on('error', (e) => {
        if (done) return;
        const idx = Atomics.load(hb, 0);
        r.crashes.push({ index: idx, how: '?', phase: `worker died (phase ${Atomics.load(hb, 1)})`, error: String(e?.stack ?? e), bytes: current() });
        finish(idx + 1);
      });
    };
    startWorker(o.start ?? 0);
  });
}
