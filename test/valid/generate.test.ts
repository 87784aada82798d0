// Structure-aware random modules — rec groups, subtypes and GC types, tables with initialisers,
// globals and element segments with (extended and GC) constant expressions — which reach the
// type and constant-expression rules that byte mutations rarely get past the decoder to. Only
// CompileError may escape, and some of the modules must be valid for the test to mean anything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileModule } from '../../src/valid/index.js';
import { CompileError } from '../../src/api/errors.js';
import { Rng } from '../fuzz/mutate.js';
import { u32, vec, section, HEADER } from '../binary/bytes.js';

function s33(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n = Math.floor(n / 128);
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

class Gen {
  types = 0;
  constructor(readonly rng: Rng) {}
  pick(n: number): number {
    return this.rng.below(n);
  }
  list(max: number, item: () => number[]): number[] {
    return vec(Array.from({ length: this.pick(max + 1) }, item));
  }
  heap(): number[] {
    return this.pick(3) ? s33(-0x0c - this.pick(12)) : s33(this.pick(this.types + 2));
  }
  valType(): number[] {
    const k = this.pick(10);
    if (k < 4) return [0x7f - this.pick(5)];
    if (k < 6) return [0x69 + this.pick(12)];
    return [this.pick(2) ? 0x63 : 0x64, ...this.heap()];
  }
  field(): number[] {
    return [...(this.pick(5) === 0 ? [0x78 - this.pick(2)] : this.valType()), this.pick(2)];
  }
  comp(): number[] {
    switch (this.pick(3)) {
      case 0: return [0x60, ...this.list(2, () => this.valType()), ...this.list(2, () => this.valType())];
      case 1: return [0x5f, ...this.list(3, () => this.field())];
      default: return [0x5e, ...this.field()];
    }
  }
  subType(): number[] {
    const k = this.pick(3);
    if (k === 0) return this.comp();
    const sup = this.pick(2) && this.types > 0 ? [u32(this.pick(this.types + 1))] : [];
    return [k === 1 ? 0x50 : 0x4f, ...vec(sup), ...this.comp()];
  }
  constExpr(): number[] {
    const out: number[] = [];
    const x = () => u32(this.pick(this.types + 1));
    for (let i = 0, n = 1 + this.pick(3); i < n; i++) {
      switch (this.pick(12)) {
        case 0: out.push(0x41, ...s33(this.pick(100))); break;
        case 1: out.push(0x42, ...s33(this.pick(100))); break;
        case 2: out.push(0xd0, ...this.heap()); break;
        case 3: out.push(0xd2, ...u32(this.pick(3))); break;
        case 4: out.push(0x23, ...u32(this.pick(4))); break;
        case 5: out.push(0xfb, 0x00, ...x()); break; // struct.new
        case 6: out.push(0xfb, 0x01, ...x()); break; // struct.new_default
        case 7: out.push(0xfb, 0x08, ...x(), ...u32(this.pick(3))); break; // array.new_fixed
        case 8: out.push(0xfb, 0x1c); break; // ref.i31
        case 9: out.push(0x6a); break; // i32.add
        case 10: out.push(0xfb, 0x1a + this.pick(2)); break; // any/extern conversions
        default: out.push(0xfb, 0x06 + this.pick(2), ...x()); // array.new(_default)
      }
    }
    return [...out, 0x0b];
  }
  elem(): number[] {
    const f = this.pick(8);
    const e = [...u32(f)];
    if (f === 2 || f === 6) e.push(0);
    if (!(f & 1)) e.push(...this.constExpr());
    if (f & 4) {
      if (f !== 4) e.push(...this.valType());
      e.push(...this.list(2, () => this.constExpr()));
    } else {
      if (f) e.push(0);
      e.push(...this.list(2, () => u32(this.pick(3))));
    }
    return e;
  }
  module(): Uint8Array {
    this.types = 0;
    const groups: number[][] = [];
    for (let g = 0, n = this.pick(5); g < n; g++) {
      if (this.pick(2)) {
        const size = 1 + this.pick(3);
        const members = Array.from({ length: size }, () => this.subType());
        groups.push([0x4e, ...vec(members)]);
        this.types += size;
      } else {
        groups.push(this.subType());
        this.types++;
      }
    }
    const funcs = Array.from({ length: this.pick(3) }, () => u32(this.pick(this.types + 1)));
    const tables = this.list(1, () =>
      this.pick(2) ? [0x40, 0x00, ...this.valType(), 0x00, 1, ...this.constExpr()] : [...this.valType(), 0x00, 1]);
    const globals = this.list(3, () => [...this.valType(), this.pick(2), ...this.constExpr()]);
    return Uint8Array.from([
      ...HEADER, ...section(1, vec(groups)), ...section(3, vec(funcs)), ...section(4, tables),
      ...section(6, globals), ...section(9, this.list(2, () => this.elem())),
      ...section(10, vec(funcs.map(() => [2, 0, 0x0b]))),
    ]);
  }
}

test('generated GC-heavy modules: only CompileError escapes, some are valid', () => {
  const gen = new Gen(new Rng(0x6e6e));
  let valid = 0;
  const crashes: string[] = [];
  for (let i = 0; i < 4000; i++) {
    const bytes = gen.module();
    try {
      compileModule(bytes);
      valid++;
    } catch (e) {
      if (!(e instanceof CompileError)) crashes.push(`${(e as Error)?.stack?.split('\n').slice(0, 3).join(' | ')} | ${Buffer.from(bytes).toString('hex')}`);
    }
  }
  console.log(`generated: 4000 modules, ${valid} valid`);
  assert.deepEqual(crashes, []);
  assert.ok(valid >= 20, `only ${valid} valid modules: the generator no longer reaches validation`);
});
