// Differential check against the host's native WebAssembly (Node's V8): random instruction
// sequences, biased towards well-typed ones, drawn from the instructions Node 20 implements (MVP,
// SIMD, bulk memory, reference types, tail calls, legacy exceptions). purewasm must accept exactly
// the function bodies V8 accepts. Deterministic seed and a small count keep it fast for CI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPS, type OpInfo } from '../../src/syntax/opcodes.js';
import { compileModule } from '../../src/valid/index.js';
import { Rng } from '../fuzz/mutate.js';
import { assemble, fn, leb, sleb, vec, I32, I64, F32, F64, V128, FUNCREF, EXTERNREF } from './body-module.js';

// Node 20 lacks GC, typed function references, exnref (try_table/throw_ref), multi-memory,
// memory64, relaxed SIMD.
const NATIVE = OPS.filter((o) => {
  if (o.prefix === 0xfb) return false;
  if (o.prefix === 0xfd && o.code >= 256) return false;
  return !['try_table', 'throw_ref', 'call_ref', 'return_call_ref', 'ref.eq', 'ref.as_non_null', 'br_on_null',
    'br_on_non_null'].includes(o.name);
});
const VALTYPES = [I32, I64, F32, F64, V128, FUNCREF, EXTERNREF];

function immediates(o: OpInfo, rng: Rng): number[] {
  const small = (n: number): number => rng.below(n);
  switch (o.imm) {
    case 'none': return [];
    case 'bt': { const k = small(3); return k === 0 ? [0x40] : k === 1 ? [VALTYPES[small(VALTYPES.length)]] : sleb(small(4)); }
    case 'label': return leb(small(4));
    case 'labels': { const n = small(3); return [...leb(n), ...Array.from({ length: n + 1 }, () => small(3))]; }
    case 'func': return leb(small(3));
    case 'type': return leb(small(4));
    case 'local': return leb(small(5));
    case 'global': return leb(small(3));
    case 'table': return leb(small(3));
    case 'mem': return [0];
    case 'memarg': return [small(o.align + 2), ...leb(small(3) === 0 ? 2 ** 32 : small(100))];
    case 'memlane': return [small(o.align + 2), 0, small(o.width + 1)];
    case 'lane': return [small(o.width + 1)];
    case 'i32': return sleb(small(1000) - 500);
    case 'i64': return sleb(small(1000));
    case 'f32': return [0, 0, 0, 0];
    case 'f64': return [0, 0, 0, 0, 0, 0, 0, 0];
    case 'v128': return new Array(16).fill(0);
    case 'shuffle': return Array.from({ length: 16 }, () => small(33));
    case 'indirect': return [...leb(small(4)), ...leb(small(3))];
    case 'select': return [1, VALTYPES[small(VALTYPES.length)]];
    case 'heap': return [small(2) === 0 ? 0x70 : 0x6f];
    case 'tag': return leb(small(2));
    case 'data': case 'elem': return leb(small(2));
    case 'memmem': return [0, 0];
    case 'datamem': return [small(2), 0];
    case 'tabtab': case 'elemtab': return [small(2), small(3)];
    default: throw new Error(`no immediates for ${o.imm}`);
  }
}

function opBytes(o: OpInfo): number[] {
  return o.prefix === 0 ? [o.code] : [o.prefix, ...leb(o.code)];
}

const candidates = new Map<string, OpInfo[]>();
function typedCandidates(stack: number[]): OpInfo[] {
  const key = stack.slice(-3).join(',');
  let list = candidates.get(key);
  if (!list) {
    list = NATIVE.filter((x) => x.params !== null && x.params.length <= stack.length &&
      x.params.every((t, k) => stack[stack.length - x.params!.length + k] === t));
    candidates.set(key, list);
  }
  return list;
}

/** Instructions that produce a value of type t out of nothing. */
function produce(t: number): number[] {
  switch (t) {
    case I32: return [0x41, 0];
    case I64: return [0x42, 0];
    case F32: return [0x43, 0, 0, 0, 0];
    case F64: return [0x44, 0, 0, 0, 0, 0, 0, 0, 0];
    case V128: return [0xfd, 12, ...new Array(16).fill(0)];
    default: return [0xd0, t];
  }
}

/**
 * A random body: while the stack shape is known (only fixed-signature instructions so far) mostly
 * instructions that fit it, then tidied up to the function's results; sometimes anything at all.
 */
function body(rng: Rng, results: number[]): number[] {
  const out: number[] = [];
  let stack: number[] | null = [];
  let open = 0;
  const n = 1 + rng.below(10);
  for (let i = 0; i < n; i++) {
    let o: OpInfo;
    if (stack && rng.below(4) === 0) {
      const t = VALTYPES[rng.below(VALTYPES.length)];
      out.push(...produce(t));
      stack.push(t);
      continue;
    }
    const typed = stack ? typedCandidates(stack) : [];
    if (rng.below(8) > 0 && typed.length > 0) o = typed[rng.below(typed.length)];
    else o = NATIVE[rng.below(NATIVE.length)];
    if (o.name === 'end' || o.name === 'delegate') { if (open === 0) continue; open--; }
    if (o.name === 'block' || o.name === 'loop' || o.name === 'if' || o.name === 'try') open++;
    out.push(...opBytes(o), ...immediates(o, rng));
    if (o.params !== null && stack && typed.includes(o)) {
      stack.length -= o.params.length;
      stack.push(...o.results!);
    } else stack = null;
  }
  if (stack) {
    for (let i = 0; i < stack.length; i++) out.push(0x1a);
    for (const t of results) out.push(...produce(t));
  }
  while (open-- > 0) out.push(0x0b);
  return out;
}

/** Fixed-signature instructions without memory or lane immediates: always valid on a fitting stack. */
const PURE = NATIVE.filter((o) => o.params !== null && !['memarg', 'memlane', 'lane', 'shuffle', 'data', 'elem'].includes(o.imm));
const pureCandidates = new Map<string, OpInfo[]>();
function pureFor(stack: number[]): OpInfo[] {
  const key = stack.slice(-3).join(',');
  let list = pureCandidates.get(key);
  if (!list) {
    list = PURE.filter((x) => x.params!.length <= stack.length &&
      x.params!.every((t, k) => stack[stack.length - x.params!.length + k] === t));
    pureCandidates.set(key, list);
  }
  return list;
}

interface GenFrame { kind: number; params: number[]; results: number[]; height: number; dead: boolean }

/**
 * A structured body, valid by construction unless a rare random instruction spoils it: nested
 * block/loop/if (with else) of all block type forms, branches carrying their label's values,
 * br_table, unreachable code with values pushed after it, multi-value blocks.
 */
function structured(rng: Rng, results: number[]): number[] {
  const out: number[] = [];
  const stack: number[] = [];
  const frames: GenFrame[] = [{ kind: 0x02, params: [], results, height: 0, dead: false }];
  const labelTypes = (f: GenFrame): number[] => (f.kind === 0x03 ? f.params : f.results);
  const blockTypes: [number[], number[], number[]][] = [ // encoding, params, results
    [[0x40], [], []], [[I32], [], [I32]], [[EXTERNREF], [], [EXTERNREF]], [[V128], [], [V128]],
    [[1], [I32], [I32]], [[2], [I32, I64], [F32]], [[0], [], []],
  ];
  const tidy = (f: GenFrame, want: number[]): void => {
    for (let i = stack.length; i > f.height; i--) out.push(0x1a);
    stack.length = f.height;
    for (const t of want) out.push(...produce(t));
    stack.push(...want);
  };
  const close = (): void => {
    const f = frames[frames.length - 1];
    tidy(f, f.results);
    if (f.kind === 0x04) { // else arm: starts from the params again
      out.push(0x05);
      stack.length = f.height;
      stack.push(...f.params);
      f.dead = false;
      if (rng.below(3) === 0) { out.push(0x00); stack.length = f.height; f.dead = true; }
      tidy(f, f.results);
    }
    out.push(0x0b);
    frames.pop();
    stack.length = f.height;
    stack.push(...f.results);
  };
  for (let budget = 6 + rng.below(30); budget > 0; budget--) {
    const top = frames[frames.length - 1];
    const r = rng.below(20);
    if (r < 6) {
      const t = VALTYPES[rng.below(VALTYPES.length)];
      out.push(...produce(t));
      stack.push(t);
    } else if (r < 10) {
      const list = pureFor(stack.slice(top.height));
      if (list.length === 0) continue;
      const o = list[rng.below(list.length)];
      out.push(...opBytes(o), ...immediates(o, rng));
      stack.length -= o.params!.length;
      stack.push(...o.results!);
    } else if (r < 13) {
      const kind = [0x02, 0x03, 0x04][rng.below(3)];
      const [enc, params, res] = blockTypes[rng.below(blockTypes.length)];
      for (const t of params) out.push(...produce(t));
      if (kind === 0x04) out.push(...produce(I32));
      out.push(kind, ...enc);
      frames.push({ kind, params, results: res, height: stack.length, dead: false });
      stack.push(...params);
    } else if (r < 15) {
      if (frames.length > 1) close();
    } else if (r < 18) {
      const l = rng.below(frames.length);
      const lt = labelTypes(frames[frames.length - 1 - l]);
      for (const t of lt) out.push(...produce(t));
      const form = rng.below(3);
      if (form === 1) {
        out.push(...produce(I32), 0x0d, l);
        stack.push(...lt);
      } else {
        if (form === 0) out.push(0x0c, l);
        else {
          // Every target of a br_table with the same label types: the chosen one and the default.
          out.push(...produce(I32), 0x0e, 1, l, l);
        }
        stack.length = top.height;
        top.dead = true;
      }
    } else if (r < 19 || rng.below(4) > 0 || process.env.BODY_DIFF_NO_SPOIL) {
      out.push(0x00);
      stack.length = top.height;
      top.dead = true;
    } else {
      const o = NATIVE[rng.below(NATIVE.length)];
      if (o.name === 'end' || o.name === 'else' || o.name === 'delegate' || o.imm === 'bt' || o.imm === 'trytable') continue;
      out.push(...opBytes(o), ...immediates(o, rng)); // likely spoils the body: V8 decides
    }
  }
  while (frames.length > 1) close();
  tidy(frames[0], results);
  return out;
}

function moduleWith(bodyBytes: number[], results: number[], locals: number[]): Uint8Array {
  return assemble({
    types: [fn([], []), fn([I32], [I32]), fn([I32, I64], [F32]), fn([], results), fn([I32], [])],
    funcs: [{ type: 3, locals: locals.map((t) => [1, t]), body: bodyBytes }, { type: 1, body: [0x20, 0] }],
    tables: [[FUNCREF, 0x00, 1], [EXTERNREF, 0x00, 1]],
    memories: [[0x00, 1]],
    tags: [[0x00, 4], [0x00, 0]],
    globals: [[I32, 1, 0x41, 0, 0x0b], [I64, 0, 0x42, 0, 0x0b]],
    elems: [[0x03, 0x00, ...vec([[0]])]],
    dataCount: 1,
    datas: [[0x01, 0]],
  });
}

/**
 * Validates `count` modules made by `make` on V8 and on purewasm; returns how many V8 accepted and
 * the first disagreements (each with purewasm's message and the module's bytes).
 */
function differential(count: number, seed: number, make: (rng: Rng) => Uint8Array): { valid: number; disagreements: string[] } {
  const rng = new Rng(seed);
  let valid = 0;
  const disagreements: string[] = [];
  for (let i = 0; i < count; i++) {
    const bytes = make(rng);
    const native = WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>);
    let ours = true;
    let why = '';
    try {
      compileModule(bytes);
    } catch (e) {
      ours = false;
      why = (e as Error).message;
    }
    if (native) valid++;
    if (native !== ours) disagreements.push(`${native ? 'refused' : 'accepted'}: ${why} ${Buffer.from(bytes).toString('hex')}`);
  }
  return { valid, disagreements };
}

const randomResults = (rng: Rng): number[] => (rng.below(2) === 0 ? [] : [VALTYPES[rng.below(VALTYPES.length)]]);

test('differential: function bodies accepted exactly when V8 accepts them', () => {
  // BODY_DIFF_N / BODY_DIFF_SEED widen the search when run by hand.
  const count = Number(process.env.BODY_DIFF_N ?? 2000);
  const { valid, disagreements } = differential(count, Number(process.env.BODY_DIFF_SEED ?? 20261125), (rng) => {
    const results = randomResults(rng);
    const locals = Array.from({ length: rng.below(4) }, () => VALTYPES[rng.below(VALTYPES.length)]);
    return moduleWith(body(rng, results), results, locals);
  });
  assert.ok(valid > count / 20, `too few valid samples (${valid}) to mean anything`);
  assert.deepEqual(disagreements.slice(0, 5), [], `${disagreements.length} disagreements`);
});

test('differential: structured bodies (blocks, branches, unreachable code) agree with V8', () => {
  const count = Number(process.env.BODY_DIFF_N ?? 1500);
  const { valid, disagreements } = differential(count, Number(process.env.BODY_DIFF_SEED ?? 7), (rng) => {
    const results = randomResults(rng);
    return moduleWith(structured(rng, results), results, []);
  });
  if (process.env.BODY_DIFF_VERBOSE) console.log(`structured: ${valid}/${count} valid`);
  assert.ok(valid > count / 2, `too few valid samples (${valid})`);
  assert.deepEqual(disagreements.slice(0, 5), [], `${disagreements.length} disagreements`);
});
