// The host seam: WasiCore runs programs on any WasiHost (here a fake one with virtual clocks and no
// file system, as a browser embedder might pass), and only node-host.ts / index.ts touch Node.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { WasiCore, createMemoryHost, type HostFs, type WasiHost } from '../../src/wasi/browser.js';
import { cases, reference } from './cases.js';
import { programBytes } from './harness.js';

function fakeHost(): WasiHost & { slept: bigint } {
  const noFs = new Proxy({} as HostFs, {
    get: () => () => {
      throw Object.assign(new Error('no file system'), { code: 'ENOSYS' });
    },
  });
  let now = 1_700_000_000_000_000_000n;
  let seed = 1;
  const host = {
    slept: 0n,
    fs: noFs,
    resolveDir: (p: string) => p,
    realtimeNs: () => now,
    monotonicNs: () => now,
    cputimeNs: () => 0n,
    randomFill(into: Uint8Array) {
      for (let i = 0; i < into.length; i++) into[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    },
    sleepNs(ns: bigint) {
      host.slept += ns;
      now += ns;
    },
    exit(code: number): never {
      throw new Error(`exit ${code}`);
    },
  };
  return host;
}

function runOnHost(name: string, args: string[], host: WasiHost) {
  let stdout = '';
  let stderr = '';
  const wasi = new WasiCore({
    args: [name, ...args], stdin: 'abc',
    stdout: (b) => { stdout += new TextDecoder().decode(b); },
    stderr: (b) => { stderr += new TextDecoder().decode(b); },
  }, host);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(programBytes(name)), { wasi_snapshot_preview1: wasi.imports });
  return { code: wasi.start(instance), stdout, stderr };
}

test('programs run on a host without Node: virtual clocks, seeded randomness, in-memory stdio', () => {
  const host = fakeHost();
  const clocks = runOnHost('clocks', [], host);
  assert.equal(clocks.code, 0);
  assert.doesNotMatch(clocks.stdout, /: no/);
  assert.equal(host.slept, 20_000_000n); // nanosleep(20 ms) went to the host, not to a real timer
  assert.deepEqual(runOnHost('filter', [], host), { code: 0, stdout: 'ABC', stderr: '0 lines, 3 bytes\n' });
  const wc = runOnHost('wc', ['/nowhere/file'], host);
  assert.equal(wc.code, 1);
  assert.match(wc.stderr, /\/nowhere\/file: /);
});

test('only node-host.ts uses Node (index.ts binds it; WasiCore needs no Node)', () => {
  const dir = fileURLToPath(new URL('../../../src/wasi/', import.meta.url));
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    const src = readFileSync(join(dir, f), 'utf8');
    const usesNode = /from 'node:/.test(src) || /\bprocess\.[a-z]/.test(src);
    assert.equal(usesNode, f === 'node-host.ts', `${f} ${usesNode ? 'uses' : 'does not use'} Node`);
    // and only index.ts (the Node entry) reaches node-host.ts: browser.ts's graph stays Node-free
    assert.equal(/from '\.\/(node-host|index)\.js'/.test(src), f === 'index.ts', `${f} imports the Node host`);
  }
});

test('the in-memory host runs the file programs exactly as node:wasi does on disk', () => {
  const dirSizes = (s: string) => s.replace(/\(dir,\d+\)/g, '(dir,N)');
  for (const c of cases.filter((x) => ['files', 'meta', 'wc'].includes(x.program))) {
    const files: Record<string, string> = {};
    for (const [name, text] of Object.entries(c.run.files ?? {})) files[`/sandbox/${name}`] = text;
    const host = createMemoryHost(files);
    let stdout = '';
    let stderr = '';
    const wasi = new WasiCore({
      args: [c.program, ...(c.run.args ?? [])], preopens: { '/sandbox': '/sandbox' }, stdin: c.run.stdin ?? '',
      stdout: (b) => { stdout += new TextDecoder().decode(b); },
      stderr: (b) => { stderr += new TextDecoder().decode(b); },
    }, host);
    const instance = new WebAssembly.Instance(new WebAssembly.Module(programBytes(c.program)), { wasi_snapshot_preview1: wasi.imports });
    const code = wasi.start(instance);
    const ref = reference(c);
    assert.equal(dirSizes(stdout), dirSizes(ref.stdout), c.name);
    assert.equal(stderr, ref.stderr, c.name);
    assert.equal(code, ref.code, c.name);
    const left: Record<string, string> = {};
    for (const p of host.listFiles('/sandbox')) left[p.slice('/sandbox/'.length)] = Buffer.from(host.readFile(p)!).toString('base64');
    const expected = Object.fromEntries(Object.entries(ref.files).filter(([k]) => !k.endsWith('/')));
    assert.deepEqual(left, expected, c.name);
  }
});
