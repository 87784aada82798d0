// What the groups of WASI calls (fd-calls, path-calls, proc-calls) share, and the small helpers they
// all use for argument conversion and struct layout.
import { ERRNO, FILETYPE } from './constants.js';
import { fail } from './errors.js';
import type { FdTable } from './fdtable.js';
import type { HostStat, WasiHost } from './host.js';
import type { GuestMemory } from './memory.js';

export interface WasiContext {
  readonly host: WasiHost;
  readonly fds: FdTable;
  /** The guest memory; throws if no instance has been attached yet. */
  mem(): GuestMemory;
  /**
   * Serving `wasi_unstable` (snapshot 0) rather than preview1: the same calls with three layout
   * differences — filestat's nlink is u32 (56-byte struct), whence is ordered CUR, END, SET, and a
   * clock subscription carries an extra identifier (56-byte subscriptions).
   */
  readonly unstable: boolean;
}

/**
 * A WASI call after argument normalisation: i32 arguments arrive as unsigned numbers, i64 ones
 * as bigint (sign as the engine passed it; each call picks its own interpretation). Success is a
 * normal return, failure a thrown WasiErrno.
 */
export type WasiCall = (...args: any[]) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

/** An unsigned 64-bit offset or size as a safe JS number (EOVERFLOW past 2^53, where files never go). */
export function u64(v: bigint): number {
  const u = BigInt.asUintN(64, v);
  if (u > BigInt(Number.MAX_SAFE_INTEGER)) fail(ERRNO.OVERFLOW);
  return Number(u);
}

/** Preview1 defines rights bits 0..29 only; higher bits name nothing and are dropped. */
export function rights(v: bigint): number {
  return Number(BigInt.asUintN(30, v));
}

/** Writes a filestat struct: 64 bytes, or 56 with a u32 nlink for wasi_unstable. */
export function writeFilestat(ctx: WasiContext, ptr: number, s: HostStat): void {
  const mem = ctx.mem();
  const at = ctx.unstable ? 24 : 32; // where size and the times start
  mem.bytes(ptr, at + 32).fill(0); // bounds and padding first: nothing is half-written
  mem.setU64(ptr, s.dev);
  mem.setU64(ptr + 8, s.ino);
  mem.setU8(ptr + 16, s.filetype);
  if (ctx.unstable) mem.setU32(ptr + 20, Number(s.nlink > 0xffffffffn ? 0xffffffffn : s.nlink));
  else mem.setU64(ptr + 24, s.nlink);
  mem.setU64(ptr + at, s.size);
  mem.setU64(ptr + at + 8, s.atimNs);
  mem.setU64(ptr + at + 16, s.mtimNs);
  mem.setU64(ptr + at + 24, s.ctimNs);
}

/** A stat for descriptors with no host object behind them (stdio given as functions). */
export const STREAM_STAT: HostStat = {
  dev: 0n, ino: 0n, filetype: FILETYPE.CHARACTER_DEVICE, nlink: 1n, size: 0n, atimNs: 0n, mtimNs: 0n, ctimNs: 0n,
};
