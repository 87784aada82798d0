// Instructions in the text format (spec text/instructions.rst): plain instructions with their
// immediates (read by the opcode table's immediate shape), structured blocks in flat and folded
// form (including try_table and the legacy try/catch/delegate), and folded expressions, unfolded
// into one flat list with explicit `end`s as the binary format has them.

import { Cursor, errorAt } from './cursor.js';
import { isIndexToken, type ModuleContext } from './context.js';
import { parseHeapType, parseRefType, parseTypeUse, parseValType } from './parse-types.js';
import { parseF32, parseF64, parseI32, parseI64, parseIntBits, parseU32, parseU64 } from './numbers.js';
import type { Atom, SExpr, SList } from './sexpr.js';
import type { TExpr, TInstr, TCatch } from './ast.js';
import { OPS_BY_NAME, opByName, type OpInfo } from '../syntax/opcodes.js';
import { isNullable, heapOf, type ValType } from '../syntax/types.js';
import { BLOCK_EMPTY } from '../binary/valtype.js';

/** What instructions of one function (or one constant expression) are parsed in. */
export interface BodyContext {
  mc: ModuleContext;
  locals: Map<string, number>;
  /** Label ids of the enclosing blocks, innermost last (null: no id). */
  labels: (string | null)[];
}

export function constContext(mc: ModuleContext): BodyContext {
  return { mc, locals: new Map(), labels: [] };
}

const END = opByName('end');
const ELSE = opByName('else');
const CATCH = opByName('catch');
const CATCH_ALL = opByName('catch_all');
const DELEGATE = opByName('delegate');

/** Names that only occur as part of a block's syntax, never as a plain instruction. */
const STRUCTURAL = new Set(['block', 'loop', 'if', 'else', 'end', 'try', 'try_table', 'catch', 'catch_all', 'delegate']);
/** Keywords that end the instruction sequence of a flat block. */
const TERMINATORS = new Set(['end', 'else', 'catch', 'catch_all', 'delegate']);

function mk(op: OpInfo): TInstr {
  return { op, a: 0, b: 0, c: 0, d: 0 };
}

/** Parses instructions (flat or folded) until the cursor is exhausted or, if `stop`, a terminator. */
export function parseInstrs(cur: Cursor, out: TExpr, bc: BodyContext, stop = false): void {
  for (;;) {
    const e = cur.peek();
    if (e === undefined) return;
    if (e.kind === 'list') {
      cur.next();
      parseFolded(e, out, bc);
      continue;
    }
    if (e.kind !== 'keyword') throw cur.error('expected an instruction');
    if (stop && TERMINATORS.has(e.text)) return;
    cur.next();
    if (e.text === 'block' || e.text === 'loop' || e.text === 'if' || e.text === 'try_table' || e.text === 'try') {
      parseFlatBlock(e, cur, out, bc);
    } else out.push(parseOp(e, cur, bc));
  }
}

/** A whole expression (e.g. a constant expression): every item of the cursor. */
export function parseExpr(cur: Cursor, bc: BodyContext): TExpr {
  const out: TExpr = [];
  parseInstrs(cur, out, bc);
  return out;
}

// ---- blocks ----

function parseBlockType(cur: Cursor, mc: ModuleContext): number {
  const tu = parseTypeUse(cur, mc, false, false);
  if (tu.explicit) return -(2 + tu.type);
  if (tu.params.length === 0 && tu.results.length <= 1) return tu.results.length === 0 ? BLOCK_EMPTY : tu.results[0];
  return -(2 + mc.implicitType(tu.params, tu.results));
}

/** The block instruction after its keyword and label: block type, and try_table's catch clauses. */
function blockHeader(name: string, cur: Cursor, bc: BodyContext): TInstr {
  const ins = mk(opByName(name));
  ins.a = parseBlockType(cur, bc.mc);
  if (name === 'try_table') {
    // Catch labels are resolved in the context around the try_table, before its own label.
    const catches: TCatch[] = [];
    for (;;) {
      const head = cur.peekHead();
      const kind = head === 'catch' ? 0 : head === 'catch_ref' ? 1 : head === 'catch_all' ? 2 : head === 'catch_all_ref' ? 3 : -1;
      if (kind < 0) break;
      const inner = Cursor.of(cur.next() as SList);
      const tag = kind < 2 ? bc.mc.tags.resolve(required(inner, 'a tag index')) : -1;
      const label = resolveLabel(required(inner, 'a label'), bc);
      inner.end();
      catches.push({ kind, tag, label });
    }
    ins.catches = catches;
  }
  return ins;
}

function required(cur: Cursor, what: string): SExpr {
  const e = cur.peek();
  if (!isIndexToken(e)) throw cur.error(`expected ${what}`);
  return cur.next()!;
}

/** After `end`/`else`: an optional id that must repeat the block's label. */
function closingLabel(cur: Cursor, label: string | null): void {
  const e = cur.peek();
  if (e !== undefined && e.kind === 'id') {
    if (e.name !== label) throw errorAt(e, `mismatching label $${e.name} (expected ${label === null ? 'none' : `$${label}`})`);
    cur.next();
  }
}

/** An `else` and its instructions; an empty else branch is left out, as the reference encoder does. */
function elseBranch(out: TExpr, body: () => void): void {
  const at = out.length;
  out.push(mk(ELSE));
  body();
  if (out.length === at + 1) out.pop();
}

function parseFlatBlock(kw: Atom, cur: Cursor, out: TExpr, bc: BodyContext): void {
  const name = kw.text;
  const label = cur.id();
  out.push(blockHeader(name, cur, bc));
  bc.labels.push(label);
  parseInstrs(cur, out, bc, true);
  if (name === 'if' && cur.keyword('else')) {
    closingLabel(cur, label);
    elseBranch(out, () => parseInstrs(cur, out, bc, true));
  }
  if (name === 'try') {
    let handlers = false;
    while (cur.keyword('catch')) {
      handlers = true;
      const ins = mk(CATCH);
      ins.a = bc.mc.tags.resolve(required(cur, 'a tag index'));
      out.push(ins);
      parseInstrs(cur, out, bc, true);
    }
    if (cur.keyword('catch_all')) {
      handlers = true;
      out.push(mk(CATCH_ALL));
      parseInstrs(cur, out, bc, true);
    }
    if (!handlers && cur.keyword('delegate')) {
      // delegate closes the block; its label is counted from outside the try.
      bc.labels.pop();
      const ins = mk(DELEGATE);
      ins.a = resolveLabel(required(cur, 'a label'), bc);
      out.push(ins);
      return;
    }
  }
  if (!cur.keyword('end')) throw cur.error(`expected end of ${name}`);
  closingLabel(cur, label);
  bc.labels.pop();
  out.push(mk(END));
}

function parseFolded(list: SList, out: TExpr, bc: BodyContext): void {
  if (list.annot !== null) return;
  const cur = new Cursor(list.items, 0, list);
  const head = cur.next();
  if (head === undefined || head.kind !== 'keyword') throw errorAt(list, 'expected an instruction (unexpected token)');
  const name = head.text;
  switch (name) {
    case 'block': case 'loop': case 'try_table': {
      const label = cur.id();
      out.push(blockHeader(name, cur, bc));
      bc.labels.push(label);
      parseInstrs(cur, out, bc);
      bc.labels.pop();
      out.push(mk(END));
      return;
    }
    case 'if': {
      const label = cur.id();
      const ins = blockHeader(name, cur, bc);
      // The condition operands, folded, come before `(then …)`.
      while (!cur.done() && cur.peekHead() !== 'then') {
        const e = cur.next()!;
        if (e.kind !== 'list') throw errorAt(e, 'expected (then …) (unexpected token)');
        parseFolded(e, out, bc);
      }
      out.push(ins);
      bc.labels.push(label);
      const then = cur.list('then');
      if (!then) throw cur.error('expected (then …)');
      parseInstrs(Cursor.of(then), out, bc);
      const els = cur.list('else');
      if (els) elseBranch(out, () => parseInstrs(Cursor.of(els), out, bc));
      cur.end();
      bc.labels.pop();
      out.push(mk(END));
      return;
    }
    case 'try':
      return parseFoldedTry(cur, out, bc);
  }
  const ins = parseOp(head, cur, bc);
  while (!cur.done()) {
    const e = cur.next()!;
    if (e.kind !== 'list') throw errorAt(e, `unexpected token ${e.text}`);
    parseFolded(e, out, bc);
  }
  out.push(ins);
}

/** Legacy `(try label? bt (do instr*) (catch x instr*)* (catch_all instr*)?)` or `… (delegate l))`. */
function parseFoldedTry(cur: Cursor, out: TExpr, bc: BodyContext): void {
  const label = cur.id();
  out.push(blockHeader('try', cur, bc));
  bc.labels.push(label);
  const body = cur.list('do');
  if (!body) throw cur.error('expected (do …)');
  parseInstrs(Cursor.of(body), out, bc);
  let handlers = 0;
  for (let c = cur.list('catch'); c; c = cur.list('catch'), handlers++) {
    const inner = Cursor.of(c);
    const ins = mk(CATCH);
    ins.a = bc.mc.tags.resolve(required(inner, 'a tag index'));
    out.push(ins);
    parseInstrs(inner, out, bc);
  }
  const all = cur.list('catch_all');
  if (all) {
    out.push(mk(CATCH_ALL));
    parseInstrs(Cursor.of(all), out, bc);
  }
  const del = all || handlers > 0 ? null : cur.list('delegate');
  if (del) {
    bc.labels.pop();
    const inner = Cursor.of(del);
    const ins = mk(DELEGATE);
    ins.a = resolveLabel(required(inner, 'a label'), bc);
    inner.end();
    cur.end();
    out.push(ins);
    return;
  }
  cur.end();
  bc.labels.pop();
  out.push(mk(END));
}

// ---- plain instructions ----

function resolveLabel(e: SExpr, bc: BodyContext): number {
  if (e.kind === 'id') {
    const labels = bc.labels;
    for (let i = labels.length - 1; i >= 0; i--) if (labels[i] === e.name) return labels.length - 1 - i;
    throw errorAt(e, `unknown label $${e.name}`);
  }
  const v = e.kind === 'number' ? parseU32(e.text) : null;
  if (v === null) throw errorAt(e, 'expected a label (unexpected token)');
  return v;
}

function resolveLocal(e: SExpr, bc: BodyContext): number {
  if (e.kind === 'id') {
    const v = bc.locals.get(e.name!);
    if (v === undefined) throw errorAt(e, `unknown local $${e.name}`);
    return v;
  }
  const v = e.kind === 'number' ? parseU32(e.text) : null;
  if (v === null) throw errorAt(e, 'expected a local index (unexpected token)');
  return v;
}

function resolveField(e: SExpr, type: number, bc: BodyContext): number {
  if (e.kind === 'id') {
    const v = bc.mc.fieldIds[type]?.get(e.name!);
    if (v === undefined) throw errorAt(e, `unknown field $${e.name}`);
    return v;
  }
  const v = e.kind === 'number' ? parseU32(e.text) : null;
  if (v === null) throw errorAt(e, 'expected a field index (unexpected token)');
  return v;
}

function numberToken(cur: Cursor, what: string): Atom {
  const e = cur.peek();
  if (e === undefined || e.kind !== 'number') throw cur.error(`expected ${what}`);
  cur.next();
  return e;
}

function outOfRange(e: Atom, what: string): never {
  throw errorAt(e, `${what} constant out of range: ${e.text} (constant out of range)`);
}

function isMemargKeyword(e: SExpr | undefined): boolean {
  return e !== undefined && e.kind === 'keyword' && (e.text.startsWith('offset=') || e.text.startsWith('align='));
}

function parseMemarg(cur: Cursor, ins: TInstr, bc: BodyContext, lane: boolean): void {
  const e = cur.peek();
  if (isIndexToken(e)) {
    // With a lane immediate, a lone number is the lane, not a memory index.
    const after = cur.items[cur.i + 1];
    if (!lane || e!.kind === 'id' || isIndexToken(after) || isMemargKeyword(after)) ins.a = bc.mc.memories.resolve(cur.next()!);
  }
  let k = cur.peek();
  if (k !== undefined && k.kind === 'keyword' && k.text.startsWith('offset=')) {
    const v = parseU64(k.text.slice(7));
    if (v === null) throw errorAt(k, `malformed offset ${k.text} (unknown operator)`);
    ins.offset = v;
    cur.next();
    k = cur.peek();
  }
  ins.b = ins.op.align;
  if (k !== undefined && k.kind === 'keyword' && k.text.startsWith('align=')) {
    const v = parseU64(k.text.slice(6));
    if (v === null) throw errorAt(k, `malformed alignment ${k.text} (unknown operator)`);
    if (v === 0n || (v & (v - 1n)) !== 0n) throw errorAt(k, `alignment must be a power of two (malformed memop flags)`);
    ins.b = v.toString(2).length - 1;
    cur.next();
  }
  if (lane) ins.c = laneIndex(cur);
}

function laneIndex(cur: Cursor): number {
  const e = numberToken(cur, 'a lane index');
  const v = parseU32(e.text);
  if (v === null && !/^[0-9]/.test(e.text)) throw errorAt(e, `expected a lane index, found ${e.text} (unexpected token)`);
  if (v === null || v > 255) throw errorAt(e, `lane index ${e.text}: i8 constant out of range`);
  return v;
}

const SHAPES: Record<string, [number, number]> = {
  i8x16: [16, 1], i16x8: [8, 2], i32x4: [4, 4], i64x2: [2, 8], f32x4: [4, 4], f64x2: [2, 8],
};

/** `v128.const` operands: a shape keyword and its lanes (also for script constants). */
export function parseV128(cur: Cursor): Uint8Array {
  const s = cur.peek();
  const shape = s !== undefined && s.kind === 'keyword' ? s.text : '';
  const dims = SHAPES[shape];
  if (!dims) throw cur.error('expected a vector shape');
  cur.next();
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  const [n, size] = dims;
  for (let i = 0; i < n; i++) {
    const e = numberToken(cur, `${n} lanes for ${shape}`);
    const at = i * size;
    if (shape === 'i8x16' || shape === 'i16x8') {
      const v = parseIntBits(e.text, size * 8);
      if (v === null) outOfRange(e, size === 1 ? 'i8' : 'i16');
      if (size === 1) bytes[at] = v;
      else view.setUint16(at, v, true);
    } else if (shape === 'i32x4') {
      const v = parseI32(e.text);
      if (v === null) outOfRange(e, 'i32');
      view.setInt32(at, v, true);
    } else if (shape === 'i64x2') {
      const v = parseI64(e.text);
      if (v === null) outOfRange(e, 'i64');
      view.setBigInt64(at, v, true);
    } else if (shape === 'f32x4') {
      const v = parseF32(e.text);
      if (v === null) outOfRange(e, 'f32');
      view.setUint32(at, v, true);
    } else {
      const v = parseF64(e.text);
      if (v === null) outOfRange(e, 'f64');
      view.setInt32(at, v[0], true);
      view.setInt32(at + 4, v[1], true);
    }
  }
  return bytes;
}

/** Two optional indices of one space (memory.copy, table.copy): both or neither. */
function twoOptional(cur: Cursor, ins: TInstr, resolve: (e: SExpr) => number): void {
  if (isIndexToken(cur.peek())) {
    ins.a = resolve(cur.next()!);
    ins.b = resolve(required(cur, 'a second index'));
  }
}

function parseOp(kw: Atom, cur: Cursor, bc: BodyContext): TInstr {
  const rows = OPS_BY_NAME.get(kw.text);
  if (!rows || STRUCTURAL.has(kw.text)) throw errorAt(kw, `unknown operator ${kw.text}`);
  const mc = bc.mc;
  const ins = mk(rows[0]);
  switch (ins.op.imm) {
    case 'none':
      if (kw.text === 'select' && cur.peekHead() === 'result') {
        ins.op = rows[1];
        const types: ValType[] = [];
        for (let l = cur.list('result'); l; l = cur.list('result')) {
          const inner = Cursor.of(l);
          while (!inner.done()) types.push(parseValType(inner, mc));
        }
        ins.types = types;
      }
      break;
    case 'label':
      ins.a = resolveLabel(required(cur, 'a label'), bc);
      break;
    case 'labels': {
      const labels: number[] = [];
      while (isIndexToken(cur.peek())) labels.push(resolveLabel(cur.next()!, bc));
      if (labels.length === 0) throw cur.error('expected a label');
      ins.labels = labels;
      break;
    }
    case 'func': ins.a = mc.funcs.resolve(required(cur, 'a function index')); break;
    case 'type': ins.a = mc.types.resolve(required(cur, 'a type index')); break;
    case 'local': ins.a = resolveLocal(required(cur, 'a local index'), bc); break;
    case 'global': ins.a = mc.globals.resolve(required(cur, 'a global index')); break;
    case 'tag': ins.a = mc.tags.resolve(required(cur, 'a tag index')); break;
    case 'data': ins.a = mc.datas.resolve(required(cur, 'a data index')); break;
    case 'elem': ins.a = mc.elems.resolve(required(cur, 'an elem index')); break;
    case 'table':
      if (isIndexToken(cur.peek())) ins.a = mc.tables.resolve(cur.next()!);
      break;
    case 'mem':
      if (isIndexToken(cur.peek())) ins.a = mc.memories.resolve(cur.next()!);
      break;
    case 'memarg': parseMemarg(cur, ins, bc, false); break;
    case 'memlane': parseMemarg(cur, ins, bc, true); break;
    case 'lane': ins.a = laneIndex(cur); break;
    case 'i32': {
      const e = numberToken(cur, 'an i32 literal');
      const v = parseI32(e.text);
      if (v === null) outOfRange(e, 'i32');
      ins.a = v;
      break;
    }
    case 'i64': {
      const e = numberToken(cur, 'an i64 literal');
      const v = parseI64(e.text);
      if (v === null) outOfRange(e, 'i64');
      ins.big = v;
      break;
    }
    case 'f32': {
      const e = numberToken(cur, 'an f32 literal');
      const v = parseF32(e.text);
      if (v === null) outOfRange(e, 'f32');
      ins.a = v;
      break;
    }
    case 'f64': {
      const e = numberToken(cur, 'an f64 literal');
      const v = parseF64(e.text);
      if (v === null) outOfRange(e, 'f64');
      ins.a = v[0];
      ins.b = v[1];
      break;
    }
    case 'v128': ins.bytes = parseV128(cur); break;
    case 'shuffle': {
      const bytes = new Uint8Array(16);
      for (let i = 0; i < 16; i++) bytes[i] = laneIndex(cur);
      ins.bytes = bytes;
      break;
    }
    case 'indirect': {
      if (isIndexToken(cur.peek())) ins.b = mc.tables.resolve(cur.next()!);
      ins.a = parseTypeUse(cur, mc, false).type;
      break;
    }
    case 'heap':
      if (kw.text === 'ref.null') ins.a = parseHeapType(cur, mc);
      else {
        const t = parseRefType(cur, mc);
        ins.op = rows[isNullable(t) ? 1 : 0];
        ins.a = heapOf(t);
      }
      break;
    case 'memmem': twoOptional(cur, ins, (e) => mc.memories.resolve(e)); break;
    case 'tabtab': twoOptional(cur, ins, (e) => mc.tables.resolve(e)); break;
    case 'datamem': {
      // memory.init x? y: the encoding has the data index first.
      const first = required(cur, 'a data index');
      if (isIndexToken(cur.peek())) {
        ins.b = mc.memories.resolve(first);
        ins.a = mc.datas.resolve(cur.next()!);
      } else ins.a = mc.datas.resolve(first);
      break;
    }
    case 'elemtab': {
      const first = required(cur, 'an elem index');
      if (isIndexToken(cur.peek())) {
        ins.b = mc.tables.resolve(first);
        ins.a = mc.elems.resolve(cur.next()!);
      } else ins.a = mc.elems.resolve(first);
      break;
    }
    case 'field':
      ins.a = mc.types.resolve(required(cur, 'a type index'));
      ins.b = resolveField(required(cur, 'a field index'), ins.a, bc);
      break;
    case 'typelen':
      ins.a = mc.types.resolve(required(cur, 'a type index'));
      ins.b = cur.u32('an array length');
      break;
    case 'typedata':
      ins.a = mc.types.resolve(required(cur, 'a type index'));
      ins.b = mc.datas.resolve(required(cur, 'a data index'));
      break;
    case 'typeelem':
      ins.a = mc.types.resolve(required(cur, 'a type index'));
      ins.b = mc.elems.resolve(required(cur, 'an elem index'));
      break;
    case 'typetype':
      ins.a = mc.types.resolve(required(cur, 'a type index'));
      ins.b = mc.types.resolve(required(cur, 'a type index'));
      break;
    case 'cast': {
      ins.b = resolveLabel(required(cur, 'a label'), bc);
      const t1 = parseRefType(cur, mc);
      const t2 = parseRefType(cur, mc);
      ins.a = (isNullable(t1) ? 1 : 0) | (isNullable(t2) ? 2 : 0);
      ins.c = heapOf(t1);
      ins.d = heapOf(t2);
      break;
    }
    case 'bt': case 'trytable': case 'select':
      throw errorAt(kw, `unknown operator ${kw.text}`);
  }
  return ins;
}
