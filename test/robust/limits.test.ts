// The JS API's implementation-defined limits (index.bs "Implementation-defined Limits") are checked
// when a count is read: a module whose entries do fit in its bytes (megabytes of them) but whose
// count is one past a limit is a CompileError naming the count's offset, before any entry is
// decoded. Each case is timed: decoding the entries first took seconds (1,000,001 globals: 2-4 s).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebAssembly as PW } from '../../src/index.js';
import { LIMITS } from '../../src/binary/limits.js';
import { compileModule } from '../../src/valid/index.js';
import { I32, SEC, bigSection, cat, functype, module, repeat, section, u32, vec } from './bytes.js';

const SEC_TAG = 13;
const type0 = section(SEC.type, vec([functype([], [])]));
const func0 = section(SEC.func, vec([[0]]));

/** A section holding `n` copies of `entry` after its count, and the offset of that count in `prefix` + it. */
function counted(id: number, n: number, entry: ArrayLike<number>, prefix: ArrayLike<number>[] = []): [Uint8Array<ArrayBuffer>, number] {
  const payload = cat(u32(n), repeat(entry, n));
  const before = 8 + prefix.reduce((s, p) => s + p.length, 0);
  return [module(...prefix, bigSection(id, payload)) as Uint8Array<ArrayBuffer>, before + 1 + u32(payload.length).length];
}

/**
 * `bytes` must fail to compile with `message` at byte offset `at`, in under `bound` ms. The engine's
 * compileModule is timed: the JS API's copy of a fresh 30 MB input can take longer than decoding.
 */
function rejectsFast(what: string, bytes: Uint8Array<ArrayBuffer>, at: number, message: string, bound = 200): void {
  const t0 = performance.now();
  let error: unknown;
  try {
    compileModule(bytes);
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - t0;
  assert.ok(error instanceof PW.CompileError, `${what}: ${String(error)}`);
  assert.equal((error as Error).message, `at byte offset ${at}: ${message}`, what);
  assert.ok(ms < bound, `${what}: ${ms.toFixed(0)} ms (${(bytes.length / 2 ** 20).toFixed(1)} MiB)`);
  assert.throws(() => new PW.Module(bytes), (e) => e instanceof PW.CompileError && (e as Error).message === (error as Error).message);
  assert.equal(PW.validate(bytes), false, what);
}

const over = (what: string, limit: number): string => `${what} (${limit + 1}) exceeds the implementation limit (${limit})`;

test('a count one past its limit fails when it is read, with entries filling megabytes', () => {
  new PW.Module(module(type0)); // the first compile loads code: keep it out of the timings
  const M = 1_000_000;
  rejectsFast('types', ...counted(SEC.type, M + 1, functype([], [])), over('number of recursion groups', LIMITS.recGroups));
  rejectsFast('functions', ...counted(SEC.func, M + 1, [0], [type0]), over('number of functions', LIMITS.functions));
  rejectsFast('imports', ...counted(SEC.import, M + 1, [0, 0, 0, 0], [type0]), over('number of imports', LIMITS.imports));
  rejectsFast('exports', ...counted(SEC.export, M + 1, [0, 0, 0], [type0, func0]), over('number of exports', LIMITS.exports));
  rejectsFast('globals', ...counted(SEC.global, M + 1, [I32, 0, 0x41, 0, 0x0b]), over('number of globals', LIMITS.globals));
  rejectsFast('tags', ...counted(SEC_TAG, M + 1, [0, 0], [type0]), over('number of tags', LIMITS.tags));
  rejectsFast('code entries', ...counted(SEC.code, M + 1, [2, 0, 0x0b], [type0, func0]), over('number of functions', LIMITS.functions));
  const d = LIMITS.dataSegments;
  rejectsFast('data segments', ...counted(SEC.data, d + 1, [1, 0]), over('number of data segments', d));
  rejectsFast('data count', module(section(SEC.datacount, u32(d + 1))), 10, over('number of data segments', d));
  rejectsFast('tables', ...counted(SEC.table, LIMITS.tables + 1, [0x70, 0, 0]), over('number of tables', LIMITS.tables));
  rejectsFast('memories', ...counted(SEC.memory, LIMITS.memories + 1, [0, 0]), over('number of memories', LIMITS.memories));
});

test('tables and memories count imported ones too', () => {
  const t = LIMITS.tables;
  const tableImport = [0, 0, 1, 0x70, 0, 0];
  const [imports] = counted(SEC.import, t, tableImport);
  const importSection = imports.subarray(8);
  // (The 100,000 imports are decoded first: a cold decoder takes up to a second on them.)
  rejectsFast('a defined table after 100,000 imported', module(importSection, section(SEC.table, vec([[0x70, 0, 0]]))),
    8 + importSection.length + 2, over('number of tables', t), 5000);
  // The 100,001st imported table fails at its own import.
  const [more, at] = counted(SEC.import, t + 1, tableImport);
  rejectsFast('100,001 imported tables', more, at + u32(t + 1).length + t * tableImport.length, over('number of tables', t), 5000);
  const memImport = [0, 0, 2, 0, 0];
  const [mems, mat] = counted(SEC.import, LIMITS.memories + 1, memImport);
  rejectsFast('101 imported memories', mems, mat + 1 + LIMITS.memories * memImport.length, over('number of memories', LIMITS.memories));
});

test('types: rec group sizes add up; parameters, results, struct fields', () => {
  const M = LIMITS.types;
  // One rec group of 1,000,001 members.
  const [one, at] = counted(SEC.type, 1, cat([0x4e], u32(M + 1), repeat(functype([], []), M + 1)));
  rejectsFast('a rec group of 1,000,001 types', one, at + 2, over('number of types', M));
  // One type, then a group of 1,000,000: the sum is past the limit when the group's size is read.
  const payload = cat(u32(2), functype([], []), [0x4e], u32(M), repeat(functype([], []), M));
  const bytes = module(bigSection(SEC.type, payload));
  rejectsFast('1 + 1,000,000 types', bytes, 8 + 1 + u32(payload.length).length + 1 + 3 + 1, over('number of types', M));
  const sig = (params: number, results: number): Uint8Array<ArrayBuffer> =>
    module(section(SEC.type, vec([functype(Array(params).fill(I32), Array(results).fill(I32))])));
  // (The counts sit before the value types, and the result count after the parameters.)
  const p = sig(LIMITS.params + 1, 0);
  rejectsFast('parameters', p, p.length - (2 + LIMITS.params + 1 + 1), over('number of parameters', LIMITS.params));
  const r = sig(0, LIMITS.results + 1);
  rejectsFast('results', r, r.length - (2 + LIMITS.results + 1), over('number of results', LIMITS.results));
  assert.doesNotThrow(() => new PW.Module(sig(LIMITS.params, LIMITS.results)));
  const fields = LIMITS.structFields + 1;
  const struct = module(section(SEC.type, [1, 0x5f, ...u32(fields), ...repeat([I32, 0], fields)]));
  rejectsFast('struct fields', struct, struct.length - (2 + 2 * fields),
    over('number of struct fields', LIMITS.structFields));
});

test('element segment entries and function body size', () => {
  const n = LIMITS.tableInitEntries + 1;
  const prefix = cat(type0, func0, section(SEC.table, vec([[0x70, 0, 1]])));
  const seg = cat([1, 1, 0], u32(n), repeat([0], n));
  const elemHead = cat([SEC.elem], u32(seg.length));
  const bytes = module(prefix, elemHead, seg, section(SEC.code, vec([[2, 0, 0x0b]])));
  rejectsFast('an element segment of 10,000,001 functions', bytes, 8 + prefix.length + elemHead.length + 3,
    over('number of table entries in a segment', LIMITS.tableInitEntries));
  const exprs = cat([1, 5, 0x70], u32(n), repeat([0xd0, 0x70, 0x0b], n));
  const exprHead = cat([SEC.elem], u32(exprs.length));
  rejectsFast('an element segment of 10,000,001 expressions', module(exprHead, exprs), 8 + exprHead.length + 3,
    over('number of table entries in a segment', LIMITS.tableInitEntries));
  // A body of 7,654,322 bytes: no locals, nops, end.
  const size = LIMITS.bodySize + 1;
  const entry = cat(u32(size), [0], repeat([0x01], size - 2), [0x0b]);
  const codeHead = cat([SEC.code], u32(entry.length + 1), [1]);
  const code = module(type0, func0, codeHead, entry);
  rejectsFast('a function body of 7,654,322 bytes', code, 8 + type0.length + func0.length + codeHead.length,
    over('function body size', LIMITS.bodySize));
});
