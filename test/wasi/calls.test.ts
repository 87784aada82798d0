// WASI calls made directly (no guest program): the errno of each failure, and that a guest can never
// reach outside its preopened directory, whether by `..`, absolute paths or symbolic links.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ERRNO, Wasi, type WasiOptions } from '../../src/wasi/index.js';

const root = mkdtempSync(join(tmpdir(), 'purewasm-calls-'));
const box = join(root, 'box');
mkdirSync(box);
writeFileSync(join(root, 'secret.txt'), 'outside');
writeFileSync(join(box, 'inside.txt'), 'inside');
mkdirSync(join(box, 'd'));
symlinkSync('/etc/passwd', join(box, 'abs-link'));
symlinkSync('../secret.txt', join(box, 'rel-out'));
symlinkSync('../inside.txt', join(box, 'd', 'up-in'));
symlinkSync('loop-b', join(box, 'loop-a'));
symlinkSync('loop-a', join(box, 'loop-b'));
after(() => rmSync(root, { recursive: true, force: true }));

const PRE = 3; // the first preopen
const ALL = (1n << 30n) - 1n;

/** A Wasi attached to a bare memory, with helpers to place arguments in it. */
function setup(opts: WasiOptions = {}) {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const wasi = new Wasi({ preopens: { '/box': box }, ...opts });
  wasi.initialize({ exports: { memory } });
  const w = wasi.imports as Record<string, (...a: unknown[]) => number>;
  const dv = () => new DataView(memory.buffer);
  let top = 1024;
  const str = (s: string): [number, number] => {
    const b = new TextEncoder().encode(s);
    const p = top;
    new Uint8Array(memory.buffer).set(b, p);
    top += b.length + 8;
    return [p, b.length];
  };
  const open = (path: string, oflags = 0, base = ALL, lookup = 1, fdflags = 0): number | string => {
    const [p, n] = str(path);
    const e = w.path_open(PRE, lookup, p, n, oflags, base, ALL, fdflags, 16);
    return e === 0 ? dv().getUint32(16, true) : `errno ${e}`;
  };
  const read = (fd: number, n = 64): string | number => {
    dv().setUint32(32, 4096, true);
    dv().setUint32(36, n, true);
    const e = w.fd_read(fd, 32, 1, 40);
    if (e !== 0) return e;
    return new TextDecoder().decode(new Uint8Array(memory.buffer, 4096, dv().getUint32(40, true)));
  };
  const write = (fd: number, s: string): number => {
    const [p, n] = str(s);
    dv().setUint32(32, p, true);
    dv().setUint32(36, n, true);
    return w.fd_write(fd, 32, 1, 40);
  };
  return { w, memory, dv, str, open, read, write };
}

const errno = (e: number) => `errno ${e}`;

test('paths cannot climb out of the preopened directory', () => {
  const { open } = setup();
  assert.equal(open('../secret.txt'), errno(ERRNO.NOTCAPABLE));
  assert.equal(open('d/../../secret.txt'), errno(ERRNO.NOTCAPABLE));
  assert.equal(open('/etc/passwd'), errno(ERRNO.NOTCAPABLE));
  assert.equal(open(box + '/inside.txt'), errno(ERRNO.NOTCAPABLE));
});

test('symbolic links cannot lead out either', () => {
  const { open, read } = setup();
  assert.equal(open('abs-link'), errno(ERRNO.NOTCAPABLE));
  assert.equal(open('rel-out'), errno(ERRNO.NOTCAPABLE));
  assert.equal(open('loop-a'), errno(ERRNO.LOOP));
  const fd = open('d/up-in');
  assert.equal(typeof fd, 'number');
  assert.equal(read(fd as number), 'inside');
  // not following the last link: O_NOFOLLOW semantics
  assert.equal(open('rel-out', 0, ALL, 0), errno(ERRNO.LOOP));
});

test('path_symlink refuses absolute targets; path_readlink reads relative ones', () => {
  const { w, str, dv, memory } = setup();
  const [t, tn] = str('/etc');
  const [l, ln] = str('new-link');
  assert.equal(w.path_symlink(t, tn, PRE, l, ln), ERRNO.NOTCAPABLE);
  assert.equal(existsSync(join(box, 'new-link')), false);
  const [p, pn] = str('rel-out');
  assert.equal(w.path_readlink(PRE, p, pn, 2048, 100, 40), 0);
  assert.equal(new TextDecoder().decode(new Uint8Array(memory.buffer, 2048, dv().getUint32(40, true))), '../secret.txt');
});

test('a trailing slash means a directory: renaming a file to "x/" fails', () => {
  const { w, str } = setup();
  const [f, fn] = str('inside.txt');
  const [t, tn] = str('moved/');
  assert.equal(w.path_rename(PRE, f, fn, PRE, t, tn), ERRNO.NOTDIR);
  assert.ok(existsSync(join(box, 'inside.txt')));
});

test('the directory itself cannot be removed or renamed through "."', () => {
  const { w, str } = setup();
  const [p, n] = str('.');
  assert.equal(w.path_remove_directory(PRE, p, n), ERRNO.INVAL);
  const [q, m] = str('d/..');
  const [t, tn] = str('x');
  assert.equal(w.path_rename(PRE, q, m, PRE, t, tn), ERRNO.BUSY);
  assert.ok(existsSync(box));
});

test('path_open errors: missing, not a directory, exists, is a directory', () => {
  const { open } = setup();
  assert.equal(open('nope.txt'), errno(ERRNO.NOENT));
  assert.equal(open('inside.txt', 2 /* DIRECTORY */), errno(ERRNO.NOTDIR));
  assert.equal(open('inside.txt/x'), errno(ERRNO.NOTDIR));
  assert.equal(open('inside.txt', 1 | 4 /* CREAT|EXCL */), errno(ERRNO.EXIST));
  assert.equal(open('d', 8 /* TRUNC */), errno(ERRNO.ISDIR));
  assert.equal(open(''), errno(ERRNO.NOENT));
  assert.equal(open('fresh/', 1 /* CREAT */), errno(ERRNO.ISDIR));
  assert.equal(open('fresh/'), errno(ERRNO.NOENT));
  assert.equal(existsSync(join(box, 'fresh')), false);
  assert.equal(typeof open('d/', 0, 1n << 14n /* FD_READDIR */), 'number');
  assert.equal(open('d/'), errno(ERRNO.ISDIR)); // asking for write rights
});

test('rights: a read-only descriptor cannot write; rights are only ever dropped', () => {
  const { w, open, write, read } = setup();
  const fd = open('inside.txt', 0, 1n << 1n /* FD_READ */) as number;
  assert.equal(write(fd, 'x'), ERRNO.NOTCAPABLE);
  assert.equal(read(fd), 'inside');
  assert.equal(w.fd_fdstat_set_rights(fd, ALL, 0n), ERRNO.NOTCAPABLE);
  assert.equal(w.fd_fdstat_set_rights(fd, 0n, 0n), 0);
  assert.equal(read(fd), ERRNO.NOTCAPABLE);
  assert.equal(readFileSync(join(box, 'inside.txt'), 'utf8'), 'inside');
});

test('descriptors: bad numbers, close, renumber, seek', () => {
  const { w, open, read, dv } = setup({ stdout: () => {} });
  assert.equal(read(99), ERRNO.BADF);
  const fd = open('inside.txt') as number;
  assert.equal(w.fd_seek(fd, -1n, 0, 48), ERRNO.INVAL);
  assert.equal(w.fd_seek(fd, 2n, 0, 48), 0);
  assert.equal(w.fd_seek(fd, 0n, 7, 48), ERRNO.INVAL);
  assert.equal(w.fd_seek(1, 0n, 0, 48), ERRNO.NOTCAPABLE); // streams lack FD_SEEK (wasi-libc shows ESPIPE)
  assert.equal(w.fd_tell(fd, 48), 0);
  assert.equal(dv().getBigUint64(48, true), 2n);
  const fd2 = open('inside.txt') as number;
  assert.equal(w.fd_renumber(fd, fd2), 0);
  assert.equal(read(fd), ERRNO.BADF);
  assert.equal(read(fd2), 'side');
  assert.equal(w.fd_close(fd2), 0);
  assert.equal(w.fd_close(fd2), ERRNO.BADF);
  assert.equal(w.fd_renumber(0, 77), ERRNO.BADF);
});

test('guest pointers outside memory give EFAULT, bad UTF-8 gives EILSEQ', () => {
  const { w, dv, memory } = setup({ stdout: () => {} });
  dv().setUint32(32, 65530, true);
  dv().setUint32(36, 100, true);
  assert.equal(w.fd_write(1, 32, 1, 40), ERRNO.FAULT);
  assert.equal(w.args_sizes_get(70000, 0), ERRNO.FAULT);
  new Uint8Array(memory.buffer).set([0x66, 0xff, 0x66], 3000);
  assert.equal(w.path_open(PRE, 0, 3000, 3, 0, ALL, ALL, 0, 16), ERRNO.ILSEQ);
  // a bad result pointer fails before the file is created
  new Uint8Array(memory.buffer).set(new TextEncoder().encode('never.txt'), 3100);
  assert.equal(w.path_open(PRE, 0, 3100, 9, 1 /* CREAT */, ALL, ALL, 0, 65535), ERRNO.FAULT);
  assert.equal(existsSync(join(box, 'never.txt')), false);
  // a pointer passed as a negative i32 (as engines pass addresses ≥ 2^31) is read unsigned
  assert.equal(w.fd_write(1, -8, 1, 40), ERRNO.FAULT);
  assert.equal(w.fd_write(1, 0, 0xffffffff, 40), ERRNO.FAULT); // a huge iovec count fails at once
});

test('preopens: prestat and names; other descriptors are not preopens', () => {
  const { w, dv, memory } = setup();
  assert.equal(w.fd_prestat_get(PRE, 64), 0);
  assert.equal(dv().getUint8(64), 0);
  assert.equal(dv().getUint32(68, true), 4);
  assert.equal(w.fd_prestat_dir_name(PRE, 128, 2), ERRNO.NAMETOOLONG);
  assert.equal(w.fd_prestat_dir_name(PRE, 128, 4), 0);
  assert.equal(new TextDecoder().decode(new Uint8Array(memory.buffer, 128, 4)), '/box');
  assert.equal(w.fd_prestat_get(1, 64), ERRNO.BADF);
  assert.equal(w.fd_prestat_get(PRE + 1, 64), ERRNO.BADF);
});

test('fd_readdir: cookies continue a listing, a short buffer is filled to the end', () => {
  const { w, dv, memory } = setup();
  const names: string[] = [];
  let cookie = 0n;
  for (let round = 0; round < 50; round++) {
    assert.equal(w.fd_readdir(PRE, 4096, 30, cookie, 40), 0);
    const used = dv().getUint32(40, true);
    if (used < 24) break;
    // each round's buffer holds one whole 24-byte header; take its entry and continue from d_next
    const len = dv().getUint32(4096 + 16, true);
    const bytes = new Uint8Array(memory.buffer, 4096 + 24, Math.min(len, used - 24));
    if (used === 30 && len > 6) {
      assert.equal(w.fd_readdir(PRE, 8192, 24 + len, cookie, 40), 0);
      names.push(new TextDecoder().decode(new Uint8Array(memory.buffer, 8192 + 24, len)));
    } else names.push(new TextDecoder().decode(bytes));
    cookie = dv().getBigUint64(4096, true);
  }
  assert.deepEqual(names.sort(), ['.', '..', 'abs-link', 'd', 'inside.txt', 'loop-a', 'loop-b', 'rel-out']);
});

test('proc_exit: start() returns the code; poll_oneoff sleeps on a clock', () => {
  const wasi = new Wasi({});
  const memory = new WebAssembly.Memory({ initial: 1 });
  const exports = { memory, _start: () => (wasi.imports.proc_exit as (c: number) => void)(-2) };
  assert.equal(wasi.start({ exports }), 0xfffffffe);
  assert.throws(() => wasi.start({ exports }), /already/);

  const { w, dv } = setup();
  dv().setBigUint64(0, 7n, true); // userdata
  dv().setUint8(8, 0); // clock
  dv().setUint32(16, 1, true); // monotonic
  dv().setBigUint64(24, 15_000_000n, true); // 15 ms, relative
  const t0 = performance.now();
  assert.equal(w.poll_oneoff(0, 512, 1, 600), 0);
  assert.ok(performance.now() - t0 >= 14);
  assert.equal(dv().getUint32(600, true), 1);
  assert.equal(dv().getBigUint64(512, true), 7n);
  assert.equal(w.poll_oneoff(0, 512, 0, 600), ERRNO.INVAL);
  assert.equal(w.clock_time_get(9, 0n, 0), ERRNO.INVAL);
});

test('options are checked with clear errors; start needs memory and _start', () => {
  assert.throws(() => new Wasi({ args: [1 as unknown as string] }), /args must be strings/);
  assert.throws(() => new Wasi({ env: { 'A=B': 'x' } }), /contains "="/);
  assert.throws(() => new Wasi({ args: ['a\0b'] }), /NUL/);
  assert.throws(() => new Wasi({ env: { A: 'x\0' } }), /NUL/);
  assert.throws(() => new Wasi({ preopens: { '': box } }), /not a usable path/);
  assert.throws(() => new Wasi({ preopens: { '/x': join(box, 'nothing-here') } }), /no such directory/);
  assert.throws(() => new Wasi({ stdout: 'x' as unknown as number }), /stdout must be/);
  assert.throws(() => new Wasi({ preopens: { '/x': join(box, 'inside.txt') } }), /not a directory/);
  assert.throws(() => new Wasi({}).start({ exports: {} }), /memory/);
  assert.throws(() => new Wasi({}).start({ exports: { memory: new WebAssembly.Memory({ initial: 1 }) } }), /_start/);
});

test('times keep nanoseconds; fdstat reports the flags set', () => {
  const { w, open, str, dv } = setup();
  const fd = open('inside.txt') as number;
  assert.equal(w.fd_fdstat_set_flags(fd, 1 /* APPEND */), 0);
  assert.equal(w.fd_fdstat_get(fd, 64), 0);
  assert.equal(dv().getUint16(66, true), 1);
  assert.equal(dv().getUint8(64), 4 /* regular file */);
  assert.equal(w.fd_fdstat_set_flags(fd, 0x40), ERRNO.INVAL);
  const [p, n] = str('inside.txt');
  assert.equal(w.path_filestat_set_times(PRE, 1, p, n, 0n, 1_234_567_890_500_000_000n, 4 /* MTIM */), 0);
  assert.equal(w.path_filestat_get(PRE, 1, p, n, 256), 0);
  assert.equal(dv().getBigUint64(256 + 48, true), 1_234_567_890_500_000_000n);
  assert.equal(w.fd_filestat_set_times(fd, 1n, 1n, 1 | 2 /* ATIM|ATIM_NOW */), ERRNO.INVAL);
});

test('poll_oneoff on descriptors: files are ready with their remaining bytes, bad ones report EBADF', () => {
  const { w, open, dv } = setup();
  const fd = open('inside.txt') as number;
  const sub = (i: number, userdata: bigint, type: number, fdOrClock: number, timeout = 0n) => {
    const s = i * 48;
    new Uint8Array(dv().buffer, s, 48).fill(0);
    dv().setBigUint64(s, userdata, true);
    dv().setUint8(s + 8, type);
    dv().setUint32(s + 16, fdOrClock, true);
    dv().setBigUint64(s + 24, timeout, true);
  };
  sub(0, 1n, 1 /* FD_READ */, fd);
  sub(1, 2n, 2 /* FD_WRITE */, 99);
  sub(2, 3n, 0 /* CLOCK */, 1, 10_000_000_000n); // 10 s: must not be waited for, descriptors are ready
  const t0 = performance.now();
  assert.equal(w.poll_oneoff(0, 512, 3, 1000), 0);
  assert.ok(performance.now() - t0 < 1000);
  assert.equal(dv().getUint32(1000, true), 2);
  assert.equal(dv().getBigUint64(512, true), 1n);
  assert.equal(dv().getUint16(512 + 8, true), 0);
  assert.equal(dv().getUint8(512 + 10), 1);
  assert.equal(dv().getBigUint64(512 + 16, true), 6n); // "inside"
  assert.equal(dv().getBigUint64(544, true), 2n);
  assert.equal(dv().getUint16(544 + 8, true), ERRNO.BADF);
});

test('sockets and signals are not available: the errno says so', () => {
  const { w } = setup();
  assert.equal(w.sock_accept(PRE, 0, 0), ERRNO.NOTSOCK);
  assert.equal(w.sock_shutdown(77, 0), ERRNO.BADF);
  assert.equal(w.proc_raise(2), ERRNO.NOSYS);
  assert.equal(w.sched_yield(), 0);
});
