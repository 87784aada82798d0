// LEB128 reading against a BigInt reference: every length, the unused-bit rules of the last byte,
// and the errors for over-long or truncated encodings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Reader } from '../../src/binary/reader.js';
import { CompileError } from '../../src/api/errors.js';

/** Reference decoder: returns the value or an error kind, following spec 5.2.2 "Integers". */
function refLeb(bytes: number[], bits: number, signed: boolean): bigint | 'long' | 'large' | 'end' {
  const maxLen = Math.ceil(bits / 7);
  let result = 0n;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (i === maxLen - 1) {
      if (b & 0x80) return 'long';
      const used = bits - 7 * i; // bits this byte may carry
      const v = BigInt(b & 0x7f);
      if (signed) {
        // The unused bits must all equal the sign bit (bit `used - 1`).
        const sign = (b >> (used - 1)) & 1;
        const unused = (b & 0x7f) >> used;
        if (unused !== (sign ? (0x7f >> used) : 0)) return 'large';
      } else if ((b & 0x7f) >> used) return 'large';
      result |= v << BigInt(7 * i);
      return signed ? BigInt.asIntN(bits, result) : result;
    }
    result |= BigInt(b & 0x7f) << BigInt(7 * i);
    if (!(b & 0x80)) {
      const width = 7 * (i + 1);
      return signed ? BigInt.asIntN(Math.min(bits, width), result) : result;
    }
  }
  return 'end';
}

function ours(bytes: number[], kind: 'u32' | 's32' | 's33' | 's64' | 'u64'): bigint | 'long' | 'large' | 'end' {
  const r = new Reader(Uint8Array.from(bytes));
  try {
    switch (kind) {
      case 'u32': return BigInt(r.u32());
      case 's32': return BigInt(r.s32());
      case 's33': return BigInt(r.s33());
      case 's64': { const lo = r.s64(); return BigInt.asIntN(64, (BigInt(r.hi) << 32n) | BigInt(lo >>> 0)); }
      case 'u64': { const lo = r.u64(); return BigInt.asUintN(64, (BigInt(r.hi) << 32n) | BigInt(lo)); }
    }
  } catch (e) {
    assert.ok(e instanceof CompileError);
    const msg = (e as Error).message;
    return /unexpected end/.test(msg) ? 'end' : /too long/.test(msg) ? 'long' : /too large/.test(msg) ? 'large' : 'end';
  }
}

function encode(v: bigint, signed: boolean, padTo = 0): number[] {
  const out: number[] = [];
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    const done = signed ? (v === 0n && !(b & 0x40)) || (v === -1n && (b & 0x40) !== 0) : v === 0n;
    if (done && out.length + 1 >= padTo) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const KINDS = [['u32', 32, false], ['s32', 32, true], ['s33', 33, true], ['s64', 64, true], ['u64', 64, false]] as const;

test('LEB128 values of every length agree with the reference, padded encodings included', () => {
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0);
  for (const [kind, bits, signed] of KINDS) {
    const values: bigint[] = [0n, 1n, 63n, 64n, 127n, 128n];
    for (let k = 1; k < bits; k++) values.push(1n << BigInt(k), (1n << BigInt(k)) - 1n);
    for (let i = 0; i < 200; i++) values.push(BigInt.asUintN(bits, (BigInt(rand()) << 32n) | BigInt(rand())));
    for (const u of values) {
      const v = signed ? BigInt.asIntN(bits, u) : BigInt.asUintN(bits, u);
      for (const pad of [0, Math.ceil(bits / 7)]) {
        const enc = encode(v, signed, pad);
        assert.equal(ours(enc, kind), v, `${kind} ${v} as ${enc.map((b) => b.toString(16))}`);
      }
    }
  }
});

test('LEB128 errors: too long, unused bits set, truncated', () => {
  let seed = 99;
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
  for (const [kind, bits, signed] of KINDS) {
    const maxLen = Math.ceil(bits / 7);
    // Random last bytes at the maximum length exercise every unused-bit pattern.
    for (let i = 0; i < 2000; i++) {
      const len = 1 + (rand() % (maxLen + 1));
      const bytes = Array.from({ length: len }, (_, j) => (j < len - 1 ? rand() | 0x80 : rand()));
      const want = refLeb(bytes, bits, signed);
      assert.equal(ours(bytes, kind), want, `${kind} ${bytes.map((b) => b.toString(16))}`);
    }
    assert.equal(ours([0x80, 0x80], kind), 'end');
    assert.equal(ours(Array(maxLen).fill(0x80).concat([0]), kind), 'long');
  }
});

test('u64AsNumber is exact to 2^53 and Infinity beyond; count() refuses lying lengths', () => {
  const r = (b: number[]) => new Reader(Uint8Array.from(b));
  assert.equal(r(encode(2n ** 53n - 1n, false)).u64AsNumber(), 2 ** 53 - 1);
  assert.equal(r(encode(2n ** 48n, false)).u64AsNumber(), 2 ** 48);
  assert.equal(r(encode(2n ** 64n - 1n, false)).u64AsNumber(), Infinity);
  assert.throws(() => r([0x05, 1, 2, 3]).count(1), CompileError);
  assert.equal(r([0x03, 1, 2, 3]).count(1), 3);
  assert.throws(() => r([0x02, 1, 2, 3]).count(2), CompileError);
});
