// Why an interpreter written in JavaScript cannot come within 2x of the compile tier under
// `node --jitless`, measured: one small i32 loop on both tiers, and the cost of the dispatch alone
// (a switch over an Int32Array of opcodes whose cases do nothing but advance pc). Under Ignition a
// compiled wasm instruction is one or two register bytecodes; every dispatch is ~20 bytecodes of
// switch checks, jump table and loop back-edge before any operand is read.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { table } from './common.js';

const WAT = `(module (func (export "mix") (param $n i32) (result i32) (local $x i32) (local $y i32) (local $i i32)
  (loop $l
    (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1103515245)) (local.get $i)))
    (local.set $y (i32.xor (local.get $y) (i32.shr_u (local.get $x) (i32.const 7))))
    (local.set $y (i32.rotl (local.get $y) (i32.const 5)))
    (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
  (i32.xor (local.get $x) (local.get $y))))`;
/** Wasm instructions per iteration of the loop above (local.get/set/tee and constants included). */
const WASM_PER_ITERATION = 23;
const N = 1_000_000;

interface Floor { compileNs: number; interpretNs: number; dispatches: number; dispatchNs: number; same: boolean }

/** Dispatches per iteration: the translated loop walked from its start to its (first) branch. */
async function dispatchesPerIteration(bytes: Uint8Array): Promise<number> {
  const { compileModule } = await import('../src/valid/index.js');
  const { codeOf } = await import('../src/exec/interp/entry.js');
  const { OP_LEN, FIRST } = await import('../src/exec/interp/peephole.js');
  const { OP_NAMES } = await import('../src/exec/interp/ops.js');
  const ops = codeOf(compileModule(bytes), 0).ops;
  // A superinstruction's second op keeps its words (and its own opcode, which may start another pair).
  const plain = (op: number): number => FIRST.get(op) ?? op;
  let n = 0;
  for (let p = 0; p < ops.length; n++) {
    let op = ops[p];
    if (FIRST.has(op)) {
      p += OP_LEN[plain(op)];
      op = plain(ops[p]);
    }
    p += OP_LEN[op];
    if (OP_NAMES[op].startsWith('BR')) return n + 1;
  }
  throw new Error('no branch in the loop');
}

/** A switch of run()'s size (292 literal cases, a jump table) whose cases only advance pc. */
function emptyDispatch(cases: number): (ops: Int32Array, n: number) => number {
  let body = '';
  for (let c = 0; c < cases - 1; c++) body += `case ${c}: pc += 1; break;\n`;
  body += `case ${cases - 1}: if (--n === 0) return pc; pc = 0; break;\n`;
  // The benchmark's own JavaScript (the interpreter never evaluates code).
  return new Function('ops', 'n', `let pc = 0; for (;;) { switch (ops[pc]) {\n${body}} }`) as (ops: Int32Array, n: number) => number;
}

async function floorChild(): Promise<Floor> {
  const { parseModule } = await import('../src/text/parse.js');
  const { WebAssembly: PW, configure } = await import('../src/index.js');
  const bytes = parseModule(WAT) as Uint8Array<ArrayBuffer>;
  const best = (f: () => void): number => {
    let ms = Infinity;
    for (let k = 0; k < 4; k++) {
      const t = performance.now();
      f();
      ms = Math.min(ms, performance.now() - t);
    }
    return ms;
  };
  const results: number[] = [];
  const perIteration: number[] = [];
  for (const engine of ['compile', 'interpret'] as const) {
    configure({ engine });
    const mix = (new PW.Instance(new PW.Module(bytes)).exports as { mix: (n: number) => number }).mix;
    perIteration.push((best(() => results.push(mix(N))) * 1e6) / N);
  }
  configure({ engine: 'auto' });
  const dispatches = await dispatchesPerIteration(bytes);
  // The same number of dispatches per round as the interpreter's loop, on opcodes spread over the table.
  const ops = new Int32Array(dispatches);
  for (let i = 0; i < dispatches - 1; i++) ops[i] = (i * 53) % 291;
  ops[dispatches - 1] = 291;
  const floor = emptyDispatch(292);
  const dispatchNs = (best(() => floor(ops, N)) * 1e6) / (N * dispatches);
  return { compileNs: perIteration[0], interpretNs: perIteration[1], dispatches, dispatchNs, same: results.every((r) => r === results[0]) };
}

export function benchInterpFloor(): string {
  const r = spawnSync(process.execPath, ['--jitless', fileURLToPath(import.meta.url), '--floor'], { encoding: 'utf8', timeout: 300_000 });
  let f: Floor;
  try {
    f = JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
  } catch {
    return `floor measurement failed: exit ${r.status} ${r.stderr.split('\n')[0]}`;
  }
  const ns = (x: number): string => `${x.toFixed(1)} ns`;
  const bare = f.dispatches * f.dispatchNs;
  return table([
    ['under node --jitless', 'per loop iteration', 'vs compile tier'],
    [`compile tier (${WASM_PER_ITERATION} wasm instructions)`, ns(f.compileNs), '1.00x'],
    [`interpreter (${f.dispatches} dispatches)`, ns(f.interpretNs), `${(f.interpretNs / f.compileNs).toFixed(2)}x`],
    [`${f.dispatches} bare dispatches (${ns(f.dispatchNs)} each, cases empty)`, ns(bare), `${(bare / f.compileNs).toFixed(2)}x`],
    [`dispatches affordable within 2x, bodies free`, (2 * f.compileNs / f.dispatchNs).toFixed(1), f.same ? 'results equal' : 'RESULTS DIFFER'],
  ]);
}

if (process.argv[2] === '--floor') console.log(JSON.stringify(await floorChild()));
else if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(benchInterpFloor());
