// WASI preview1 on Node: `new Wasi({ args, env, preopens, stdin, stdout, stderr, returnOnExit })`,
// then instantiate with `{ wasi_snapshot_preview1: wasi.imports }` and call `wasi.start(instance)`.
// Without Node, use browser.ts (WasiCore with an in-memory or custom host) instead.
import { nodeHost } from './node-host.js';
import { WasiCore, type WasiOptions } from './wasi.js';

export class Wasi extends WasiCore {
  constructor(options: WasiOptions = {}) {
    super(options, nodeHost);
  }
}

export { WasiCore, type WasiOptions } from './wasi.js';
export type { InputSource, OutputSink } from './fdtable.js';
export type { WasiHost, HostFs, HostStat, HostDirent, OpenFlags, TimeSpec } from './host.js';
export { ERRNO } from './constants.js';
export { WasiExit } from './errors.js';
export { createMemoryHost, type MemoryHost } from './memory-host.js';
