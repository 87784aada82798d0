// What the WASI implementation needs from its host: synchronous file-system calls, clocks, entropy,
// a way to sleep and to end the process. node-host.ts implements it on node:fs; a browser build can
// pass another (an in-memory file system, say). Failures throw errors carrying a POSIX `code`
// string ("ENOENT", …), the way node:fs reports them.

export interface HostStat {
  dev: bigint;
  ino: bigint;
  filetype: number; // FILETYPE.*
  nlink: bigint;
  size: bigint;
  atimNs: bigint;
  mtimNs: bigint;
  ctimNs: bigint;
}

export interface HostDirent {
  name: string;
  filetype: number;
  ino: bigint;
}

export interface OpenFlags {
  read: boolean;
  write: boolean;
  create: boolean;
  exclusive: boolean;
  truncate: boolean;
  /** Fail with ELOOP if the last component is a symbolic link. */
  noFollow: boolean;
}

/** A time to set: a number of nanoseconds since the epoch, 'now', or undefined to keep it. */
export type TimeSpec = bigint | 'now' | undefined;

export interface HostFs {
  open(path: string, flags: OpenFlags): number;
  close(fd: number): void;
  /** Reads at `position`, or at the host's own file position when null (streams). */
  read(fd: number, into: Uint8Array, position: number | null): number;
  write(fd: number, from: Uint8Array, position: number | null): number;
  fstat(fd: number): HostStat;
  stat(path: string): HostStat;
  lstat(path: string): HostStat;
  ftruncate(fd: number, size: number): void;
  fsync(fd: number): void;
  fdatasync(fd: number): void;
  futimes(fd: number, atim: TimeSpec, mtim: TimeSpec): void;
  utimes(path: string, atim: TimeSpec, mtim: TimeSpec, followSymlinks: boolean): void;
  readdir(path: string): HostDirent[];
  mkdir(path: string): void;
  rmdir(path: string): void;
  unlink(path: string): void;
  rename(from: string, to: string): void;
  link(existing: string, created: string): void;
  symlink(target: string, path: string): void;
  readlink(path: string): string;
}

export interface WasiHost {
  fs: HostFs;
  /** Absolute path of a host directory (for preopens). */
  resolveDir(path: string): string;
  realtimeNs(): bigint;
  monotonicNs(): bigint;
  cputimeNs(): bigint;
  randomFill(into: Uint8Array): void;
  /** Blocks the caller for `ns` nanoseconds (poll_oneoff on clocks). */
  sleepNs(ns: bigint): void;
  /** Ends the whole process (proc_exit when returnOnExit is false). */
  exit(code: number): never;
}
