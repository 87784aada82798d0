// Random valid modules from binaryen's `wasm-opt -ttf` (Debian package `binaryen`): random bytes in,
// a valid module out. Features are those both Node 20's V8 and purewasm's tiers run: MVP plus
// sign-ext, mutable globals, non-trapping float-to-int, bulk memory, multi-value and tail calls. Left out: reference types (binaryen 108 then types ref.func as a typed function
// reference, which Node 20 rejects), SIMD (purewasm's tiers do not run it yet), binaryen 108's exception
// handling (the legacy try/catch encoding), threads, GC, memory64, extended-const (not in Node 20).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../fuzz/mutate.js';

export const FEATURES = [
  '--enable-sign-ext', '--enable-mutable-globals', '--enable-nontrapping-float-to-int',
  '--enable-bulk-memory', '--enable-multivalue', '--enable-tail-call',
];

export function haveWasmOpt(): boolean {
  try {
    execFileSync('wasm-opt', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Module number `index` of run `seed`: wasm-opt -ttf over 1–8 KiB of seeded random bytes. `denan`
 * adds binaryen's --denan pass (NaN results become 0 at run time): NaN payloads are
 * nondeterministic in the spec and V8 and purewasm pick differently, which a store or
 * reinterpret makes visible (a different hashMemory result or store address).
 */
export function generate(seed: number, index: number, denan = false): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'diffgen-'));
  const rng = new Rng(Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
  for (let k = 0; k < 4; k++) rng.next();
  const n = 1024 + rng.below(7 * 1024);
  const input = new Uint8Array(n);
  for (let i = 0; i < n; i++) input[i] = rng.next() & 0xff;
  const inFile = join(dir, 'in.bin');
  const outFile = join(dir, 'out.wasm');
  writeFileSync(inFile, input);
  execFileSync('wasm-opt', ['-ttf', inFile, '-o', outFile, ...FEATURES, ...(denan ? ['--denan'] : [])], { stdio: 'ignore' });
  const bytes = new Uint8Array(readFileSync(outFile));
  rmSync(dir, { recursive: true, force: true });
  return bytes;
}
