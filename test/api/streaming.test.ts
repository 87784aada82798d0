// compileStreaming / instantiateStreaming (Web API "Streaming Module Compilation") against Node's
// own implementation: which Responses are refused with a TypeError, and what a good one gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { native, ours, type NS } from './oracle.js';
import { build, i32 } from './wasm.js';

const bytes = build({ types: [[[i32], [i32]]], funcs: [{ type: 0, body: [0x20, 0, 0x41, 1, 0x6a] }], exports: [{ name: 'inc', kind: 'func', index: 0 }] });
const wasm = (type: string | null = 'application/wasm', init: ResponseInit = {}, body: Uint8Array = bytes): Response => {
  const headers = new Headers();
  if (type !== null) headers.set('Content-Type', type);
  return new Response(body as unknown as BodyInit, { ...init, headers });
};

async function settle(p: () => Promise<unknown>): Promise<string> {
  try {
    const v = await p();
    return `ok ${Object.prototype.toString.call(v)}`;
  } catch (e) {
    return `rejects ${(e as Error).constructor.name}`;
  }
}

async function sameAsync(label: string, steps: (W: NS) => Promise<unknown>): Promise<void> {
  assert.equal(await settle(() => steps(ours)), await settle(() => steps(native)), label);
}

test('compileStreaming: accepted and refused responses like native', async () => {
  await sameAsync('good response', (W) => W.compileStreaming(wasm()));
  await sameAsync('promise of a response', (W) => W.compileStreaming(Promise.resolve(wasm())));
  await sameAsync('MIME with spaces', (W) => W.compileStreaming(wasm(' application/wasm\t')));
  await sameAsync('MIME with parameters', (W) => W.compileStreaming(wasm('application/wasm; charset=utf-8')));
  await sameAsync('wrong MIME', (W) => W.compileStreaming(wasm('application/octet-stream')));
  await sameAsync('no Content-Type', (W) => W.compileStreaming(wasm(null)));
  await sameAsync('status 404', (W) => W.compileStreaming(wasm(undefined, { status: 404 })));
  await sameAsync('invalid module', (W) => W.compileStreaming(wasm(undefined, {}, new Uint8Array([0, 97, 115, 109, 2, 0, 0, 0]))));
  await sameAsync('not a Response', (W) => W.compileStreaming(bytes));
  await sameAsync('undefined', (W) => W.compileStreaming());
  await sameAsync('rejected promise', (W) => W.compileStreaming(Promise.reject(new SyntaxError('x'))));
  await sameAsync('body already used', async (W) => {
    const r = wasm();
    await r.arrayBuffer();
    return W.compileStreaming(r);
  });
  // The spec's match is byte-case-insensitive; Node 20 refuses other cases.
  assert.ok((await ours.compileStreaming(wasm('Application/WASM'))) instanceof ours.Module);
  const m = await ours.compileStreaming(wasm());
  assert.ok(m instanceof ours.Module);
  await assert.rejects(ours.compileStreaming(wasm('text/html')), TypeError);
  await assert.rejects(ours.compileStreaming(wasm(undefined, {}, new Uint8Array(3))), ours.CompileError);
});

test('instantiateStreaming: module and instance, import object checks', async () => {
  const r = await ours.instantiateStreaming(wasm());
  assert.deepEqual(Object.keys(r), ['instance', 'module']);
  assert.equal(r.instance.exports.inc(41), 42);
  await sameAsync('import object a number', (W) => W.instantiateStreaming(wasm(), 5));
  await sameAsync('good', (W) => W.instantiateStreaming(Promise.resolve(wasm()), {}));
  await sameAsync('bad MIME', (W) => W.instantiateStreaming(wasm('x/y')));
});
