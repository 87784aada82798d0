// Runs the testsuite scripts (binary-encoded and text) in `PARALLEL` worker threads, each file with a time limit; a
// worker that crashes or hangs is terminated and replaced, so one file never stops the others. Shared by the
// CI test (testsuite.test.ts) and the expectations writer (update-expected.ts).

import { Worker } from 'node:worker_threads';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED, TESTSUITE_BIN } from '../util/wast-binaries.js';

const TESTSUITE = join(SHARED, 'spec/testsuite');

export interface FileResult {
  passed: number;
  notRun: number;
  failing: { line: number; reason: string }[];
  notRunReasons: Record<string, number>;
}

/** What expected.json records per file: enough to catch any change, nothing that varies by run. */
export interface Expectation {
  passed: number;
  notRun: number;
  failing: number[];
}

export const EXPECTED_PATH = new URL('../../../test/spec/expected.json', import.meta.url).pathname;
export const PARALLEL = Number(process.env.SPEC_PARALLEL ?? 2);
export const FILE_TIME_LIMIT_MS = Number(process.env.SPEC_TIME_LIMIT_MS ?? 120_000);
export const COMMAND_TIME_LIMIT_MS = Number(process.env.SPEC_COMMAND_TIME_LIMIT_MS ?? 30_000);

/**
 * Script names: the binary-encoded scripts of testsuite-bin (`x.bin.wast`, `custom/x.bin.wast`) and
 * the text originals of testsuite (`x.wast`, `custom/x.wast`, `legacy/x.wast`), which add the WAT
 * parser to the pipeline and the `module quote` checks that exist only as text, and the proposals
 * beyond 3.0 (`proposals/threads/x.wast` …), text only.
 */
export function specFiles(): string[] {
  const list = (root: string, sub: string) =>
    readdirSync(join(root, sub)).filter((f) => f.endsWith('.wast')).map((f) => (sub ? `${sub}/${f}` : f));
  return [
    ...list(TESTSUITE_BIN, ''), ...list(TESTSUITE_BIN, 'custom'),
    ...list(TESTSUITE, ''), ...list(TESTSUITE, 'custom'), ...list(TESTSUITE, 'legacy'),
    ...readdirSync(join(TESTSUITE, 'proposals')).flatMap((p) => list(TESTSUITE, `proposals/${p}`)),
  ].sort();
}

/** The file behind a script name (an absolute path stands for itself). */
export function specPath(name: string): string {
  if (name.startsWith('/')) return name;
  return join(name.endsWith('.bin.wast') ? TESTSUITE_BIN : TESTSUITE, name);
}

export function expectationOf(r: FileResult): Expectation {
  return { passed: r.passed, notRun: r.notRun, failing: r.failing.map((f) => f.line) };
}

/**
 * A worker that runs files one after another. A command that runs longer than COMMAND_TIME_LIMIT_MS
 * or crashes the worker is recorded as failed at its line; the worker is replaced and the file run
 * again with that command skipped, so one hang costs one check, not the rest of the file.
 */
class Lane {
  private worker: Worker | null = null;
  private readonly progress = new SharedArrayBuffer(8);
  private readonly state = new Int32Array(this.progress);

  private spawn(): Worker {
    const w = new Worker(new URL('./run-file.js', import.meta.url), {
      workerData: { progress: this.progress },
      resourceLimits: { stackSizeMb: 16 },
    });
    w.unref();
    return w;
  }

  async run(name: string): Promise<FileResult> {
    const skip = new Map<number, string>();
    const deadline = Date.now() + FILE_TIME_LIMIT_MS;
    for (;;) {
      const r = await this.attempt(name, skip, deadline);
      if ('result' in r) return r.result;
      // Give up on the file when the same line fails again, after too many retries, or past its time.
      if (skip.has(r.line) || skip.size >= 5 || Date.now() >= deadline || r.line === 0) {
        const failing = [...skip].map(([line, reason]) => ({ line, reason }));
        if (!skip.has(r.line)) failing.push({ line: r.line, reason: r.reason });
        return { passed: 0, notRun: 0, failing, notRunReasons: {} };
      }
      skip.set(r.line, r.reason);
    }
  }

  /** One run of the file: its result, or the line where the worker hung or died. */
  private attempt(name: string, skip: Map<number, string>, deadline: number): Promise<{ result: FileResult } | { line: number; reason: string }> {
    const worker = (this.worker ??= this.spawn());
    Atomics.store(this.state, 0, 0);
    return new Promise((resolve) => {
      let done = false;
      let seen = Atomics.load(this.state, 1);
      let since = Date.now();
      // A fresh worker first loads the whole engine: that time is not a command's.
      let started = false;
      const finish = (r: { result: FileResult } | { line: number; reason: string }) => {
        if (done) return;
        done = true;
        clearInterval(watchdog);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (!('result' in r)) {
          void worker.terminate();
          this.worker = null;
        }
        resolve(r);
      };
      const stuck = (reason: string) => finish({ line: Atomics.load(this.state, 0), reason });
      const watchdog = setInterval(() => {
        const now = Date.now();
        const seq = Atomics.load(this.state, 1);
        if (seq !== seen) {
          seen = seq;
          since = now;
          started = true;
        } else if (started && now - since > COMMAND_TIME_LIMIT_MS) stuck(`hung: no result within ${COMMAND_TIME_LIMIT_MS} ms`);
        if (now > deadline) stuck(`timeout: the file took over ${FILE_TIME_LIMIT_MS} ms`);
      }, 200);
      const onMessage = (result: FileResult) => finish({ result });
      const onError = (e: unknown) => stuck(`worker crashed: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      const onExit = (code: number) => stuck(`worker exited with code ${code}`);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage({ path: specPath(name), skip: [...skip] });
    });
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = null;
  }
}

/** Runs `names` (default: all) and returns their results by name, in the order given. */
export async function runSpecFiles(names = specFiles(), onResult?: (name: string, r: FileResult, ms: number) => void): Promise<Map<string, FileResult>> {
  const results = new Map<string, FileResult>();
  let next = 0;
  // A worker that dies before its first command (e.g. a module of the build fails to load) would
  // die the same way for every file: report that once per file without respawning each time.
  let startupFailure: FileResult | null = null;
  const drive = async () => {
    const lane = new Lane();
    while (next < names.length) {
      const name = names[next++];
      const t0 = Date.now();
      const r = startupFailure ?? (await lane.run(name));
      if (r.failing.length === 1 && r.failing[0].line === 0 && r.passed + r.notRun === 0) startupFailure = r;
      results.set(name, r);
      onResult?.(name, r, Date.now() - t0);
    }
    lane.close();
  };
  await Promise.all(Array.from({ length: Math.max(1, PARALLEL) }, drive));
  return new Map(names.map((n) => [n, results.get(n)!]));
}

/** The group a script belongs to, for subtotals. */
export function groupOf(name: string): 'binary' | 'text' | 'proposals' {
  return name.endsWith('.bin.wast') ? 'binary' : name.startsWith('proposals/') ? 'proposals' : 'text';
}

/** A fixed-width table row. */
export function row(name: string, r: FileResult | Expectation): string {
  const failed = 'failing' in r ? r.failing.length : 0;
  return `${name.padEnd(52)} ${String(r.passed).padStart(6)} ${String(failed).padStart(6)} ${String(r.notRun).padStart(7)}`;
}
export const HEADER = `${'file'.padEnd(52)} ${'passed'.padStart(6)} ${'failed'.padStart(6)} ${'not run'.padStart(7)}`;
