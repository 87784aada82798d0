// wasi_unstable (snapshot 0) for older binaries: a hand-written module exercises the calls whose
// layouts differ from preview1 (fd_seek's whence order, the 56-byte filestat, clock subscriptions)
// and dumps the raw memory it got back, checked field by field against the snapshot-0 witx.
// (node:wasi's version 'unstable' is no oracle here: it serves preview1 layouts under that name.)
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseModule } from '../../src/text/parse.js';
import { Wasi } from '../../src/wasi/index.js';

const WAT = `(module
  (import "wasi_unstable" "path_open" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_unstable" "fd_seek" (func $seek (param i32 i64 i32 i32) (result i32)))
  (import "wasi_unstable" "fd_filestat_get" (func $fstat (param i32 i32) (result i32)))
  (import "wasi_unstable" "path_filestat_get" (func $pstat (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_unstable" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
  (import "wasi_unstable" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 1000) "data.bin")
  (func $rc (param $at i32) (param $v i32) (i32.store (local.get $at) (local.get $v)))
  (func (export "_start") (local $fd i32)
    (memory.fill (i32.const 2000) (i32.const 0xaa) (i32.const 600))
    (call $rc (i32.const 2500) (call $open (i32.const 3) (i32.const 1) (i32.const 1000) (i32.const 8) (i32.const 0)
      (i64.const 0x8e001ff) (i64.const 0) (i32.const 0) (i32.const 2000))) ;; a regular file's rights
    (local.set $fd (i32.load (i32.const 2000)))
    ;; whence 2 = SET, 0 = CUR, 1 = END in snapshot 0
    (call $rc (i32.const 2504) (call $seek (local.get $fd) (i64.const 5) (i32.const 2) (i32.const 2008)))
    (call $rc (i32.const 2508) (call $seek (local.get $fd) (i64.const -2) (i32.const 0) (i32.const 2016)))
    (call $rc (i32.const 2512) (call $seek (local.get $fd) (i64.const 0) (i32.const 1) (i32.const 2024)))
    (call $rc (i32.const 2516) (call $seek (local.get $fd) (i64.const 0) (i32.const 3) (i32.const 2032)))
    (call $rc (i32.const 2520) (call $fstat (local.get $fd) (i32.const 2100)))
    (call $rc (i32.const 2524) (call $pstat (i32.const 3) (i32.const 1) (i32.const 1000) (i32.const 8) (i32.const 2200)))
    ;; one relative 1 ms monotonic clock subscription: userdata, tag, identifier, clock id, timeout
    (memory.fill (i32.const 2300) (i32.const 0) (i32.const 56))
    (i64.store (i32.const 2300) (i64.const 0x1122))
    (i64.store (i32.const 2316) (i64.const 0x99))
    (i32.store (i32.const 2324) (i32.const 1))
    (i64.store (i32.const 2332) (i64.const 1000000))
    (call $rc (i32.const 2528) (call $poll (i32.const 2300) (i32.const 2400) (i32.const 1) (i32.const 2440)))
    (i32.store (i32.const 0) (i32.const 2000))
    (i32.store (i32.const 4) (i32.const 600))
    (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))`;

test('wasi_unstable layouts: whence CUR/END/SET, 56-byte filestat with u32 nlink, clock identifier', () => {
  const root = mkdtempSync(join(tmpdir(), 'purewasm-unstable-'));
  let dump: Buffer;
  let st;
  try {
    writeFileSync(join(root, 'data.bin'), 'abcdefghijklmnopqrstuvwxyz');
    st = statSync(join(root, 'data.bin'), { bigint: true });
    const out = openSync(join(root, 'stdout'), 'w');
    try {
      const w = new Wasi({ preopens: { '/sandbox': root }, stdout: out });
      const instance = new WebAssembly.Instance(new WebAssembly.Module(parseModule(WAT) as Uint8Array<ArrayBuffer>), w.getImportObject());
      assert.equal(w.start(instance), 0);
    } finally {
      closeSync(out);
    }
    dump = readFileSync(join(root, 'stdout'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  assert.equal(dump.length, 600);
  const dv = new DataView(dump.buffer, dump.byteOffset);
  const at = (addr: number) => addr - 2000;
  // errno of: open, seek SET 5, seek CUR -2, seek END 0, seek whence 3, fstat, path stat, poll
  assert.deepEqual([0, 4, 8, 12, 16, 20, 24, 28].map((k) => dv.getUint32(at(2500 + k), true)), [0, 0, 0, 0, 28, 0, 0, 0]);
  assert.equal(dv.getBigUint64(at(2008), true), 5n);
  assert.equal(dv.getBigUint64(at(2016), true), 3n);
  assert.equal(dv.getBigUint64(at(2024), true), 26n);
  for (const base of [2100, 2200]) {
    assert.equal(dv.getBigUint64(at(base), true), st.dev);
    assert.equal(dv.getBigUint64(at(base + 8), true), st.ino);
    assert.equal(dv.getUint8(at(base + 16)), 4); // regular file
    assert.equal(dv.getUint32(at(base + 20), true), 1); // nlink as u32
    assert.equal(dv.getBigUint64(at(base + 24), true), 26n); // size right after it
    assert.equal(dv.getBigUint64(at(base + 40), true), st.mtimeNs);
    assert.equal(dv.getUint8(at(base + 56)), 0xaa); // nothing written past the 56-byte struct
  }
  assert.equal(dv.getUint32(at(2440), true), 1); // one event: the clock, with our userdata
  assert.equal(dv.getBigUint64(at(2400), true), 0x1122n);
  assert.equal(dv.getUint16(at(2408), true), 0);
  assert.equal(dv.getUint8(at(2410)), 0);
});

test('both namespaces share one descriptor table; wasi_unstable has no sock_accept', () => {
  const w = new Wasi({});
  const o = w.getImportObject();
  assert.equal(o.wasi_snapshot_preview1, w.imports);
  assert.equal(o.wasi_unstable, w.unstableImports);
  assert.equal('sock_accept' in w.unstableImports, false);
  assert.equal(Object.keys(w.unstableImports).length, Object.keys(w.imports).length - 1);
  const memory = new WebAssembly.Memory({ initial: 1 });
  w.initialize({ exports: { memory } });
  assert.equal(w.unstableImports.fd_close(2), 0);
  assert.equal(w.imports.fd_close(2), 8 /* EBADF: closed through the other namespace */);
});
