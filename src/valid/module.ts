// Module-level validation (spec 3.5 "Modules", 2.4-validation.modules in SpecTec): types,
// imports, tables, memories, tags, globals, segments, start, exports, and then every function body.
// Runs on a decoded Module; every failure is a CompileError naming a byte offset where one exists.

import { CompileError } from '../api/errors.js';
import { canonType } from '../syntax/canon.js';
import {
  type ValType, type Limits, type FuncType, I32, I64, KIND_FUNC, defaultable, valTypeName, EXTERNAL_KIND_NAMES,
} from '../syntax/types.js';
import { SEG_ACTIVE, type Module } from '../syntax/module.js';
import { matchCompositeType, matchValType } from './match.js';
import { validateConstExpr } from './const.js';
import { LIMITS } from '../binary/limits.js';
import { validateFunctions } from './body.js';
import { setFuncSigs } from './body-fast.js';
import { warmUp } from './body-warm.js';

function fail(at: number, message: string): never {
  throw new CompileError(`at byte offset ${at}: ${message}`);
}

/**
 * The function type at module-local type index `x`, or a CompileError naming `what` (or, given a
 * number, function `what`: no message is built per function of a valid module).
 */
export function funcTypeAt(m: Module, x: number, at: number, what: string | number): FuncType {
  if (x < m.types.length) {
    const c = m.typeDefs[x].comp;
    if (c.kind === KIND_FUNC) return c;
  }
  const name = typeof what === 'number' ? `function ${what}` : what;
  if (x >= m.types.length) fail(at, `${name}: unknown type ${x}`);
  return fail(at, `${name}: type ${x} is not a function type`);
}

export function validateModule(m: Module): void {
  const sites = m.sites;
  validateTypes(m);
  // Each function's type, which the body validator reads (setFuncSigs) rather than looks up again.
  const sigs: FuncType[] = [];
  for (let i = 0; i < m.funcs.length; i++) {
    const t = funcTypeAt(m, m.funcs[i], sites.funcs[i], i);
    const code = m.codes[i - m.numImportedFuncs];
    if (code && code.locals.length + t.params.length > LIMITS.locals) fail(code.offset, `function ${i}: too many locals`);
    sigs.push(t);
  }
  setFuncSigs(m, sigs);
  for (let i = 0; i < m.tags.length; i++) {
    const t = funcTypeAt(m, m.tags[i].typeIndex, sites.tags[i], `tag ${i}`);
    if (t.results.length !== 0) fail(sites.tags[i], `tag ${i}: non-empty tag result type`);
  }
  // Table initialisers see only imported globals (they precede the global section).
  for (let i = 0; i < m.tables.length; i++) {
    const t = m.tables[i];
    validateLimits(t.type.limits, false, sites.tables[i], `table ${i}`);
    if (t.init) validateConstExpr(m, t.init, t.type.elem, m.numImportedGlobals);
    else if (i >= m.numImportedTables && !defaultable(t.type.elem)) {
      fail(sites.tables[i], `table ${i}: type mismatch: a table of non-nullable ${valTypeName(t.type.elem)} needs an initialiser`);
    }
  }
  for (let i = 0; i < m.memories.length; i++) validateLimits(m.memories[i].limits, true, sites.memories[i], `memory ${i}`);
  for (let i = m.numImportedGlobals; i < m.globals.length; i++) {
    const g = m.globals[i];
    validateConstExpr(m, g.init!, g.type.type, i);
  }
  validateElems(m);
  validateDatas(m);
  if (m.start !== null) {
    if (m.start >= m.funcs.length) fail(sites.start, `unknown function ${m.start} (start function)`);
    const t = funcTypeAt(m, m.funcs[m.start], sites.start, 'start function');
    if (t.params.length !== 0 || t.results.length !== 0) fail(sites.start, 'start function must have type [] -> []');
  }
  validateExports(m);
  validateFunctions(m, m.numImportedFuncs, m.funcs.length);
}

/** Declared supertypes: at most one, earlier, not final, and structurally matched (spec 3.2.11). */
function validateTypes(m: Module): void {
  for (let i = 0; i < m.types.length; i++) {
    const sub = m.typeDefs[i];
    if (sub.supers.length === 0) continue;
    const at = m.sites.types[i];
    if (sub.supers.length > 1) fail(at, `type ${i}: multiple supertypes`);
    const s = sub.supers[0];
    // Canonical ids of earlier types (earlier groups, earlier members of this group) are smaller.
    if (s >= m.types[i]) fail(at, `type ${i}: unknown type (supertype must be declared before)`);
    const sup = canonType(s).sub;
    if (sup.final) fail(at, `type ${i}: sub type ${i} does not match super type (final)`);
    if (!matchCompositeType(sub.comp, sup.comp)) fail(at, `type ${i}: sub type ${i} does not match super type`);
  }
}

const MAX_PAGES_32 = 0x10000;
const MAX_PAGES_64 = 2 ** 48;
const MAX_TABLE_32 = 0xffffffff;

function validateLimits(l: Limits, memory: boolean, at: number, what: string): void {
  if (memory && l.pageSizeLog2 !== 16 && l.pageSizeLog2 !== 0) fail(at, `${what}: invalid custom page size`);
  // The address space bounds the size in bytes: 2^32 (i32) or 2^64 (i64); with 1-byte pages the
  // largest count is one less, as a size of 2^N pages would not fit in the address type.
  const bound = !memory ? (l.addr64 ? Infinity : MAX_TABLE_32)
    : l.pageSizeLog2 === 16 ? (l.addr64 ? MAX_PAGES_64 : MAX_PAGES_32)
      : (l.addr64 ? Infinity : 0xffffffff);
  const unit = memory ? 'memory size' : 'table size';
  if (l.min > bound) fail(at, `${what}: ${unit} must be at most ${bound}`);
  if (l.max !== null) {
    if (l.max > bound) fail(at, `${what}: ${unit} must be at most ${bound}`);
    if (l.min > l.max) fail(at, `${what}: size minimum must not be greater than maximum`);
  }
  if (l.shared && l.max === null) fail(at, `${what}: shared memory must have maximum`);
}

function addrType(addr64: boolean): ValType {
  return addr64 ? I64 : I32;
}

function validateElems(m: Module): void {
  const allGlobals = m.globals.length;
  for (let i = 0; i < m.elems.length; i++) {
    const seg = m.elems[i];
    const at = m.sites.elems[i];
    if (seg.funcs) {
      for (const f of seg.funcs) if (f >= m.funcs.length) fail(at, `elem ${i}: unknown function ${f}`);
    } else {
      for (const e of seg.exprs!) validateConstExpr(m, e, seg.type, allGlobals);
    }
    if (seg.mode !== SEG_ACTIVE) continue;
    if (seg.table >= m.tables.length) fail(at, `elem ${i}: unknown table ${seg.table}`);
    const t = m.tables[seg.table].type;
    validateConstExpr(m, seg.offset!, addrType(t.limits.addr64), allGlobals);
    if (!matchValType(seg.type, t.elem)) {
      fail(at, `elem ${i}: type mismatch: ${valTypeName(seg.type)} elements in a table of ${valTypeName(t.elem)}`);
    }
  }
}

function validateDatas(m: Module): void {
  for (let i = 0; i < m.datas.length; i++) {
    const seg = m.datas[i];
    if (seg.mode !== SEG_ACTIVE) continue;
    if (seg.memory >= m.memories.length) fail(m.sites.datas[i], `data ${i}: unknown memory ${seg.memory}`);
    validateConstExpr(m, seg.offset!, addrType(m.memories[seg.memory].limits.addr64), m.globals.length);
  }
}

function validateExports(m: Module): void {
  const names = new Set<string>();
  const sizes = [m.funcs.length, m.tables.length, m.memories.length, m.globals.length, m.tags.length];
  for (let i = 0; i < m.exports.length; i++) {
    const e = m.exports[i];
    const at = m.sites.exports[i];
    if (e.index >= sizes[e.kind]) fail(at, `unknown ${EXTERNAL_KIND_NAMES[e.kind]} ${e.index} (export "${e.name}")`);
    if (names.has(e.name)) fail(at, `duplicate export name "${e.name}"`);
    names.add(e.name);
  }
}

// The warm-up is for an optimising JIT. Where the host has no WebAssembly at all it usually has no
// JIT either (node --jitless, Lockdown Mode, Hermes), and the runs would only cost time.
if (typeof (globalThis as { WebAssembly?: unknown }).WebAssembly !== 'undefined') warmUp();
