// More body rules: segments in GC instructions, conversions, i31, tables and memories across
// address types, typed calls, exnref.
import { test } from 'node:test';
import { oneFunc, fn, vec, I32, I64, FUNCREF, EXTERNREF, ANYREF, ok, bad, c32, c64, lget } from './body-module.js';

const DROP = 0x1a, END = 0x0b, UNREACHABLE = 0x00;

test('GC segments: array.new_data / init_data need numeric elements, array.new_elem / init_elem matching refs', () => {
  // types: 1 = array (mut i8), 2 = array (mut funcref), 3 = array (mut anyref), 4 = array i32 (immutable)
  const types = [[0x5e, 0x78, 1], [0x5e, FUNCREF, 1], [0x5e, ANYREF, 1], [0x5e, I32, 0]];
  const segs = { types, datas: [[0x01, 0]], dataCount: 1, elems: [[0x01, 0x00, ...vec([[0]])]] }; // passive funcs
  const twoI32 = [...c32(0), ...c32(0)];
  ok(oneFunc([], [], [...twoI32, 0xfb, 9, 1, 0, DROP], segs));
  bad(oneFunc([], [], [...twoI32, 0xfb, 9, 2, 0, DROP], segs), /array type is not numeric or vector/);
  bad(oneFunc([], [], [...twoI32, 0xfb, 9, 1, 1, DROP], segs), /unknown data segment 1/);
  bad(oneFunc([], [], [...twoI32, 0xfb, 9, 1, 0, DROP], { ...segs, dataCount: undefined }), /data count section required/);
  ok(oneFunc([], [], [...twoI32, 0xfb, 10, 2, 0, DROP], segs));
  bad(oneFunc([], [], [...twoI32, 0xfb, 10, 3, 0, DROP], segs), /type mismatch/); // funcref elements, anyref array
  bad(oneFunc([], [], [...twoI32, 0xfb, 10, 2, 1, DROP], segs), /unknown elem segment 1/);
  const init = (x: number, seg: number, op: number): number[] => [0xd0, x, ...twoI32, ...c32(0), 0xfb, op, x, seg];
  ok(oneFunc([], [], init(1, 0, 18), segs));
  ok(oneFunc([], [], init(2, 0, 19), segs));
  bad(oneFunc([], [], init(4, 0, 18), segs), /immutable array/);
  bad(oneFunc([], [], init(3, 0, 19), segs), /type mismatch/);
  // array.fill and array.len
  ok(oneFunc([], [I32], [0xd0, 1, ...c32(0), ...c32(7), ...c32(1), 0xfb, 16, 1, 0xd0, 1, 0xfb, 15], segs));
  bad(oneFunc([], [], [0xd0, 4, ...c32(0), ...c32(7), ...c32(1), 0xfb, 16, 4], segs), /immutable array/);
  bad(oneFunc([], [I32], [0xd0, 0x6b, 0xfb, 15], segs), /type mismatch/); // structref is no array
});

test('struct.new_default needs defaultable fields', () => {
  const types = [[0x5f, ...vec([[0x64, 0x6f, 0]])]]; // struct { (ref extern) }
  bad(oneFunc([], [], [0xfb, 1, 1, DROP], { types }), /not defaultable/);
  ok(oneFunc([EXTERNREF], [], [...lget(0), 0xd4, 0xfb, 0, 1, DROP], { types }));
  bad(oneFunc([EXTERNREF], [], [...lget(0), 0xfb, 0, 1, DROP], { types }), /type mismatch/);
  bad(oneFunc([], [], [...c32(1), 0xfb, 7, 1, DROP], { types: [[0x5e, 0x64, 0x6f, 1]] }), /not defaultable/);
});

test('i31 and extern/any conversions keep nullability', () => {
  ok(oneFunc([], [I32], [...c32(1), 0xfb, 28, 0xfb, 29]));
  bad(oneFunc([], [I32], [0xd0, 0x6e, 0xfb, 29]), /type mismatch/); // anyref is no i31ref
  // (ref null extern) -> anyref, nullable; (ref extern) -> (ref any).
  ok(oneFunc([EXTERNREF], [ANYREF], [...lget(0), 0xfb, 26]));
  bad(oneFunc([EXTERNREF], [], [...lget(0), 0xfb, 26, 0x21, 1], {}, [[1, 0x64, 0x6e]]), /type mismatch/);
  ok(oneFunc([EXTERNREF], [], [...lget(0), 0xd4, 0xfb, 26, 0x21, 1], {}, [[1, 0x64, 0x6e]]));
  bad(oneFunc([ANYREF], [], [...lget(0), 0xfb, 26, DROP]), /type mismatch/);
});

test('tables: grow, fill and size use the table address type', () => {
  const tables = { tables: [[FUNCREF, 0x00, 1], [EXTERNREF, 0x04, 1]] };
  ok(oneFunc([], [I32], [0xd0, 0x70, ...c32(1), 0xfc, 15, 0], tables));
  ok(oneFunc([], [I64], [0xd0, 0x6f, ...c64(1), 0xfc, 15, 1], tables));
  bad(oneFunc([], [I64], [0xd0, 0x70, ...c64(1), 0xfc, 15, 1], tables), /type mismatch/);
  ok(oneFunc([], [], [...c64(0), 0xd0, 0x6f, ...c64(1), 0xfc, 17, 1], tables));
  bad(oneFunc([], [], [...c32(0), 0xd0, 0x6f, ...c64(1), 0xfc, 17, 1], tables), /type mismatch/);
  ok(oneFunc([], [I64], [0xfc, 16, 1], tables));
  bad(oneFunc([], [I32], [0xfc, 16, 2], tables), /unknown table 2/);
  // table.init: elem type must match the table's.
  const seg = { ...tables, elems: [[0x05, EXTERNREF, ...vec([[0xd0, 0x6f, END]])]] }; // passive externref exprs
  ok(oneFunc([], [], [...c64(0), ...c32(0), ...c32(0), 0xfc, 12, 0, 1], seg));
  bad(oneFunc([], [], [...c32(0), ...c32(0), ...c32(0), 0xfc, 12, 0, 0], seg), /type mismatch/);
  ok(oneFunc([], [], [0xfc, 13, 0], seg));
  bad(oneFunc([], [], [0xfc, 13, 1], seg), /unknown elem segment 1/);
});

test('memory.copy between 32- and 64-bit memories, memory.fill, memory.grow', () => {
  const mems = { memories: [[0x00, 1], [0x04, 1]] };
  ok(oneFunc([], [], [...c32(0), ...c64(0), ...c32(0), 0xfc, 10, 0, 1], mems)); // dst 32, src 64, len i32
  bad(oneFunc([], [], [...c32(0), ...c64(0), ...c64(0), 0xfc, 10, 0, 1], mems), /type mismatch/);
  ok(oneFunc([], [], [...c64(0), ...c64(0), ...c64(0), 0xfc, 10, 1, 1], mems));
  ok(oneFunc([], [], [...c64(0), ...c32(0), ...c64(0), 0xfc, 11, 1], mems));
  bad(oneFunc([], [], [...c64(0), ...c64(0), ...c64(0), 0xfc, 11, 1], mems), /type mismatch/);
  ok(oneFunc([], [I64], [...c64(1), 0x40, 1], mems));
  bad(oneFunc([], [I32], [...c64(1), 0x40, 0], mems), /type mismatch/);
  bad(oneFunc([], [], [...c32(0), ...c32(0), ...c32(0), 0xfc, 10, 0, 2], mems), /unknown memory 2/);
});

test('typed calls: call_ref takes a nullable typed reference, return_call_ref checks results', () => {
  const types = [fn([I32], [I32]), fn([], [I64])];
  const declared = { types, elems: [[0x03, 0x00, ...vec([[1]])]], funcs: [{ type: 1, body: lget(0) }] };
  // function 1 has type 1 = [i32] -> [i32]
  ok(oneFunc([], [I32], [...c32(5), 0xd0, 1, 0x14, 1], declared));
  ok(oneFunc([], [I32], [...c32(5), 0xd2, 1, 0x14, 1], declared));
  bad(oneFunc([], [I32], [...c32(5), 0xd0, 0x70, 0x14, 1], declared), /type mismatch/); // funcref is too wide
  bad(oneFunc([], [I32], [...c32(5), 0xd0, 1, 0x14, 2], declared), /type mismatch/); // wrong type index
  ok(oneFunc([], [I32], [...c32(5), 0xd2, 1, 0x15, 1], declared));
  bad(oneFunc([], [I64], [...c32(5), 0xd2, 1, 0x15, 1], declared), /type mismatch/);
  bad(oneFunc([], [], [0x14, 9], declared), /unknown type 9/);
});

test('exnref: throw_ref takes (ref null exn); catch_all_ref hands over (ref exn)', () => {
  ok(oneFunc([], [], [0xd0, 0x69, 0x0a]));
  bad(oneFunc([], [], [0xd0, 0x6f, 0x0a]), /type mismatch/);
  ok(oneFunc([], [], [0x02, 0x69, 0x1f, 0x40, 1, 0x03, 0, END, UNREACHABLE, END, 0x0a]));
  bad(oneFunc([], [], [0x02, 0x6f, 0x1f, 0x40, 1, 0x03, 0, END, UNREACHABLE, END, DROP]), /type mismatch/);
  bad(oneFunc([], [], [0x1f, 0x40, 1, 0x03, 1, END]), /unknown label 1/);
});
