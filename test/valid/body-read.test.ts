// The validator's fast instruction reader must read exactly what binary/instr.ts readInstr reads:
// same row, immediates, positions and errors, on every function body of the testsuite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binWastFiles, binaryModules } from '../util/wast-binaries.js';
import { decodeModule } from '../../src/binary/decode.js';
import { Reader } from '../../src/binary/reader.js';
import { Instr, readInstr } from '../../src/binary/instr.js';
import { nextInstr } from '../../src/valid/body-read.js';
import type { Module } from '../../src/syntax/module.js';

function step(read: () => void): string | null {
  try {
    read();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

test('nextInstr agrees with readInstr on every body of the testsuite', () => {
  const a = new Instr();
  const b = new Instr();
  let count = 0;
  for (const file of binWastFiles()) {
    for (const mod of binaryModules(file)) {
      let m: Module;
      try {
        m = decodeModule(mod.bytes);
      } catch {
        continue;
      }
      const space = { map: m.types, count: m.types.length };
      for (const c of m.codes) {
        const r1 = new Reader(m.bytes, c.start, c.end);
        const r2 = new Reader(m.bytes, c.start, c.end);
        while (r1.pos < r1.end) {
          const e1 = step(() => readInstr(r1, a, space));
          const e2 = step(() => nextInstr(r2, b, space));
          if (e2 !== e1) assert.fail(`errors differ at ${r1.pos}: ${e1} / ${e2}`);
          if (e1 !== null) break;
          count++;
          const imm = a.op.imm;
          const same = b.op === a.op && r2.pos === r1.pos && b.pos === a.pos &&
            (imm === 'i32' ? b.lo === a.lo
              : imm === 'memarg' ? b.a === a.a && b.align === a.align && b.offset === a.offset
                : imm === 'local' || imm === 'global' || imm === 'label' || imm === 'func' ? b.a === a.a : true);
          if (!same) assert.fail(`${a.op.name} at ${a.pos} read differently`);
        }
      }
    }
  }
  assert.ok(count > 50_000, `only ${count} instructions compared`);
});
