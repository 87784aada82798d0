// Child of memory.test.ts (run with --expose-gc): compiles each module file given and prints, per
// file, its byte size and what the Module keeps on the JS heap and in ArrayBuffers after a full GC.
import { readFileSync } from 'node:fs';
import { WebAssembly as PW } from '../../src/index.js';

const gc = (globalThis as { gc?: () => void }).gc!;
const held = (): number => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
new PW.Module(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0])); // the engine's own first-use state
const out: { file: string; bytes: number; held: number }[] = [];
const keep: unknown[] = [];
for (const file of process.argv.slice(2)) {
  const bytes = new Uint8Array(readFileSync(file));
  const before = held();
  keep.push(new PW.Module(bytes));
  out.push({ file, bytes: bytes.length, held: held() - before });
}
console.log(JSON.stringify(out));
