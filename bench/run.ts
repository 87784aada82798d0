// `npm run bench [-- validate|realworld|kernels|jitless|interp|gc|simd]`: prints ratios measured side by side in this one run
// (never pass/fail on times).
import { benchValidate } from './validate.js';
import { benchRealWorld, benchJitless } from './realworld.js';
import { benchInterp } from './interp.js';
import { benchGc } from './gc.js';
import { benchSimd } from './simd.js';
import { benchKernels } from './kernels.js';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The kernels again in a `node --jitless` child (this file with the argument kernels-jitless). */
const jitlessKernels = (): string =>
  spawnSync(process.execPath, ['--jitless', fileURLToPath(import.meta.url), 'kernels-jitless'], { encoding: 'utf8' }).stdout.trim();

const only = process.argv.slice(2);
if (only[0] === 'kernels-jitless') {
  console.log(benchKernels());
  process.exit(0);
}
const want = (s: string): boolean => only.length === 0 || only.includes(s);

if (want('validate')) console.log('## validate() throughput\n\n' + benchValidate() + '\n');
if (want('realworld')) console.log('## Real npm packages: run time and start-up vs native V8 and polywasm\n\n' + benchRealWorld() + '\n');
if (want('kernels')) console.log('## Focused kernels: where the time goes\n\n' + benchKernels() + '\n');
if (want('kernels')) console.log('## Focused kernels under node --jitless\n\n' + jitlessKernels() + '\n');
if (want('jitless')) console.log('## Under node --jitless: purewasm vs polywasm\n\n' + benchJitless() + '\n');
if (want('interp')) console.log('## The interpreter tier vs the compile tier and polywasm (node and --jitless)\n\n' + benchInterp() + '\n');
if (want('gc')) console.log('## GC: struct/array allocations and ref.cast, purewasm vs native V8 (--experimental-wasm-gc)\n\n' + benchGc() + '\n');
if (want('simd')) console.log('## SIMD: C built with -msimd128 vs native and vs the same C without SIMD on purewasm\n\n' + benchSimd() + '\n');
