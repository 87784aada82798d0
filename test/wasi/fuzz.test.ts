// Every preview1 function exists, and no argument a guest can pass makes one crash: thousands of
// seeded random calls (biased towards valid descriptors, pointers and paths) must each return an
// errno, and nothing may appear outside the preopened directory (on the in-memory and Node hosts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WASI as NodeWasi } from 'node:wasi';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WasiCore, WasiExit, createMemoryHost, type WasiHost } from '../../src/wasi/browser.js';
import { nodeHost } from '../../src/wasi/node-host.js';

/** Parameter kinds by function: i = i32, I = i64 (from the preview1 witx). */
const SIGNATURES: Record<string, string> = {
  args_get: 'ii', args_sizes_get: 'ii', environ_get: 'ii', environ_sizes_get: 'ii', clock_res_get: 'ii',
  clock_time_get: 'iIi', random_get: 'ii', fd_advise: 'iIIi', fd_allocate: 'iII', fd_close: 'i', fd_datasync: 'i',
  fd_fdstat_get: 'ii', fd_fdstat_set_flags: 'ii', fd_fdstat_set_rights: 'iII', fd_filestat_get: 'ii',
  fd_filestat_set_size: 'iI', fd_filestat_set_times: 'iIIi', fd_pread: 'iiiIi', fd_prestat_get: 'ii',
  fd_prestat_dir_name: 'iii', fd_pwrite: 'iiiIi', fd_read: 'iiii', fd_readdir: 'iiiIi', fd_renumber: 'ii',
  fd_seek: 'iIii', fd_sync: 'i', fd_tell: 'ii', fd_write: 'iiii', path_create_directory: 'iii',
  path_filestat_get: 'iiiii', path_filestat_set_times: 'iiiiIIi', path_link: 'iiiiiii', path_open: 'iiiiiIIii',
  path_readlink: 'iiiiii', path_remove_directory: 'iii', path_rename: 'iiiiii', path_symlink: 'iiiii',
  path_unlink_file: 'iii', poll_oneoff: 'iiii', proc_exit: 'i', proc_raise: 'i', sched_yield: '',
  sock_accept: 'iii', sock_recv: 'iiiiii', sock_send: 'iiiii', sock_shutdown: 'ii',
};

test('the import object has every preview1 function node:wasi has, and no others', () => {
  const ours = Object.keys(new WasiCore({}, createMemoryHost()).imports).sort();
  const node = Object.keys(new NodeWasi({ version: 'preview1' }).wasiImport).sort();
  assert.deepEqual(ours, node);
  assert.deepEqual(ours, Object.keys(SIGNATURES).sort());
});

test('random calls never crash on the in-memory host', () => {
  const host = createMemoryHost({ '/sandbox/a.txt': 'hello', '/sandbox/d/b.txt': 'x' });
  fuzz({ ...host, sleepNs: () => {} }, '/sandbox');
  for (const p of host.listFiles('/')) assert.match(p, /^\/sandbox\//);
});

test('random calls never crash on the Node host', () => {
  const root = mkdtempSync(join(tmpdir(), 'purewasm-fuzz-'));
  try {
    mkdirSync(join(root, 'sandbox', 'd'), { recursive: true });
    writeFileSync(join(root, 'sandbox', 'a.txt'), 'hello');
    writeFileSync(join(root, 'sandbox', 'd', 'b.txt'), 'x');
    fuzz({ ...nodeHost, sleepNs: () => {} }, join(root, 'sandbox'));
    assert.deepEqual(readdirSync(root), ['sandbox']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

/** 5000 seeded calls; each must return an errno (or unwind by proc_exit). */
function fuzz(host: WasiHost, sandbox: string): void {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const wasi = new WasiCore({ args: ['fuzz', 'arg'], env: { K: 'v' }, preopens: { '/sandbox': sandbox }, stdin: 'input', stdout: () => {}, stderr: () => {} }, host);
  wasi.initialize({ exports: { memory } });
  const bytes = new Uint8Array(memory.buffer);
  // paths at fixed places (each NUL-padded), some escaping, some not
  const paths = ['a.txt', 'd', 'd/b.txt', 'new', '../x', '/etc/passwd', 'd/../a.txt', 'lnk', '.', 'd/../../y', ''];
  const at: [number, number][] = [];
  paths.forEach((p, i) => {
    const b = new TextEncoder().encode(p);
    bytes.set(b, 60000 + i * 64);
    at.push([60000 + i * 64, b.length]);
  });
  let seed = 12345;
  // the high bits of a linear congruential generator: its low bits cycle with short periods
  const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const i32 = (): number => {
    switch (rand(6)) {
      case 0: return rand(8); // a descriptor or flag
      case 1: return rand(65536); // a pointer into memory
      case 2: return rand(64); // a small length
      case 3: return (rand(65536) << 16) | rand(65536); // anything
      case 4: return 65536 - rand(16); // the edge of memory
      default: return rand(4);
    }
  };
  const i64 = (): bigint => (rand(3) === 0 ? BigInt(rand(100)) : rand(2) ? BigInt.asIntN(64, BigInt(i32()) << 32n | BigInt(i32() >>> 0)) : -1n);
  const names = Object.keys(SIGNATURES);
  const imports = wasi.imports as Record<string, (...a: unknown[]) => unknown>;
  let exits = 0;
  const seen = new Map<number, number>();
  for (let n = 0; n < 5000; n++) {
    const name = names[rand(names.length)];
    const args: unknown[] = [...SIGNATURES[name]].map((k) => (k === 'I' ? i64() : i32()));
    if (name.startsWith('path_') && rand(4) > 0) {
      // put a real path where the call expects one: (ptr, len) follows the dirfd (and lookup flags)
      const p = at[rand(at.length)];
      const k = name === 'path_symlink' ? 0 : ['path_filestat_get', 'path_filestat_set_times', 'path_open', 'path_link'].includes(name) ? 2 : 1;
      args[k] = p[0];
      args[k + 1] = p[1];
      if (k > 0 && rand(4) > 0) args[0] = 3;
    }
    // the preopen stays (closing it would leave little but EBADF to test); other fds come and go
    if ((name === 'fd_close' || name === 'fd_renumber') && (args[0] === 3 || args[1] === 3)) continue;
    // keep the random-fill calls small
    if (name === 'random_get') args[1] = (args[1] as number) & 0xffff;
    try {
      const r = imports[name](...args);
      seen.set(r as number, (seen.get(r as number) ?? 0) + 1);
      assert.ok(Number.isInteger(r) && (r as number) >= 0 && (r as number) <= 76, `${name}(${args.join(', ')}) returned ${String(r)}`);
    } catch (e) {
      if (!(e instanceof WasiExit)) throw new Error(`${name}(${args.join(', ')}) threw ${String(e)}`);
      exits++;
    }
  }
  assert.ok(exits > 0, 'proc_exit was called');
  // the calls reached real work, not only argument checks
  assert.ok((seen.get(0) ?? 0) > 250, `successes: ${seen.get(0)}`);
  assert.ok(seen.size >= 10, `distinct errnos: ${[...seen.keys()].sort((a, b) => a - b).join(' ')}`);
  for (const errno of [8, 20, 21, 28, 44, 54, 76]) assert.ok(seen.has(errno), `errno ${errno} never returned: ${[...seen].join(' ')}`);
}
