// A WasiHost with no Node at all: an in-memory POSIX-like file system (files, directories,
// symbolic and hard links, times), Web-standard clocks and entropy. For browsers and other
// embedders without node:fs, and for tests that must not touch the disk:
//
//   const host = createMemoryHost({ '/data/in.txt': 'hello' });
//   const wasi = new WasiCore({ preopens: { '/data': '/data' }, stdout: … }, host);
//   … host.readFile('/data/out.txt')
import { FILETYPE } from './constants.js';
import type { HostDirent, HostFs, HostStat, OpenFlags, TimeSpec, WasiHost } from './host.js';

interface Node {
  ino: bigint;
  type: number; // FILETYPE.REGULAR_FILE | DIRECTORY | SYMBOLIC_LINK
  nlink: number;
  data: Uint8Array; // file contents (capacity may exceed size)
  size: number;
  entries: Map<string, Node>; // directories
  parent: Node | null; // directories: for ".."
  target: string; // symbolic links
  atim: bigint;
  mtim: bigint;
  ctim: bigint;
}

interface OpenFile {
  node: Node;
  position: number; // for positionless reads/writes
}

function err(code: string, what: string): Error {
  return Object.assign(new Error(`${code}: ${what}`), { code });
}

const MAX_LINKS = 40;

export interface MemoryHost extends WasiHost {
  /** A file's contents (a copy), or null if there is no regular file at `path`. */
  readFile(path: string): Uint8Array | null;
  /** Creates or replaces a file, creating its parent directories. */
  writeFile(path: string, contents: string | Uint8Array): void;
  /** Every regular file under `dir` (default: all), by absolute path. */
  listFiles(dir?: string): string[];
}

export function createMemoryHost(files: Record<string, string | Uint8Array> = {}): MemoryHost {
  let nextIno = 1n;
  const epoch = BigInt(Date.now()) * 1_000_000n;
  const start = performance.now();
  const nowNs = () => epoch + BigInt(Math.round((performance.now() - start) * 1e6));

  function node(type: number, parent: Node | null): Node {
    const t = nowNs();
    return {
      ino: nextIno++, type, nlink: 1, data: new Uint8Array(0), size: 0, entries: new Map(), parent, target: '',
      atim: t, mtim: t, ctim: t,
    };
  }
  const root = node(FILETYPE.DIRECTORY, null);
  root.parent = root;
  const open = new Map<number, OpenFile>();
  let nextFd = 3;

  function split(path: string): string[] {
    if (!path.startsWith('/')) throw err('EINVAL', `not an absolute path: ${path}`);
    return path.split('/').filter((c) => c !== '' && c !== '.');
  }

  /** The directory holding the last component, and that component's name. */
  function parentOf(path: string): { dir: Node; name: string } {
    const parts = split(path);
    const name = parts.pop();
    if (name === undefined || name === '..') throw err('EINVAL', path);
    const dir = walk(parts, true, 0);
    if (dir.type !== FILETYPE.DIRECTORY) throw err('ENOTDIR', path);
    return { dir, name };
  }

  /** Follows `parts` from the root; symbolic links inside always, the last one when `follow`. */
  function walk(parts: string[], follow: boolean, depth: number, from: Node = root): Node {
    let cur = from;
    for (let i = 0; i < parts.length; i++) {
      const c = parts[i];
      if (cur.type !== FILETYPE.DIRECTORY) throw err('ENOTDIR', c);
      if (c === '..') {
        cur = cur.parent!;
        continue;
      }
      const next = cur.entries.get(c);
      if (!next) throw err('ENOENT', c);
      if (next.type === FILETYPE.SYMBOLIC_LINK && (follow || i < parts.length - 1)) {
        if (depth >= MAX_LINKS) throw err('ELOOP', c);
        const t = next.target;
        const base = t.startsWith('/') ? root : cur;
        cur = walk(t.split('/').filter((x) => x !== '' && x !== '.'), true, depth + 1, base);
        continue;
      }
      cur = next;
    }
    return cur;
  }

  const lookup = (path: string, follow: boolean) => walk(split(path), follow, 0);

  function fileOf(fd: number): OpenFile {
    const f = open.get(fd);
    if (!f) throw err('EBADF', String(fd));
    return f;
  }

  function statOf(n: Node): HostStat {
    const size = n.type === FILETYPE.DIRECTORY ? 4096 : n.type === FILETYPE.SYMBOLIC_LINK ? n.target.length : n.size;
    return { dev: 1n, ino: n.ino, filetype: n.type, nlink: BigInt(n.nlink), size: BigInt(size), atimNs: n.atim, mtimNs: n.mtim, ctimNs: n.ctim };
  }

  function resize(n: Node, size: number): void {
    if (size > n.data.length) {
      const grown = new Uint8Array(Math.max(size, n.data.length * 2));
      grown.set(n.data.subarray(0, n.size));
      n.data = grown;
    } else if (size < n.size) {
      n.data.fill(0, size, n.size); // later growth must read zeros
    }
    n.size = size;
    n.mtim = n.ctim = nowNs();
  }

  function setTimes(n: Node, atim: TimeSpec, mtim: TimeSpec): void {
    const t = nowNs();
    if (atim !== undefined) n.atim = atim === 'now' ? t : atim;
    if (mtim !== undefined) n.mtim = mtim === 'now' ? t : mtim;
    n.ctim = t;
  }

  function isWithin(n: Node, dir: Node): boolean {
    for (let cur = n; ; cur = cur.parent!) {
      if (cur === dir) return true;
      if (cur === root) return false;
    }
  }

  const fs: HostFs = {
    open(path: string, f: OpenFlags): number {
      let n: Node | null = null;
      try {
        n = lookup(path, !f.noFollow);
      } catch (e) {
        if ((e as { code?: string }).code !== 'ENOENT' || !f.create) throw e;
      }
      if (n && f.create && f.exclusive) throw err('EEXIST', path);
      if (!n) {
        const { dir, name } = parentOf(path);
        if (dir.entries.has(name)) throw err('ENOENT', path); // a dangling link
        n = node(FILETYPE.REGULAR_FILE, null);
        dir.entries.set(name, n);
        dir.mtim = dir.ctim = n.ctim;
      }
      if (n.type === FILETYPE.SYMBOLIC_LINK) throw err('ELOOP', path);
      if (n.type === FILETYPE.DIRECTORY && (f.write || f.truncate)) throw err('EISDIR', path);
      if (f.truncate && n.type === FILETYPE.REGULAR_FILE) resize(n, 0);
      const fd = nextFd++;
      open.set(fd, { node: n, position: 0 });
      return fd;
    },
    close(fd) {
      fileOf(fd);
      open.delete(fd);
    },
    read(fd, into, position) {
      const f = fileOf(fd);
      if (f.node.type === FILETYPE.DIRECTORY) throw err('EISDIR', String(fd));
      const at = position ?? f.position;
      const n = Math.max(0, Math.min(into.length, f.node.size - at));
      into.set(f.node.data.subarray(at, at + n));
      if (position === null) f.position += n;
      f.node.atim = nowNs();
      return n;
    },
    write(fd, from, position) {
      const f = fileOf(fd);
      if (f.node.type === FILETYPE.DIRECTORY) throw err('EISDIR', String(fd));
      const at = position ?? f.position;
      if (at + from.length > f.node.size) resize(f.node, at + from.length);
      f.node.data.set(from, at);
      f.node.mtim = f.node.ctim = nowNs();
      if (position === null) f.position += from.length;
      return from.length;
    },
    fstat: (fd) => statOf(fileOf(fd).node),
    stat: (path) => statOf(lookup(path, true)),
    lstat: (path) => statOf(lookup(path, false)),
    ftruncate(fd, size) {
      const f = fileOf(fd);
      if (f.node.type !== FILETYPE.REGULAR_FILE) throw err('EINVAL', String(fd));
      resize(f.node, size);
    },
    fsync: (fd) => void fileOf(fd),
    fdatasync: (fd) => void fileOf(fd),
    futimes: (fd, atim, mtim) => setTimes(fileOf(fd).node, atim, mtim),
    utimes: (path, atim, mtim, follow) => setTimes(lookup(path, follow), atim, mtim),
    readdir(path): HostDirent[] {
      const d = lookup(path, true);
      if (d.type !== FILETYPE.DIRECTORY) throw err('ENOTDIR', path);
      return [...d.entries].map(([name, n]) => ({ name, filetype: n.type, ino: n.ino }));
    },
    mkdir(path) {
      const { dir, name } = parentOf(path);
      if (dir.entries.has(name)) throw err('EEXIST', path);
      dir.entries.set(name, node(FILETYPE.DIRECTORY, dir));
      dir.mtim = dir.ctim = nowNs();
    },
    rmdir(path) {
      const { dir, name } = parentOf(path);
      const n = dir.entries.get(name);
      if (!n) throw err('ENOENT', path);
      if (n.type !== FILETYPE.DIRECTORY) throw err('ENOTDIR', path);
      if (n.entries.size > 0) throw err('ENOTEMPTY', path);
      dir.entries.delete(name);
      dir.mtim = dir.ctim = nowNs();
    },
    unlink(path) {
      const { dir, name } = parentOf(path);
      const n = dir.entries.get(name);
      if (!n) throw err('ENOENT', path);
      if (n.type === FILETYPE.DIRECTORY) throw err('EISDIR', path);
      dir.entries.delete(name);
      n.nlink--;
      n.ctim = dir.mtim = dir.ctim = nowNs();
    },
    rename(from, to) {
      const a = parentOf(from);
      const b = parentOf(to);
      const n = a.dir.entries.get(a.name);
      if (!n) throw err('ENOENT', from);
      const old = b.dir.entries.get(b.name);
      if (old === n) return;
      if (n.type === FILETYPE.DIRECTORY && isWithin(b.dir, n)) throw err('EINVAL', to);
      if (old) {
        if (n.type === FILETYPE.DIRECTORY && old.type !== FILETYPE.DIRECTORY) throw err('ENOTDIR', to);
        if (n.type !== FILETYPE.DIRECTORY && old.type === FILETYPE.DIRECTORY) throw err('EISDIR', to);
        if (old.type === FILETYPE.DIRECTORY && old.entries.size > 0) throw err('ENOTEMPTY', to);
        old.nlink--;
      }
      a.dir.entries.delete(a.name);
      b.dir.entries.set(b.name, n);
      if (n.type === FILETYPE.DIRECTORY) n.parent = b.dir;
      n.ctim = a.dir.mtim = b.dir.mtim = nowNs();
    },
    link(existing, created) {
      const n = lookup(existing, false);
      if (n.type === FILETYPE.DIRECTORY) throw err('EPERM', existing);
      const { dir, name } = parentOf(created);
      if (dir.entries.has(name)) throw err('EEXIST', created);
      dir.entries.set(name, n);
      n.nlink++;
      n.ctim = nowNs();
    },
    symlink(target, path) {
      const { dir, name } = parentOf(path);
      if (dir.entries.has(name)) throw err('EEXIST', path);
      const n = node(FILETYPE.SYMBOLIC_LINK, null);
      n.target = target;
      dir.entries.set(name, n);
    },
    readlink(path) {
      const n = lookup(path, false);
      if (n.type !== FILETYPE.SYMBOLIC_LINK) throw err('EINVAL', path);
      return n.target;
    },
  };

  function mkdirs(path: string): void {
    let cur = root;
    for (const c of split(path)) {
      let next = cur.entries.get(c);
      if (!next) cur.entries.set(c, (next = node(FILETYPE.DIRECTORY, cur)));
      if (next.type !== FILETYPE.DIRECTORY) throw err('ENOTDIR', path);
      cur = next;
    }
  }

  const host: MemoryHost = {
    fs,
    resolveDir(path) {
      const abs = path.startsWith('/') ? path : `/${path}`;
      mkdirs(abs); // a preopen names a directory to give the guest: it exists from then on
      return '/' + split(abs).join('/');
    },
    realtimeNs: nowNs,
    monotonicNs: () => BigInt(Math.round(performance.now() * 1e6)),
    cputimeNs: () => BigInt(Math.round(performance.now() * 1e6)),
    randomFill(into) {
      for (let i = 0; i < into.length; i += 65536) crypto.getRandomValues(into.subarray(i, i + 65536));
    },
    sleepNs(ns) {
      // Atomics.wait where the platform allows blocking, else a busy wait (browser main threads)
      const ms = Number(ns) / 1e6;
      try {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
      } catch {
        const until = performance.now() + ms;
        while (performance.now() < until);
      }
    },
    exit(code): never {
      throw new Error(`WASI: proc_exit(${code}) with returnOnExit false: an in-memory host cannot end the process`);
    },
    readFile(path) {
      try {
        const n = lookup(path, true);
        return n.type === FILETYPE.REGULAR_FILE ? n.data.slice(0, n.size) : null;
      } catch {
        return null;
      }
    },
    writeFile(path, contents) {
      const { dir, name } = (() => {
        const parts = split(path);
        mkdirs('/' + parts.slice(0, -1).join('/'));
        return parentOf(path);
      })();
      const bytes = typeof contents === 'string' ? new TextEncoder().encode(contents) : contents;
      let n = dir.entries.get(name);
      if (!n) dir.entries.set(name, (n = node(FILETYPE.REGULAR_FILE, null)));
      if (n.type !== FILETYPE.REGULAR_FILE) throw err('EISDIR', path);
      resize(n, 0);
      resize(n, bytes.length);
      n.data.set(bytes);
    },
    listFiles(dir = '/') {
      const out: string[] = [];
      const visit = (d: Node, prefix: string) => {
        for (const [name, n] of d.entries) {
          if (n.type === FILETYPE.REGULAR_FILE) out.push(prefix + name);
          else if (n.type === FILETYPE.DIRECTORY) visit(n, `${prefix}${name}/`);
        }
      };
      const d = lookup(dir, true);
      visit(d, dir.endsWith('/') ? dir : `${dir}/`);
      return out.sort();
    },
  };
  for (const [path, contents] of Object.entries(files)) host.writeFile(path, contents);
  return host;
}
