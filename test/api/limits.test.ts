// The JS API's implementation-defined limits that the API checks itself (api/limits.ts): a module
// beyond them is a CompileError from every entry point, a module at them compiles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebAssembly as P } from '../../src/index.js';
import { build, uleb, i32, type ModuleDef } from './wasm.js';

async function refused(bytes: Uint8Array, label: string): Promise<void> {
  assert.equal(P.validate(bytes), false, `${label}: validate`);
  assert.throws(() => new P.Module(bytes), P.CompileError, `${label}: new Module`);
  await assert.rejects(P.compile(bytes), P.CompileError, `${label}: compile`);
  await assert.rejects(P.instantiate(bytes), P.CompileError, `${label}: instantiate`);
}

test('table size is a dynamic limit: above 10,000,000 compiles, but instantiating or growing is a RangeError', async () => {
  const big = build({ tables: [{ elem: 0x70, min: 10_000_001 }] });
  assert.equal(P.validate(big), true);
  const m = new P.Module(big);
  assert.throws(() => new P.Instance(m), RangeError);
  await assert.rejects(P.instantiate(big), RangeError);
  assert.throws(() => new P.Table({ element: 'anyfunc', initial: 10_000_001 }), RangeError);
  const t = new P.Table({ element: 'anyfunc', initial: 1, maximum: 10_000_001 });
  assert.throws(() => t.grow(10_000_000), RangeError);
  assert.equal(t.length, 1);
});

test('64-bit memory above 2^37-1 pages is a CompileError', async () => {
  const mem64 = (min: number, max?: number): Uint8Array => build({ memories: [{ min, max, addr64: true }] });
  assert.equal(P.validate(mem64(1, 2 ** 37 - 1)), true);
  await refused(mem64(2 ** 37), 'initial');
  await refused(mem64(1, 2 ** 37), 'maximum');
});

test('more than 50,000 locals including parameters is a CompileError', async () => {
  const withLocals = (params: number, locals: number): Uint8Array => {
    // One local declaration group of `locals` i32s.
    const def: ModuleDef = { types: [[new Array(params).fill(i32), []]], funcs: [{ type: 0, body: [] }] };
    const bytes = [...build(def)];
    // Patch the body: replace the empty locals vector (0) with one group.
    const code = bytes.lastIndexOf(0x0a);
    const body = [1, ...uleb(locals), i32, 0x0b];
    const section = [1, ...uleb(body.length), ...body];
    return new Uint8Array([...bytes.slice(0, code), 0x0a, ...uleb(section.length), ...section]);
  };
  assert.equal(P.validate(withLocals(1000, 49_000)), true);
  await refused(withLocals(1000, 49_001), 'locals');
});

test('a subtype chain deeper than 63 is a CompileError', async () => {
  const chain = (depth: number): Uint8Array => {
    // (type $0 (sub (struct))) (type $i (sub $i-1 (struct))) … each in its own rec group.
    const types: number[][] = [[0x50, 0x00, 0x5f, 0x00]];
    for (let i = 1; i <= depth; i++) types.push([0x50, 0x01, ...uleb(i - 1), 0x5f, 0x00]);
    const body = [...uleb(types.length), ...types.flat()];
    return new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, ...uleb(body.length), ...body]);
  };
  assert.equal(P.validate(chain(63)), true);
  await refused(chain(64), 'depth');
});
