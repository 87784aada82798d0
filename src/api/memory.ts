// WebAssembly.Memory (JS API "Memories"). One Memory object per memory instance (the Memory object
// cache); `buffer` is the instance's current ArrayBuffer, replaced and detached whenever it grows.

import type { MemoryInst } from '../runtime/interface.js';
import { createMemory } from '../runtime/index.js';
import { resizeBuffer } from '../runtime/memory.js';
import type { Limits } from '../syntax/types.js';
import { addressValueToU64, toAddressType, u64ToAddressValue, type AddressType } from './address.js';
import { dictionary, isObject, member, shapeInterface } from './webidl.js';

const MAX_PAGES_32 = 65536; // valid memtype: k = 2^16 pages for i32
const MAX_PAGES_64 = 2 ** 48; // and 2^48 pages for i64
/** The JS API's runtime limit on a 64-bit memory (16 GiB): allocating or growing beyond fails. */
const RUNTIME_PAGES_64 = 262_144;

const cache = new WeakMap<MemoryInst, Memory>();
const CREATE = Symbol('create');
let instOf: (o: unknown) => MemoryInst | undefined;

function descriptorToLimits(descriptor: unknown): Limits {
  const what = 'WebAssembly.Memory()';
  const d = dictionary(descriptor, `${what}: Argument 0`);
  // Dictionary members are read in lexicographic order, then converted as the algorithm says.
  const address = toAddressType(member(d, 'address', false, what), what);
  const initialV = member(d, 'initial', true, what);
  const maximumV = member(d, 'maximum', false, what);
  const sharedV = member(d, 'shared', false, what);
  const shared = sharedV === undefined ? false : Boolean(sharedV);
  const min = addressValueToU64(initialV, address, `${what}: 'initial'`);
  const max = maximumV === undefined ? null : addressValueToU64(maximumV, address, `${what}: 'maximum'`);
  const k = address === 'i64' ? MAX_PAGES_64 : MAX_PAGES_32;
  if (min > k) throw new RangeError(`${what}: 'initial' (${min}) is above the upper bound ${k}`);
  if (max !== null && max > k) throw new RangeError(`${what}: 'maximum' (${max}) is above the upper bound ${k}`);
  if (max !== null && max < min) throw new RangeError(`${what}: 'maximum' (${max}) is below 'initial' (${min})`);
  // Threads proposal: a shared memory must declare its maximum.
  if (shared && max === null) throw new TypeError(`${what}: a shared memory needs a 'maximum'`);
  return { min, max, addr64: address === 'i64', shared, pageSizeLog2: 16 };
}

/**
 * "Grow the memory buffer" by `delta` pages: the old size in pages, or a RangeError. Even a growth
 * by 0 pages refreshes the buffer (a fixed-length one is replaced and detached).
 */
function growBuffer(m: MemoryInst, delta: number, what: string): number {
  const before = m.buffer;
  const old = m.limits.addr64 && m.size() + delta > RUNTIME_PAGES_64 ? -1 : m.grow(delta);
  if (old < 0) throw new RangeError(`${what}: Maximum memory size exceeded`);
  if (!m.limits.shared && m.buffer === before) m.refresh();
  return old;
}

/**
 * The spec redefines HostResizeArrayBuffer for a memory's buffer: resize() grows the memory by
 * whole pages and refuses anything else with a RangeError. A host's ArrayBuffer cannot be told
 * that, so the resizable buffer gets its own `resize` (attributes as on ArrayBuffer.prototype)
 * doing ArrayBuffer.prototype.resize's steps with that hook; called on another buffer it is the
 * original. (ArrayBuffer.prototype.resize.call(buffer, n) still bypasses it.)
 */
function hostResize(m: MemoryInst): void {
  const buf = m.buffer;
  const resize = {
    resize(this: unknown, newLength: unknown): void {
      if (this !== buf) return resizeBuffer.call(this as ArrayBuffer, newLength as number);
      const n = toIndex(newLength);
      if (m.buffer !== buf) throw new TypeError('Cannot perform ArrayBuffer.prototype.resize on a detached ArrayBuffer');
      if (n > (buf as unknown as { maxByteLength: number }).maxByteLength) throw new RangeError('ArrayBuffer.prototype.resize: Invalid length parameter');
      const delta = n - buf.byteLength;
      if (delta < 0 || delta % 65536 !== 0) throw new RangeError('WebAssembly.Memory: a memory buffer grows by whole pages only');
      growBuffer(m, delta / 65536, 'ArrayBuffer.prototype.resize');
    },
  }.resize;
  Object.defineProperty(buf, 'resize', { value: resize, writable: true, enumerable: false, configurable: true });
}

/** ECMAScript ToIndex. */
function toIndex(v: unknown): number {
  const x = +(v as number); // ToNumber: a BigInt or Symbol throws a TypeError
  const i = Number.isNaN(x) ? 0 : Math.trunc(x);
  if (i < 0 || i > Number.MAX_SAFE_INTEGER) throw new RangeError('Invalid array buffer length');
  return i;
}

function addressTypeOf(m: MemoryInst): AddressType {
  return m.limits.addr64 ? 'i64' : 'i32';
}

export class Memory {
  #mem: MemoryInst;

  constructor(descriptor: unknown, inst?: unknown) {
    if (descriptor === CREATE) {
      this.#mem = inst as MemoryInst;
    } else {
      const limits = descriptorToLimits(descriptor);
      if (limits.addr64 && limits.min > RUNTIME_PAGES_64) throw new RangeError('WebAssembly.Memory(): could not allocate memory');
      try {
        this.#mem = createMemory(limits);
      } catch (e) {
        if (e instanceof RangeError) throw new RangeError('WebAssembly.Memory(): could not allocate memory');
        throw e;
      }
    }
    cache.set(this.#mem, this);
  }

  grow(delta: unknown): number | bigint {
    const m = this.#mem;
    const type = addressTypeOf(m);
    const d = addressValueToU64(delta, type, 'WebAssembly.Memory.grow(): Argument 0');
    return u64ToAddressValue(growBuffer(m, d, 'WebAssembly.Memory.grow()'), type);
  }

  toFixedLengthBuffer(): ArrayBuffer {
    const m = this.#mem;
    m.setResizable(false);
    return m.buffer;
  }

  toResizableBuffer(): ArrayBuffer {
    const m = this.#mem;
    if (m.limits.max === null) throw new TypeError('WebAssembly.Memory.toResizableBuffer(): the memory has no maximum');
    if (!m.resizable && !m.limits.shared) {
      try {
        m.setResizable(true);
      } catch {
        throw new RangeError('WebAssembly.Memory.toResizableBuffer(): could not allocate memory');
      }
      hostResize(m);
    }
    return m.buffer;
  }

  get buffer(): ArrayBuffer {
    return this.#mem.buffer;
  }

  static {
    instOf = (o) => (isObject(o) && #mem in o ? (o as Memory).#mem : undefined);
  }
}
shapeInterface(Memory, 'Memory', 1);

/** The memory instance of a Memory object, or undefined (the brand check). */
export function memoryInst(v: unknown): MemoryInst | undefined {
  return instOf(v);
}

/** "Create a memory object": the cached one, or a new object for the instance. */
export function memoryObject(m: MemoryInst): Memory {
  return cache.get(m) ?? new Memory(CREATE, m);
}
