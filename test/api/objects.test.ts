// Memory, Table and Global against native V8: descriptor conversions, argument conversions, the
// order of property reads, errors, and values. Spec deviations of Node 20 are tested separately.
import { test } from 'node:test';
import { same, sameReads, type NS } from './oracle.js';

const odd: [string, unknown][] = [
  ['undefined', undefined], ['null', null], ['-1', -1], ['1.7', 1.7], ['NaN', NaN], ['Infinity', Infinity],
  ['"2"', '2'], ['2**32', 2 ** 32], ['2**32-1', 2 ** 32 - 1], ['1n', 1n], ['true', true], ['-0', -0],
  ['valueOf', { valueOf: () => 2 }], ['symbol', Symbol('s')], ['{}', {}], ['"x"', 'x'],
];

test('Memory descriptors: conversions, ranges and errors match native', () => {
  for (const d of [undefined, null, 1, 'x', {}, () => 0]) same(`Memory(${String(d)})`, (W) => new W.Memory(d));
  for (const [label, v] of odd) {
    if (v === 2 ** 32 - 1) continue; // would allocate 256 TiB natively
    same(`initial ${label}`, (W) => new W.Memory({ initial: v, maximum: 3 }).buffer.byteLength);
    same(`maximum ${label}`, (W) => new W.Memory({ initial: 0, maximum: v }).buffer.byteLength);
  }
  same('initial > maximum', (W) => new W.Memory({ initial: 2, maximum: 1 }));
  same('initial 65537', (W) => new W.Memory({ initial: 65537 }));
  same('maximum 65537', (W) => new W.Memory({ initial: 0, maximum: 65537 }));
  same('shared without maximum', (W) => new W.Memory({ initial: 1, shared: true }));
  same('shared', (W) => {
    const m = new W.Memory({ initial: 1, maximum: 2, shared: true });
    return [m.buffer.constructor.name, m.buffer.byteLength, m.grow(1), m.buffer.byteLength];
  });
  sameReads('descriptor reads', () => ({ initial: 1, maximum: 2, shared: false }), (W, d) => new W.Memory(d), ['o.address']);
});

test('Memory.grow and buffer: old size, detaching, limits, conversions', () => {
  for (const [label, v] of odd) same(`grow(${label})`, (W) => new W.Memory({ initial: 1, maximum: 4 }).grow(v));
  same('grow() without argument', (W) => new W.Memory({ initial: 1 }).grow());
  same('grow beyond maximum', (W) => new W.Memory({ initial: 1, maximum: 2 }).grow(2));
  same('grow to exactly maximum', (W) => new W.Memory({ initial: 1, maximum: 2 }).grow(1));
  same('buffer identity, detach on grow', (W) => {
    const m = new W.Memory({ initial: 1, maximum: 3 });
    const b = m.buffer;
    const same1 = m.buffer === b;
    new Uint8Array(b)[5] = 42;
    const r = m.grow(1);
    return [same1, r, b.byteLength, m.buffer.byteLength, new Uint8Array(m.buffer)[5], m.buffer === m.buffer];
  });
  same('grow(0) also detaches', (W) => {
    const m = new W.Memory({ initial: 1 });
    const b = m.buffer;
    return [m.grow(0), b.byteLength, m.buffer === b, m.buffer.byteLength];
  });
});

test('Table descriptors and initial values match native', () => {
  for (const d of [undefined, null, {}, { initial: 1 }, { element: 'i32', initial: 1 }, { element: 'anyfunc' }]) {
    same(`Table(${JSON.stringify(d)})`, (W) => new W.Table(d));
  }
  for (const element of ['anyfunc', 'externref']) {
    for (const [label, v] of odd) {
      same(`${element} initial ${label}`, (W) => new W.Table({ element, initial: v, maximum: 10 }).length);
      same(`${element} maximum ${label}`, (W) => new W.Table({ element, initial: 0, maximum: v }).length);
    }
    same(`${element} initial > maximum`, (W) => new W.Table({ element, initial: 3, maximum: 2 }));
    same(`${element} too large`, (W) => new W.Table({ element, initial: 10_000_001 }));
  }
  for (const [label, v] of odd) {
    if (v === undefined || v === null) continue; // externref default: see spec-deviations.test
    same(`externref value ${label}`, (W) => describeRef(new W.Table({ element: 'externref', initial: 2 }, v).get(1)));
    same(`anyfunc value ${label}`, (W) => new W.Table({ element: 'anyfunc', initial: 2 }, v).get(1));
  }
  same('anyfunc value: a plain JS function', (W) => new W.Table({ element: 'anyfunc', initial: 1 }, () => 0));
  same('anyfunc value: null', (W) => new W.Table({ element: 'anyfunc', initial: 1 }, null).get(0));
  sameReads('descriptor reads', () => ({ element: 'anyfunc', initial: 1, maximum: 2 }), (W, d) => new W.Table(d), ['o.address']);
});

function describeRef(v: unknown): unknown {
  return typeof v === 'symbol' ? 'symbol' : v;
}

test('Table get/set/grow: index conversions, RangeErrors, values', () => {
  const t = (W: NS, element = 'externref') => new W.Table({ element, initial: 2, maximum: 5 });
  for (const [label, v] of odd) {
    same(`get(${label})`, (W) => describeRef(t(W).get(v)));
    same(`set(${label})`, (W) => t(W).set(v, 'x'));
    same(`grow(${label})`, (W) => t(W).grow(v));
  }
  same('get(2) out of range', (W) => t(W).get(2));
  same('set(2) out of range', (W) => t(W).set(2, 'x'));
  same('set() without index', (W) => t(W).set());
  same('set then get', (W) => {
    const x = t(W);
    const o = { a: 1 };
    x.set(1, o);
    return x.get(1) === o;
  });
  same('grow with value', (W) => {
    const x = t(W);
    return [x.grow(2, 'v'), x.length, x.get(3), x.get(1)];
  });
  same('grow beyond maximum', (W) => t(W).grow(4));
  same('anyfunc set non-function', (W) => t(W, 'anyfunc').set(0, {}));
  same('anyfunc set JS function', (W) => t(W, 'anyfunc').set(0, () => 1));
  same('anyfunc grow without value', (W) => {
    const x = t(W, 'anyfunc');
    return [x.grow(1), x.get(2)];
  });
});

test('Global: value types, conversions, mutability, valueOf', () => {
  for (const value of ['i32', 'i64', 'f32', 'f64', 'anyfunc', 'externref', 'v128', 'x', undefined]) {
    same(`Global ${String(value)} default`, (W) => (value === 'externref' ? 0 : new W.Global({ value }).value));
  }
  for (const value of ['i32', 'f32', 'f64', 'i64']) {
    for (const [label, v] of [...odd, ['1.1', 1.1], ['2**31', 2 ** 31], ['2n**64n+3n', 2n ** 64n + 3n], ['"0x10"', '0x10']] as [string, unknown][]) {
      same(`${value} from ${label}`, (W) => new W.Global({ value }, v).value);
      same(`${value} set ${label}`, (W) => {
        const g = new W.Global({ value, mutable: true });
        g.value = v;
        return [g.value, g.valueOf()];
      });
    }
  }
  same('set an immutable global', (W) => {
    const g = new W.Global({ value: 'i32' }, 1);
    g.value = 2;
  });
  for (const mutable of [true, 1, 'yes', 0, '', undefined]) {
    same(`mutable: ${String(mutable)}`, (W) => {
      const g = new W.Global({ value: 'f64', mutable }, 1.5);
      g.value = 2.5;
      return g.value;
    });
  }
  same('externref value', (W) => {
    const o = {};
    return new W.Global({ value: 'externref' }, o).value === o;
  });
  same('anyfunc from a plain function', (W) => new W.Global({ value: 'anyfunc' }, () => 1));
  sameReads('descriptor reads', () => ({ value: 'i32', mutable: true }), (W, d) => new W.Global(d, 1));
});

test('Tag: TagType conversion and errors like native', () => {
  for (const d of [undefined, null, 1, {}, { parameters: [] }, { parameters: ['i32', 'f64'] }, { parameters: ['externref', 'anyfunc'] },
    { parameters: ['x'] }, { parameters: 'i32' }, { parameters: [{ toString: () => 'i64' }] }, { parameters: [Symbol('s')] }]) {
    same(`Tag(${String(d && JSON.stringify(d))})`, (W) => Object.prototype.toString.call(new W.Tag(d)));
  }
  same('Tag called without new', (W) => W.Tag({ parameters: [] }));
  sameReads('TagType reads', () => ({ parameters: ['i32'] }), (W, d) => new W.Tag(d));
});
