// The path_* calls: everything that names a file by a path relative to a directory descriptor.
// Paths go through resolvePath, which keeps them inside that directory.
import { ERRNO, FILETYPE, LOOKUP_SYMLINK_FOLLOW, OFLAGS, RIGHTS as R, RIGHTS_DIR, RIGHTS_FILE, rightsForType } from './constants.js';
import { type WasiCall, type WasiContext, rights, writeFilestat } from './context.js';
import { fail } from './errors.js';
import { timeSpecs } from './fd-calls.js';
import type { HostStat } from './host.js';
import { resolvePath } from './paths.js';

/** Rights that mean "open for writing" (wasi-libc asks for these on O_WRONLY/O_RDWR). */
const WRITE_RIGHTS = R.FD_WRITE | R.FD_DATASYNC | R.FD_ALLOCATE | R.FD_FILESTAT_SET_SIZE;
const READ_RIGHTS = R.FD_READ | R.FD_READDIR;

export function pathCalls(ctx: WasiContext): Record<string, WasiCall> {
  const { fds } = ctx;
  const fs = ctx.host.fs;

  /** The host path for (dirfd, guest path); `rightsNeeded` on the directory. */
  function resolve(dirfd: number, rightsNeeded: number, ptr: number, len: number, follow: boolean) {
    const dir = fds.dir(dirfd, rightsNeeded);
    const r = resolvePath(fs, dir.hostPath!, ctx.mem().string(ptr, len), follow);
    return { ...r, isDir: r.host === dir.hostPath, dir };
  }

  function statOrNull(path: string, follow: boolean): HostStat | null {
    try {
      return follow ? fs.stat(path) : fs.lstat(path);
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT') return null;
      throw e;
    }
  }

  return {
    path_open(dirfd: number, lookup: number, ptr: number, len: number, oflags: number,
      rightsBase: bigint, rightsInheriting: bigint, fdflags: number, out: number) {
      if (oflags & ~0xf || fdflags & ~0x1f) fail(ERRNO.INVAL);
      ctx.mem().bytes(out, 4); // EFAULT before anything is created or opened
      let needed = R.PATH_OPEN;
      if (oflags & OFLAGS.CREAT) needed |= R.PATH_CREATE_FILE;
      if (oflags & OFLAGS.TRUNC) needed |= R.PATH_FILESTAT_SET_SIZE;
      const follow = (lookup & LOOKUP_SYMLINK_FOLLOW) !== 0;
      const r = resolve(dirfd, needed, ptr, len, follow);
      const base = rights(rightsBase);
      const inheriting = rights(rightsInheriting) & r.dir.rightsInheriting;
      const st = statOrNull(r.host, follow);
      const wantDir = (oflags & OFLAGS.DIRECTORY) !== 0;
      if (wantDir && oflags & OFLAGS.CREAT) fail(ERRNO.INVAL);
      if (st && oflags & OFLAGS.CREAT && oflags & OFLAGS.EXCL) fail(ERRNO.EXIST);
      if (wantDir && !st) fail(ERRNO.NOENT);
      // "name/" names a directory: never create a file for it
      if (r.trailingSlash && !st) fail(oflags & OFLAGS.CREAT ? ERRNO.ISDIR : ERRNO.NOENT);
      if (wantDir && st!.filetype !== FILETYPE.DIRECTORY) fail(ERRNO.NOTDIR);
      const isDir = st?.filetype === FILETYPE.DIRECTORY;
      // rights beyond what the directory passes on are refused; rights that do not apply to the
      // type of file opened are silently dropped (both as the witx says)
      if (base & ~r.dir.rightsInheriting & (isDir ? RIGHTS_DIR : RIGHTS_FILE)) fail(ERRNO.NOTCAPABLE);
      if (isDir) {
        if (base & WRITE_RIGHTS & ~R.FD_DATASYNC || oflags & OFLAGS.TRUNC) fail(ERRNO.ISDIR);
        const applicable = rightsForType(FILETYPE.DIRECTORY);
        ctx.mem().setU32(out, fds.add({
          filetype: FILETYPE.DIRECTORY, rightsBase: base & applicable.base,
          rightsInheriting: inheriting & applicable.inheriting, flags: fdflags, hostFd: null,
          hostPath: r.host, preopenName: null, position: 0, stream: false,
        }));
        return;
      }
      const write = (base & WRITE_RIGHTS) !== 0;
      const hostFd = fs.open(r.host, {
        read: (base & READ_RIGHTS) !== 0 || !write, write,
        create: (oflags & OFLAGS.CREAT) !== 0, exclusive: (oflags & OFLAGS.EXCL) !== 0,
        truncate: (oflags & OFLAGS.TRUNC) !== 0, noFollow: !follow,
      });
      let filetype: number = FILETYPE.REGULAR_FILE;
      try {
        filetype = fs.fstat(hostFd).filetype;
      } catch {
        // keep the regular-file guess; the descriptor is valid
      }
      const applicable = rightsForType(filetype);
      ctx.mem().setU32(out, fds.add({
        filetype, rightsBase: base & applicable.base,
        rightsInheriting: inheriting & applicable.inheriting, flags: fdflags, hostFd, hostPath: r.host,
        preopenName: null, position: 0, stream: filetype !== FILETYPE.REGULAR_FILE,
      }));
    },
    path_create_directory(dirfd: number, ptr: number, len: number) {
      const r = resolve(dirfd, R.PATH_CREATE_DIRECTORY, ptr, len, false);
      if (r.isDir) fail(ERRNO.EXIST);
      fs.mkdir(r.host);
    },
    path_remove_directory(dirfd: number, ptr: number, len: number) {
      const r = resolve(dirfd, R.PATH_REMOVE_DIRECTORY, ptr, len, false);
      if (r.isDir) fail(ERRNO.INVAL); // rmdir(".") — and never the descriptor's own directory
      fs.rmdir(r.host);
    },
    path_unlink_file(dirfd: number, ptr: number, len: number) {
      const r = resolve(dirfd, R.PATH_UNLINK_FILE, ptr, len, false);
      if (r.isDir) fail(ERRNO.ISDIR);
      if (r.trailingSlash) {
        const st = statOrNull(r.host, true);
        fail(st?.filetype === FILETYPE.DIRECTORY ? ERRNO.ISDIR : ERRNO.NOTDIR);
      }
      fs.unlink(r.host);
    },
    path_rename(fd1: number, p1: number, l1: number, fd2: number, p2: number, l2: number) {
      const from = resolve(fd1, R.PATH_RENAME_SOURCE, p1, l1, false);
      const to = resolve(fd2, R.PATH_RENAME_TARGET, p2, l2, false);
      if (from.isDir || to.isDir) fail(ERRNO.BUSY);
      if ((from.trailingSlash || to.trailingSlash) && statOrNull(from.host, false)?.filetype !== FILETYPE.DIRECTORY) fail(ERRNO.NOTDIR);
      fs.rename(from.host, to.host);
    },
    path_link(fd1: number, lookup: number, p1: number, l1: number, fd2: number, p2: number, l2: number) {
      const from = resolve(fd1, R.PATH_LINK_SOURCE, p1, l1, (lookup & LOOKUP_SYMLINK_FOLLOW) !== 0);
      const to = resolve(fd2, R.PATH_LINK_TARGET, p2, l2, false);
      if (to.isDir) fail(ERRNO.EXIST);
      if (from.isDir) fail(ERRNO.PERM); // no hard links to directories
      fs.link(from.host, to.host);
    },
    path_symlink(targetPtr: number, targetLen: number, dirfd: number, ptr: number, len: number) {
      const target = ctx.mem().string(targetPtr, targetLen);
      // a link is followed only through resolvePath, which refuses absolute targets anyway; refusing
      // to create them keeps the host file system free of links that point out of the sandbox
      if (target.startsWith('/')) fail(ERRNO.NOTCAPABLE);
      if (target.length === 0 || target.includes('\0')) fail(ERRNO.NOENT);
      const r = resolve(dirfd, R.PATH_SYMLINK, ptr, len, false);
      if (r.isDir) fail(ERRNO.EXIST);
      fs.symlink(target, r.host);
    },
    path_readlink(dirfd: number, ptr: number, len: number, buf: number, bufLen: number, bufused: number) {
      const r = resolve(dirfd, R.PATH_READLINK, ptr, len, false);
      if (r.isDir) fail(ERRNO.INVAL);
      const target = new TextEncoder().encode(fs.readlink(r.host));
      const n = Math.min(target.length, bufLen); // truncated like readlink(2)
      ctx.mem().bytes(buf, n).set(target.subarray(0, n));
      ctx.mem().setU32(bufused, n);
    },
    path_filestat_get(dirfd: number, lookup: number, ptr: number, len: number, out: number) {
      const follow = (lookup & LOOKUP_SYMLINK_FOLLOW) !== 0;
      const r = resolve(dirfd, R.PATH_FILESTAT_GET, ptr, len, follow);
      writeFilestat(ctx, out, follow ? fs.stat(r.host) : fs.lstat(r.host));
    },
    path_filestat_set_times(dirfd: number, lookup: number, ptr: number, len: number, atim: bigint, mtim: bigint, flags: number) {
      const follow = (lookup & LOOKUP_SYMLINK_FOLLOW) !== 0;
      const [a, m] = timeSpecs(atim, mtim, flags);
      const r = resolve(dirfd, R.PATH_FILESTAT_SET_TIMES, ptr, len, follow);
      fs.utimes(r.host, a, m, follow);
    },
  };
}
