// run.ts switches on literal opcode numbers (a jump table even in a bytecode interpreter); each
// label carries its name in a comment. This checks every label against ops.ts, and that every op
// has exactly one label, so renumbering cannot silently misroute an instruction.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OP_NAMES } from '../../src/exec/interp/ops.js';
import { OP_LEN } from '../../src/exec/interp/peephole.js';

const RUN = new URL('../../../src/exec/interp/run.ts', import.meta.url);

test('run.ts case labels match the op table', () => {
  const src = readFileSync(RUN, 'utf8');
  const seen = new Map<string, number>();
  for (const m of src.matchAll(/case (\d+): \/\* ([A-Z0-9_]+) \*\//g)) {
    assert.equal(OP_NAMES[Number(m[1])], m[2], `case ${m[1]} is labelled ${m[2]}`);
    seen.set(m[2], (seen.get(m[2]) ?? 0) + 1);
  }
  for (const m of src.matchAll(/\b(\d+) \/\* ([A-Z0-9_]+) \*\//g)) assert.equal(OP_NAMES[Number(m[1])], m[2]);
  for (const name of OP_NAMES) assert.equal(seen.get(name), 1, `${name} has ${seen.get(name) ?? 0} case labels`);
});

test("peephole.ts's instruction lengths are run.ts's", () => {
  const src = readFileSync(RUN, 'utf8');
  const parts = src.split(/(case \d+: \/\* [A-Z0-9_]+ \*\/)/);
  let names: string[] = [];
  for (let i = 1; i < parts.length; i += 2) {
    names.push(/\/\* ([A-Z0-9_]+) \*\//.exec(parts[i])![1]);
    const body = parts[i + 1];
    if (body.trim() === '') continue; // several labels, one body
    const incs = new Set([...body.matchAll(/pc \+= (\d+)/g)].map((m) => Number(m[1])));
    for (const name of names) {
      const len = OP_LEN[OP_NAMES.indexOf(name as never)];
      if (name.includes('__')) assert.equal(len, 0, name); // superinstructions are never walked over
      else if (incs.size === 1) assert.equal(len, [...incs][0], name);
      else assert.ok(len > 0 || name === 'BR_TABLE', `${name} has no length`); // branches set pc themselves
    }
    names = [];
  }
});
