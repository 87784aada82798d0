// The binary encoder (spec 5 "Binary Format"): a growable byte writer with the LEB128, IEEE and
// name encodings, and the encoder from the text-module AST (text/ast.ts) to a module's bytes.
// Instruction encodings come from the opcode table (syntax/opcodes.ts): an instruction is its
// row's prefix and code followed by its immediates, written by their shape.

import type { TextModule, TExpr, TInstr, TSubType, TTableType, TImportDesc, TElem, TLimits } from '../text/ast.js';
import { DESC_FUNC, DESC_TABLE, DESC_MEMORY, DESC_GLOBAL, DESC_TAG, MODE_ACTIVE, MODE_PASSIVE } from '../text/ast.js';
import {
  type ValType, type HeapType, type CompositeType, type GlobalType, isRef, heapOf, isNullable,
  KIND_FUNC, KIND_STRUCT, FUNC, I8, I16,
} from '../syntax/types.js';
import { BLOCK_EMPTY } from './valtype.js';
import { Reader } from './reader.js';
import { type TCustom, SECTION_ORDER, LAST } from '../text/annotations.js';

export class ByteWriter {
  buf: Uint8Array;
  len = 0;

  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity);
  }

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  u8(b: number): void {
    this.room(1);
    this.buf[this.len++] = b;
  }

  bytes(b: Uint8Array | ArrayLike<number>): void {
    this.room(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  /** Unsigned LEB128 of a non-negative safe integer (u32, or a u64 that fits a JS number). */
  u32(v: number): void {
    this.room(8);
    while (v >= 0x80) {
      this.buf[this.len++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.len++] = v;
  }

  /** Signed LEB128 of a safe integer (s32, s33 and anything in between). */
  s33(v: number): void {
    this.room(8);
    for (;;) {
      const byte = ((v % 0x80) + 0x80) % 0x80;
      v = Math.floor(v / 0x80);
      if ((v === 0 && !(byte & 0x40)) || (v === -1 && byte & 0x40)) {
        this.buf[this.len++] = byte;
        return;
      }
      this.buf[this.len++] = byte | 0x80;
    }
  }

  s32(v: number): void {
    this.s33(v | 0);
  }

  /** Signed LEB128 of a 64-bit value (taken modulo 2^64 as a signed integer). */
  s64(v: bigint): void {
    v = BigInt.asIntN(64, v);
    if (v >= -0x8000000000000n && v < 0x8000000000000n) return this.s33(Number(v));
    this.room(10);
    for (;;) {
      const byte = Number(v & 0x7fn);
      v >>= 7n;
      if ((v === 0n && !(byte & 0x40)) || (v === -1n && byte & 0x40)) {
        this.buf[this.len++] = byte;
        return;
      }
      this.buf[this.len++] = byte | 0x80;
    }
  }

  /** Unsigned LEB128 of a 64-bit value. */
  u64(v: bigint): void {
    v = BigInt.asUintN(64, v);
    if (v <= 0xffffffffffffn) return this.u32(Number(v));
    this.room(10);
    while (v >= 0x80n) {
      this.buf[this.len++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.len++] = Number(v);
  }

  /** 32 raw bits, little endian (an f32 bit pattern). */
  bits32(v: number): void {
    this.room(4);
    const b = this.buf;
    const p = this.len;
    b[p] = v;
    b[p + 1] = v >>> 8;
    b[p + 2] = v >>> 16;
    b[p + 3] = v >>> 24;
    this.len = p + 4;
  }

  /** 64 raw bits, little endian (an f64 bit pattern given as its low and high 32 bits). */
  bits64(lo: number, hi: number): void {
    this.bits32(lo);
    this.bits32(hi);
  }

  /** A vector: its length, then each item as `each` writes it. */
  vec<T>(items: readonly T[], each: (item: T) => void): void {
    this.u32(items.length);
    for (const x of items) each(x);
  }

  /** A name or byte vector: its length then its bytes. */
  name(b: Uint8Array): void {
    this.u32(b.length);
    this.bytes(b);
  }

  /** Writes what `body` writes, preceded by its byte length (a section or a function body). */
  sized(body: () => void): void {
    const start = this.len;
    body();
    const size = this.len - start;
    const lebLen = size < 0x80 ? 1 : size < 0x4000 ? 2 : size < 0x200000 ? 3 : size < 0x10000000 ? 4 : 5;
    this.room(lebLen);
    this.buf.copyWithin(start + lebLen, start, this.len);
    const end = this.len + lebLen;
    this.len = start;
    this.u32(size);
    this.len = end;
  }

  section(id: number, body: () => void): void {
    this.u8(id);
    this.sized(body);
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

// ---- types ----

export function writeHeapType(w: ByteWriter, h: HeapType): void {
  w.s33(h);
}

export function writeValType(w: ByteWriter, t: ValType): void {
  if (!isRef(t)) return w.u8(t);
  const h = heapOf(t);
  if (isNullable(t) && h < 0) return w.u8(h + 0x80); // shorthand: (ref null <abstract>) = abstract's byte
  w.u8(isNullable(t) ? 0x63 : 0x64);
  w.s33(h);
}

function writeStorageType(w: ByteWriter, t: ValType): void {
  if (t === I8 || t === I16) w.u8(t);
  else writeValType(w, t);
}

function writeValTypes(w: ByteWriter, ts: ValType[]): void {
  w.u32(ts.length);
  for (const t of ts) writeValType(w, t);
}

function writeComposite(w: ByteWriter, c: CompositeType): void {
  w.u8(c.kind);
  if (c.kind === KIND_FUNC) {
    writeValTypes(w, c.params);
    writeValTypes(w, c.results);
  } else if (c.kind === KIND_STRUCT) {
    w.u32(c.fields.length);
    for (const f of c.fields) {
      writeStorageType(w, f.type);
      w.u8(f.mutable ? 1 : 0);
    }
  } else {
    writeStorageType(w, c.field.type);
    w.u8(c.field.mutable ? 1 : 0);
  }
}

function writeSubType(w: ByteWriter, s: TSubType): void {
  // A final type without supertypes has the short form: just its composite type.
  if (!s.final || s.supers.length > 0) {
    w.u8(s.final ? 0x4f : 0x50);
    w.u32(s.supers.length);
    for (const x of s.supers) w.u32(x);
  }
  writeComposite(w, s.comp);
}

export function writeLimits(w: ByteWriter, l: TLimits): void {
  let flags = l.max !== null ? 1 : 0;
  if (l.shared) flags |= 2;
  if (l.addr64) flags |= 4;
  if (l.pageSizeLog2 !== 16) flags |= 8;
  w.u8(flags);
  w.u64(l.min);
  if (l.max !== null) w.u64(l.max);
  if (l.pageSizeLog2 !== 16) w.u32(l.pageSizeLog2);
}

function writeTableType(w: ByteWriter, t: TTableType): void {
  writeValType(w, t.elem);
  writeLimits(w, t.limits);
}

function writeGlobalType(w: ByteWriter, g: GlobalType): void {
  writeValType(w, g.type);
  w.u8(g.mutable ? 1 : 0);
}

function writeBlockType(w: ByteWriter, bt: number): void {
  if (bt === BLOCK_EMPTY) w.u8(0x40);
  else if (bt <= -2) w.s33(-2 - bt);
  else writeValType(w, bt);
}

// ---- instructions ----

export function writeInstr(w: ByteWriter, ins: TInstr): void {
  const op = ins.op;
  if (op.prefix === 0) w.u8(op.code);
  else {
    w.u8(op.prefix);
    w.u32(op.code);
  }
  switch (op.imm) {
    case 'none':
      return;
    case 'bt':
      return writeBlockType(w, ins.a);
    case 'label': case 'func': case 'type': case 'local': case 'global': case 'table': case 'mem':
    case 'tag': case 'data': case 'elem':
      return w.u32(ins.a);
    case 'labels': {
      const labels = ins.labels!;
      w.u32(labels.length - 1);
      for (const l of labels) w.u32(l);
      return;
    }
    case 'memarg': case 'memlane':
      if (ins.a !== 0) {
        w.u32(ins.b | 0x40);
        w.u32(ins.a);
      } else w.u32(ins.b);
      w.u64(ins.offset ?? 0n);
      if (op.imm === 'memlane') w.u8(ins.c);
      return;
    case 'lane':
      return w.u8(ins.a);
    case 'i32':
      return w.s32(ins.a);
    case 'i64':
      return w.s64(ins.big ?? 0n);
    case 'f32':
      return w.bits32(ins.a);
    case 'f64':
      return w.bits64(ins.a, ins.b);
    case 'v128': case 'shuffle':
      return w.bytes(ins.bytes!);
    case 'indirect': case 'memmem': case 'datamem': case 'tabtab': case 'elemtab': case 'field':
    case 'typelen': case 'typedata': case 'typeelem': case 'typetype':
      w.u32(ins.a);
      return w.u32(ins.b);
    case 'select':
      return writeValTypes(w, ins.types!);
    case 'heap':
      return writeHeapType(w, ins.a);
    case 'cast':
      w.u8(ins.a);
      w.u32(ins.b);
      writeHeapType(w, ins.c);
      return writeHeapType(w, ins.d);
    case 'trytable':
      writeBlockType(w, ins.a);
      w.u32(ins.catches!.length);
      for (const c of ins.catches!) {
        w.u8(c.kind);
        if (c.kind < 2) w.u32(c.tag);
        w.u32(c.label);
      }
      return;
  }
}

/** An expression: its instructions and the final `end`. */
export function writeExpr(w: ByteWriter, e: TExpr): void {
  for (const ins of e) writeInstr(w, ins);
  w.u8(0x0b);
}

// ---- module ----

function writeImportDesc(w: ByteWriter, d: TImportDesc): void {
  w.u8(d.kind);
  switch (d.kind) {
    case DESC_FUNC: return w.u32(d.type);
    case DESC_TABLE: return writeTableType(w, d.table);
    case DESC_MEMORY: return writeLimits(w, d.limits);
    case DESC_GLOBAL: return writeGlobalType(w, d.global);
    case DESC_TAG:
      w.u8(0);
      return w.u32(d.type);
  }
}

/** A `ref.func x` item, as the compact element encodings store it; else -1. */
function funcItem(e: TExpr): number {
  return e.length === 1 && e[0].op.name === 'ref.func' ? e[0].a : -1;
}

function isFuncKind(t: ValType): boolean {
  // The elemkind byte 0x00 stands for (ref func).
  return isRef(t) && heapOf(t) === FUNC && !isNullable(t);
}

function writeElem(w: ByteWriter, s: TElem): void {
  // The same choice of the eight segment forms as the reference encoder: the compact forms
  // (function indices) where every item is a `ref.func` and the type is (ref func).
  const compact = isFuncKind(s.type) && s.items.every((e) => funcItem(e) >= 0);
  const items = (): void => {
    w.u32(s.items.length);
    if (compact) for (const e of s.items) w.u32(funcItem(e));
    else for (const e of s.items) writeExpr(w, e);
  };
  if (s.mode === MODE_ACTIVE) {
    if (s.table === 0 && compact) {
      w.u8(0);
      writeExpr(w, s.offset!);
    } else if (s.table === 0 && isRef(s.type) && heapOf(s.type) === FUNC && isNullable(s.type)) {
      w.u8(4);
      writeExpr(w, s.offset!);
    } else {
      w.u8(compact ? 2 : 6);
      w.u32(s.table);
      writeExpr(w, s.offset!);
      if (compact) w.u8(0);
      else writeValType(w, s.type);
    }
  } else {
    w.u8((s.mode === MODE_PASSIVE ? 1 : 3) + (compact ? 0 : 4));
    if (compact) w.u8(0);
    else writeValType(w, s.type);
  }
  items();
}

function exprUsesData(e: TExpr): boolean {
  for (const ins of e) {
    const imm = ins.op.imm;
    if (imm === 'data' || imm === 'datamem' || imm === 'typedata') return true;
  }
  return false;
}

/**
 * Does the module refer to data indices anywhere (memory.init, data.drop, array.new_data …)? Then
 * it gets a data count section, as the binary format requires, and only then (as the reference
 * encoder does).
 */
function usesDataIndices(m: TextModule): boolean {
  return m.funcs.some((f) => exprUsesData(f.body)) || m.globals.some((g) => exprUsesData(g.init)) ||
    m.tables.some((t) => t.init !== null && exprUsesData(t.init)) ||
    m.elems.some((s) => (s.offset !== null && exprUsesData(s.offset)) || s.items.some(exprUsesData)) ||
    m.datas.some((d) => d.offset !== null && exprUsesData(d.offset));
}

/** A section holding one vector; left out when the vector is empty. */
function vecSection<T>(w: ByteWriter, id: number, items: T[], each: (x: T) => void): void {
  if (items.length > 0) w.section(id, () => w.vec(items, each));
}

export interface EncodeOptions {
  /** Append a `name` custom section with the module's id and its function names (debug info). */
  names?: boolean;
}

const utf8 = new TextEncoder();

/** The `name` custom section (spec 7.4): module name (subsection 0), function names (subsection 1). */
function writeNameSection(w: ByteWriter, m: TextModule): void {
  const moduleName = m.moduleName ?? m.id;
  if (moduleName === null && m.funcNames.size === 0) return;
  w.section(0, () => {
    w.name(utf8.encode('name'));
    if (moduleName !== null) w.section(0, () => w.name(utf8.encode(moduleName)));
    if (m.funcNames.size > 0) {
      const names = [...m.funcNames].sort((a, b) => a[0] - b[0]);
      w.section(1, () => w.vec(names, ([index, name]) => {
        w.u32(index);
        w.name(utf8.encode(name));
      }));
    }
  });
}

export function encodeModule(m: TextModule, options: EncodeOptions = {}): Uint8Array {
  const w = new ByteWriter(1024);
  w.bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  vecSection(w, 1, m.types, (g) => {
    if (g.types.length === 1) return writeSubType(w, g.types[0]);
    w.u8(0x4e);
    w.u32(g.types.length);
    for (const s of g.types) writeSubType(w, s);
  });
  vecSection(w, 2, m.imports, (im) => {
    w.name(im.module);
    w.name(im.name);
    writeImportDesc(w, im.desc);
  });
  vecSection(w, 3, m.funcs, (f) => w.u32(f.type));
  vecSection(w, 4, m.tables, (t) => {
    // An initialiser that is the table type's default (ref.null of its own heap type) is left out.
    const init = t.init;
    const h = heapOf(t.type.elem);
    if (init === null || (init.length === 1 && init[0].op.name === 'ref.null' && init[0].a === h)) {
      writeTableType(w, t.type);
    } else {
      w.u8(0x40);
      w.u8(0x00);
      writeTableType(w, t.type);
      writeExpr(w, init);
    }
  });
  vecSection(w, 5, m.memories, (l) => writeLimits(w, l));
  vecSection(w, 13, m.tags, (x) => {
    w.u8(0);
    w.u32(x);
  });
  vecSection(w, 6, m.globals, (g) => {
    writeGlobalType(w, g.type);
    writeExpr(w, g.init);
  });
  vecSection(w, 7, m.exports, (e) => {
    w.name(e.name);
    w.u8(e.kind);
    w.u32(e.index);
  });
  if (m.start !== null) w.section(8, () => w.u32(m.start!));
  vecSection(w, 9, m.elems, (s) => writeElem(w, s));
  if (usesDataIndices(m)) w.section(12, () => w.u32(m.datas.length));
  vecSection(w, 10, m.funcs, (f) => {
    w.sized(() => {
      // Locals in runs of equal types.
      let runs = 0;
      for (let i = 0; i < f.locals.length; i++) if (i === 0 || f.locals[i] !== f.locals[i - 1]) runs++;
      w.u32(runs);
      for (let i = 0; i < f.locals.length; ) {
        let j = i + 1;
        while (j < f.locals.length && f.locals[j] === f.locals[i]) j++;
        w.u32(j - i);
        writeValType(w, f.locals[i]);
        i = j;
      }
      writeExpr(w, f.body);
    });
  });
  vecSection(w, 11, m.datas, (d) => {
    if (d.mode === MODE_PASSIVE) w.u8(1);
    else if (d.memory === 0) {
      w.u8(0);
      writeExpr(w, d.offset!);
    } else {
      w.u8(2);
      w.u32(d.memory);
      writeExpr(w, d.offset!);
    }
    w.name(d.bytes);
  });
  if (options.names) writeNameSection(w, m);
  return m.customs ? withCustoms(w.finish(), m.customs) : w.finish();
}

/**
 * `bytes` (a module this encoder wrote) with the custom sections of `@custom` annotations put in
 * their places: each before the first section whose "before" slot is not earlier than its place,
 * in text order among equal places; the rest after everything (the name section included).
 */
function withCustoms(bytes: Uint8Array, customs: TCustom[]): Uint8Array {
  const order = customs.map((c, i) => [c, i] as const).sort((a, b) => a[0].place - b[0].place || a[1] - b[1]).map(([c]) => c);
  const w = new ByteWriter(bytes.length + 64);
  w.bytes(bytes.subarray(0, 8));
  let next = 0;
  const flush = (upTo: number): void => {
    for (; next < order.length && order[next].place <= upTo; next++) {
      const c = order[next];
      w.section(0, () => {
        w.name(c.name);
        w.bytes(c.bytes);
      });
    }
  };
  for (const r = new Reader(bytes, 8); !r.eof();) {
    const start = r.pos;
    const id = r.u8();
    const size = r.u32();
    r.pos += size;
    flush(id === 0 ? LAST - 1 : 2 * SECTION_ORDER.indexOf(id) + 1);
    w.bytes(bytes.subarray(start, r.pos));
  }
  flush(LAST);
  return w.finish();
}
