// Binary → text-module AST: reads a module's sections into text/ast.ts with module-local indices and
// every encoding choice kept (element segment forms, table initialisers), as the printer needs it
// and as round-trip tests use it (binary → AST → encodeModule must give the same bytes back).
// It reads well-formed modules; binary/decode.ts is the checking decoder. Of the name section only
// the function names are kept; other custom sections are kept whole, placed after the standard
// section they follow (so they print as `@custom` annotations and encode back in place).

import { Reader } from '../binary/reader.js';
import { readNameSection } from '../binary/names.js';
import { SECTION_ORDER } from './annotations.js';
import { readValType, readStorageType, type TypeSpace } from '../binary/valtype.js';
import { Instr, readInstr, readOpcode } from '../binary/instr.js';
import { opByName } from '../syntax/opcodes.js';
import { KIND_FUNC, KIND_STRUCT, KIND_ARRAY, FUNC, refType, type ValType, type CompositeType, type FieldType } from '../syntax/types.js';
import {
  emptyModule, type TextModule, type TExpr, type TInstr, type TSubType, type TLimits, type TTableType, type TImportDesc,
  type TElem, DESC_FUNC, DESC_TABLE, DESC_MEMORY, DESC_GLOBAL, DESC_TAG, MODE_ACTIVE, MODE_PASSIVE, MODE_DECLARATIVE,
} from './ast.js';

const LOCAL: TypeSpace = { map: null, count: 0x7fffffff };

function vec<T>(r: Reader, item: () => T): T[] {
  const out: T[] = [];
  for (let n = r.u32(); n > 0; n--) out.push(item());
  return out;
}

function u64(r: Reader): bigint {
  const lo = r.u64();
  return (BigInt(r.hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

function fieldType(r: Reader): FieldType {
  const type = readStorageType(r, LOCAL);
  return { type, mutable: r.u8() === 1 };
}

function composite(r: Reader): CompositeType {
  const at = r.pos;
  const kind = r.u8();
  if (kind === KIND_FUNC) {
    const params = vec(r, () => readValType(r, LOCAL));
    return { kind, params, results: vec(r, () => readValType(r, LOCAL)) };
  }
  if (kind === KIND_STRUCT) return { kind, fields: vec(r, () => fieldType(r)) };
  if (kind === KIND_ARRAY) return { kind, field: fieldType(r) };
  return r.fail(`malformed composite type 0x${kind.toString(16)}`, at);
}

function subType(r: Reader): TSubType {
  const b = r.bytes[r.pos];
  if (b === 0x50 || b === 0x4f) {
    r.pos++;
    const supers = vec(r, () => r.u32());
    return { final: b === 0x4f, supers, comp: composite(r) };
  }
  return { final: true, supers: [], comp: composite(r) };
}

function limits(r: Reader): TLimits {
  const flags = r.u8();
  const min = u64(r);
  const max = flags & 1 ? u64(r) : null;
  const pageSizeLog2 = flags & 8 ? r.u32() : 16;
  return { min, max, addr64: (flags & 4) !== 0, shared: (flags & 2) !== 0, pageSizeLog2 };
}

function tableType(r: Reader): TTableType {
  const elem = readValType(r, LOCAL);
  return { elem, limits: limits(r) };
}

function globalType(r: Reader): { type: ValType; mutable: boolean } {
  const type = readValType(r, LOCAL);
  return { type, mutable: r.u8() === 1 };
}

/** One instruction into the AST's shape (memargs by hand: their offset is a full u64). */
function instr(r: Reader, scratch: Instr): TInstr {
  const start = r.pos;
  const op = readOpcode(r);
  if (op.imm === 'memarg' || op.imm === 'memlane') {
    let flags = r.u32();
    let mem = 0;
    if (flags & 0x40) {
      flags &= ~0x40;
      mem = r.u32();
    }
    const offset = u64(r);
    const lane = op.imm === 'memlane' ? r.u8() : 0;
    return { op, a: mem, b: flags, c: lane, d: 0, offset };
  }
  r.pos = start;
  readInstr(r, scratch, LOCAL);
  const s = scratch;
  const ins: TInstr = { op, a: s.a, b: s.b, c: s.c, d: s.d };
  switch (op.imm) {
    case 'i32': case 'f32': ins.a = s.lo; break;
    case 'i64': ins.big = (BigInt(s.hi) << 32n) | BigInt(s.lo >>> 0); break;
    case 'f64': ins.a = s.lo; ins.b = s.hi; break;
    case 'v128': case 'shuffle': ins.bytes = s.bytes!.slice(); break;
    case 'labels': ins.labels = s.labels.slice(); break;
    case 'select': ins.types = s.types.slice(); break;
    case 'trytable': ins.catches = s.catches.map((c) => ({ ...c })); break;
  }
  return ins;
}

/** Instructions up to the `end` that closes the expression (not included). */
function expr(r: Reader, scratch: Instr): TExpr {
  const out: TExpr = [];
  let depth = 0;
  for (;;) {
    const ins = instr(r, scratch);
    const imm = ins.op.imm;
    if (imm === 'bt' || imm === 'trytable') depth++;
    else if (ins.op.name === 'end' || ins.op.name === 'delegate') {
      if (depth === 0) return out;
      depth--;
    }
    out.push(ins);
  }
}

function refFunc(x: number): TExpr {
  return [{ op: opByName('ref.func'), a: x, b: 0, c: 0, d: 0 }];
}

function elem(r: Reader, scratch: Instr): TElem {
  const at = r.pos;
  const flags = r.u32();
  if (flags > 7) r.fail('malformed elements segment kind', at);
  const mode = flags & 1 ? (flags & 2 ? MODE_DECLARATIVE : MODE_PASSIVE) : MODE_ACTIVE;
  const table = flags === 2 || flags === 6 ? r.u32() : 0;
  const offset = mode === MODE_ACTIVE ? expr(r, scratch) : null;
  let type = refType(FUNC, flags >= 4);
  if (flags & 4) {
    if (flags !== 4) type = readValType(r, LOCAL);
    return { mode, table, offset, type, items: vec(r, () => expr(r, scratch)) };
  }
  if (flags !== 0 && r.u8() !== 0) r.fail('malformed element kind', r.pos - 1);
  return { mode, table, offset, type, items: vec(r, () => refFunc(r.u32())) };
}

export function binaryToAst(bytes: Uint8Array): TextModule {
  const m = emptyModule();
  const r = new Reader(bytes, 8);
  const scratch = new Instr();
  let funcTypes: number[] = [];
  let place = 0; // (before first) until a standard section is read
  while (!r.eof()) {
    const id = r.u8();
    const size = r.u32();
    if (id !== 0) place = 2 * SECTION_ORDER.indexOf(id) + 2;
    const end = r.pos + size;
    switch (id) {
      case 1:
        m.types = vec(r, () => {
          if (r.bytes[r.pos] !== 0x4e) return { types: [subType(r)] };
          r.pos++;
          return { types: vec(r, () => subType(r)) };
        });
        m.implicitTypesFrom = m.types.reduce((n, g) => n + g.types.length, 0);
        break;
      case 2:
        m.imports = vec(r, () => {
          const module = r.take(r.u32()).slice();
          const name = r.take(r.u32()).slice();
          const kind = r.u8();
          let desc: TImportDesc;
          if (kind === DESC_FUNC) desc = { kind, type: r.u32() };
          else if (kind === DESC_TABLE) desc = { kind, table: tableType(r) };
          else if (kind === DESC_MEMORY) desc = { kind, limits: limits(r) };
          else if (kind === DESC_GLOBAL) desc = { kind, global: globalType(r) };
          else {
            r.u8();
            desc = { kind: DESC_TAG, type: r.u32() };
          }
          return { module, name, desc };
        });
        break;
      case 3: funcTypes = vec(r, () => r.u32()); break;
      case 4:
        m.tables = vec(r, () => {
          if (r.bytes[r.pos] !== 0x40) return { type: tableType(r), init: null };
          r.pos += 2;
          const type = tableType(r);
          return { type, init: expr(r, scratch) };
        });
        break;
      case 5: m.memories = vec(r, () => limits(r)); break;
      case 13: m.tags = vec(r, () => (r.u8(), r.u32())); break;
      case 6:
        m.globals = vec(r, () => {
          const type = globalType(r);
          return { type, init: expr(r, scratch) };
        });
        break;
      case 7:
        m.exports = vec(r, () => {
          const name = r.take(r.u32()).slice();
          const kind = r.u8();
          return { name, kind, index: r.u32() };
        });
        break;
      case 8: m.start = r.u32(); break;
      case 9: m.elems = vec(r, () => elem(r, scratch)); break;
      case 10: {
        let i = 0;
        m.funcs = vec(r, () => {
          const bodyEnd = r.u32() + r.pos;
          const locals: ValType[] = [];
          for (let n = r.u32(); n > 0; n--) {
            const count = r.u32();
            const t = readValType(r, LOCAL);
            for (let k = 0; k < count; k++) locals.push(t);
          }
          const body = expr(r, scratch);
          if (r.pos !== bodyEnd) r.fail('section size mismatch');
          return { type: funcTypes[i++], locals, body };
        });
        break;
      }
      case 11:
        m.datas = vec(r, () => {
          const flags = r.u32();
          const memory = flags === 2 ? r.u32() : 0;
          const offset = flags === 1 ? null : expr(r, scratch);
          return { mode: flags === 1 ? MODE_PASSIVE : MODE_ACTIVE, memory, offset, bytes: r.take(r.u32()).slice() };
        });
        break;
      case 0: {
        const name = r.take(r.u32());
        if (name.length === 4 && String.fromCharCode(...name) === 'name') {
          m.funcNames = readNameSection(bytes, r.pos, end) ?? new Map();
        } else (m.customs ??= []).push({ place, name: name.slice(), bytes: r.take(end - r.pos).slice() });
        r.pos = end;
        break;
      }
      default: // the data count (recomputed by the encoder)
        r.pos = end;
    }
    if (r.pos !== end) r.fail('section size mismatch');
  }
  return m;
}

