// The binary decoder (spec 5.5 "Modules"): bytes → Module. It checks everything the binary grammar
// says (section order and sizes, counts, encodings, UTF-8) and leaves typing rules to valid/.
// Function bodies are not walked here: they stay byte ranges that the body validator reads once.
// Constant expressions are walked only to find their `end` and to collect C.refs.

import { Reader } from './reader.js';
import { CompileError } from '../api/errors.js';
import { readHeapType, readStorageType, readValType, type TypeSpace } from './valtype.js';
import { Instr, readInstr } from './instr.js';
import { registerRecGroup, canonType } from '../syntax/canon.js';
import {
  type ValType, type SubType, type CompositeType, type FieldType, type Limits, type TableType,
  KIND_FUNC, KIND_STRUCT, KIND_ARRAY, FUNC, refType, isRef, FUNCREF,
  EXTERNAL_FUNC, EXTERNAL_TABLE, EXTERNAL_MEMORY, EXTERNAL_GLOBAL, EXTERNAL_TAG,
} from '../syntax/types.js';
import {
  type Module, type Expr, type ElemSegment, type GlobalDef, SEG_ACTIVE, SEG_PASSIVE, SEG_DECLARATIVE,
} from '../syntax/module.js';
import { readNameSection } from './names.js';
import { LIMITS, checkLimit } from './limits.js';

const NO_LOCALS = Object.freeze([]) as unknown as ValType[];

/** The JS API's limit on the depth of a subtype chain (a type without supertype has depth 0). */
export const MAX_SUBTYPE_DEPTH = 63;

/** More declared locals than the JS API allows: refuse before allocating them. */
export const MAX_LOCALS = LIMITS.locals;

const SEC_CUSTOM = 0;
const SEC_TYPE = 1;
const SEC_IMPORT = 2;
const SEC_FUNC = 3;
const SEC_TABLE = 4;
const SEC_MEMORY = 5;
const SEC_GLOBAL = 6;
const SEC_EXPORT = 7;
const SEC_START = 8;
const SEC_ELEM = 9;
const SEC_CODE = 10;
const SEC_DATA = 11;
const SEC_DATACOUNT = 12;
const SEC_TAG = 13;

/** Position of each section id in the required order (the tag section sits between memory and global). */
const ORDER: number[] = [];
[SEC_TYPE, SEC_IMPORT, SEC_FUNC, SEC_TABLE, SEC_MEMORY, SEC_TAG, SEC_GLOBAL, SEC_EXPORT, SEC_START,
  SEC_ELEM, SEC_DATACOUNT, SEC_CODE, SEC_DATA].forEach((id, i) => (ORDER[id] = i + 1));

export function emptyModule(bytes: Uint8Array): Module {
  return {
    bytes, types: [], typeDefs: [], recGroupStart: [], imports: [], funcs: [], tables: [], memories: [],
    globals: [], tags: [], exports: [], start: null, elems: [], datas: [], dataCount: null, codes: [],
    customs: [], numImportedFuncs: 0, numImportedTables: 0, numImportedMemories: 0, numImportedGlobals: 0,
    numImportedTags: 0, declaredFuncRefs: new Set(), funcNames: null,
    sites: { types: [], funcs: [], tables: [], memories: [], globals: [], tags: [], exports: [], elems: [], datas: [], start: 0 },
  };
}

export function decodeModule(bytes: Uint8Array): Module {
  const r = new Reader(bytes);
  // Like the reference interpreter: the magic and the version are each read whole, then compared.
  if (bytes.length < 4) r.fail('unexpected end (magic header)', 0);
  if (bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) r.fail('magic header not detected', 0);
  if (bytes.length < 8) r.fail('unexpected end (binary version)', 4);
  if (bytes[4] !== 1 || bytes[5] !== 0 || bytes[6] !== 0 || bytes[7] !== 0) r.fail('unknown binary version', 4);
  r.pos = 8;
  const d = new Decoder(r, emptyModule(bytes));
  try {
    d.sections();
  } catch (e) {
    // The reference interpreter decodes each function body where it stands, so a malformed body
    // is reported before anything malformed after the code section: look for one first.
    if (d.codeCount >= 0) firstMalformedBody(d.m);
    throw e;
  }
  if (Math.max(d.funcCount, 0) !== Math.max(d.codeCount, 0)) r.fail('function and code section have inconsistent lengths');
  const m = d.m;
  if (m.dataCount !== null && m.dataCount !== m.datas.length) {
    r.fail('data count and data section have inconsistent lengths');
  }
  return m;
}

/** Throws the decoding error of the first function body that is malformed, if any. */
function firstMalformedBody(m: Module): void {
  const space: TypeSpace = { map: m.types, count: m.types.length };
  const ins = new Instr();
  for (const c of m.codes) {
    const r = new Reader(m.bytes, c.start, c.end);
    try {
      while (r.pos < r.end) readInstr(r, ins, space);
    } catch (e) {
      // Only encoding errors: typing errors (an unknown type index) come after decoding.
      if (e instanceof CompileError && !/unknown type/.test(e.message)) throw e;
      return;
    }
  }
}

/** Section readers sharing the reader, the module under construction and a scratch instruction. */
class Decoder {
  private readonly ins = new Instr();
  /** Subtype depth of each type so far, by module-local index. */
  private readonly depths: number[] = [];
  /** Concrete heap types in instructions and non-type sections are canonical ids. */
  private readonly space: TypeSpace;

  constructor(readonly r: Reader, readonly m: Module) {
    this.space = { map: m.types, count: 0 };
  }

  /** Entries of the function and code sections, -1 while the section has not been seen. */
  funcCount = -1;
  codeCount = -1;
  private last = 0;

  /** All sections, in order (spec 5.5.2): each id once, custom sections anywhere. */
  sections(): void {
    const r = this.r;
    const size = r.bytes.length;
    while (r.pos < size) {
      const at = r.pos;
      const id = r.u8();
      const rank = ORDER[id];
      if (rank === undefined && id !== SEC_CUSTOM) r.fail(`malformed section id ${id}`, at);
      // Messages follow the reference interpreter: a section in the wrong place is content after
      // the (last valid) section.
      if (id !== SEC_CUSTOM && rank <= this.last) {
        r.fail(`unexpected content after last section (section ${id} ${rank === this.last ? 'repeated' : 'out of order'})`, at);
      }
      const length = r.u32();
      if (length > size - r.pos) r.fail(`length out of bounds: section size ${length}, unexpected end`, at);
      const end = r.pos + length;
      r.end = end;
      if (id === SEC_CUSTOM) {
        this.custom(end);
      } else {
        this.last = rank;
        switch (id) {
          case SEC_TYPE: this.types(); break;
          case SEC_IMPORT: this.imports(); break;
          case SEC_FUNC: this.funcCount = this.funcs(); break;
          case SEC_TABLE: this.tables(); break;
          case SEC_MEMORY: this.memories(); break;
          case SEC_TAG: this.tags(); break;
          case SEC_GLOBAL: this.globals(); break;
          case SEC_EXPORT: this.exports(); break;
          case SEC_START:
            this.m.sites.start = r.pos;
            this.m.start = r.u32();
            break;
          case SEC_ELEM: this.elems(); break;
          case SEC_DATACOUNT: {
            const at = r.pos;
            this.m.dataCount = r.u32();
            checkLimit(r, 'number of data segments', this.m.dataCount, LIMITS.dataSegments, at);
            break;
          }
          case SEC_CODE: this.codeCount = this.codes(); break;
          case SEC_DATA: this.datas(); break;
        }
      }
      if (r.pos !== end) r.fail('section size mismatch', r.pos);
      r.end = size;
    }
  }

  custom(end: number): void {
    const r = this.r;
    const name = r.name();
    this.m.customs.push({ name, start: r.pos, end });
    // The name section is debugging information: a damaged one never fails the module.
    if (name === 'name' && this.m.funcNames === null) this.m.funcNames = readNameSection(r.bytes, r.pos, end);
    r.pos = end;
  }

  types(): void {
    const r = this.r;
    const m = this.m;
    const at = r.pos;
    const n = r.count(1);
    checkLimit(r, 'number of recursion groups', n, LIMITS.recGroups, at);
    for (let i = 0; i < n; i++) {
      const groupStart = m.types.length;
      let size = 1;
      if (r.bytes[r.pos] === 0x4e && r.pos < r.end) {
        r.pos++;
        const sat = r.pos;
        size = r.count(1);
        checkLimit(r, 'number of types', groupStart + size, LIMITS.types, sat);
      } else checkLimit(r, 'number of types', groupStart + 1, LIMITS.types, r.pos);
      // Indices inside a rec group may refer to any member of it, but to nothing later.
      const local: TypeSpace = { map: null, count: groupStart + size };
      const group: SubType[] = [];
      for (let k = 0; k < size; k++) {
        const at = r.pos;
        m.sites.types.push(at);
        const sub = this.subType(local);
        // Subtype depth is bounded (JS API: 63) before registration, which stores every type's
        // whole supertype chain: an unbounded chain would cost quadratic time and memory.
        const x = sub.supers.length > 0 ? sub.supers[0] : -1;
        const depth = x >= 0 && x < groupStart + k ? this.depths[x] + 1 : 0;
        if (depth > MAX_SUBTYPE_DEPTH) r.fail(`subtype depth ${depth} exceeds the limit of ${MAX_SUBTYPE_DEPTH}`, at);
        this.depths.push(depth);
        group.push(sub);
      }
      const ids = registerRecGroup(group, groupStart, m.types);
      for (const id of ids) {
        m.types.push(id);
        m.typeDefs.push(canonType(id).sub);
        m.recGroupStart.push(groupStart);
      }
    }
    this.space.count = m.types.length;
  }

  private subType(space: TypeSpace): SubType {
    const r = this.r;
    const b = r.bytes[r.pos];
    if (r.pos < r.end && (b === 0x4f || b === 0x50)) {
      r.pos++;
      const n = r.count(1);
      const supers: number[] = [];
      for (let i = 0; i < n; i++) {
        const at = r.pos;
        const x = r.u32();
        if (x >= space.count) r.fail(`unknown type ${x}`, at);
        supers.push(x);
      }
      return { final: b === 0x4f, supers, comp: this.compType(space) };
    }
    return { final: true, supers: [], comp: this.compType(space) };
  }

  private compType(space: TypeSpace): CompositeType {
    const r = this.r;
    const at = r.pos;
    const kind = r.u8();
    switch (kind) {
      case KIND_FUNC: {
        const params = this.resultType(space, 'number of parameters', LIMITS.params);
        const results = this.resultType(space, 'number of results', LIMITS.results);
        return { kind, params, results };
      }
      case KIND_STRUCT: {
        const nat = r.pos;
        const n = r.count(2);
        checkLimit(r, 'number of struct fields', n, LIMITS.structFields, nat);
        const fields: FieldType[] = [];
        for (let i = 0; i < n; i++) fields.push(this.fieldType(space));
        return { kind, fields };
      }
      case KIND_ARRAY:
        return { kind, field: this.fieldType(space) };
      default:
        // The reference interpreter reads this byte as a signed LEB128 (s7).
        return r.fail(`malformed composite type 0x${kind.toString(16)}${kind & 0x80 ? ' (integer representation too long)' : ''}`, at);
    }
  }

  private resultType(space: TypeSpace, what: string, limit: number): ValType[] {
    const at = this.r.pos;
    const n = this.r.count(1);
    checkLimit(this.r, what, n, limit, at);
    const out: ValType[] = [];
    for (let i = 0; i < n; i++) out.push(readValType(this.r, space));
    return out;
  }

  private fieldType(space: TypeSpace): FieldType {
    const type = readStorageType(this.r, space);
    return { type, mutable: this.mut() };
  }

  private mut(): boolean {
    const at = this.r.pos;
    const b = this.r.u8();
    if (b > 1) this.r.fail('malformed mutability', at);
    return b === 1;
  }

  imports(): void {
    const r = this.r;
    const m = this.m;
    const at0 = r.pos;
    const n = r.count(3);
    checkLimit(r, 'number of imports', n, LIMITS.imports, at0);
    const sites = m.sites;
    for (let i = 0; i < n; i++) {
      const site = r.pos;
      const module = r.name();
      const name = r.name();
      const at = r.pos;
      const kind = r.u8();
      let index = 0;
      switch (kind) {
        case EXTERNAL_FUNC:
          sites.funcs.push(site);
          index = m.funcs.length;
          m.funcs.push(r.u32());
          m.numImportedFuncs++;
          break;
        case EXTERNAL_TABLE:
          index = m.tables.length;
          checkLimit(r, 'number of tables', m.tables.length + 1, LIMITS.tables, site);
          sites.tables.push(site);
          m.tables.push({ type: this.tableType(), init: null });
          m.numImportedTables++;
          break;
        case EXTERNAL_MEMORY:
          index = m.memories.length;
          checkLimit(r, 'number of memories', m.memories.length + 1, LIMITS.memories, site);
          sites.memories.push(site);
          m.memories.push({ limits: this.limits(true) });
          m.numImportedMemories++;
          break;
        case EXTERNAL_GLOBAL:
          sites.globals.push(site);
          index = m.globals.length;
          m.globals.push({ type: { type: readValType(r, this.space), mutable: this.mut() }, init: null });
          m.numImportedGlobals++;
          break;
        case EXTERNAL_TAG:
          sites.tags.push(site);
          index = m.tags.length;
          m.tags.push({ typeIndex: this.tagType() });
          m.numImportedTags++;
          break;
        default:
          r.fail(`malformed import kind ${kind}`, at);
      }
      m.imports.push({ module, name, kind, index });
    }
  }

  funcs(): number {
    const at = this.r.pos;
    const n = this.r.count(1);
    checkLimit(this.r, 'number of functions', n, LIMITS.functions, at);
    for (let i = 0; i < n; i++) {
      this.m.sites.funcs.push(this.r.pos);
      this.m.funcs.push(this.r.u32());
    }
    return n;
  }

  private tagType(): number {
    const at = this.r.pos;
    if (this.r.u8() !== 0) this.r.fail('malformed tag attribute', at);
    return this.r.u32();
  }

  /** Limits (spec 5.3.7): flag bits 0 = has max, 1 = shared, 2 = 64-bit, 3 = custom page size. */
  private limits(memory: boolean): Limits {
    const r = this.r;
    const at = r.pos;
    const flags = r.u8();
    if (flags > (memory ? 15 : 5) || (!memory && flags & 2)) r.fail(`malformed limits flags 0x${flags.toString(16)}`, at);
    const min = r.u64AsNumber();
    const max = flags & 1 ? r.u64AsNumber() : null;
    let pageSizeLog2 = 16;
    if (flags & 8) {
      const p = r.pos;
      pageSizeLog2 = r.u32();
      if (pageSizeLog2 > 64) r.fail('malformed custom page size', p);
    }
    return { min, max, addr64: (flags & 4) !== 0, shared: (flags & 2) !== 0, pageSizeLog2 };
  }

  private tableType(): TableType {
    const r = this.r;
    const at = r.pos;
    const elem = readValType(r, this.space);
    if (!isRef(elem)) r.fail('malformed reference type', at);
    return { elem, limits: this.limits(false) };
  }

  tables(): void {
    const r = this.r;
    const at = r.pos;
    const n = r.count(2);
    checkLimit(r, 'number of tables', this.m.tables.length + n, LIMITS.tables, at);
    for (let i = 0; i < n; i++) {
      this.m.sites.tables.push(r.pos);
      if (r.bytes[r.pos] === 0x40 && r.pos < r.end) {
        r.pos++;
        const at = r.pos;
        if (r.u8() !== 0) r.fail('malformed table (reserved byte)', at);
        const type = this.tableType();
        this.m.tables.push({ type, init: this.expr() });
      } else {
        this.m.tables.push({ type: this.tableType(), init: null });
      }
    }
  }

  memories(): void {
    const at = this.r.pos;
    const n = this.r.count(2);
    checkLimit(this.r, 'number of memories', this.m.memories.length + n, LIMITS.memories, at);
    for (let i = 0; i < n; i++) {
      this.m.sites.memories.push(this.r.pos);
      this.m.memories.push({ limits: this.limits(true) });
    }
  }

  tags(): void {
    const at = this.r.pos;
    const n = this.r.count(2);
    checkLimit(this.r, 'number of tags', n, LIMITS.tags, at);
    for (let i = 0; i < n; i++) {
      this.m.sites.tags.push(this.r.pos);
      this.m.tags.push({ typeIndex: this.tagType() });
    }
  }

  globals(): void {
    const r = this.r;
    const at = r.pos;
    const n = r.count(3);
    checkLimit(r, 'number of globals', n, LIMITS.globals, at);
    for (let i = 0; i < n; i++) {
      this.m.sites.globals.push(r.pos);
      const type = readValType(r, this.space);
      const g: GlobalDef = { type: { type, mutable: this.mut() }, init: null };
      g.init = this.expr();
      this.m.globals.push(g);
    }
  }

  exports(): void {
    const r = this.r;
    const at0 = r.pos;
    const n = r.count(3);
    checkLimit(r, 'number of exports', n, LIMITS.exports, at0);
    for (let i = 0; i < n; i++) {
      this.m.sites.exports.push(r.pos);
      const name = r.name();
      const at = r.pos;
      const kind = r.u8();
      if (kind > EXTERNAL_TAG) r.fail(`malformed export kind ${kind}`, at);
      const index = r.u32();
      if (kind === EXTERNAL_FUNC) this.m.declaredFuncRefs.add(index);
      this.m.exports.push({ name, kind, index });
    }
  }

  elems(): void {
    const r = this.r;
    const n = r.count(1);
    for (let i = 0; i < n; i++) {
      const at = r.pos;
      this.m.sites.elems.push(at);
      const flags = r.u32();
      if (flags > 7) r.fail(`malformed elements segment kind ${flags}`, at);
      const mode = flags & 1 ? (flags & 2 ? SEG_DECLARATIVE : SEG_PASSIVE) : SEG_ACTIVE;
      const table = flags === 2 || flags === 6 ? r.u32() : 0;
      const offset = mode === SEG_ACTIVE ? this.expr() : null;
      const seg: ElemSegment = { mode, table, offset, type: FUNCREF, funcs: null, exprs: null };
      if (flags & 4) {
        // Element expressions: the type is explicit, except in encoding 4 where it is funcref.
        if (flags !== 4) {
          const tat = r.pos;
          seg.type = readValType(r, this.space);
          if (!isRef(seg.type)) r.fail('malformed reference type', tat);
        }
        const kat = r.pos;
        const k = r.count(2);
        checkLimit(r, 'number of table entries in a segment', k, LIMITS.tableInitEntries, kat);
        const exprs: Expr[] = [];
        for (let j = 0; j < k; j++) exprs.push(this.expr());
        seg.exprs = exprs;
      } else {
        // Function indices: encoding 0 and the element kind 0x00 both mean (ref func).
        seg.type = refType(FUNC, false);
        if (flags !== 0) {
          const kat = r.pos;
          if (r.u8() !== 0) r.fail('malformed element kind', kat);
        }
        const nat = r.pos;
        const k = r.count(1);
        checkLimit(r, 'number of table entries in a segment', k, LIMITS.tableInitEntries, nat);
        const funcs = new Uint32Array(k);
        for (let j = 0; j < k; j++) {
          funcs[j] = r.u32();
          this.m.declaredFuncRefs.add(funcs[j]);
        }
        seg.funcs = funcs;
      }
      this.m.elems.push(seg);
    }
  }

  codes(): number {
    const r = this.r;
    const m = this.m;
    const at = r.pos;
    const n = r.count(2);
    checkLimit(r, 'number of functions', n, LIMITS.functions, at);
    for (let i = 0; i < n; i++) {
      const offset = r.pos;
      const size = r.u32();
      if (size > r.end - r.pos) r.fail('function body size out of bounds (unexpected end)', offset);
      // The limit counts the body after its size field, locals included.
      checkLimit(r, 'function body size', size, LIMITS.bodySize, offset);
      const end = r.pos + size;
      const sectionEnd = r.end;
      r.end = end;
      // Sum the run lengths before expanding them: a lying count must not allocate.
      const runs = r.count(2);
      const runsAt = r.pos;
      let total = 0;
      for (let k = 0; k < runs; k++) {
        const at = r.pos;
        total += r.u32();
        if (total > MAX_LOCALS) r.fail('too many locals', at);
        readValType(r, this.space);
      }
      // Most small functions declare no locals: they share one frozen empty list.
      const locals: ValType[] = total === 0 ? NO_LOCALS : new Array(total);
      r.pos = runsAt;
      let j = 0;
      for (let k = 0; k < runs; k++) {
        const c = r.u32();
        const t = readValType(r, this.space);
        for (let q = 0; q < c; q++) locals[j++] = t;
      }
      m.codes.push({ locals, start: r.pos, end, offset });
      r.pos = end;
      r.end = sectionEnd;
    }
    return n;
  }

  datas(): void {
    const r = this.r;
    const at0 = r.pos;
    const n = r.count(1);
    checkLimit(r, 'number of data segments', n, LIMITS.dataSegments, at0);
    for (let i = 0; i < n; i++) {
      const at = r.pos;
      this.m.sites.datas.push(at);
      const flags = r.u32();
      if (flags > 2) r.fail(`malformed data segment kind ${flags}`, at);
      const memory = flags === 2 ? r.u32() : 0;
      const offset = flags === 1 ? null : this.expr();
      const len = r.u32();
      if (len > r.end - r.pos) r.fail('unexpected end of section or function (data segment length out of bounds)', r.pos);
      this.m.datas.push({ mode: flags === 1 ? SEG_PASSIVE : SEG_ACTIVE, memory, offset, start: r.pos, end: r.pos + len });
      r.pos += len;
    }
  }

  /**
   * A constant expression: reads instructions up to the `end` that closes it (nested blocks are
   * tracked so the grammar is honoured, though the validator will refuse them), collecting ref.func.
   */
  private expr(): Expr {
    const r = this.r;
    const ins = this.ins;
    const start = r.pos;
    let depth = 0;
    for (;;) {
      readInstr(r, ins, this.space);
      const name = ins.op.name;
      if (name === 'end' || name === 'delegate') {
        if (depth === 0) {
          if (name === 'end') return { start, end: r.pos };
          r.fail('malformed constant expression (delegate outside a try)', ins.pos);
        }
        depth--;
      } else if (name === 'ref.func') {
        this.m.declaredFuncRefs.add(ins.a);
      } else if (ins.op.imm === 'bt' || ins.op.imm === 'trytable') {
        if (name !== 'else') depth++;
      }
    }
  }
}

