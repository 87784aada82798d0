// Access to the guest's exported memory. The buffer is looked up again on each call because
// memory.grow replaces it; views are cached until it changes. Out-of-range pointers surface as a
// RangeError, which the call wrapper turns into EFAULT.
import { ERRNO } from './constants.js';
import { WasiErrno } from './errors.js';

export interface MemoryLike {
  readonly buffer: ArrayBuffer;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

export class GuestMemory {
  private cached: ArrayBuffer | null = null;
  private dv!: DataView;
  private u8!: Uint8Array;

  constructor(private readonly memory: MemoryLike) {}

  private refresh(): void {
    const b = this.memory.buffer;
    if (b !== this.cached) {
      this.cached = b;
      this.dv = new DataView(b);
      this.u8 = new Uint8Array(b);
    }
  }

  view(): DataView {
    this.refresh();
    return this.dv;
  }

  /** A live view of guest bytes [ptr, ptr+len); RangeError when out of bounds. */
  bytes(ptr: number, len: number): Uint8Array {
    this.refresh();
    if (ptr + len > this.u8.length) throw new RangeError('guest pointer out of bounds');
    return this.u8.subarray(ptr, ptr + len);
  }

  u32(ptr: number): number {
    return this.view().getUint32(ptr, true);
  }
  setU8(ptr: number, v: number): void {
    this.view().setUint8(ptr, v);
  }
  setU16(ptr: number, v: number): void {
    this.view().setUint16(ptr, v, true);
  }
  setU32(ptr: number, v: number): void {
    this.view().setUint32(ptr, v, true);
  }
  setU64(ptr: number, v: bigint | number): void {
    this.view().setBigUint64(ptr, BigInt.asUintN(64, BigInt(v)), true);
  }

  /** A guest string: must be valid UTF-8 (EILSEQ otherwise). */
  string(ptr: number, len: number): string {
    const b = this.bytes(ptr, len);
    try {
      return utf8.decode(b);
    } catch {
      throw new WasiErrno(ERRNO.ILSEQ);
    }
  }

  /** The (ptr, len) pairs of an iovec/ciovec array. */
  iovecs(ptr: number, count: number): Uint8Array[] {
    this.bytes(ptr, count * 8); // the whole array must be in memory: fail at once, not after a long loop
    const out: Uint8Array[] = [];
    for (let i = 0; i < count; i++) out.push(this.bytes(this.u32(ptr + i * 8), this.u32(ptr + i * 8 + 4)));
    return out;
  }
}

export function encodeUtf8(s: string): Uint8Array {
  return encoder.encode(s);
}
