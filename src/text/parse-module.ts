// Modules in the text format (spec text/modules.rst). Parsing takes three passes over the fields:
//  1. bind every identifier of every index space (all of them scope over the whole module) and
//     check that imports precede definitions;
//  2. parse the explicit type definitions (type uses below need them, and implicit types are
//     appended after them);
//  3. parse everything else in text order, expanding the abbreviations (inline imports, exports,
//     elements and data) into the AST of text/ast.ts.

import { Cursor, errorAt, headKeyword, headIndex } from './cursor.js';
import { ModuleContext, type Space, isIndexToken } from './context.js';
import {
  parseSubType, parseTypeUse, parseDecls, parseTableType, parseMemoryType, parseGlobalType,
  parseAddrType, tryRefType, parsePageSize,
} from './parse-types.js';
import { constContext, parseExpr, parseInstrs, type BodyContext } from './parse-instr.js';
import { decodeName } from './lexer.js';
import { readAnnotations } from './annotations.js';
import type { SExpr, SList } from './sexpr.js';
import {
  type TextModule, type TExpr, type TImportDesc, type TInstr, type TRecGroup,
  DESC_FUNC, DESC_TABLE, DESC_MEMORY, DESC_GLOBAL, DESC_TAG, MODE_ACTIVE, MODE_PASSIVE, MODE_DECLARATIVE,
} from './ast.js';
import { opByName } from '../syntax/opcodes.js';
import { refType, FUNC, type ValType, type FuncType } from '../syntax/types.js';

const KIND_OF: Record<string, number> = { func: DESC_FUNC, table: DESC_TABLE, memory: DESC_MEMORY, global: DESC_GLOBAL, tag: DESC_TAG };
const KIND_NAMES = ['function', 'table', 'memory', 'global', 'tag'];

function spaceOf(mc: ModuleContext, kind: number): Space {
  return [mc.funcs, mc.tables, mc.memories, mc.globals, mc.tags][kind];
}

function headOf(e: SExpr): string | null {
  return e.kind === 'list' ? headKeyword(e) : null;
}

/** The module fields of a `(module …)` body: annotation-free lists. */
function fieldList(fields: SExpr[]): SList[] {
  const out: SList[] = [];
  for (const f of fields) {
    if (f.kind === 'list' && f.annot !== null) continue;
    if (f.kind !== 'list' || headOf(f) === null) throw errorAt(f, `expected a module field (unexpected token)`);
    out.push(f);
  }
  return out;
}

/** A name string, checked to be valid UTF-8. */
function nameOf(cur: Cursor): Uint8Array {
  const e = cur.peek();
  const bytes = cur.string('a name');
  if (decodeName(bytes) === null) throw errorAt(e!, 'malformed UTF-8 encoding');
  return bytes;
}

/** The inline `(import "m" "n")` of a definition, if any (after its id and inline exports). */
function inlineImport(f: SList): SList | null {
  const cur = Cursor.of(f);
  cur.id();
  while (cur.list('export'));
  return cur.list('import');
}

// ---- pass 1: identifiers ----

function bindIds(mc: ModuleContext, fields: SList[]): void {
  let firstDefinition: string | null = null;
  for (const f of fields) {
    const head = headOf(f)!;
    const cur = Cursor.of(f);
    switch (head) {
      case 'type':
        mc.types.add(cur.id(), f);
        break;
      case 'rec':
        while (!cur.done()) {
          const t = cur.list('type');
          if (!t) throw cur.error('expected (type …)');
          mc.types.add(Cursor.of(t).id(), t);
        }
        break;
      case 'import': {
        if (firstDefinition !== null) throw errorAt(f, `import after ${firstDefinition}`);
        cur.next();
        cur.next();
        const desc = cur.peek();
        const kind = desc ? KIND_OF[headOf(desc) ?? ''] : undefined;
        if (kind === undefined) throw cur.error('expected an import description');
        spaceOf(mc, kind).add(Cursor.of(desc as SList).id(), desc!);
        break;
      }
      case 'func': case 'table': case 'memory': case 'global': case 'tag': {
        const kind = KIND_OF[head];
        const imported = inlineImport(f) !== null;
        if (imported && firstDefinition !== null) throw errorAt(f, `import after ${firstDefinition}`);
        if (!imported && firstDefinition === null) firstDefinition = KIND_NAMES[kind];
        spaceOf(mc, kind).add(cur.id(), f);
        if (!imported && head === 'table' && f.items.some((e) => headOf(e) === 'elem')) mc.elems.add(null, f);
        if (!imported && head === 'memory' && f.items.some((e) => headOf(e) === 'data')) mc.datas.add(null, f);
        break;
      }
      case 'elem':
        mc.elems.add(cur.id(), f);
        break;
      case 'data':
        mc.datas.add(cur.id(), f);
        break;
      case 'export': case 'start':
        break;
      default:
        throw errorAt(f, `unknown module field ${head} (unexpected token)`);
    }
  }
}

// ---- pass 2: type definitions ----

function parseTypes(mc: ModuleContext, fields: SList[]): void {
  const groups: SList[][] = [];
  for (const f of fields) {
    const head = headOf(f);
    if (head === 'type') groups.push([f]);
    else if (head === 'rec') groups.push(f.items.slice(headIndex(f) + 1).filter((e): e is SList => e.kind === 'list' && e.annot === null));
  }
  for (const g of groups) {
    const group: TRecGroup = { types: [] };
    for (const t of g) {
      const cur = Cursor.of(t);
      cur.id();
      const fieldIds = new Map<string, number>();
      const sub = parseSubType(cur.next(), mc, fieldIds, t);
      cur.end();
      group.types.push(sub);
      mc.typeDefs.push(sub);
      mc.fieldIds.push(fieldIds);
    }
    for (let i = 0; i < g.length; i++) mc.singleton.push(g.length === 1);
    mc.module.types.push(group);
  }
}

// ---- pass 3: everything else ----

function zeroOffset(addr64: boolean): TInstr {
  if (addr64) return { op: opByName('i64.const'), a: 0, b: 0, c: 0, d: 0, big: 0n };
  return { op: opByName('i32.const'), a: 0, b: 0, c: 0, d: 0 };
}

function refFunc(x: number): TInstr {
  return { op: opByName('ref.func'), a: x, b: 0, c: 0, d: 0 };
}

/** `(offset instr*)` or one folded instruction. */
function parseOffset(cur: Cursor, mc: ModuleContext): TExpr {
  const l = cur.next();
  if (l === undefined || l.kind !== 'list') throw cur.error('expected an offset expression');
  if (headOf(l) === 'offset') return parseExpr(Cursor.of(l), constContext(mc));
  return parseExpr(new Cursor([l], 0, null), constContext(mc));
}

/** Element items: `(item instr*)` or one folded instruction each. */
function parseItems(cur: Cursor, mc: ModuleContext): TExpr[] {
  const items: TExpr[] = [];
  while (!cur.done()) {
    const l = cur.next()!;
    if (l.kind !== 'list') throw errorAt(l, 'expected an element expression (unexpected token)');
    items.push(headOf(l) === 'item' ? parseExpr(Cursor.of(l), constContext(mc)) : parseExpr(new Cursor([l], 0, null), constContext(mc)));
  }
  return items;
}

/** An element list: `func x*`, `reftype item*`, or (legacy) bare `x*`. */
function parseElemList(cur: Cursor, mc: ModuleContext, allowBare: boolean): { type: ValType; items: TExpr[] } {
  const funcs = (): TExpr[] => {
    const items: TExpr[] = [];
    while (isIndexToken(cur.peek())) items.push([refFunc(mc.funcs.resolve(cur.next()!))]);
    cur.end();
    return items;
  };
  if (cur.keyword('func')) return { type: refType(FUNC, false), items: funcs() };
  const t = tryRefType(cur, mc);
  if (t !== null) return { type: t, items: parseItems(cur, mc) };
  if (allowBare) return { type: refType(FUNC, false), items: funcs() };
  throw cur.error('expected an element list');
}

class ModuleParser {
  readonly m: TextModule;
  // Running indices of the definitions, in the same order pass 1 allocated them.
  private next = [0, 0, 0, 0, 0];

  constructor(readonly mc: ModuleContext) {
    this.m = mc.module;
  }

  field(f: SList): void {
    const head = headOf(f)!;
    switch (head) {
      case 'type': case 'rec': return;
      case 'import': return this.importField(f);
      case 'func': case 'table': case 'memory': case 'global': case 'tag': return this.definition(f, KIND_OF[head]);
      case 'export': return this.exportField(f);
      case 'start': {
        if (this.m.start !== null) throw errorAt(f, 'multiple start sections');
        const cur = Cursor.of(f);
        const x = cur.next();
        if (x === undefined) throw cur.error('expected a function index');
        this.m.start = this.mc.funcs.resolve(x);
        cur.end();
        return;
      }
      case 'elem': return this.elemField(f);
      case 'data': return this.dataField(f);
    }
  }

  private importDesc(cur: Cursor, kind: number): TImportDesc {
    const mc = this.mc;
    switch (kind) {
      case DESC_FUNC: return { kind, type: parseTypeUse(cur, mc, true).type };
      case DESC_TABLE: return { kind, table: parseTableType(cur, mc) };
      case DESC_MEMORY: return { kind, limits: parseMemoryType(cur) };
      case DESC_GLOBAL: return { kind, global: parseGlobalType(cur, mc) };
      default: return { kind: DESC_TAG, type: parseTypeUse(cur, mc, true).type };
    }
  }

  private importField(f: SList): void {
    const cur = Cursor.of(f);
    const module = nameOf(cur);
    const name = nameOf(cur);
    const descList = cur.next() as SList;
    const kind = KIND_OF[headOf(descList)!];
    const inner = Cursor.of(descList);
    inner.id();
    const desc = this.importDesc(inner, kind);
    inner.end();
    cur.end();
    this.next[kind]++;
    this.m.imports.push({ module, name, desc });
  }

  private exportField(f: SList): void {
    const cur = Cursor.of(f);
    const name = nameOf(cur);
    const d = cur.next();
    const kind = d ? KIND_OF[headOf(d) ?? ''] : undefined;
    if (kind === undefined) throw errorAt(d ?? f, 'expected an export description (unexpected token)');
    const inner = Cursor.of(d as SList);
    const x = inner.next();
    if (x === undefined) throw inner.error('expected an index');
    const index = spaceOf(this.mc, kind).resolve(x);
    inner.end();
    cur.end();
    this.m.exports.push({ name, kind, index });
  }

  private definition(f: SList, kind: number): void {
    const cur = Cursor.of(f);
    cur.id();
    const index = this.next[kind]++;
    for (let e = cur.list('export'); e; e = cur.list('export')) {
      const inner = Cursor.of(e);
      const name = nameOf(inner);
      inner.end();
      this.m.exports.push({ name, kind, index });
    }
    const imp = cur.list('import');
    if (imp) {
      const inner = Cursor.of(imp);
      const module = nameOf(inner);
      const name = nameOf(inner);
      inner.end();
      const desc = this.importDesc(cur, kind);
      cur.end();
      this.m.imports.push({ module, name, desc });
      return;
    }
    switch (kind) {
      case DESC_FUNC: return this.func(cur, f);
      case DESC_TABLE: return this.table(cur, index);
      case DESC_MEMORY: return this.memory(cur, index);
      case DESC_GLOBAL: {
        const type = parseGlobalType(cur, this.mc);
        this.m.globals.push({ type, init: parseExpr(cur, constContext(this.mc)) });
        return;
      }
      case DESC_TAG:
        this.m.tags.push(parseTypeUse(cur, this.mc, true).type);
        cur.end();
        return;
    }
  }

  private func(cur: Cursor, f: SList): void {
    const mc = this.mc;
    const use = parseTypeUse(cur, mc, true);
    const locals = new Map<string, number>();
    const bind = (id: string | null, i: number): void => {
      if (id === null) return;
      if (locals.has(id)) throw errorAt(f, `duplicate local $${id}`);
      locals.set(id, i);
    };
    use.paramIds.forEach(bind);
    const localTypes: ValType[] = [];
    const localIds: (string | null)[] = [];
    parseDecls(cur, mc, 'local', localTypes, localIds);
    localIds.forEach((id, i) => bind(id, use.paramCount + i));
    const bc: BodyContext = { mc, locals, labels: [] };
    const body: TExpr = [];
    parseInstrs(cur, body, bc);
    this.m.funcs.push({ type: use.type, locals: localTypes, body });
  }

  private table(cur: Cursor, index: number): void {
    const mc = this.mc;
    const save = cur.i;
    const addr64 = parseAddrType(cur);
    const elemType = tryRefType(cur, mc);
    if (elemType !== null) {
      // (table at? reftype (elem …)): limits from the number of elements, plus an active segment.
      const el = cur.list('elem');
      if (!el) throw cur.error('expected (elem …)');
      cur.end();
      const inner = Cursor.of(el);
      // Function indices become `ref.func` items; the segment has the table's element type.
      const bare = isIndexToken(inner.peek()) || inner.done();
      const type = elemType;
      const items = bare ? parseElemList(inner, mc, true).items : parseItems(inner, mc);
      const n = items.length;
      const limits = { min: BigInt(n), max: BigInt(n), addr64, shared: false, pageSizeLog2: 16 };
      this.m.tables.push({ type: { elem: elemType, limits }, init: null });
      this.m.elems.push({ mode: MODE_ACTIVE, table: index, offset: [zeroOffset(addr64)], type, items });
      return;
    }
    cur.i = save;
    const type = parseTableType(cur, mc);
    const init = cur.done() ? null : parseExpr(cur, constContext(mc));
    this.m.tables.push({ type, init });
  }

  private memory(cur: Cursor, index: number): void {
    const mc = this.mc;
    const save = cur.i;
    const addr64 = parseAddrType(cur);
    const pageSizeLog2 = parsePageSize(cur);
    const data = cur.list('data');
    if (data) {
      // (memory at? (data …)): as many pages as the bytes need, plus an active segment at 0.
      cur.end();
      const inner = Cursor.of(data);
      const parts: Uint8Array[] = [];
      while (!inner.done()) parts.push(inner.string());
      const bytes = concat(parts);
      const pages = BigInt(Math.ceil(bytes.length / 2 ** pageSizeLog2));
      this.m.memories.push({ min: pages, max: pages, addr64, shared: false, pageSizeLog2 });
      this.m.datas.push({ mode: MODE_ACTIVE, memory: index, offset: [zeroOffset(addr64)], bytes });
      return;
    }
    cur.i = save;
    const limits = parseMemoryType(cur);
    cur.end();
    this.m.memories.push(limits);
  }

  private elemField(f: SList): void {
    const mc = this.mc;
    const cur = Cursor.of(f);
    cur.id();
    if (cur.keyword('declare')) {
      const { type, items } = parseElemList(cur, mc, false);
      this.m.elems.push({ mode: MODE_DECLARATIVE, table: 0, offset: null, type, items });
      return;
    }
    const tableList = cur.list('table');
    let table = 0;
    if (tableList) {
      const inner = Cursor.of(tableList);
      const x = inner.next();
      if (x === undefined) throw inner.error('expected a table index');
      table = mc.tables.resolve(x);
      inner.end();
    }
    const h = cur.peekHead();
    if (tableList || (h !== null && h !== 'ref' && h !== 'item')) {
      const offset = parseOffset(cur, mc);
      // A bare list of function indices abbreviates `func x*` only without a table use.
      const { type, items } = parseElemList(cur, mc, tableList === null);
      this.m.elems.push({ mode: MODE_ACTIVE, table, offset, type, items });
      return;
    }
    const { type, items } = parseElemList(cur, mc, false);
    this.m.elems.push({ mode: MODE_PASSIVE, table: 0, offset: null, type, items });
  }

  private dataField(f: SList): void {
    const mc = this.mc;
    const cur = Cursor.of(f);
    cur.id();
    const memList = cur.list('memory');
    let memory = 0;
    if (memList) {
      const inner = Cursor.of(memList);
      const x = inner.next();
      if (x === undefined) throw inner.error('expected a memory index');
      memory = mc.memories.resolve(x);
      inner.end();
    }
    let offset: TExpr | null = null;
    if (memList || cur.peek()?.kind === 'list') offset = parseOffset(cur, mc);
    const parts: Uint8Array[] = [];
    while (!cur.done()) parts.push(cur.string());
    this.m.datas.push({ mode: offset ? MODE_ACTIVE : MODE_PASSIVE, memory, offset, bytes: concat(parts) });
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  n = 0;
  for (const p of parts) {
    out.set(p, n);
    n += p.length;
  }
  return out;
}

/**
 * The AST of a module given by its fields (the items of `(module …)` after the keyword and id).
 * `presetImplicit` appends function types right after the explicit ones before anything else is
 * parsed, so that type uses find them first: it lets a test reproduce another tool's order of
 * implicit types.
 */
export function parseModuleFields(items: SExpr[], id: string | null = null, presetImplicit: FuncType[] = []): TextModule {
  const notes = readAnnotations(items);
  const fields = fieldList(items);
  const mc = new ModuleContext();
  mc.module.id = id;
  bindIds(mc, fields);
  parseTypes(mc, fields);
  mc.module.implicitTypesFrom = mc.typeDefs.length;
  for (const t of presetImplicit) mc.implicitType(t.params, t.results, true);
  const p = new ModuleParser(mc);
  for (const f of fields) p.field(f);
  for (const [id, index] of mc.funcs.ids) mc.module.funcNames.set(index, id);
  // A name annotation takes precedence over the identifier (core/appendix/custom.rst).
  for (const [index, name] of notes.funcNames) mc.module.funcNames.set(index, name);
  if (notes.customs.length > 0) mc.module.customs = notes.customs;
  if (notes.moduleName !== null) mc.module.moduleName = notes.moduleName;
  return mc.module;
}

export { concat as concatBytes };
