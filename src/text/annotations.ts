// The annotations the core spec's appendix gives a meaning (core/appendix/custom.rst): `@custom`
// (a custom section, with an optional placement), `@name` (a name-section name for the module or a
// function; checked to sit directly after a binding's keyword and id), and
// `@metadata.code.branch_hint` (only inside functions, at most one per instruction). Every other
// annotation is white space. Malformed or misplaced ones are TextErrors with the reference
// interpreter's wording; the payload of a branch hint and its target are not checked here (a bad
// one is no reason to reject a module).

import { TextError, type SExpr, type SList } from './sexpr.js';
import { decodeName } from './lexer.js';
import { headIndex, headKeyword } from './cursor.js';

/** A custom section from `@custom`: where it goes (see PLACES), its name and payload. */
export interface TCustom {
  place: number;
  name: Uint8Array;
  bytes: Uint8Array;
}

/**
 * Section ids in the order the encoder writes them. A custom section's place is 0 for
 * `(before first)`, 2k+1 for before the k-th of these, 2k+2 for after it, LAST for `(after last)`
 * (the default): after one section comes strictly before "before" the next.
 */
export const SECTION_ORDER = [1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11];
export const LAST = 2 * SECTION_ORDER.length + 1;
const SECTION_IDS: Record<string, number> = {
  type: 1, import: 2, func: 3, table: 4, memory: 5, global: 6, export: 7, start: 8, elem: 9, code: 10, data: 11, datacount: 12,
};
/** The placement keyword of each section id (the tag section has none: its neighbours serve). */
export const SECTION_WORDS: Record<number, string> = Object.fromEntries(Object.entries(SECTION_IDS).map(([k, v]) => [v, k]));

/** What the annotations of a module say. */
export interface Annotations {
  customs: TCustom[];
  moduleName: string | null;
  /** Function index → name, from `@name` on functions (imported ones included). */
  funcNames: Map<number, string>;
}

const fail = (e: SExpr, reason: string): never => {
  throw new TextError(e.line, e.column, reason);
};
const isAnnot = (e: SExpr | undefined, id: string): e is SList => e !== undefined && e.kind === 'list' && e.annot === id;

/** Bindings that may carry a `@name` right after their keyword (and id). */
const NAMED = new Set(['func', 'param', 'local', 'type', 'field', 'tag']);

/** `(@name "…")`: its string, checked. */
function nameOf(a: SList): string {
  const s = a.items[0];
  if (a.items.length !== 1 || s.kind !== 'string') return fail(a, '@name annotation: expected a single string');
  const name = decodeName(s.bytes!);
  return name ?? fail(s, '@name annotation: malformed UTF-8 encoding');
}

/** `(@custom "name" placement? "data"*)`. */
function customOf(a: SList): TCustom {
  const [first, ...rest] = a.items;
  if (first === undefined || first.kind !== 'string') return fail(first ?? a, '@custom annotation: missing section name');
  if (decodeName(first.bytes!) === null) fail(first, '@custom annotation: malformed UTF-8 encoding');
  let place = LAST;
  if (rest.length > 0 && rest[0].kind === 'list') place = placementOf(rest.shift() as SList);
  const parts: Uint8Array[] = [];
  for (const s of rest) parts.push(s.kind === 'string' ? s.bytes! : fail(s, '@custom annotation: unexpected token'));
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { place, name: first.bytes!, bytes };
}

/** `(before first)`, `(before sec)`, `(after sec)`, `(after last)`. */
function placementOf(p: SList): number {
  const [where, what, extra] = p.items;
  const after = where?.kind === 'keyword' && where.text === 'after';
  if (p.annot !== null || !(after || (where?.kind === 'keyword' && where.text === 'before'))) fail(p, '@custom annotation: malformed placement');
  if (what === undefined || what.kind !== 'keyword') return fail(what ?? p, '@custom annotation: malformed section kind');
  if (extra !== undefined) fail(extra, '@custom annotation: malformed placement');
  if (what.text === 'first' && !after) return 0;
  if (what.text === 'last' && after) return LAST;
  const id = SECTION_IDS[what.text];
  if (id === undefined) return fail(what, '@custom annotation: malformed section kind');
  return 2 * SECTION_ORDER.indexOf(id) + (after ? 2 : 1);
}

/**
 * Reads and checks the annotations of a module's fields (`fields`: what follows `module` and its
 * id, or a source of bare fields).
 */
export function readAnnotations(fields: SExpr[]): Annotations {
  const out: Annotations = { customs: [], moduleName: null, funcNames: new Map() };
  let funcIndex = 0;
  let leading = true; // no field yet: a @name here names the module
  for (const f of fields) {
    if (f.kind !== 'list') continue; // the field parser reports it
    if (f.annot === null) {
      leading = false;
      const head = headKeyword(f);
      const importsFunc = head === 'import' && f.items.some((d) => d.kind === 'list' && d.annot === null && headKeyword(d) === 'func');
      const name = inField(f);
      if (head === 'func' || importsFunc) {
        if (name !== null) out.funcNames.set(funcIndex, name);
        funcIndex++;
      }
      continue;
    }
    if (f.annot === 'custom') out.customs.push(customOf(f));
    else if (f.annot === 'name') {
      if (!leading) fail(f, 'misplaced @name annotation');
      if (out.moduleName !== null) fail(f, '@name annotation: multiple module');
      out.moduleName = nameOf(f);
    } else if (f.annot === 'metadata.code.branch_hint') fail(f, '@metadata.code.branch_hint annotation: not in a function');
  }
  return out;
}

/**
 * Checks the annotations inside a field (recursively); returns the `@name` of a `(func …)` in it:
 * the field itself, or the description of a function import.
 */
function inField(f: SList): string | null {
  let name: string | null = null;
  const visit = (list: SList, inFunc: boolean): void => {
    const head = headKeyword(list);
    const h = headIndex(list);
    // Where a @name may stand: right after the keyword, or after the id that follows it.
    let nameAt = -1;
    if (head !== null && NAMED.has(head)) nameAt = list.items[h + 1]?.kind === 'id' ? h + 2 : h + 1;
    const func = inFunc || head === 'func';
    let hinted = false;
    list.items.forEach((e, i) => {
      if (e.kind !== 'list') {
        hinted = false;
        return;
      }
      if (e.annot === null) {
        hinted = false;
        visit(e, func);
        return;
      }
      if (e.annot === 'custom') fail(e, 'misplaced @custom annotation');
      if (e.annot === 'name') {
        if (i !== nameAt) fail(e, 'misplaced @name annotation');
        const n = nameOf(e);
        if (head === 'func') name = n;
      } else if (e.annot === 'metadata.code.branch_hint') {
        if (!func) fail(e, '@metadata.code.branch_hint annotation: not in a function');
        if (hinted) fail(e, '@metadata.code.branch_hint annotation: duplicate annotation');
        hinted = true;
      }
    });
  };
  visit(f, false);
  return name;
}
