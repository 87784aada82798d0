// Mutation fuzzing of the decoder and validator: takes real modules from the testsuite, damages them
// in the ways real-world corruption and hostile inputs do, and checks that nothing but CompileError
// ever comes out of `new Module` / `validate`, and that nothing takes long.
import { binWastFiles, binaryModules } from '../util/wast-binaries.js';

/** xorshift32: a small deterministic PRNG so every run with the same seed sees the same inputs. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  next(): number {
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s;
  }
  below(n: number): number {
    return this.next() % n;
  }
}

export function corpus(): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const f of binWastFiles()) for (const m of binaryModules(f)) if (m.bytes.length >= 8) out.push(m.bytes);
  return out;
}

/** Byte offsets of the section headers (id byte) of a module, as far as they parse. */
function sections(b: Uint8Array): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let p = 8;
  while (p < b.length) {
    const start = p++;
    let size = 0;
    let shift = 0;
    for (let i = 0; i < 5 && p < b.length; i++) {
      const byte = b[p++];
      size += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (!(byte & 0x80)) break;
    }
    const end = p + size;
    if (end > b.length) break;
    out.push({ start, end });
    p = end;
  }
  return out;
}

const MUTATORS = ['flip', 'set', 'insert', 'delete', 'truncate', 'inflate-leb', 'swap-sections', 'duplicate-run'] as const;
export type Mutator = (typeof MUTATORS)[number];

export function mutate(src: Uint8Array, rng: Rng): { bytes: Uint8Array; how: Mutator } {
  const how = MUTATORS[rng.below(MUTATORS.length)];
  const b = Array.from(src);
  // An earlier mutation may have left nothing (truncate at 0): every case below copes with at = 0.
  const at = b.length > 0 ? rng.below(b.length) : 0;
  switch (how) {
    case 'flip':
      b[at] ^= 1 << rng.below(8);
      break;
    case 'set':
      b[at] = [0x00, 0x7f, 0x80, 0xff, 0x40, 0x0b, rng.below(256)][rng.below(7)];
      break;
    case 'insert':
      b.splice(at, 0, rng.below(256));
      break;
    case 'delete':
      b.splice(at, 1 + rng.below(4));
      break;
    case 'truncate':
      b.length = at;
      break;
    case 'inflate-leb': {
      // A LEB128 somewhere becomes huge: the shape of a lying count or size field.
      const huge = [[0xff, 0xff, 0xff, 0xff, 0x0f], [0x80, 0x80, 0x80, 0x80, 0x08], [0xff, 0xff, 0xff, 0x7f]][rng.below(3)];
      let end = at;
      while (end < b.length && b[end] & 0x80) end++;
      b.splice(at, end - at + 1, ...huge);
      break;
    }
    case 'swap-sections': {
      const s = sections(src);
      if (s.length >= 2) {
        const i = rng.below(s.length - 1);
        const x = s[i], y = s[i + 1];
        const swapped = [...src.subarray(0, x.start), ...src.subarray(y.start, y.end), ...src.subarray(x.start, x.end), ...src.subarray(y.end)];
        return { bytes: Uint8Array.from(swapped), how };
      }
      b[at] ^= 0xff;
      break;
    }
    case 'duplicate-run': {
      const len = 1 + rng.below(16);
      b.splice(at, 0, ...b.slice(at, at + len));
      break;
    }
  }
  return { bytes: Uint8Array.from(b), how };
}

/**
 * Input `index` of run `seed`: a pure function of both, so a supervised run can resume after a hang
 * and any reported input can be regenerated.
 */
export function mutateInput(seed: number, index: number, base: Uint8Array[]): { bytes: Uint8Array; how: Mutator; baseIndex: number } {
  const rng = new Rng(Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
  for (let k = 0; k < 4; k++) rng.next(); // decorrelate neighbouring indices
  const baseIndex = rng.below(base.length);
  let { bytes, how } = mutate(base[baseIndex], rng);
  for (let n = rng.below(8); n >= 5; n--) bytes = mutate(bytes, rng).bytes; // sometimes stacked mutations
  return { bytes, how, baseIndex };
}

export interface FuzzReport {
  inputs: number;
  compileErrors: number;
  accepted: number;
  crashes: { how: Mutator; error: string; bytes: Uint8Array }[];
  slow: { how: Mutator; ms: number; bytes: Uint8Array }[];
  maxMs: number;
}

interface Namespace {
  Module: new (bytes: ArrayBufferView) => unknown;
  validate(bytes: ArrayBufferView): boolean;
  CompileError: abstract new (...args: never[]) => Error;
}

/** Runs `count` mutated inputs (or until `budgetMs`) through `new Module` and `validate`. */
export function fuzz(ns: Namespace, seed: number, count: number, budgetMs = Infinity, slowMs = 2000): FuzzReport {
  const rng = new Rng(seed);
  const base = corpus();
  const report: FuzzReport = { inputs: 0, compileErrors: 0, accepted: 0, crashes: [], slow: [], maxMs: 0 };
  const deadline = performance.now() + budgetMs;
  for (let i = 0; i < count && performance.now() < deadline; i++) {
    let { bytes, how } = mutate(base[rng.below(base.length)], rng);
    if (rng.below(4) === 0) bytes = mutate(bytes, rng).bytes; // sometimes two mutations
    const t0 = performance.now();
    let ok = false;
    try {
      new ns.Module(bytes);
      ok = true;
    } catch (e) {
      if (e instanceof ns.CompileError) report.compileErrors++;
      else report.crashes.push({ how, error: String((e as Error)?.stack ?? e), bytes });
    }
    try {
      const v = ns.validate(bytes);
      if (v !== ok) report.crashes.push({ how, error: `validate() = ${v} but new Module ${ok ? 'succeeded' : 'failed'}`, bytes });
    } catch (e) {
      report.crashes.push({ how, error: `validate threw: ${String((e as Error)?.stack ?? e)}`, bytes });
    }
    const ms = performance.now() - t0;
    if (ms > report.maxMs) report.maxMs = ms;
    if (ms > slowMs) report.slow.push({ how, ms, bytes });
    if (ok) report.accepted++;
    report.inputs++;
  }
  return report;
}
