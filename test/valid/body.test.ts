// Function-body validation: each rule of the operand-stack algorithm on a hand-assembled module.
import { test } from 'node:test';
import {
  oneFunc, fn, leb, vec,
  I32, I64, F32, V128, FUNCREF, EXTERNREF, ANYREF, EQREF, ok, bad, c32, c64, lget,
} from './body-module.js';

const lset = (x: number): number[] => [0x21, ...leb(x)];
const DROP = 0x1a, END = 0x0b, UNREACHABLE = 0x00, I32_ADD = 0x6a;

test('errors name the byte offset and the function', () => {
  bad(oneFunc([], [I32], [...c64(1)]), /^at byte offset \d+: in function 0: type mismatch/);
  ok(oneFunc([I32, I32], [I32], [...lget(0), ...lget(1), I32_ADD]));
  bad(oneFunc([], [], [...c32(1)]), /type mismatch/); // left on the stack
  bad(oneFunc([], [I32], []), /type mismatch/); // missing result
});

test('unreachable code: polymorphic stack, but operands still typed', () => {
  ok(oneFunc([], [I32], [UNREACHABLE, I32_ADD]));
  ok(oneFunc([], [], [UNREACHABLE, DROP, DROP]));
  bad(oneFunc([], [I32], [UNREACHABLE, ...c64(0), I32_ADD]), /type mismatch/);
  // A reference from nowhere is still a reference: it is no i32.
  bad(oneFunc([], [I32], [UNREACHABLE, 0xd4, I32_ADD]), /type mismatch/);
  ok(oneFunc([], [I32], [UNREACHABLE, 0xd4, 0xd1]));
  // select of unknowns; select of a reference needs the typed form.
  ok(oneFunc([], [I32], [UNREACHABLE, 0x1b]));
  bad(oneFunc([EXTERNREF], [EXTERNREF], [...lget(0), ...lget(0), ...c32(1), 0x1b]), /type mismatch/);
  ok(oneFunc([EXTERNREF], [EXTERNREF], [...lget(0), ...lget(0), ...c32(1), 0x1c, 1, EXTERNREF]));
  bad(oneFunc([], [], [0x1c, 0, END]), /invalid result arity/);
});

test('blocks, type-indexed block types, if without else', () => {
  const extra = { types: [fn([I32], [I32]), fn([I32], [I64])] };
  ok(oneFunc([], [I32], [...c32(1), 0x02, 1, ...c32(2), I32_ADD, END], extra));
  ok(oneFunc([], [I32], [...c32(1), ...c32(0), 0x04, 1, END], extra)); // if [i32]->[i32] without else
  bad(oneFunc([], [I64], [...c32(1), ...c32(0), 0x04, 2, END], extra), /type mismatch/);
  ok(oneFunc([], [I64], [...c32(1), ...c32(0), 0x04, 2, 0xac, 0x05, 0xad, END], extra));
  bad(oneFunc([], [], [0x05, END]), /else/);
  bad(oneFunc([], [], [0x02, 0x40]), /END opcode expected|unexpected end/);
  bad(oneFunc([], [], [0x02, 0x40, END, END]), /operators remaining|end/i);
});

test('branches: labels, br_if result types, br_table arity', () => {
  ok(oneFunc([], [I32], [0x02, I32, ...c32(1), ...c32(0), 0x0d, 0, END]));
  bad(oneFunc([], [], [0x0c, 1, END].slice(0, 2)), /unknown label 1/);
  // br_table: every target needs the default's arity; in unreachable code the types may differ.
  bad(oneFunc([], [], [0x02, 0x40, 0x02, I32, ...c32(0), 0x0e, 1, 0, 1, END, DROP, END]), /arit/);
  ok(oneFunc([], [], [0x02, I32, 0x02, F32, UNREACHABLE, 0x0e, 1, 0, 1, END, DROP, UNREACHABLE, END, DROP]));
  bad(oneFunc([], [], [0x02, I32, 0x02, F32, ...c32(0), ...c32(0), 0x0e, 1, 0, 1, END, DROP, UNREACHABLE, END, DROP]), /type mismatch/);
  // br_if pushes the label's types: anyref here, so ref.eq on it is refused.
  const gcTypes = { types: [] };
  bad(oneFunc([EQREF], [I32], [0x02, ANYREF, ...lget(0), ...c32(0), 0x0d, 0, ...lget(0), 0xd3, 0x0f, END, DROP, ...c32(0)], gcTypes), /type mismatch/);
  ok(oneFunc([EQREF], [I32], [0x02, EQREF, ...lget(0), ...c32(0), 0x0d, 0, ...lget(0), 0xd3, 0x0f, END, DROP, ...c32(0)], gcTypes));
});

test('non-defaultable locals must be set before use, per block', () => {
  const locals = [[1, 0x64, 0x6f]]; // one (ref extern)
  bad(oneFunc([EXTERNREF], [], [...lget(1), DROP], {}, locals), /uninitialized local 1/);
  ok(oneFunc([EXTERNREF], [], [...lget(0), 0xd4, ...lset(1), ...lget(1), DROP], {}, locals));
  // Set inside a block: unknown again after its end.
  bad(oneFunc([EXTERNREF], [], [0x02, 0x40, ...lget(0), 0xd4, ...lset(1), END, ...lget(1), DROP], {}, locals), /uninitialized local 1/);
  ok(oneFunc([EXTERNREF], [], [0x02, 0x40, ...lget(0), 0xd4, ...lset(1), ...lget(1), DROP, END], {}, locals));
  bad(oneFunc([], [], [...lget(0), DROP]), /unknown local 0/);
  // Many non-defaultable locals set inside a block: every one is reset at its end.
  const many = [[40, 0x64, 0x6f]];
  const setAll = Array.from({ length: 40 }, (_, i) => [...lget(0), 0xd4, ...lset(i + 1)]).flat();
  ok(oneFunc([EXTERNREF], [], [...setAll, ...lget(40), DROP], {}, many));
  bad(oneFunc([EXTERNREF], [], [0x02, 0x40, ...setAll, END, ...lget(40), DROP], {}, many), /uninitialized local 40/);
  // else starts with the locals state of the if.
  bad(oneFunc([EXTERNREF], [], [...c32(0), 0x04, 0x40, ...lget(0), 0xd4, ...lset(1), 0x05, ...lget(1), DROP, END], {}, locals), /uninitialized local 1/);
});

test('memories: address type, alignment, offset range, memory index', () => {
  const mem32 = { memories: [[0x00, 1]] };
  const mem64 = { memories: [[0x04, 1]] };
  ok(oneFunc([], [I32], [...c32(0), 0x28, 2, 0], mem32));
  bad(oneFunc([], [I32], [...c32(0), 0x28, 3, 0], mem32), /alignment must not be larger than natural/);
  bad(oneFunc([], [I32], [...c64(0), 0x28, 2, 0], mem32), /type mismatch/);
  ok(oneFunc([], [I32], [...c64(0), 0x28, 2, 0], mem64));
  ok(oneFunc([], [I32], [...c64(0), 0x28, 2, ...leb(2 ** 40)], mem64));
  bad(oneFunc([], [I32], [...c32(0), 0x28, 2, ...leb(2 ** 32)], mem32), /offset out of range/);
  ok(oneFunc([], [I32], [...c32(0), 0x28, 2, ...leb(2 ** 32 - 1)], mem32));
  bad(oneFunc([], [I32], [...c32(0), 0x28, 2, 0]), /unknown memory 0/);
  bad(oneFunc([], [I32], [...c32(0), 0x28, 0x42, 1, 0], mem32), /unknown memory 1/);
  ok(oneFunc([], [I64], [0x3f, 0], mem64));
  // memory.init and data.drop need the data count section.
  const data = { memories: [[0x00, 1]], datas: [[1, 0]] };
  bad(oneFunc([], [], [0xfc, 9, 0], data), /data count section required/);
  ok(oneFunc([], [], [0xfc, 9, 0], { ...data, dataCount: 1 }));
  bad(oneFunc([], [], [0xfc, 9, 1], { ...data, dataCount: 1 }), /unknown data segment 1/);
  ok(oneFunc([], [], [...c32(0), ...c32(0), ...c32(0), 0xfc, 8, 0, 0], { ...data, dataCount: 1 }));
});

test('SIMD lane indices and shuffles', () => {
  const v = [0xfd, 12, ...new Array(16).fill(0)];
  ok(oneFunc([], [I32], [...v, 0xfd, 21, 15]));
  bad(oneFunc([], [I32], [...v, 0xfd, 21, 16]), /invalid lane index/);
  bad(oneFunc([], [I64], [...v, 0xfd, 29, 2]), /invalid lane index/);
  ok(oneFunc([], [V128], [...v, ...v, 0xfd, 13, ...new Array(16).fill(31)]));
  bad(oneFunc([], [V128], [...v, ...v, 0xfd, 13, ...new Array(15).fill(0), 32]), /invalid lane index/);
  const mem = { memories: [[0x00, 1]] };
  ok(oneFunc([], [V128], [...c32(0), ...v, 0xfd, 84, 0, 0, 15], mem));
  bad(oneFunc([], [V128], [...c32(0), ...v, 0xfd, 87, 0, 0, 2], mem), /invalid lane index/);
  bad(oneFunc([], [V128], [...c32(0), 0xfd, 0, 5, 0], mem), /alignment/);
});

test('calls: call_indirect tables, tail calls, call_ref, ref.func declarations', () => {
  const table = (elem: number): { tables: number[][] } => ({ tables: [[elem, 0x00, 1]] });
  ok(oneFunc([], [], [...c32(0), 0x11, 0, 0], table(FUNCREF)));
  bad(oneFunc([], [], [...c32(0), 0x11, 0, 0], table(EXTERNREF)), /type mismatch/);
  bad(oneFunc([], [], [...c32(0), 0x11, 0, 0]), /unknown table 0/);
  bad(oneFunc([], [], [...c32(0), 0x11, 5, 0], table(FUNCREF)), /unknown type 5/);
  // return_call: callee results must match the caller's.
  const callee = { types: [fn([], [I64])], funcs: [{ type: 1, body: [...c64(0)] }] };
  bad(oneFunc([], [I32], [0x12, 1], callee), /type mismatch/);
  ok(oneFunc([], [I64], [0x12, 1], callee));
  // ref.func needs a declaration outside function bodies.
  bad(oneFunc([], [], [0xd2, 0, DROP]), /undeclared function reference/);
  ok(oneFunc([], [], [0xd2, 0, DROP], { elems: [[0x03, 0x00, ...vec([[0]])]] }));
  ok(oneFunc([], [], [0xd2, 0, 0x14, 0], { elems: [[0x03, 0x00, ...vec([[0]])]] }));
  bad(oneFunc([], [], [0xd2, 0, 0x14, 1], { types: [fn([I32], [])], elems: [[0x03, 0x00, ...vec([[0]])]] }), /type mismatch/);
});

test('globals and tables', () => {
  const globals = { globals: [[I32, 0, ...c32(0), END], [I32, 1, ...c32(0), END]] };
  bad(oneFunc([], [], [...c32(0), 0x24, 0], globals), /immutable/);
  ok(oneFunc([], [], [...c32(0), 0x24, 1], globals));
  bad(oneFunc([], [], [0x23, 2, DROP], globals), /unknown global 2/);
  const tables = { tables: [[FUNCREF, 0x00, 1], [EXTERNREF, 0x04, 1]] };
  ok(oneFunc([], [], [...c64(0), 0x25, 1, DROP], tables));
  bad(oneFunc([], [], [...c32(0), 0x25, 1, DROP], tables), /type mismatch/);
  bad(oneFunc([], [], [...c32(0), ...c32(0), ...c32(0), 0xfc, 14, 0, 1], tables), /type mismatch/); // extern into func
  // table.copy from a 32-bit into a 64-bit table: destination i64, source i32, length i32.
  const three = { tables: [...tables.tables, [EXTERNREF, 0x00, 1]] };
  ok(oneFunc([], [], [...c64(0), ...c32(0), ...c32(0), 0xfc, 14, 1, 2], three));
  bad(oneFunc([], [], [...c64(0), ...c32(0), ...c64(0), 0xfc, 14, 1, 2], three), /type mismatch/);
  ok(oneFunc([], [], [...c64(0), ...c64(0), ...c64(0), 0xfc, 14, 1, 1], three));
});

test('exceptions: throw, try_table catch clauses, legacy try/catch/rethrow/delegate', () => {
  const tag = { types: [fn([I32], [])], tags: [[0x00, 1]] };
  ok(oneFunc([], [], [...c32(1), 0x08, 0], tag));
  bad(oneFunc([], [], [0x08, 0], tag), /type mismatch/);
  bad(oneFunc([], [], [0x08, 1], tag), /unknown tag 1/);
  // try_table (catch 0 -> label of type [i32]) inside a block [i32].
  ok(oneFunc([], [I32], [0x02, I32, 0x1f, 0x40, 1, 0x00, 0, 0, END, ...c32(0), END], tag));
  bad(oneFunc([], [I32], [0x02, I32, 0x1f, 0x40, 1, 0x02, 0, END, ...c32(0), END], tag), /type mismatch/);
  ok(oneFunc([], [], [0x02, 0x40, 0x1f, 0x40, 1, 0x02, 0, END, END], tag));
  ok(oneFunc([], [EXNREF_T], [0x02, 0x64, 0x69, 0x1f, 0x40, 1, 0x03, 0, END, UNREACHABLE, END], tag));
  // legacy try
  ok(oneFunc([], [I32], [0x06, I32, ...c32(1), 0x07, 0, 0x19, ...c32(2), END], tag));
  ok(oneFunc([], [], [0x06, 0x40, 0x07, 0, DROP, 0x09, 0, END], tag));
  bad(oneFunc([], [], [0x06, 0x40, 0x09, 0, END], tag), /invalid rethrow label/);
  bad(oneFunc([], [], [0x06, 0x40, 0x19, 0x19, END], tag), /catch_all/);
  ok(oneFunc([], [], [0x02, 0x40, 0x06, 0x40, 0x18, 0, END], tag));
  bad(oneFunc([], [], [0x06, 0x40, 0x18, 1], tag), /unknown label 1/);
});
const EXNREF_T = 0x69;

test('GC: struct and array rules', () => {
  // type 1: struct { i8 mut, i32 const }; type 2: array (mut i16); type 3: array i32 (immutable)
  const gc = {
    types: [[0x5f, ...vec([[0x78, 1], [I32, 0]])], [0x5e, 0x77, 1], [0x5e, I32, 0]],
  };
  ok(oneFunc([], [I32], [...c32(1), ...c32(2), 0xfb, 0, 1, 0xfb, 3, 1, 0], gc));
  bad(oneFunc([], [I32], [...c32(1), ...c32(2), 0xfb, 0, 1, 0xfb, 2, 1, 0], gc), /packed/);
  bad(oneFunc([], [I32], [...c32(1), ...c32(2), 0xfb, 0, 1, 0xfb, 4, 1, 1], gc), /type mismatch/);
  bad(oneFunc([], [], [...c32(1), ...c32(2), 0xfb, 0, 1, ...c32(0), 0xfb, 5, 1, 1], gc), /immutable field/);
  bad(oneFunc([], [I32], [...c32(1), 0xfb, 0, 1, 0xfb, 3, 1, 0], gc), /type mismatch/);
  bad(oneFunc([], [I32], [...c32(1), ...c32(2), 0xfb, 0, 1, 0xfb, 3, 1, 2], gc), /unknown field/);
  bad(oneFunc([], [], [0xfb, 1, 2, DROP], gc), /not a struct/);
  ok(oneFunc([], [], [0xfb, 1, 1, DROP], gc));
  // array.set on an immutable array; array.copy i16 from i32 refused.
  bad(oneFunc([], [], [...c32(0), ...c32(0), 0xfb, 7, 3, ...c32(0), ...c32(0), 0xfb, 14, 3], gc), /immutable array/);
  const copy = (dst: number, src: number): number[] =>
    [0xd0, dst, ...c32(0), 0xd0, src, ...c32(0), ...c32(0), 0xfb, 17, dst, src];
  ok(oneFunc([], [], copy(2, 2), gc));
  bad(oneFunc([], [], copy(2, 3), gc), /array types do not match/);
  ok(oneFunc([], [], [...c32(1), ...c32(2), 0xfb, 8, 2, 2, DROP], gc));
  bad(oneFunc([], [], [...c32(1), 0xfb, 8, 2, 2, DROP], gc), /type mismatch/);
  // The JS API caps array.new_fixed at 10,000 operands, even in unreachable code.
  ok(oneFunc([], [], [UNREACHABLE, 0xfb, 8, 2, ...leb(10_000), DROP], gc));
  bad(oneFunc([], [], [UNREACHABLE, 0xfb, 8, 2, ...leb(10_001), DROP], gc), /implementation limit/);
});

test('casts: ref.test/ref.cast hierarchy, br_on_cast and br_on_cast_fail types', () => {
  const gc = { types: [[0x5f, ...vec([])]] }; // type 1: empty struct
  ok(oneFunc([ANYREF], [I32], [...lget(0), 0xfb, 20, 1], gc));
  bad(oneFunc([FUNCREF], [I32], [...lget(0), 0xfb, 20, 0x6b]), /type mismatch/);
  ok(oneFunc([ANYREF], [ANYREF], [...lget(0), 0xfb, 23, 0x6b]));
  // br_on_cast l anyref (ref struct): label [structref] ok; the fallthrough is anyref.
  ok(oneFunc([ANYREF], [ANYREF], [0x02, 0x6b, ...lget(0), 0xfb, 24, 1, 0, 0x6e, 0x6b, 0x0f, END]));
  bad(oneFunc([ANYREF], [ANYREF], [0x02, 0x6c, ...lget(0), 0xfb, 24, 1, 0, 0x6e, 0x6b, 0x0f, END]), /type mismatch/);
  // The cast type must be a subtype of the input type.
  bad(oneFunc([ANYREF], [ANYREF], [0x02, 0x70, ...lget(0), 0xfb, 24, 3, 0, 0x6e, 0x70, 0x0f, END]), /type mismatch/);
  // br_on_cast_fail: the label gets rt1 \ rt2; flags 3 (both nullable) leaves a non-null anyref.
  ok(oneFunc([ANYREF], [], [0x02, 0x64, 0x6e, ...lget(0), 0xfb, 25, 3, 0, 0x6e, 0x6b, DROP, 0x0f, END, DROP]));
  bad(oneFunc([ANYREF], [], [0x02, 0x64, 0x6e, ...lget(0), 0xfb, 25, 1, 0, 0x6e, 0x6b, DROP, 0x0f, END, DROP]), /type mismatch/);
  // br_on_non_null: the label's last type gets the non-null reference.
  ok(oneFunc([EQREF], [], [0x02, 0x64, 0x6d, ...lget(0), 0xd6, 0, 0x0f, END, DROP]));
  bad(oneFunc([EQREF], [], [0x02, 0x64, 0x6c, ...lget(0), 0xd6, 0, 0x0f, END, DROP]), /type mismatch/);
  ok(oneFunc([EQREF], [], [0x02, 0x40, ...lget(0), 0xd5, 0, DROP, END]));
});
