// The guest's file descriptor table: stdio, preopened directories and what path_open returns.
import { ERRNO, FILETYPE, RIGHTS_STREAM, rightsForType } from './constants.js';
import { fail } from './errors.js';
import type { HostDirent, HostFs } from './host.js';

/** Where stdin comes from: a host fd, fixed bytes/text, or a function returning up to `max` bytes (null or empty at EOF). */
export type InputSource = number | string | Uint8Array | ((max: number) => Uint8Array | null);
/** Where stdout/stderr go: a host fd or a function receiving each chunk (copy it to keep it). */
export type OutputSink = number | ((chunk: Uint8Array) => void);

export interface FdEntry {
  filetype: number;
  rightsBase: number;
  rightsInheriting: number;
  flags: number; // FDFLAGS.*
  /** An open host descriptor (files; stdio given as host fds). */
  hostFd: number | null;
  /** Host path of a directory (path_* calls resolve under it) or of an opened file. */
  hostPath: string | null;
  /** The guest-visible name of a preopened directory. */
  preopenName: string | null;
  /** File position, kept here because node:fs has no lseek: every file access is positioned. */
  position: number;
  /** Pipes and terminals: host reads/writes without a position. */
  stream: boolean;
  input?: (max: number) => Uint8Array | null;
  output?: (chunk: Uint8Array) => void;
  /** fd_readdir's snapshot, taken when a listing starts at cookie 0. */
  dirents?: HostDirent[];
}

function inputFunction(src: string | Uint8Array): (max: number) => Uint8Array | null {
  let data = typeof src === 'string' ? new TextEncoder().encode(src) : src;
  return (max) => {
    const chunk = data.subarray(0, max);
    data = data.subarray(chunk.length);
    return chunk;
  };
}

export class FdTable {
  private readonly entries = new Map<number, FdEntry>();

  constructor(private readonly fs: HostFs) {}

  get(fd: number): FdEntry {
    const e = this.entries.get(fd);
    if (!e) fail(ERRNO.BADF);
    return e;
  }

  /** The entry if it holds all of `rights`; ENOTCAPABLE otherwise. */
  withRights(fd: number, rights: number): FdEntry {
    const e = this.get(fd);
    if ((e.rightsBase & rights) !== rights) fail(ERRNO.NOTCAPABLE);
    return e;
  }

  /** A directory descriptor for the path_* calls. */
  dir(fd: number, rights: number): FdEntry {
    const e = this.get(fd);
    if (e.filetype !== FILETYPE.DIRECTORY || e.hostPath === null) fail(ERRNO.NOTDIR);
    if ((e.rightsBase & rights) !== rights) fail(ERRNO.NOTCAPABLE);
    return e;
  }

  /** Puts `e` at the lowest free number, as POSIX open does. */
  add(e: FdEntry): number {
    let fd = 0;
    while (this.entries.has(fd)) fd++;
    this.entries.set(fd, e);
    return fd;
  }

  close(fd: number): void {
    const e = this.get(fd);
    this.entries.delete(fd);
    this.release(e);
  }

  renumber(from: number, to: number): void {
    const e = this.get(from);
    const old = this.get(to);
    if (from === to) return;
    this.entries.set(to, e);
    this.entries.delete(from);
    this.release(old);
  }

  /** Closes every host descriptor the guest still holds (stdio given as host fds stay open). */
  closeAll(): void {
    for (const [fd, e] of this.entries) {
      this.entries.delete(fd);
      this.release(e);
    }
  }

  private release(e: FdEntry): void {
    // stdio host fds belong to the embedder, which may use them after the guest is done
    if (e.hostFd !== null && !e.stream) {
      try {
        this.fs.close(e.hostFd);
      } catch {
        // the descriptor is gone from the guest's table either way
      }
    }
  }

  addStdio(src: InputSource | OutputSink, input: boolean): void {
    const entry: FdEntry = {
      filetype: FILETYPE.CHARACTER_DEVICE, rightsBase: RIGHTS_STREAM, rightsInheriting: 0, flags: 0,
      hostFd: null, hostPath: null, preopenName: null, position: 0, stream: true,
    };
    if (typeof src === 'number') {
      entry.hostFd = src;
      try {
        entry.filetype = this.fs.fstat(src).filetype;
      } catch {
        // a closed or invalid host fd: calls on it will report EBADF from the host
      }
      // regular files redirected to stdio keep positionless host semantics but report their type
      if (entry.filetype === FILETYPE.UNKNOWN) entry.filetype = FILETYPE.CHARACTER_DEVICE;
    } else if (input) {
      entry.input = typeof src === 'function' ? (src as (max: number) => Uint8Array | null) : inputFunction(src as string | Uint8Array);
    } else {
      entry.output = src as (chunk: Uint8Array) => void;
    }
    this.add(entry);
  }

  addPreopen(guestName: string, hostPath: string): void {
    const r = rightsForType(FILETYPE.DIRECTORY);
    this.add({
      filetype: FILETYPE.DIRECTORY, rightsBase: r.base, rightsInheriting: r.inheriting, flags: 0,
      hostFd: null, hostPath, preopenName: guestName, position: 0, stream: false,
    });
  }
}
