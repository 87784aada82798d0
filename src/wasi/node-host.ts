// The WASI host on Node: node:fs (synchronous calls only, since WASI imports are synchronous),
// performance clocks, Web Crypto entropy and Atomics.wait for sleeping. This is the only file of
// src/wasi that depends on Node.
import * as fs from 'node:fs';
import { resolve } from 'node:path';
import { FILETYPE } from './constants.js';
import type { HostDirent, HostFs, HostStat, OpenFlags, TimeSpec, WasiHost } from './host.js';

const C = fs.constants;

function filetypeOf(s: fs.Stats | fs.BigIntStats | fs.Dirent): number {
  if (s.isFile()) return FILETYPE.REGULAR_FILE;
  if (s.isDirectory()) return FILETYPE.DIRECTORY;
  if (s.isSymbolicLink()) return FILETYPE.SYMBOLIC_LINK;
  if (s.isCharacterDevice()) return FILETYPE.CHARACTER_DEVICE;
  if (s.isBlockDevice()) return FILETYPE.BLOCK_DEVICE;
  if (s.isSocket()) return FILETYPE.SOCKET_STREAM;
  return FILETYPE.UNKNOWN; // FIFOs have no preview1 file type
}

function toStat(s: fs.BigIntStats): HostStat {
  return {
    dev: s.dev, ino: s.ino, filetype: filetypeOf(s), nlink: s.nlink, size: s.size,
    atimNs: s.atimeNs, mtimNs: s.mtimeNs, ctimNs: s.ctimeNs,
  };
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Streams (pipes, terminals) may be non-blocking in Node; WASI calls block, so retry on EAGAIN. */
function retryAgain<T>(op: () => T): T {
  for (;;) {
    try {
      return op();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      sleepMs(1);
    }
  }
}

/** Seconds (what node:fs takes) for a time to set, given the current value for "keep". */
function seconds(t: TimeSpec, currentNs: bigint): number {
  if (t === 'now') return Date.now() / 1000;
  return Number(t ?? currentNs) / 1e9;
}

const nodeFs: HostFs = {
  open(path: string, f: OpenFlags): number {
    let flags = f.write ? (f.read ? C.O_RDWR : C.O_WRONLY) : C.O_RDONLY;
    if (f.create) flags |= C.O_CREAT;
    if (f.exclusive) flags |= C.O_EXCL;
    if (f.truncate) flags |= C.O_TRUNC;
    if (f.noFollow) flags |= C.O_NOFOLLOW;
    return fs.openSync(path, flags, 0o666);
  },
  close: (fd) => fs.closeSync(fd),
  read(fd, into, position) {
    if (position === null) return retryAgain(() => fs.readSync(fd, into, 0, into.length, null));
    return fs.readSync(fd, into, 0, into.length, position);
  },
  write(fd, from, position) {
    if (position === null) return retryAgain(() => fs.writeSync(fd, from, 0, from.length, null));
    return fs.writeSync(fd, from, 0, from.length, position);
  },
  fstat: (fd) => toStat(fs.fstatSync(fd, { bigint: true })),
  stat: (path) => toStat(fs.statSync(path, { bigint: true })),
  lstat: (path) => toStat(fs.lstatSync(path, { bigint: true })),
  ftruncate: (fd, size) => fs.ftruncateSync(fd, size),
  fsync: (fd) => fs.fsyncSync(fd),
  fdatasync: (fd) => fs.fdatasyncSync(fd),
  futimes(fd, atim, mtim) {
    const s = fs.fstatSync(fd, { bigint: true });
    fs.futimesSync(fd, seconds(atim, s.atimeNs), seconds(mtim, s.mtimeNs));
  },
  utimes(path, atim, mtim, follow) {
    const s = follow ? fs.statSync(path, { bigint: true }) : fs.lstatSync(path, { bigint: true });
    (follow ? fs.utimesSync : fs.lutimesSync)(path, seconds(atim, s.atimeNs), seconds(mtim, s.mtimeNs));
  },
  readdir(path): HostDirent[] {
    const out: HostDirent[] = [];
    for (const d of fs.readdirSync(path, { withFileTypes: true })) {
      let ino = 0n;
      try {
        ino = fs.lstatSync(`${path}/${d.name}`, { bigint: true }).ino;
      } catch {
        // removed meanwhile: keep the entry with inode 0 rather than fail the whole listing
      }
      out.push({ name: d.name, filetype: filetypeOf(d), ino });
    }
    return out;
  },
  mkdir: (path) => fs.mkdirSync(path),
  rmdir: (path) => fs.rmdirSync(path),
  unlink: (path) => fs.unlinkSync(path),
  rename: (from, to) => fs.renameSync(from, to),
  link: (existing, created) => fs.linkSync(existing, created),
  symlink: (target, path) => fs.symlinkSync(target, path),
  readlink: (path) => fs.readlinkSync(path, 'utf8'),
};

// Wall clock with hrtime resolution: the epoch offset is taken once, so readings never go backwards.
const epochOffset = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();

export const nodeHost: WasiHost = {
  fs: nodeFs,
  resolveDir(path) {
    const abs = resolve(path);
    let isDir: boolean;
    try {
      isDir = fs.statSync(abs).isDirectory();
    } catch (e) {
      throw new Error(`WASI: preopen ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : (e as Error).message}`);
    }
    if (!isDir) throw new Error(`WASI: preopen ${path} is not a directory`);
    return abs;
  },
  realtimeNs: () => epochOffset + process.hrtime.bigint(),
  monotonicNs: () => process.hrtime.bigint(),
  cputimeNs() {
    const u = process.cpuUsage();
    return BigInt(u.user + u.system) * 1000n;
  },
  randomFill(into) {
    // getRandomValues fills at most 65536 bytes per call
    for (let i = 0; i < into.length; i += 65536) crypto.getRandomValues(into.subarray(i, i + 65536));
  },
  sleepNs(ns) {
    if (ns > 0n) sleepMs(Number(ns / 1_000_000n) + (ns % 1_000_000n > 0n ? 1 : 0));
  },
  exit(code) {
    process.exit(code);
  },
};
