// Byte reader for the binary format (spec 5.1 "Values"): exact LEB128 (length and unused-bit
// rules), IEEE bit patterns and UTF-8 names. Every failure throws a CompileError naming the offset.

import { CompileError } from '../api/errors.js';

// LEB128 flavours, for re-reading a truncated one.
const LEB_U32 = 0, LEB_S32 = 1, LEB_S33 = 2, LEB_U64 = 3, LEB_S64 = 4;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class Reader {
  bytes: Uint8Array;
  pos: number;
  end: number;
  /** High 32 bits of the last 64-bit value read by s64/u64 (the low bits are returned). */
  hi = 0;

  constructor(bytes: Uint8Array, pos = 0, end = bytes.length) {
    this.bytes = bytes;
    this.pos = pos;
    this.end = end;
  }

  fail(message: string, at = this.pos): never {
    throw new CompileError(`at byte offset ${at}: ${message}`);
  }

  eof(): boolean {
    return this.pos >= this.end;
  }

  u8(): number {
    if (this.pos >= this.end) this.fail('unexpected end of section or function');
    return this.bytes[this.pos++];
  }

  /** Unsigned LEB128 of at most 32 bits (5 bytes; unused bits of the last byte must be zero). */
  u32(): number {
    const b = this.bytes;
    let pos = this.pos;
    if (pos < this.end) {
      const b0 = b[pos];
      if (b0 < 0x80) {
        this.pos = pos + 1;
        return b0;
      }
    }
    const start = pos;
    let result = 0;
    let shift = 0;
    for (;;) {
      if (pos >= this.end) this.truncatedLeb(start, LEB_U32);
      const byte = b[pos++];
      if (shift === 28) {
        if (byte & 0x80) this.fail('integer representation too long', pos - 1);
        if (byte & 0x70) this.fail('integer too large', pos - 1);
        result = (result | (byte << 28)) >>> 0;
        break;
      }
      result |= (byte & 0x7f) << shift;
      shift += 7;
      if (!(byte & 0x80)) break;
    }
    this.pos = pos;
    return result >>> 0;
  }

  /** Signed LEB128 of at most 32 bits. */
  s32(): number {
    let result = 0;
    let shift = 0;
    let byte: number;
    const b = this.bytes;
    let pos = this.pos;
    const start = pos;
    for (;;) {
      if (pos >= this.end) this.truncatedLeb(start, LEB_S32);
      byte = b[pos++];
      if (shift === 28) {
        if (byte & 0x80) this.fail('integer representation too long', pos - 1);
        // The unused bits (bits 4..6 of the last byte) must all equal the sign bit (bit 3).
        const top = byte & 0x78;
        if (top !== 0 && top !== 0x78) this.fail('integer too large', pos - 1);
        result |= byte << 28;
        break;
      }
      result |= (byte & 0x7f) << shift;
      shift += 7;
      if (!(byte & 0x80)) {
        if (shift < 32 && byte & 0x40) result |= -1 << shift;
        break;
      }
    }
    this.pos = pos;
    return result | 0;
  }

  /** Signed LEB128 of at most 33 bits, as used for block types and heap types. Returns a JS number. */
  s33(): number {
    let result = 0;
    let mul = 1;
    let byte: number;
    const start = this.pos;
    for (let i = 0; ; i++) {
      if (this.pos >= this.end) this.truncatedLeb(start, LEB_S33);
      byte = this.bytes[this.pos++];
      if (i === 4) {
        if (byte & 0x80) this.fail('integer representation too long', this.pos - 1);
        // 33 bits: 4*7 = 28 bits so far, 5 more; bits 5..6 must equal the sign bit (bit 4).
        const top = byte & 0x70;
        if (top !== 0 && top !== 0x70) this.fail('integer too large', this.pos - 1);
        result += (byte & 0x7f) * mul;
        if (byte & 0x40) result -= 0x80 * mul;
        return result;
      }
      result += (byte & 0x7f) * mul;
      mul *= 128;
      if (!(byte & 0x80)) {
        if (byte & 0x40) result -= mul;
        return result;
      }
    }
  }

  /** Signed LEB128 of at most 64 bits: returns the low 32 bits (signed), sets `hi`. */
  s64(): number {
    return this.leb64(true);
  }

  /** Unsigned LEB128 of at most 64 bits: returns the low 32 bits (as unsigned), sets `hi`. */
  u64(): number {
    return this.leb64(false) >>> 0;
  }

  /** Unsigned 64-bit LEB128 as a JS number; values above 2^53 come back as Infinity. */
  u64AsNumber(): number {
    const lo = this.u64();
    const hi = this.hi >>> 0;
    return hi >= 0x200000 ? Infinity : hi * 0x100000000 + lo;
  }

  /**
   * A LEB128 runs into the end of its section or function. The reference interpreter reads on and
   * reports a malformed integer if it is one, so the bytes beyond are looked at (on this error
   * path only) to give the same diagnosis; otherwise it is an unexpected end.
   */
  private truncatedLeb(start: number, kind: number): never {
    if (this.end < this.bytes.length) {
      const probe = new Reader(this.bytes, start, this.bytes.length);
      try {
        if (kind === LEB_U32) probe.u32();
        else if (kind === LEB_S32) probe.s32();
        else if (kind === LEB_S33) probe.s33();
        else probe.leb64(kind === LEB_S64);
      } catch (e) {
        if (e instanceof CompileError && /integer (representation too long|too large)/.test(e.message)) throw e;
      }
    }
    return this.fail('unexpected end of section or function (truncated integer)', this.end);
  }

  private leb64(signed: boolean): number {
    let lo = 0;
    let hi = 0;
    let shift = 0;
    let byte = 0;
    const start = this.pos;
    for (let i = 0; ; i++) {
      if (this.pos >= this.end) this.truncatedLeb(start, signed ? LEB_S64 : LEB_U64);
      byte = this.bytes[this.pos++];
      const v = byte & 0x7f;
      if (i === 9) {
        if (byte & 0x80) this.fail('integer representation too long', this.pos - 1);
        // Only bit 0 of the tenth byte is used (bit 63); the rest must be 0 (unsigned) or sign copies.
        if (signed) {
          if (v !== 0 && v !== 0x7f) this.fail('integer too large', this.pos - 1);
        } else if (v & 0x7e) this.fail('integer too large', this.pos - 1);
        hi |= v << 31;
        break;
      }
      if (shift < 28) lo |= v << shift;
      else if (shift === 28) {
        lo |= v << 28;
        hi |= v >>> 4;
      } else hi |= v << (shift - 32);
      shift += 7;
      if (!(byte & 0x80)) {
        if (signed && byte & 0x40) {
          if (shift < 32) {
            lo |= -1 << shift;
            hi = -1;
          } else if (shift < 64) hi |= -1 << (shift - 32);
        }
        break;
      }
    }
    this.hi = hi | 0;
    return lo | 0;
  }

  /** Raw little-endian 32 bits (an f32 bit pattern), as a signed int. */
  bits32(): number {
    if (this.pos + 4 > this.end) this.fail('unexpected end of section or function');
    const b = this.bytes;
    const p = this.pos;
    this.pos = p + 4;
    return b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24);
  }

  /** Raw little-endian 64 bits (an f64 bit pattern): returns the low word, sets `hi`. */
  bits64(): number {
    const lo = this.bits32();
    this.hi = this.bits32();
    return lo;
  }

  /** A byte vector's bytes (a view into the module, not a copy). */
  take(n: number): Uint8Array {
    if (n > this.end - this.pos) this.fail('length out of bounds: unexpected end of section or function');
    const v = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  /** A name: vec(byte) that must be valid UTF-8. */
  name(): string {
    const n = this.u32();
    const at = this.pos;
    if (n > this.end - at) this.fail('length out of bounds: unexpected end of section or function');
    // Short ASCII names (nearly all of them) skip the TextDecoder call and the view.
    if (n <= 64) {
      const b = this.bytes;
      let s = '';
      let i = at;
      const end = at + n;
      for (; i < end && b[i] < 0x80; i++) s += String.fromCharCode(b[i]);
      if (i === end) {
        this.pos = end;
        return s;
      }
    }
    const raw = this.take(n);
    try {
      // TextDecoder refuses views of shared memory: decode a copy of those.
      return utf8.decode(raw.buffer instanceof ArrayBuffer ? raw : raw.slice());
    } catch {
      this.fail('malformed UTF-8 encoding', at);
    }
  }

  /**
   * A vector length that is about to be followed by `n` items of at least `minItemSize` bytes:
   * fails before anything is allocated when the bytes left cannot hold them (a lying count).
   */
  count(minItemSize = 1): number {
    const at = this.pos;
    const n = this.u32();
    if (n * minItemSize > this.end - this.pos) this.fail(`length out of bounds: ${n} items, unexpected end of section or function`, at);
    return n;
  }
}
