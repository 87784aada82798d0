import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseI32, parseI64, parseF32, parseF64, parseU32, parseU64, parseIntBits } from '../../src/text/numbers.js';

test('integers: signed and unsigned ranges, hex, underscores', () => {
  assert.equal(parseI32('0x7fff_ffff'), 0x7fffffff);
  assert.equal(parseI32('-0x80000000'), -0x80000000);
  assert.equal(parseI32('4294967295'), -1);
  assert.equal(parseI32('+1_000'), 1000);
  assert.equal(parseI32('4294967296'), null);
  assert.equal(parseI32('-2147483649'), null);
  assert.equal(parseI32('1.0'), null);
  assert.equal(parseI64('0xffff_ffff_ffff_ffff'), -1n);
  assert.equal(parseI64('-9223372036854775808'), -9223372036854775808n);
  assert.equal(parseI64('18446744073709551616'), null);
  assert.equal(parseU32('-1'), null);
  assert.equal(parseU32('0x1_0000_0000'), null);
  assert.equal(parseU64('1__0'), null);
  assert.equal(parseU64('_1'), null);
  assert.equal(parseU64('1_'), null);
  assert.equal(parseI32('0x_1'), null);
  assert.equal(parseU64('0xffffffffffffffff'), 0xffffffffffffffffn);
  assert.equal(parseIntBits('-128', 8), 0x80);
  assert.equal(parseIntBits('255', 8), 0xff);
  assert.equal(parseIntBits('256', 8), null);
});

test('f32: rounding to nearest even, subnormals, overflow', () => {
  assert.equal(parseF32('0x1p-149'), 1);
  assert.equal(parseF32('0x1p-150'), 0); // a tie rounds to the even zero
  assert.equal(parseF32('0x1.8p-149'), 2); // a tie rounds up to the even 2
  assert.equal(parseF32('0x1.fffffep127'), 0x7f7fffff);
  assert.equal(parseF32('0x1.fffffefffffffp127'), 0x7f7fffff);
  assert.equal(parseF32('0x1.ffffffp127'), null); // rounds to infinity
  assert.equal(parseF32('3.4028235e38'), 0x7f7fffff);
  assert.equal(parseF32('1e39'), null);
  assert.equal(parseF32('-0.0'), 0x80000000);
  assert.equal(parseF32('0x1.000002p0'), 0x3f800001);
  // Just above and below the midpoint between 1 and the next f32: the f64 nearest to both is the
  // midpoint itself, so rounding through f64 would get one of them wrong.
  assert.equal(parseF32('1.00000005960464477539062501'), 0x3f800001);
  assert.equal(parseF32('1.00000005960464477539062499'), 0x3f800000);
  assert.equal(parseF32('1.000000059604644775390625'), 0x3f800000); // the exact tie: to even
  assert.equal(parseF32('1_000.5'), 0x447a2000);
});

test('f32/f64: infinities and NaN payloads', () => {
  assert.equal(parseF32('inf'), 0x7f800000);
  assert.equal(parseF32('-inf'), 0xff800000);
  assert.equal(parseF32('nan'), 0x7fc00000);
  assert.equal(parseF32('-nan'), 0xffc00000);
  assert.equal(parseF32('nan:0x200000'), 0x7fa00000);
  assert.equal(parseF32('nan:0x0'), null);
  assert.equal(parseF32('nan:0x800000'), null);
  assert.deepEqual(parseF64('nan:0xf_ffff_ffff_ffff'), [-1, 0x7fffffff]);
  assert.deepEqual(parseF64('-nan'), [0, 0xfff80000 | 0]);
  assert.equal(parseF64('nan:0x10000000000000'), null);
});

test('f64: decimal and hex literals', () => {
  assert.deepEqual(parseF64('0x1p-1074'), [1, 0]);
  assert.deepEqual(parseF64('0x1p-1075'), [0, 0]);
  assert.deepEqual(parseF64('-0'), [0, 0x80000000 | 0]);
  assert.deepEqual(parseF64('1.5'), [0, 0x3ff80000]);
  assert.deepEqual(parseF64('0x1.fffffffffffff8p1023'), null); // rounds up to infinity
  assert.deepEqual(parseF64('0x1.fffffffffffff7ffp1023'), [-1, 0x7fefffff]);
  assert.deepEqual(parseF64('1e309'), null);
  assert.deepEqual(parseF64('0x.8'), [0, 0x3fe00000]);
  assert.deepEqual(parseF64('0x1.'), [0, 0x3ff00000]);
});
