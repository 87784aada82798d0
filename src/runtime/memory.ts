// Memory instances (spec 4.2.8 "Memory Instances", JS API "Memory objects"). A non-shared memory is
// a fixed-length ArrayBuffer: growing allocates a new buffer, copies, and detaches the old one, so
// views handed out earlier (memory.buffer) see a detached buffer, exactly as in browsers. After
// the JS API's toResizableBuffer() it is a resizable ArrayBuffer instead, which grows in place
// (until toFixedLengthBuffer()); each switch copies into the new kind of buffer and detaches the old
// one, which is what the spec's re-identification of the data block looks like from outside.
// Compiled code reads `dv`, `u8` and `len` and re-reads them after anything that may grow memory.

import type { MemoryInst } from './interface.js';
import type { Limits } from '../syntax/types.js';

/** JS API implementation limit on 32-bit memories: 4 GiB (65536 pages of 64 KiB). */
const MAX_BYTES_32 = 2 ** 32;
/** Memory64 limit: 2^48 pages in the spec; allocation fails long before. */
const MAX_PAGES_64 = 2 ** 48;

type Transferable = ArrayBuffer & { transfer?: (len: number) => ArrayBuffer };
const ResizableArrayBuffer = ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer;
/** The host's resize (the API gives a memory's resizable buffer an own `resize` that grows the memory). */
export const resizeBuffer = (ArrayBuffer.prototype as unknown as { resize: (this: ArrayBuffer, n: number) => void }).resize;

/** Detaches `buf` where the host can (structuredClone with transfer, Node 17+ and browsers). */
function detach(buf: ArrayBuffer): void {
  try {
    structuredClone(buf, { transfer: [buf] });
  } catch {
    // No way to detach here: the old buffer merely stops being the memory's.
  }
}

function allocate(bytes: number, shared: boolean, maxBytes: number): ArrayBuffer {
  if (shared) {
    // A shared memory keeps one growable SharedArrayBuffer (never detached).
    const SAB = SharedArrayBuffer as unknown as new (n: number, o?: { maxByteLength: number }) => SharedArrayBuffer;
    return new SAB(bytes, { maxByteLength: maxBytes }) as unknown as ArrayBuffer;
  }
  return new ArrayBuffer(bytes);
}

export class Memory implements MemoryInst {
  readonly limits: Limits;
  buffer: ArrayBuffer;
  /** Views over `buffer`, replaced together with it. */
  dv: DataView;
  u8: Uint8Array;
  /** Current byte length. */
  len: number;
  resizable = false;
  private readonly pageBytes: number;
  private readonly maxPages: number;

  constructor(limits: Limits) {
    this.limits = { ...limits };
    this.pageBytes = 2 ** limits.pageSizeLog2;
    const cap = limits.addr64 ? MAX_PAGES_64 : MAX_BYTES_32 / this.pageBytes;
    this.maxPages = limits.max === null ? cap : Math.min(limits.max, cap);
    const bytes = limits.min * this.pageBytes;
    if (limits.min > this.maxPages) throw new RangeError('WebAssembly.Memory: could not allocate memory');
    try {
      this.buffer = allocate(bytes, limits.shared, this.maxPages * this.pageBytes);
    } catch {
      throw new RangeError('WebAssembly.Memory: could not allocate memory');
    }
    this.len = bytes;
    this.dv = new DataView(this.buffer);
    this.u8 = new Uint8Array(this.buffer);
  }

  size(): number {
    return this.len / this.pageBytes;
  }

  grow(delta: number): number {
    const old = this.size();
    if (delta < 0 || delta > this.maxPages - old) return -1;
    const newLen = (old + delta) * this.pageBytes;
    if (this.limits.shared) {
      try {
        (this.buffer as unknown as { grow(n: number): void }).grow(newLen);
      } catch {
        return -1;
      }
      this.setBuffer(this.buffer, newLen);
      this.limits.min = old + delta;
      return old;
    }
    let next: ArrayBuffer;
    const prev = this.buffer as Transferable;
    try {
      if (this.resizable) {
        resizeBuffer.call(prev, newLen);
        next = prev;
      } else if (typeof prev.transfer === 'function') {
        next = prev.transfer(newLen); // zero-copy where available, detaches `prev`
      } else {
        next = new ArrayBuffer(newLen);
        new Uint8Array(next).set(this.u8);
        detach(prev);
      }
    } catch {
      return -1;
    }
    this.setBuffer(next, newLen);
    this.limits.min = old + delta;
    return old;
  }

  refresh(): void {
    // Shared buffers are never replaced; a resizable one stays the memory's ("refresh the Memory
    // buffer" only updates its length).
    if (this.limits.shared || this.resizable) return;
    const prev = this.buffer as Transferable;
    let next: ArrayBuffer;
    if (typeof prev.transfer === 'function') next = prev.transfer(this.len);
    else {
      next = this.buffer.slice(0);
      detach(prev);
    }
    this.setBuffer(next, this.len);
  }

  setResizable(resizable: boolean): void {
    if (this.limits.shared || resizable === this.resizable) return;
    const prev = this.buffer;
    const next = resizable ? new ResizableArrayBuffer(this.len, { maxByteLength: this.maxPages * this.pageBytes }) : new ArrayBuffer(this.len);
    new Uint8Array(next).set(this.u8);
    detach(prev);
    this.resizable = resizable;
    this.setBuffer(next, this.len);
  }

  private setBuffer(buf: ArrayBuffer, len: number): void {
    this.buffer = buf;
    this.len = len;
    this.dv = new DataView(buf);
    this.u8 = new Uint8Array(buf);
  }
}

export function createMemory(limits: Limits): Memory {
  return new Memory(limits);
}
