// SIMD memory instructions over a memory's bytes, after the tier's bounds check: `m` is the
// memory's Uint8Array and `a` the effective address (address + offset), already known to leave
// the access's width in bounds. Bytes go through the scratch buffer, so any alignment works.
import { U8, I8, U16, I16, I32, A, O, result } from './simd-lanes.js';

function fetch(m: Uint8Array, a: number, n: number): void {
  U8.set(m.subarray(a, a + n), A);
}

export function v128Load(m: Uint8Array, a: number): Uint8Array {
  return m.slice(a, a + 16);
}

export function v128Store(m: Uint8Array, a: number, v: Uint8Array): void {
  m.set(v, a);
}

// Loads of 8 bytes widened lane by lane (load8x8 / 16x4 / 32x2, signed or unsigned).
export function v128Load8x8S(m: Uint8Array, a: number): Uint8Array {
  fetch(m, a, 8);
  for (let k = 0; k < 8; k++) I16[O / 2 + k] = I8[k];
  return result();
}

export function v128Load8x8U(m: Uint8Array, a: number): Uint8Array {
  fetch(m, a, 8);
  for (let k = 0; k < 8; k++) I16[O / 2 + k] = U8[k];
  return result();
}

export function v128Load16x4S(m: Uint8Array, a: number): Uint8Array {
  fetch(m, a, 8);
  for (let k = 0; k < 4; k++) I32[O / 4 + k] = I16[k];
  return result();
}

export function v128Load16x4U(m: Uint8Array, a: number): Uint8Array {
  fetch(m, a, 8);
  for (let k = 0; k < 4; k++) I32[O / 4 + k] = U16[k];
  return result();
}

export function v128Load32x2S(m: Uint8Array, a: number): Uint8Array {
  fetch(m, a, 8);
  for (let k = 0; k < 2; k++) {
    I32[O / 4 + 2 * k] = I32[k];
    I32[O / 4 + 2 * k + 1] = I32[k] >> 31;
  }
  return result();
}

export function v128Load32x2U(m: Uint8Array, a: number): Uint8Array {
  fetch(m, a, 8);
  for (let k = 0; k < 2; k++) {
    I32[O / 4 + 2 * k] = I32[k];
    I32[O / 4 + 2 * k + 1] = 0;
  }
  return result();
}

/** load N_splat: the N bytes at a, repeated over the vector. */
function splat(n: number): (m: Uint8Array, a: number) => Uint8Array {
  return (m, a) => {
    for (let k = 0; k < 16; k += n) U8.set(m.subarray(a, a + n), O + k);
    return result();
  };
}
export const v128Load8Splat = splat(1);
export const v128Load16Splat = splat(2);
export const v128Load32Splat = splat(4);
export const v128Load64Splat = splat(8);

function loadZero(n: number): (m: Uint8Array, a: number) => Uint8Array {
  return (m, a) => {
    U8.fill(0, O, O + 16);
    U8.set(m.subarray(a, a + n), O);
    return result();
  };
}
export const v128Load32Zero = loadZero(4);
export const v128Load64Zero = loadZero(8);

/** load N_lane: v with lane `lane` (N bytes wide) replaced by the N bytes at a. */
function loadLane(n: number): (m: Uint8Array, a: number, v: Uint8Array, lane: number) => Uint8Array {
  return (m, a, v, lane) => {
    U8.set(v, O);
    U8.set(m.subarray(a, a + n), O + lane * n);
    return result();
  };
}
export const v128Load8Lane = loadLane(1);
export const v128Load16Lane = loadLane(2);
export const v128Load32Lane = loadLane(4);
export const v128Load64Lane = loadLane(8);

/** store N_lane: writes lane `lane` (N bytes wide) of v at a. */
function storeLane(n: number): (m: Uint8Array, a: number, v: Uint8Array, lane: number) => void {
  return (m, a, v, lane) => {
    m.set(v.subarray(lane * n, lane * n + n), a);
  };
}
export const v128Store8Lane = storeLane(1);
export const v128Store16Lane = storeLane(2);
export const v128Store32Lane = storeLane(4);
export const v128Store64Lane = storeLane(8);
