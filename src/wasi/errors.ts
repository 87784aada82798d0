// Control flow inside the WASI implementation: a call fails by throwing WasiErrno (the import
// wrapper returns its code to the guest); proc_exit unwinds the guest by throwing WasiExit.
import { ERRNO, errnoFromHostCode } from './constants.js';

export class WasiErrno extends Error {
  constructor(readonly errno: number) {
    super(`WASI errno ${errno}`);
    this.name = 'WasiErrno';
  }
}

export class WasiExit extends Error {
  constructor(readonly code: number) {
    super(`WASI exit with code ${code}`);
    this.name = 'WasiExit';
  }
}

/** The errno to return to the guest for anything a call threw (WasiExit is not caught here). */
export function errnoOf(e: unknown): number {
  if (e instanceof WasiErrno) return e.errno;
  if (e instanceof RangeError) return ERRNO.FAULT; // a guest pointer outside its memory
  const code = errnoFromHostCode((e as { code?: unknown } | null)?.code);
  return code ?? ERRNO.IO;
}

export function fail(errno: number): never {
  throw new WasiErrno(errno);
}
