// `node DIR/test/diff/recheck.js FOLDER…`: traces every saved mismatch (*.wasm) again with the
// current harness and engine, and prints those that still differ (after a fix or a new explanation).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebAssembly as PW } from '../../src/index.js';
import { firstDifference, trace } from './harness.js';

let total = 0, still = 0;
for (const dir of process.argv.slice(2)) {
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.wasm')).sort()) {
    const bytes = new Uint8Array(readFileSync(join(dir, f)));
    const d = firstDifference(trace(globalThis.WebAssembly as never, bytes), trace(PW as never, bytes));
    total++;
    if (d) {
      still++;
      console.log(`${join(dir, f)}: ${d}`);
    }
  }
}
console.log(`${total} rechecked, ${still} still differ`);
