// Exception handlers in the translator: try_table's landing pads and the legacy instructions (try,
// catch, catch_all, delegate, rethrow). Each handler records its body's code range; run.ts
// (landing) finds the innermost body around the throwing instruction and walks outwards through
// `parent` links, or for a delegate straight to the handler of its target label (`outer`), writes
// the matching clause's values and continues at its pad. Everything is resolved at translation
// time: no wrapping of exceptions in flight (the compile tier's Delegated) is needed.

import type { Instr } from '../../binary/instr.js';
import { OP } from './ops.js';
import { K_R, kindOf, type Code, type Handler } from './code.js';
import { HELPERS } from '../compile/helpers.js';
import type { ExnInst } from '../../runtime/exn.js';
import { exnPayload } from './calls.js';
import type { Files } from './frame.js';
import { B_LEGACY, type Block, type Translator } from './translate.js';

/** Gives block b (just entered) its handler, active over its body. */
export function openHandler(t: Translator, b: Block): void {
  b.h = { start: b.start, end: -1, parent: t.activeHandler(t.blocks.length - 2), delegate: false, outer: null, clauses: [] };
  b.active = true;
}

/** Ends the handler's body range (everything before this point that it encloses). */
function closeBody(t: Translator, b: Block): void {
  b.h!.end = t.n;
  b.active = false;
  t.handlers.push(b.h!); // inner bodies close first, so the first range containing pc is the innermost
}

/**
 * After a try_table's body (its block already popped): one landing pad per catch clause. run()
 * writes the clause's values (payload, exnref) to the slots at the try's height, as if pushed
 * there, and continues at the pad, which branches like `br` would.
 */
export function tryTableEnd(t: Translator, b: Block): void {
  closeBody(t, b);
  if (!t.dead) b.patches.push(t.emit(OP.BR, 0) + 1);
  for (const c of b.catches!) {
    const kinds = c.kind < 2 ? t.tagParams(c.tag).map(kindOf) : [];
    if (c.kind === 1 || c.kind === 3) kinds.push(K_R);
    t.stack.length = b.height;
    for (const k of kinds) t.pushOwn(k);
    b.h!.clauses.push({ tag: c.kind < 2 ? c.tag : -1, pad: t.label(), at: t.own(b.height), kinds: Uint8Array.from(kinds), ref: c.kind === 1 || c.kind === 3, exn: -1 });
    t.branch(c.label);
  }
}

export function legacyTry(t: Translator, ins: Instr): void {
  const b = t.enter(B_LEGACY, ins.a);
  openHandler(t, b);
  let depth = 0;
  for (const o of t.blocks) if (o.kind === B_LEGACY) depth++;
  b.exn = t.exnBase + depth - 1;
}

/** catch x / catch_all: ends the body or the previous clause and opens this one at a new pad. */
export function legacyCatch(t: Translator, ins: Instr): void {
  const b = t.blocks[t.blocks.length - 1];
  if (!t.dead) {
    t.moveTo(b.height, b.results);
    b.patches.push(t.emit(OP.BR, 0) + 1);
  }
  if (b.active) closeBody(t, b);
  const all = ins.op.name === 'catch_all';
  const kinds = all ? [] : t.tagParams(ins.a).map(kindOf);
  t.stack.length = b.height;
  for (const k of kinds) t.pushOwn(k);
  b.h!.clauses.push({ tag: all ? -1 : ins.a, pad: t.label(), at: t.own(b.height), kinds: Uint8Array.from(kinds), ref: false, exn: b.exn! });
  t.dead = false;
}

/** The end of a legacy try (block popped, results moved): a try without clauses only closes. */
export function legacyEnd(t: Translator, b: Block): void {
  if (b.active) closeBody(t, b);
}

/** try … delegate l: the body's exceptions go to the handler of label l (outside this try). */
export function legacyDelegate(t: Translator, l: number): void {
  const b = t.blocks.pop()!;
  if (!t.dead) t.moveTo(b.height, b.results);
  closeBody(t, b);
  b.h!.delegate = true;
  b.h!.outer = t.activeHandler(t.blocks.length - 1 - l);
  const here = t.label();
  for (const p of b.patches) t.code[p] = here;
  t.resetStack(b.height, b.results);
  t.dead = false;
}

/** rethrow l: throws again the exception caught by the catch clause at label l. */
export function legacyRethrow(t: Translator, l: number): void {
  const b = t.blocks[t.blocks.length - 1 - l];
  t.emit(OP.THROW_REF, b.exn!);
  t.dead = true;
}

const caught = HELPERS.caught as (e: unknown) => ExnInst | null;

/**
 * Where execution continues after exception `e` at pc (its values written), or rethrows it: the
 * innermost handler whose body holds pc, then outwards (eh.ts); a delegate passes to its target.
 */
export function landing(code: Code, tags: unknown[], pc: number, e: unknown, fp: number, files: Files): number {
  const hs = code.handlers;
  let h: Handler | null = null;
  for (let i = 0; i < hs.length && h === null; i++) if (pc >= hs[i].start && pc < hs[i].end) h = hs[i];
  if (h === null) throw e;
  const x = caught(e);
  if (x === null) throw e;
  for (; h !== null; h = h.delegate ? h.outer : h.parent) {
    if (h.delegate) continue;
    for (const c of h.clauses) {
      if (c.tag >= 0 && x.tag !== tags[c.tag]) continue;
      if (c.tag >= 0) exnPayload(c.kinds, x.s, fp + c.at, files);
      if (c.ref) files.RF[fp + c.at + c.kinds.length - 1] = x;
      if (c.exn >= 0) files.RF[fp + c.exn] = x;
      return c.pad;
    }
  }
  throw e;
}
