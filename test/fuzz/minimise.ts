// `node DIR/test/fuzz/minimise.js IN.wasm OUT.wasm`: shrinks a crasher while it still crashes the same
// way (same first line of the error, with numbers ignored): whole sections first, then ever smaller
// byte chunks. Crashes are what supervise.ts reports: a non-CompileError from `new Module`, a
// validate() disagreement, or a disallowed error from runModule.
import { readFileSync, writeFileSync } from 'node:fs';
import { WebAssembly as PW } from '../../src/index.js';
import { runModule } from './exec.js';

export function crashOf(bytes: Uint8Array): string | null {
  let ok = false;
  try {
    new PW.Module(bytes);
    ok = true;
  } catch (e) {
    if (!(e instanceof PW.CompileError)) return `compile: ${String((e as Error)?.message ?? e)}`;
  }
  try {
    if (PW.validate(bytes) !== ok) return 'validate disagrees';
  } catch (e) {
    return `validate: ${String((e as Error)?.message ?? e)}`;
  }
  if (!ok) return null;
  try {
    return runModule(bytes).crash;
  } catch (e) {
    return `run: ${String((e as Error)?.message ?? e)}`;
  }
}

const key = (s: string | null): string | null => (s === null ? null : s.split('\n')[0].replace(/call "[^"]*"/, 'call').replace(/\d+/g, 'N'));

export function minimise(input: Uint8Array, same: (b: Uint8Array) => boolean): Uint8Array {
  let best = input;
  for (let chunk = Math.max(1, best.length >> 1); chunk >= 1; chunk >>= 1) {
    for (let at = 8; at < best.length;) {
      const cand = new Uint8Array([...best.subarray(0, at), ...best.subarray(at + chunk)]);
      if (cand.length < best.length && same(cand)) best = cand;
      else at += chunk;
    }
  }
  return best;
}

if (process.argv[1]?.endsWith('minimise.js') && process.argv.length >= 4) {
  const input = new Uint8Array(readFileSync(process.argv[2]));
  const want = key(crashOf(input));
  if (want === null) throw new Error('the input does not crash');
  const out = minimise(input, (b) => key(crashOf(b)) === want);
  writeFileSync(process.argv[3], out);
  console.log(`${input.length} → ${out.length} bytes: ${want}`);
}
