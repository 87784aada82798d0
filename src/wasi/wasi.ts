// WASI preview1 for any WebAssembly namespace (purewasm's or a native one): `imports` is the
// `wasi_snapshot_preview1` object, `start`/`initialize` run a command/reactor the way node:wasi does.
// Host access goes through a WasiHost (see host.ts); index.ts binds it to Node.
import { ERRNO } from './constants.js';
import type { WasiCall, WasiContext } from './context.js';
import { WasiExit, errnoOf } from './errors.js';
import { fdCalls } from './fd-calls.js';
import { FdTable, type InputSource, type OutputSink } from './fdtable.js';
import type { WasiHost } from './host.js';
import { GuestMemory, type MemoryLike } from './memory.js';
import { pathCalls } from './path-calls.js';
import { procCalls } from './proc-calls.js';

export interface WasiOptions {
  /** argv, program name first. */
  args?: readonly string[];
  env?: Readonly<Record<string, string>>;
  /** Guest directory name → host directory. Each becomes a preopened descriptor, from fd 3 on. */
  preopens?: Readonly<Record<string, string>>;
  stdin?: InputSource;
  stdout?: OutputSink;
  stderr?: OutputSink;
  /** When true (the default), proc_exit makes start() return the code; otherwise it ends the process. */
  returnOnExit?: boolean;
}

type Exports = Record<string, unknown>;

function checkStrings(what: string, list: readonly unknown[]): void {
  for (const s of list) {
    if (typeof s !== 'string') throw new TypeError(`WASI: ${what} must be strings`);
    // the guest receives NUL-terminated strings: an inner NUL would silently cut one short
    if (s.includes('\0')) throw new TypeError(`WASI: ${what} must not contain NUL characters`);
  }
}

function checkStream(name: string, v: unknown, input: boolean): void {
  if (v === undefined || typeof v === 'function' || (typeof v === 'number' && Number.isInteger(v) && v >= 0)) return;
  if (input && (typeof v === 'string' || v instanceof Uint8Array)) return;
  throw new TypeError(`WASI: ${name} must be a file descriptor number${input ? ', a string, a Uint8Array' : ''} or a function`);
}

export class WasiCore {
  /** The `wasi_snapshot_preview1` import object. */
  readonly imports: Record<string, (...args: unknown[]) => number>;
  /** The `wasi_unstable` (snapshot 0) import object, for older binaries; shares descriptors with `imports`. */
  readonly unstableImports: Record<string, (...args: unknown[]) => number>;
  private readonly fds: FdTable;
  private memory: GuestMemory | null = null;
  private started = false;
  private readonly returnOnExit: boolean;

  constructor(options: WasiOptions, private readonly host: WasiHost) {
    if (options === null || typeof options !== 'object') throw new TypeError('WASI: options must be an object');
    const args = options.args ?? [];
    if (!Array.isArray(args)) throw new TypeError('WASI: args must be an array');
    checkStrings('args', args);
    const env = Object.entries(options.env ?? {});
    checkStrings('env names', env.map(([k]) => k));
    checkStrings('env values', env.map(([, v]) => v));
    for (const [k] of env) if (k.includes('=')) throw new TypeError(`WASI: environment name ${JSON.stringify(k)} contains "="`);
    checkStream('stdin', options.stdin, true);
    checkStream('stdout', options.stdout, false);
    checkStream('stderr', options.stderr, false);
    this.returnOnExit = options.returnOnExit ?? true;

    this.fds = new FdTable(host.fs);
    this.fds.addStdio(options.stdin ?? 0, true);
    this.fds.addStdio(options.stdout ?? 1, false);
    this.fds.addStdio(options.stderr ?? 2, false);
    for (const [guest, hostDir] of Object.entries(options.preopens ?? {})) {
      if (typeof hostDir !== 'string') throw new TypeError(`WASI: preopen ${guest} must map to a host path`);
      if (guest === '' || guest.includes('\0')) throw new TypeError(`WASI: preopen name ${JSON.stringify(guest)} is not a usable path`);
      this.fds.addPreopen(guest, host.resolveDir(hostDir));
    }

    const environ = env.map(([k, v]) => `${k}=${v}`);
    const importsFor = (unstable: boolean) => {
      const ctx: WasiContext = { host, fds: this.fds, mem: () => this.mem(), unstable };
      const calls: Record<string, WasiCall> = { ...procCalls(ctx, [...args], environ), ...fdCalls(ctx), ...pathCalls(ctx) };
      if (unstable) delete calls.sock_accept; // added in preview1
      const imports: Record<string, (...args: unknown[]) => number> = {};
      for (const [name, call] of Object.entries(calls)) imports[name] = wrap(call);
      return imports;
    };
    this.imports = importsFor(false);
    this.unstableImports = importsFor(true);
  }

  /** The import object for instantiation (node:wasi's getImportObject(), for both versions). */
  getImportObject(): Record<'wasi_snapshot_preview1' | 'wasi_unstable', Record<string, (...args: unknown[]) => number>> {
    return { wasi_snapshot_preview1: this.imports, wasi_unstable: this.unstableImports };
  }

  /** Runs a command's `_start`: its exit code (0 when `_start` returns). */
  start(instance: unknown): number {
    const exports = this.bind(instance, '_start');
    if (exports._initialize !== undefined) throw new TypeError('WASI: a command must not export _initialize');
    try {
      (exports._start as () => void)();
      return 0;
    } catch (e) {
      if (!(e instanceof WasiExit)) throw e;
      if (!this.returnOnExit) this.host.exit(e.code);
      return e.code;
    } finally {
      this.fds.closeAll();
    }
  }

  /** Initialises a reactor: calls `_initialize` when it exports one. */
  initialize(instance: unknown): void {
    const exports = this.bind(instance, null);
    if (exports._start !== undefined) throw new TypeError('WASI: a reactor must not export _start');
    if (exports._initialize === undefined) return;
    if (typeof exports._initialize !== 'function') throw new TypeError('WASI: _initialize must be a function');
    try {
      (exports._initialize as () => void)();
    } catch (e) {
      if (e instanceof WasiExit && !this.returnOnExit) this.host.exit(e.code);
      throw e;
    }
  }

  /**
   * Attaches an instance's memory without running anything, for embedders (like `purewasm run
   * --invoke`) that call other exports of a command directly.
   */
  attach(instance: unknown): void {
    this.bind(instance, null);
  }

  private bind(instance: unknown, entry: string | null): Exports {
    if (this.started) throw new Error('WASI: start(), initialize() or attach() has already been called');
    const exports = (instance as { exports?: unknown } | null)?.exports;
    if (exports === null || typeof exports !== 'object') throw new TypeError('WASI: expected a WebAssembly.Instance');
    const e = exports as Exports;
    const memory = e.memory as MemoryLike | undefined;
    if (!memory || typeof memory !== 'object' || !(memory.buffer instanceof ArrayBuffer || isShared(memory.buffer))) {
      throw new TypeError('WASI: the instance must export a memory named "memory"');
    }
    if (entry !== null && typeof e[entry] !== 'function') throw new TypeError(`WASI: the instance must export a function ${entry}`);
    this.started = true;
    this.memory = new GuestMemory(memory);
    return e;
  }

  private mem(): GuestMemory {
    if (!this.memory) throw new Error('WASI: called before start() or initialize() attached an instance');
    return this.memory;
  }
}

function isShared(b: unknown): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && b instanceof SharedArrayBuffer;
}

/**
 * Turns a call into an import: i32 arguments to unsigned numbers (engines pass them signed), the
 * result to an errno; only proc_exit's WasiExit (and a missing memory) unwind through the guest.
 */
function wrap(call: WasiCall): (...args: unknown[]) => number {
  return (...args: unknown[]) => {
    for (let i = 0; i < args.length; i++) if (typeof args[i] === 'number') args[i] = (args[i] as number) >>> 0;
    try {
      call(...args);
      return ERRNO.SUCCESS;
    } catch (e) {
      if (e instanceof WasiExit) throw e;
      if (e instanceof Error && e.message.startsWith('WASI: called before')) throw e;
      return errnoOf(e);
    }
  };
}
