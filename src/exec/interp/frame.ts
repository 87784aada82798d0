// The interpreter's register files: one slot number per wasm value, in five parallel files chosen
// by the value's type (see ops.ts); a v128 takes four int32 words of the vector file. Frames are windows [fp, fp + frameSize): a direct call puts the
// callee's frame at the caller's argument slots, so arguments are never copied and results come
// back where the caller expects them.
//
// The files are finite: a frame that would not fit throws RangeError, as the JS stack does when it
// runs out (each wasm call is also one JS call of run(), so deep recursion normally exhausts the
// JS stack first). Nothing is kept between calls, so an instance stays usable after either.

/** Slots in each file. */
export const CAPACITY = 1 << 19;
/** Frame starts whose views (windowAt) are kept: about 20 MB at most, reached only by deep recursion. */
const CACHED_WINDOWS = 1 << 16;

export interface Files {
  /** The i32 file (and the low words of i64s). */
  I: Int32Array;
  /** High words of i64s. */
  HI: Int32Array;
  /** f32 (numerics' carrier) and f64 values: a Float64Array keeps NaN bits. */
  D: Float64Array;
  /** References (and anything else boxed). */
  RF: unknown[];
  /** v128 values unboxed: slot s is words V[4s … 4s+3] (bytes V8[16s … 16s+15], little-endian
   *  like the runtime's Uint8Arrays on every host purewasm supports, see exec/simd-lanes.ts). */
  V: Int32Array;
  V8: Uint8Array;
  /** Views by frame start (windowAt), made on first use: frames recur at the same few starts. */
  W: (Window | null)[];
}

let files: Files | null = null;

/** The register files, allocated on first use (programs that never interpret pay nothing). */
export function registerFiles(): Files {
  if (files === null) {
    // Zeroed typed arrays take memory only where they are touched: the vector file costs nothing
    // to programs without SIMD.
    const V = new Int32Array(4 * (CAPACITY + 16));
    files = {
      I: new Int32Array(CAPACITY + 16),
      HI: new Int32Array(CAPACITY + 16),
      D: new Float64Array(CAPACITY + 16),
      RF: new Array(CAPACITY + 16).fill(null),
      V,
      V8: new Uint8Array(V.buffer),
      W: new Array(CACHED_WINDOWS).fill(null),
    };
  }
  return files;
}

/**
 * The first free slot for a frame entered from JavaScript (an entry point). run() raises it before
 * calling out of the interpreter, and entries restore it when they return or throw.
 */
export const STACK = { top: 0 };

export function exhausted(): never {
  throw new RangeError('Maximum call stack size exceeded');
}

/** A frame's view of the numeric files: its slot k is index k, saving an addition per operand. */
export interface Window { I: Int32Array; HI: Int32Array; D: Float64Array }

export function windowAt(files: Files, fp: number): Window {
  const w = { I: files.I.subarray(fp), HI: files.HI.subarray(fp), D: files.D.subarray(fp) };
  // Kept for the first starts only: deep recursion would otherwise keep a few hundred bytes per
  // frame it ever reached; deeper frames make theirs per call.
  if (fp < CACHED_WINDOWS) files.W[fp] = w;
  return w;
}
