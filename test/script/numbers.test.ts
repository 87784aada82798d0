import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseF32Bits, parseF64Bits, parseInt32, parseInt64, parseIntN } from '../../src/script/numbers.js';

const f64bits = (x: number) => {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return v.getBigUint64(0);
};

test('integers: unsigned and signed ranges, hex, underscores', () => {
  assert.equal(parseInt32('0xffff_ffff'), -1);
  assert.equal(parseInt32('-0x8000_0000'), -2147483648);
  assert.equal(parseInt32('4294967295'), -1);
  assert.equal(parseInt32('+2147483647'), 2147483647);
  assert.throws(() => parseInt32('+2147483648'), RangeError);
  assert.throws(() => parseInt32('4294967296'), RangeError);
  assert.throws(() => parseInt32('-2147483649'), RangeError);
  assert.throws(() => parseInt32('1__0'), SyntaxError);
  assert.equal(parseInt64('0xffffffffffffffff'), -1n);
  assert.equal(parseInt64('-9223372036854775808'), -(2n ** 63n));
  assert.equal(parseIntN('-1', 8), 255n);
  assert.equal(parseIntN('-128', 8), 128n);
  assert.throws(() => parseIntN('-129', 8), RangeError);
});

test('f64 decimal literals round exactly like JavaScript (which rounds correctly)', () => {
  let seed = 12345;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let i = 0; i < 3000; i++) {
    const digits = Array.from({ length: 1 + rnd(25) }, () => rnd(10)).join('');
    const frac = rnd(2) ? `.${Array.from({ length: rnd(20) }, () => rnd(10)).join('')}` : '';
    const exp = rnd(2) ? `e${rnd(2) ? '-' : ''}${rnd(330)}` : '';
    const text = `${digits}${frac}${exp}`;
    const x = Number(text);
    if (!Number.isFinite(x)) {
      assert.throws(() => parseF64Bits(text), RangeError, text);
      continue;
    }
    assert.equal(parseF64Bits(text), f64bits(x), text);
  }
});

test('float specials, hex floats, subnormals, overflow', () => {
  assert.equal(parseF32Bits('inf'), 0x7f800000);
  assert.equal(parseF32Bits('-inf') >>> 0, 0xff800000);
  assert.equal(parseF32Bits('nan'), 0x7fc00000);
  assert.equal(parseF32Bits('-nan:0x200000') >>> 0, 0xffa00000);
  assert.throws(() => parseF32Bits('nan:0x800000'), RangeError);
  assert.throws(() => parseF32Bits('nan:0x0'), RangeError);
  assert.equal(parseF64Bits('nan:0x4_0000_0000_0000'), 0x7ff4000000000000n);
  assert.equal(parseF32Bits('0x1p-149'), 1);
  assert.equal(parseF32Bits('0x1p-150'), 0); // tie to even: zero
  assert.equal(parseF32Bits('0x1.8p-150'), 1);
  assert.equal(parseF32Bits('0x1.fffffep127'), 0x7f7fffff);
  assert.equal(parseF32Bits('0x1.fffffefffp127'), 0x7f7fffff); // rounds down below the halfway point
  assert.throws(() => parseF32Bits('0x1.ffffffp127'), RangeError); // rounds up to infinity
  assert.equal(parseF32Bits('-0'), 0x80000000);
  assert.equal(parseF32Bits('0x1.000002p0'), 0x3f800001);
  assert.equal(parseF32Bits('0x1.000001p0'), 0x3f800000); // tie to even
  assert.equal(parseF32Bits('0x1.000003p0'), 0x3f800002); // tie to even (up)
  assert.equal(parseF64Bits('0x1p-1074'), 1n);
  assert.equal(parseF64Bits('0x1.fffffffffffffp1023'), 0x7fefffffffffffffn);
  assert.equal(parseF32Bits('1e-50'), 0);
  assert.equal(parseF32Bits('3.4028235e38'), 0x7f7fffff);
  assert.throws(() => parseF32Bits('3.4028236e38'), RangeError);
});

test('f32 decimals avoid double rounding', () => {
  // 1 + 2^-24 + 2^-60: nearest f64 is 1 + 2^-24 (a tie for f32, which would round to 1), but the
  // true value is above the tie, so the correct f32 is 1 + 2^-23.
  const text = (1n * 10n ** 60n + 10n ** 60n / 2n ** 24n + 10n ** 60n / 2n ** 60n + 1n).toString();
  const lit = `${text.slice(0, 1)}.${text.slice(1)}`;
  assert.equal(parseF32Bits(lit), 0x3f800001);
  assert.equal(parseF32Bits('1.00000005960464477539062499'), 0x3f800000); // just below the tie
  assert.equal(parseF32Bits('1.000000059604644775390625'), 0x3f800000); // the tie itself: even
  assert.equal(parseF32Bits('1.00000005960464477539062501'), 0x3f800001);
});

test('literals agree with the WAT parser\'s independent implementation (text/numbers.ts)', async () => {
  const text = await import('../../src/text/numbers.js');
  let seed = 777;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const hexDigits = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[rnd(16)]).join('');
  const decDigits = (n: number) => Array.from({ length: n }, () => rnd(10)).join('');
  const literals: string[] = ['0', '-0', '1e-46', '1e-45', '1.4e-45', '0x1p-149', '0x1p-1074', '0x1p-1075', '0x1.fffffffffffff8p1023'];
  for (let i = 0; i < 4000; i++) {
    const sign = ['', '-', '+'][rnd(3)];
    if (rnd(2)) {
      const exp = rnd(2) ? `p${rnd(2) ? '-' : '+'}${rnd(1100)}` : '';
      literals.push(`${sign}0x${hexDigits(1 + rnd(16))}${rnd(2) ? `.${hexDigits(rnd(16))}` : ''}${exp}`);
    } else {
      const exp = rnd(2) ? `e${rnd(2) ? '-' : ''}${rnd(340)}` : '';
      literals.push(`${sign}${decDigits(1 + rnd(20))}${rnd(2) ? `.${decDigits(rnd(20))}` : ''}${exp}`);
    }
  }
  const mine32 = (t: string) => { try { return parseF32Bits(t); } catch { return null; } };
  const mine64 = (t: string) => { try { return parseF64Bits(t); } catch { return null; } };
  for (const t of literals) {
    assert.equal(mine32(t), text.parseF32(t), `f32 ${t}`);
    const b = text.parseF64(t);
    assert.equal(mine64(t), b === null ? null : (BigInt(b[1] >>> 0) << 32n) | BigInt(b[0] >>> 0), `f64 ${t}`);
  }
});
