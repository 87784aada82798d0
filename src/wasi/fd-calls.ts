// The fd_* calls: reading, writing and seeking descriptors, their flags and stats, directory listing.
import { ADVICE_MAX, ERRNO, FDFLAGS, FILETYPE, FSTFLAGS, RIGHTS as R, WHENCE } from './constants.js';
import { type WasiCall, type WasiContext, STREAM_STAT, rights, u64, writeFilestat } from './context.js';
import { fail } from './errors.js';
import type { FdEntry } from './fdtable.js';
import type { HostFs, HostStat, TimeSpec } from './host.js';
import { encodeUtf8 } from './memory.js';

const DIRENT_SIZE = 24;
/** wasi_unstable's whence values (CUR, END, SET) in preview1's numbering. */
const UNSTABLE_WHENCE = [WHENCE.CUR, WHENCE.END, WHENCE.SET];

function notDirectory(e: FdEntry): void {
  if (e.filetype === FILETYPE.DIRECTORY) fail(ERRNO.ISDIR);
}

function noStream(e: FdEntry): void {
  if (e.stream) fail(ERRNO.SPIPE);
}

/** Reads into `into` at `at` (a file offset), or from the stream: the byte count. */
function readSome(fs: HostFs, e: FdEntry, into: Uint8Array, at: number | null): number {
  if (e.input) {
    const chunk = e.input(into.length);
    if (!chunk) return 0;
    const n = Math.min(chunk.length, into.length);
    into.set(chunk.subarray(0, n));
    return n;
  }
  if (e.hostFd === null) fail(ERRNO.BADF);
  return fs.read(e.hostFd, into, e.stream ? null : at);
}

/** Writes all of `from` (host writes may be partial). */
function writeAll(fs: HostFs, e: FdEntry, from: Uint8Array, at: number | null): void {
  if (e.output) {
    e.output(from);
    return;
  }
  if (e.hostFd === null) fail(ERRNO.BADF);
  let done = 0;
  while (done < from.length) {
    const n = fs.write(e.hostFd, from.subarray(done), e.stream || at === null ? null : at + done);
    if (n <= 0) fail(ERRNO.IO);
    done += n;
  }
}

function statOf(fs: HostFs, e: FdEntry): HostStat {
  if (e.hostFd !== null) return fs.fstat(e.hostFd);
  if (e.hostPath !== null) return fs.stat(e.hostPath);
  return { ...STREAM_STAT, filetype: e.filetype };
}

/** The times to set from a fstflags word (EINVAL when both a time and "now" are asked for). */
export function timeSpecs(atim: bigint, mtim: bigint, flags: number): [TimeSpec, TimeSpec] {
  if (flags & ~0xf) fail(ERRNO.INVAL);
  if ((flags & FSTFLAGS.ATIM && flags & FSTFLAGS.ATIM_NOW) || (flags & FSTFLAGS.MTIM && flags & FSTFLAGS.MTIM_NOW)) fail(ERRNO.INVAL);
  const a: TimeSpec = flags & FSTFLAGS.ATIM_NOW ? 'now' : flags & FSTFLAGS.ATIM ? BigInt.asUintN(64, atim) : undefined;
  const m: TimeSpec = flags & FSTFLAGS.MTIM_NOW ? 'now' : flags & FSTFLAGS.MTIM ? BigInt.asUintN(64, mtim) : undefined;
  return [a, m];
}

export function fdCalls(ctx: WasiContext): Record<string, WasiCall> {
  const { fds } = ctx;
  const fs = ctx.host.fs;

  function syncAfterWrite(e: FdEntry): void {
    if (e.hostFd === null || e.stream) return;
    if (e.flags & (FDFLAGS.SYNC | FDFLAGS.RSYNC)) fs.fsync(e.hostFd);
    else if (e.flags & FDFLAGS.DSYNC) fs.fdatasync(e.hostFd);
  }

  function readv(e: FdEntry, iovs: number, count: number, at: number | null): number {
    let total = 0;
    for (const buf of ctx.mem().iovecs(iovs, count)) {
      if (buf.length === 0) continue;
      const n = readSome(fs, e, buf, at === null ? null : at + total);
      total += n;
      if (n < buf.length) break; // a short read: nothing more is available now
    }
    return total;
  }

  /** The open non-directory `fd`, which must hold `rights`. */
  function fileWith(fd: number, rights: number): FdEntry {
    const e = fds.get(fd);
    notDirectory(e);
    fds.withRights(fd, rights);
    return e;
  }

  function writev(e: FdEntry, iovs: number, count: number, at: number | null): number {
    const bufs = ctx.mem().iovecs(iovs, count);
    let total = 0;
    if (e.output) {
      // one chunk per call, copied: the sink may keep it while the guest reuses its buffers
      const joined = new Uint8Array(bufs.reduce((n, b) => n + b.length, 0));
      for (const b of bufs) joined.set(b, (total += b.length) - b.length);
      if (joined.length > 0) e.output(joined);
      return total;
    }
    for (const b of bufs) {
      writeAll(fs, e, b, at === null ? null : at + total);
      total += b.length;
    }
    return total;
  }

  return {
    fd_read(fd: number, iovs: number, count: number, nread: number) {
      const e = fileWith(fd, R.FD_READ);
      const n = readv(e, iovs, count, e.stream ? null : e.position);
      if (!e.stream) e.position += n;
      ctx.mem().setU32(nread, n);
    },
    fd_pread(fd: number, iovs: number, count: number, offset: bigint, nread: number) {
      const e = fileWith(fd, R.FD_READ | R.FD_SEEK);
      noStream(e);
      ctx.mem().setU32(nread, readv(e, iovs, count, u64(offset)));
    },
    fd_write(fd: number, iovs: number, count: number, nwritten: number) {
      const e = fileWith(fd, R.FD_WRITE);
      // append is done here rather than by the host so that fd_fdstat_set_flags can switch it
      if (!e.stream && e.flags & FDFLAGS.APPEND && e.hostFd !== null) e.position = Number(fs.fstat(e.hostFd).size);
      const n = writev(e, iovs, count, e.stream ? null : e.position);
      if (!e.stream) e.position += n;
      syncAfterWrite(e);
      ctx.mem().setU32(nwritten, n);
    },
    fd_pwrite(fd: number, iovs: number, count: number, offset: bigint, nwritten: number) {
      const e = fileWith(fd, R.FD_WRITE | R.FD_SEEK);
      noStream(e);
      const n = writev(e, iovs, count, u64(offset));
      syncAfterWrite(e);
      ctx.mem().setU32(nwritten, n);
    },
    fd_seek(fd: number, offset: bigint, rawWhence: number, newOffset: number) {
      const whence = ctx.unstable ? UNSTABLE_WHENCE[rawWhence] ?? -1 : rawWhence;
      const delta = BigInt.asIntN(64, offset);
      const e = fds.withRights(fd, delta === 0n && whence === WHENCE.CUR ? R.FD_TELL : R.FD_SEEK);
      noStream(e);
      let base: bigint;
      if (whence === WHENCE.SET) base = 0n;
      else if (whence === WHENCE.CUR) base = BigInt(e.position);
      else if (whence === WHENCE.END) base = statOf(fs, e).size;
      else fail(ERRNO.INVAL);
      const pos = base + delta;
      if (pos < 0n) fail(ERRNO.INVAL);
      e.position = u64(pos);
      ctx.mem().setU64(newOffset, pos);
    },
    fd_tell(fd: number, out: number) {
      const e = fds.withRights(fd, R.FD_TELL);
      noStream(e);
      ctx.mem().setU64(out, e.position);
    },
    fd_close(fd: number) {
      fds.close(fd);
    },
    fd_renumber(from: number, to: number) {
      fds.renumber(from, to);
    },
    fd_fdstat_get(fd: number, out: number) {
      const e = fds.get(fd);
      const mem = ctx.mem();
      mem.bytes(out, 24).fill(0);
      mem.setU8(out, e.filetype);
      mem.setU16(out + 2, e.flags);
      mem.setU64(out + 8, e.rightsBase);
      mem.setU64(out + 16, e.rightsInheriting);
    },
    fd_fdstat_set_flags(fd: number, flags: number) {
      const e = fds.withRights(fd, R.FD_FDSTAT_SET_FLAGS);
      if (flags & ~0x1f) fail(ERRNO.INVAL);
      e.flags = flags;
    },
    fd_fdstat_set_rights(fd: number, base: bigint, inheriting: bigint) {
      const e = fds.get(fd);
      const b = rights(base);
      const i = rights(inheriting);
      // rights can only be dropped, never regained
      if ((b & ~e.rightsBase) !== 0 || (i & ~e.rightsInheriting) !== 0) fail(ERRNO.NOTCAPABLE);
      e.rightsBase = b;
      e.rightsInheriting = i;
    },
    fd_filestat_get(fd: number, out: number) {
      const e = fds.withRights(fd, R.FD_FILESTAT_GET);
      writeFilestat(ctx, out, statOf(fs, e));
    },
    fd_filestat_set_size(fd: number, size: bigint) {
      const e = fds.withRights(fd, R.FD_FILESTAT_SET_SIZE);
      notDirectory(e);
      if (e.hostFd === null || e.stream) fail(ERRNO.INVAL);
      fs.ftruncate(e.hostFd, u64(size));
    },
    fd_filestat_set_times(fd: number, atim: bigint, mtim: bigint, flags: number) {
      const e = fds.withRights(fd, R.FD_FILESTAT_SET_TIMES);
      const [a, m] = timeSpecs(atim, mtim, flags);
      if (e.hostFd !== null) fs.futimes(e.hostFd, a, m);
      else if (e.hostPath !== null) fs.utimes(e.hostPath, a, m, true);
      else fail(ERRNO.BADF);
    },
    fd_sync(fd: number) {
      const e = fds.withRights(fd, R.FD_SYNC);
      if (e.hostFd !== null && !e.stream) fs.fsync(e.hostFd);
    },
    fd_datasync(fd: number) {
      const e = fds.withRights(fd, R.FD_DATASYNC);
      if (e.hostFd !== null && !e.stream) fs.fdatasync(e.hostFd);
    },
    fd_advise(fd: number, offset: bigint, len: bigint, advice: number) {
      const e = fds.withRights(fd, R.FD_ADVISE);
      if (advice > ADVICE_MAX) fail(ERRNO.INVAL);
      notDirectory(e);
      noStream(e);
      u64(offset);
      u64(len);
      // advice is only a hint; node:fs has no posix_fadvise, so there is nothing to pass it to
    },
    fd_allocate(fd: number, offset: bigint, len: bigint) {
      const e = fds.withRights(fd, R.FD_ALLOCATE);
      notDirectory(e);
      if (e.hostFd === null || e.stream) fail(ERRNO.SPIPE);
      const end = u64(offset) + u64(len);
      if (end > Number.MAX_SAFE_INTEGER) fail(ERRNO.FBIG);
      // without posix_fallocate, growing the file to cover the range gives the same guarantee
      if (BigInt(end) > fs.fstat(e.hostFd).size) fs.ftruncate(e.hostFd, end);
    },
    fd_prestat_get(fd: number, out: number) {
      const e = fds.get(fd);
      if (e.preopenName === null) fail(ERRNO.BADF);
      const mem = ctx.mem();
      mem.setU32(out, 0); // tag 0 = directory, padding
      mem.setU32(out + 4, encodeUtf8(e.preopenName).length);
    },
    fd_prestat_dir_name(fd: number, path: number, len: number) {
      const e = fds.get(fd);
      if (e.preopenName === null) fail(ERRNO.BADF);
      const name = encodeUtf8(e.preopenName);
      if (len < name.length) fail(ERRNO.NAMETOOLONG);
      ctx.mem().bytes(path, name.length).set(name);
    },
    fd_readdir(fd: number, buf: number, len: number, cookie: bigint, bufused: number) {
      const e = fds.withRights(fd, R.FD_READDIR);
      if (e.filetype !== FILETYPE.DIRECTORY || e.hostPath === null) fail(ERRNO.NOTDIR);
      const start = BigInt.asUintN(64, cookie);
      if (start === 0n || !e.dirents) {
        const self = fs.stat(e.hostPath);
        let parentIno = self.ino;
        try {
          parentIno = fs.stat(e.hostPath + '/..').ino;
        } catch {
          // an unreadable parent: report the directory's own inode, as at a root
        }
        e.dirents = [
          { name: '.', filetype: FILETYPE.DIRECTORY, ino: self.ino },
          { name: '..', filetype: FILETYPE.DIRECTORY, ino: parentIno },
          ...fs.readdir(e.hostPath),
        ];
      }
      const out = ctx.mem().bytes(buf, len);
      let used = 0;
      for (let i = start; i < BigInt(e.dirents.length) && used < len; i++) {
        const d = e.dirents[Number(i)];
        const name = encodeUtf8(d.name);
        const rec = new Uint8Array(DIRENT_SIZE + name.length);
        const dv = new DataView(rec.buffer);
        dv.setBigUint64(0, i + 1n, true); // d_next: the cookie of the following entry
        dv.setBigUint64(8, d.ino, true);
        dv.setUint32(16, name.length, true);
        dv.setUint8(20, d.filetype);
        rec.set(name, DIRENT_SIZE);
        // a record that does not fit is cut: the guest sees a full buffer and asks again with a bigger one
        const n = Math.min(rec.length, len - used);
        out.set(rec.subarray(0, n), used);
        used += n;
      }
      ctx.mem().setU32(bufused, used);
    },
  };
}
