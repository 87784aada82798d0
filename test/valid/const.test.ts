// Constant expressions: which instructions are constant, which globals are visible, result types.
import { test } from 'node:test';
import { assemble, leb, vec, I32, I64, V128, ANYREF, EXTERNREF, FUNCREF, fn, ok, bad, c32, c64 } from './body-module.js';

const END = 0x0b;
/** A module with the given globals, each [type, mutable, ...init without end]. */
const globals = (gs: number[][], extra = {}): Uint8Array => assemble({ ...extra, globals: gs.map((g) => [...g, END]) });


test('numeric constants and extended-const arithmetic', () => {
  ok(globals([[I32, 0, ...c32(7)], [I64, 1, ...c64(-1)]]));
  ok(globals([[I32, 0, ...c32(1), ...c32(2), 0x6a, ...c32(3), 0x6c]]));
  ok(globals([[I64, 0, ...c64(1), ...c64(2), 0x7d]]));
  bad(globals([[I32, 0, ...c32(1), ...c32(2), 0x6d]]), /constant expression required/); // i32.div_s
  bad(globals([[I32, 0, ...c64(1)]]), /type mismatch/);
  bad(globals([[I32, 0, ...c32(1), ...c32(2)]]), /type mismatch/);
  bad(globals([[I32, 0]]), /type mismatch/);
  bad(globals([[I32, 0, 0x01, ...c32(1)]]), /constant expression required/); // nop
  bad(globals([[I32, 0, ...c32(1), ...c64(2), 0x6a]]), /type mismatch/);
  ok(globals([[V128, 0, 0xfd, 12, ...new Array(16).fill(0)]]));
});

test('global.get: only immutable globals declared before', () => {
  ok(globals([[I32, 0, ...c32(1)], [I32, 0, 0x23, 0]]));
  bad(globals([[I32, 1, ...c32(1)], [I32, 0, 0x23, 0]]), /constant expression required/);
  bad(globals([[I32, 0, 0x23, 1], [I32, 0, ...c32(1)]]), /unknown global 1/);
  bad(globals([[I32, 0, 0x23, 0]]), /unknown global 0/);
  // Imported globals are visible everywhere.
  const imp = { imports: [[1, 0x6d, 1, 0x67, 0x03, I32, 0]] }; // "m" "g" global i32 const
  ok(globals([[I32, 0, 0x23, 0]], imp));
});

test('references: ref.null, ref.func, i31, conversions, GC allocation', () => {
  const withFunc = { types: [fn([], [])], funcs: [{ type: 0, body: [] }] };
  ok(globals([[FUNCREF, 0, 0xd2, 0]], withFunc));
  bad(globals([[FUNCREF, 0, 0xd2, 1]], withFunc), /unknown function 1/);
  bad(globals([[EXTERNREF, 0, 0xd2, 0]], withFunc), /type mismatch/);
  ok(globals([[ANYREF, 0, 0xd0, 0x71]]));
  bad(globals([[ANYREF, 0, 0xd0, 0x70]]), /type mismatch/);
  ok(globals([[ANYREF, 0, ...c32(5), 0xfb, 28]]));
  ok(globals([[ANYREF, 0, 0xd0, 0x6f, 0xfb, 26]]));
  ok(globals([[EXTERNREF, 0, ...c32(5), 0xfb, 28, 0xfb, 27]]));
  // (ref any) from a non-null i31 survives the round trip.
  ok(globals([[0x64, 0x6e, 0, ...c32(5), 0xfb, 28, 0xfb, 27, 0xfb, 26]]));
  bad(globals([[0x64, 0x6e, 0, 0xd0, 0x6f, 0xfb, 26]]), /type mismatch/);
  const gc = { types: [[0x5f, ...vec([[I32, 0], [0x78, 1]])], [0x5e, I64, 0]] };
  ok(globals([[ANYREF, 0, ...c32(1), ...c32(2), 0xfb, 0, 0]], gc));
  bad(globals([[ANYREF, 0, ...c32(1), 0xfb, 0, 0]], gc), /type mismatch/);
  ok(globals([[ANYREF, 0, 0xfb, 1, 0]], gc));
  ok(globals([[ANYREF, 0, ...c64(1), ...c32(4), 0xfb, 6, 1]], gc));
  ok(globals([[ANYREF, 0, ...c64(1), ...c64(2), 0xfb, 8, 1, 2]], gc));
  bad(globals([[ANYREF, 0, ...c64(1), 0xfb, 8, 1, 2]], gc), /type mismatch/);
  bad(globals([[ANYREF, 0, 0xfb, 8, 1, ...leb(10_001)]], gc), /implementation limit/);
  bad(globals([[ANYREF, 0, 0xfb, 1, 1]], gc), /not a struct/);
  bad(globals([[ANYREF, 0, ...c32(1), 0xfb, 2, 0, 0]], gc), /constant expression required/); // struct.get
});
