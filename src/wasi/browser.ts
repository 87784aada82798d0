// WASI without Node, for browsers and other embedders: WasiCore over the in-memory host (or any
// other WasiHost). Nothing reachable from this module imports Node.
export { WasiCore, type WasiOptions } from './wasi.js';
export { createMemoryHost, type MemoryHost } from './memory-host.js';
export type { InputSource, OutputSink } from './fdtable.js';
export type { WasiHost, HostFs, HostStat, HostDirent, OpenFlags, TimeSpec } from './host.js';
export { ERRNO } from './constants.js';
export { WasiExit } from './errors.js';
