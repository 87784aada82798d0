// SIMD memory instructions over a memory's bytes, after the tier's bounds check: `m` is the
// memory's Uint8Array and `a` the effective address (address + offset), already known to leave
// the access's width in bounds. Bytes go through the scratch buffer, so any alignment works.
//   loads (m, a)  stores (m, a, v)  lane loads (m, a, v, lane)  lane stores (m, a, v, lane)
import { U8, I8, U16, I16, I32, A, O, result, count, type LaneView, type Defs } from './simd-lanes.js';

export const MEM_OPS: Defs = [
  ['v128.load', (m: Uint8Array, a: number) => m.slice(a, a + 16)],
  ['v128.store', (m: Uint8Array, a: number, v: Uint8Array) => m.set(v, a)],
];
const def = (name: string, f: (...a: never[]) => Uint8Array | void): void => void MEM_OPS.push([name, f]);

// Loads of 8 bytes widened lane by lane: load8x8 / 16x4 (to: the view twice as wide) and 32x2.
for (const [name, from, to] of [
  ['8x8_s', I8, I16], ['8x8_u', U8, I16], ['16x4_s', I16, I32], ['16x4_u', U16, I32], ['32x2_s', I32], ['32x2_u', I32],
] as [string, LaneView, LaneView?][]) {
  const n = count(from) / 2, signed = name.endsWith('s');
  def(`v128.load${name}`, (m: Uint8Array, a: number) => {
    U8.set(m.subarray(a, a + 8), A);
    for (let k = 0; k < n; k++) {
      if (to) to[O / to.BYTES_PER_ELEMENT + k] = from[k];
      else {
        I32[O / 4 + 2 * k] = I32[k];
        I32[O / 4 + 2 * k + 1] = signed ? I32[k] >> 31 : 0;
      }
    }
    return result();
  });
}

for (const n of [1, 2, 4, 8]) {
  // load N_splat: the N bytes at a, repeated over the vector
  def(`v128.load${8 * n}_splat`, (m: Uint8Array, a: number) => {
    for (let k = 0; k < 16; k += n) U8.set(m.subarray(a, a + n), O + k);
    return result();
  });
  if (n >= 4) {
    def(`v128.load${8 * n}_zero`, (m: Uint8Array, a: number) => {
      U8.fill(0, O, O + 16);
      U8.set(m.subarray(a, a + n), O);
      return result();
    });
  }
  // load N_lane: v with lane `lane` (N bytes wide) replaced by the N bytes at a
  def(`v128.load${8 * n}_lane`, (m: Uint8Array, a: number, v: Uint8Array, lane: number) => {
    U8.set(v, O);
    U8.set(m.subarray(a, a + n), O + lane * n);
    return result();
  });
  // store N_lane: writes lane `lane` (N bytes wide) of v at a
  def(`v128.store${8 * n}_lane`, (m: Uint8Array, a: number, v: Uint8Array, lane: number) => m.set(v.subarray(lane * n, lane * n + n), a));
}
