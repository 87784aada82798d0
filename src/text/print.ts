// Text-module AST → WAT (the printer behind wasm2wat): flat instructions, numeric indices, floats
// as exact hex literals and NaN payloads, so that parsing the output gives the same module back
// (the round-trip test reads every testsuite binary through binaryToAst → printModule →
// parseModule). No identifiers are invented; the name section is not used yet.

import type { TextModule, TExpr, TInstr, TSubType, TLimits, TTableType, TImportDesc } from './ast.js';
import { DESC_FUNC, DESC_TABLE, DESC_MEMORY, DESC_GLOBAL, MODE_ACTIVE, MODE_DECLARATIVE } from './ast.js';
import {
  type ValType, type CompositeType, type FieldType, type GlobalType, KIND_FUNC, KIND_STRUCT, refType, heapTypeName,
  valTypeName,
} from '../syntax/types.js';
import { BLOCK_EMPTY } from '../binary/valtype.js';
import { isIdChar } from './lexer.js';
import { binaryToAst } from './from-binary.js';
import { SECTION_ORDER, SECTION_WORDS, LAST } from './annotations.js';

const KIND_WORDS = ['func', 'table', 'memory', 'global', 'tag'];

/** A string literal: printable ASCII as is, every other byte as `\hh`. */
export function stringLiteral(bytes: Uint8Array): string {
  let s = '"';
  for (const b of bytes) {
    if (b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c) s += String.fromCharCode(b);
    else s += `\\${b.toString(16).padStart(2, '0')}`;
  }
  return `${s}"`;
}

/** The f32 with these bits as an exact literal. */
export function f32Literal(bits: number): string {
  const sign = bits >>> 31 ? '-' : '';
  const exp = (bits >>> 23) & 0xff;
  const mant = bits & 0x7fffff;
  if (exp === 0xff) return mant === 0 ? `${sign}inf` : `${sign}nan:0x${mant.toString(16)}`;
  const digits = (mant << 1).toString(16).padStart(6, '0');
  if (exp === 0) return mant === 0 ? `${sign}0x0p+0` : `${sign}0x0.${digits}p-126`;
  return `${sign}0x1.${digits}p${exp - 127 >= 0 ? '+' : ''}${exp - 127}`;
}

/** The f64 with these bits (low and high words) as an exact literal. */
export function f64Literal(lo: number, hi: number): string {
  const sign = hi >>> 31 ? '-' : '';
  const exp = (hi >>> 20) & 0x7ff;
  const mantHi = hi & 0xfffff;
  const digits = mantHi.toString(16).padStart(5, '0') + (lo >>> 0).toString(16).padStart(8, '0');
  const zero = mantHi === 0 && lo === 0;
  if (exp === 0x7ff) return zero ? `${sign}inf` : `${sign}nan:0x${BigInt(`0x${digits}`).toString(16)}`;
  if (exp === 0) return zero ? `${sign}0x0p+0` : `${sign}0x0.${digits}p-1022`;
  return `${sign}0x1.${digits}p${exp - 1023 >= 0 ? '+' : ''}${exp - 1023}`;
}

function valType(t: ValType): string {
  return valTypeName(t);
}

function types(word: string, ts: ValType[]): string {
  return ts.length === 0 ? '' : ` (${word} ${ts.map(valType).join(' ')})`;
}

function field(f: FieldType): string {
  return f.mutable ? `(mut ${valType(f.type)})` : valType(f.type);
}

function composite(c: CompositeType): string {
  if (c.kind === KIND_FUNC) return `(func${types('param', c.params)}${types('result', c.results)})`;
  if (c.kind === KIND_STRUCT) return `(struct${c.fields.map((f) => ` (field ${field(f)})`).join('')})`;
  return `(array ${field(c.field)})`;
}

function subType(s: TSubType): string {
  if (s.final && s.supers.length === 0) return composite(s.comp);
  return `(sub${s.final ? ' final' : ''}${s.supers.map((x) => ` ${x}`).join('')} ${composite(s.comp)})`;
}

function limits(l: TLimits): string {
  return `${l.addr64 ? 'i64 ' : ''}${l.min}${l.max !== null ? ` ${l.max}` : ''}${l.shared ? ' shared' : ''}`;
}

function memoryType(l: TLimits): string {
  return `${limits(l)}${l.pageSizeLog2 !== 16 ? ` (pagesize ${2 ** l.pageSizeLog2})` : ''}`;
}

function tableType(t: TTableType): string {
  return `${limits(t.limits)} ${valType(t.elem)}`;
}

function globalType(g: GlobalType): string {
  return g.mutable ? `(mut ${valType(g.type)})` : valType(g.type);
}

function blockType(bt: number): string {
  if (bt === BLOCK_EMPTY) return '';
  if (bt <= -2) return ` (type ${-2 - bt})`;
  return ` (result ${valType(bt)})`;
}

function memarg(ins: TInstr): string {
  let s = ins.a !== 0 ? ` ${ins.a}` : '';
  if (ins.offset !== undefined && ins.offset !== 0n) s += ` offset=${ins.offset}`;
  if (ins.b !== ins.op.align) s += ` align=${1n << BigInt(ins.b)}`;
  return s;
}

/** How function indices are written: `$id` where the function has a usable name, else the number. */
export type FuncRef = (index: number) => string;
const numeric: FuncRef = (i) => `${i}`;

/** Identifiers for named functions: `$name`, or `$"name"` when it has other characters; no duplicates. */
function funcIds(names: Map<number, string>, count: number): FuncRef {
  const ids = new Map<number, string>();
  const taken = new Set<string>();
  for (const [index, name] of [...names].sort((a, b) => a[0] - b[0])) {
    if (name === '' || index >= count) continue; // an id must belong to a function that is printed
    let plain = true;
    for (let i = 0; i < name.length && plain; i++) plain = isIdChar(name.charCodeAt(i));
    const id = plain ? `$${name}` : `$${stringLiteral(new TextEncoder().encode(name))}`;
    if (taken.has(id)) continue;
    taken.add(id);
    ids.set(index, id);
  }
  return (i) => ids.get(i) ?? `${i}`;
}

/** One instruction's text, without indentation. */
export function instrText(ins: TInstr, func: FuncRef = numeric): string {
  const op = ins.op;
  const name = op.name;
  switch (op.imm) {
    case 'none':
      return name;
    case 'bt':
      return name + blockType(ins.a);
    case 'func':
      return `${name} ${func(ins.a)}`;
    case 'label': case 'type': case 'local': case 'global': case 'table': case 'mem':
    case 'tag': case 'data': case 'elem': case 'lane':
      return `${name} ${ins.a}`;
    case 'labels':
      return `${name} ${ins.labels!.join(' ')}`;
    case 'memarg':
      return name + memarg(ins);
    case 'memlane':
      return `${name}${memarg(ins)} ${ins.c}`;
    case 'i32':
      return `${name} ${ins.a | 0}`;
    case 'i64':
      return `${name} ${ins.big ?? 0n}`;
    case 'f32':
      return `${name} ${f32Literal(ins.a >>> 0)}`;
    case 'f64':
      return `${name} ${f64Literal(ins.a, ins.b)}`;
    case 'v128': {
      const v = new DataView(ins.bytes!.buffer, ins.bytes!.byteOffset, 16);
      const lanes = [0, 4, 8, 12].map((i) => `0x${v.getUint32(i, true).toString(16).padStart(8, '0')}`);
      return `${name} i32x4 ${lanes.join(' ')}`;
    }
    case 'shuffle':
      return `${name} ${Array.from(ins.bytes!).join(' ')}`;
    case 'indirect':
      return `${name} ${ins.b} (type ${ins.a})`;
    case 'select': // the typed form, even with no types
      return `${name} (result${ins.types!.map((t) => ` ${valType(t)}`).join('')})`;
    case 'heap':
      if (name === 'ref.null') return `${name} ${heapTypeName(ins.a)}`;
      // ref.test/ref.cast: the even code is the non-null form.
      return `${name} ${valType(refType(ins.a, (op.code & 1) === 1))}`;
    case 'memmem': case 'tabtab': case 'field': case 'typelen': case 'typedata': case 'typeelem': case 'typetype':
      return `${name} ${ins.a} ${ins.b}`;
    case 'datamem': case 'elemtab': // written memory/table first, encoded data/elem first
      return `${name} ${ins.b} ${ins.a}`;
    case 'cast':
      return `${name} ${ins.b} ${valType(refType(ins.c, (ins.a & 1) !== 0))} ${valType(refType(ins.d, (ins.a & 2) !== 0))}`;
    case 'trytable': {
      const words = ['catch', 'catch_ref', 'catch_all', 'catch_all_ref'];
      const catches = ins.catches!.map((c) => ` (${words[c.kind]}${c.kind < 2 ? ` ${c.tag}` : ''} ${c.label})`);
      return name + blockType(ins.a) + catches.join('');
    }
  }
}

/** Instructions one per line, indented by block depth. */
function body(e: TExpr, indent: string, out: string[], func: FuncRef): void {
  let depth = 0;
  for (const ins of e) {
    const name = ins.op.name;
    const closes = name === 'end' || name === 'else' || name === 'catch' || name === 'catch_all' || name === 'delegate';
    if (closes) depth--;
    out.push(`${indent}${'  '.repeat(Math.max(0, depth))}${instrText(ins, func)}`);
    if (closes && name !== 'end' && name !== 'delegate') depth++;
    if (ins.op.imm === 'bt' || ins.op.imm === 'trytable') depth++;
  }
}

function importDesc(d: TImportDesc, id: string): string {
  switch (d.kind) {
    case DESC_FUNC: return `(func${id} (type ${d.type}))`;
    case DESC_TABLE: return `(table ${tableType(d.table)})`;
    case DESC_MEMORY: return `(memory ${memoryType(d.limits)})`;
    case DESC_GLOBAL: return `(global ${globalType(d.global)})`;
    default: return `(tag (type ${d.type}))`;
  }
}

export function printModule(m: TextModule): string {
  const func = funcIds(m.funcNames, m.imports.filter((im) => im.desc.kind === DESC_FUNC).length + m.funcs.length);
  const inline = (e: TExpr): string => e.map((ins) => instrText(ins, func)).join(' ');
  /** ` $id` for a named function, else nothing. */
  const idOf = (i: number): string => (func(i).startsWith('$') ? ` ${func(i)}` : '');
  const out: string[] = [m.id !== null ? `(module $${m.id}` : '(module'];
  for (const g of m.types) {
    if (g.types.length === 1) out.push(`  (type ${subType(g.types[0])})`);
    else out.push(`  (rec${g.types.map((t) => ` (type ${subType(t)})`).join('')})`);
  }
  let funcIndex = 0;
  for (const im of m.imports) {
    const id = im.desc.kind === DESC_FUNC ? idOf(funcIndex++) : '';
    out.push(`  (import ${stringLiteral(im.module)} ${stringLiteral(im.name)} ${importDesc(im.desc, id)})`);
  }
  for (const t of m.tables) out.push(`  (table ${tableType(t.type)}${t.init ? ` ${inline(t.init)}` : ''})`);
  for (const l of m.memories) out.push(`  (memory ${memoryType(l)})`);
  for (const x of m.tags) out.push(`  (tag (type ${x}))`);
  for (const g of m.globals) out.push(`  (global ${globalType(g.type)} ${inline(g.init)})`);
  for (const e of m.exports) {
    out.push(`  (export ${stringLiteral(e.name)} (${KIND_WORDS[e.kind]} ${e.kind === DESC_FUNC ? func(e.index) : e.index}))`);
  }
  if (m.start !== null) out.push(`  (start ${func(m.start)})`);
  for (const s of m.elems) {
    const items = s.items.map((e) => ` (item ${inline(e)})`).join('');
    const type = valType(s.type);
    if (s.mode === MODE_ACTIVE) out.push(`  (elem (table ${s.table}) (offset ${inline(s.offset!)}) ${type}${items})`);
    else out.push(`  (elem${s.mode === MODE_DECLARATIVE ? ' declare' : ''} ${type}${items})`);
  }
  for (const f of m.funcs) {
    out.push(`  (func${idOf(funcIndex++)} (type ${f.type})${f.locals.length ? ` (local ${f.locals.map(valType).join(' ')})` : ''}`);
    body(f.body, '    ', out, func);
    out[out.length - 1] += ')';
  }
  for (const d of m.datas) {
    const where = d.mode === MODE_ACTIVE ? ` (memory ${d.memory}) (offset ${inline(d.offset!)})` : '';
    out.push(`  (data${where} ${stringLiteral(d.bytes)})`);
  }
  for (const c of m.customs ?? []) out.push(`  (@custom ${stringLiteral(c.name)} ${placement(c.place)} ${stringLiteral(c.bytes)})`);
  out[out.length - 1] += ')';
  return out.join('\n') + '\n';
}

/** A custom section's place (text/annotations.ts) as a placement directive. */
function placement(place: number): string {
  if (place === 0) return '(before first)';
  if (place === LAST) return '(after last)';
  const id = SECTION_ORDER[(place - 1) >> 1];
  if (id === 13) return place % 2 === 1 ? '(after memory)' : '(before global)'; // the tag section has no keyword
  return `(${place % 2 === 1 ? 'before' : 'after'} ${SECTION_WORDS[id]})`;
}

/** A binary module as text (wasm2wat). The bytes should have passed binary/decode.ts. */
export function printBinary(bytes: Uint8Array): string {
  return printModule(binaryToAst(bytes));
}
