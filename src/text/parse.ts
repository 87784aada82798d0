// WAT → binary: the entry points of the text-format parser.
//
//   parseModule(source | node): Uint8Array     a .wat source (`(module …)` or bare module fields)
//                                              or a `(module …)` S-expression, encoded
//   parseModuleNode(node): ScriptModule         a `(module …)` node of a script, including
//                                              `(module binary "…")`, `(module quote "…")` and
//                                              `(module definition $id? …)`
//   parseModuleAst(source | node): TextModule  the resolved AST (for tools and the printer)
//
// Errors are TextErrors ("line:column: reason"); positions inside a quoted module are relative to
// the quoted text.

import { parseSExprs, TextError, type SExpr, type SList } from './sexpr.js';
import { decodeName } from './lexer.js';
import { Cursor, errorAt, headIndex, headKeyword } from './cursor.js';
import { parseModuleFields, concatBytes } from './parse-module.js';
import type { TextModule } from './ast.js';
import { encodeModule } from '../binary/encode.js';
import type { FuncType } from '../syntax/types.js';

export { TextError } from './sexpr.js';
export type { TextModule } from './ast.js';

export interface ScriptModule {
  id: string | null;
  /** `(module definition …)`: a module to be instantiated later by `(module instance …)`. */
  definition: boolean;
  /** How it was written: as text, as `binary "…"` strings, or as `quote "…"` strings. */
  form: 'text' | 'binary' | 'quote';
  bytes: Uint8Array;
}

function isModuleNode(e: SExpr): e is SList {
  return e.kind === 'list' && headKeyword(e) === 'module';
}

/**
 * The AST of a `(module …)` node written as text, or of a source holding one module (see
 * parseModuleFields for `presetImplicit`).
 */
export function parseModuleAst(source: string | SExpr, presetImplicit: FuncType[] = []): TextModule {
  return shallowEnough(source, () => parseModuleAstDeep(source, presetImplicit));
}

/**
 * The parser and encoder recurse on nesting (folded instructions, blocks): beyond what the host's
 * stack allows (about 5,000 levels) the input gets a TextError rather than a bare RangeError.
 */
function shallowEnough<T>(source: string | SExpr, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const at = typeof source === 'string' ? { line: 1, column: 1 } : source;
    throw new TextError(at.line, at.column, 'nesting too deep for the parser (implementation limit)');
  }
}

function parseModuleAstDeep(source: string | SExpr, presetImplicit: FuncType[]): TextModule {
  if (typeof source === 'string') {
    const top = parseSExprs(source);
    const only = soleModule(top);
    if (only !== undefined) return parseModuleAst(only, presetImplicit);
    return parseModuleFields(top, null, presetImplicit);
  }
  if (!isModuleNode(source)) throw errorAt(source, 'expected (module …) (unexpected token)');
  const cur = Cursor.of(source);
  cur.keyword('definition');
  const id = cur.id();
  if (cur.peek()?.kind === 'keyword') throw cur.error('expected a module field');
  return parseModuleFields(fieldsOf(source, cur), id, presetImplicit);
}

/**
 * A source's only item when it is a `(module …)`; annotations around it are white space, but not
 * those that belong inside a module.
 */
function soleModule(top: SExpr[]): SList | undefined {
  const items = top.filter((e) => e.kind !== 'list' || e.annot === null);
  if (items.length !== 1 || !isModuleNode(items[0])) return undefined;
  for (const e of top) {
    if (e.kind === 'list' && (e.annot === 'custom' || e.annot === 'name')) throw errorAt(e, `misplaced @${e.annot} annotation`);
  }
  return items[0];
}

/**
 * The fields of a `(module …)` node from where `cur` stands, with the annotations that the cursor
 * stepped over among `definition` and the id (a `@name` right after the id names the module).
 */
function fieldsOf(node: SList, cur: Cursor): SExpr[] {
  const before = node.items.slice(headIndex(node) + 1, cur.i).filter((e) => e.kind === 'list');
  return [...before, ...node.items.slice(cur.i)];
}

export function parseModule(source: string | SExpr): Uint8Array {
  return shallowEnough(source, () => parseModuleDeep(source));
}

function parseModuleDeep(source: string | SExpr): Uint8Array {
  if (typeof source !== 'string') return parseModuleNode(source as SList).bytes;
  const top = parseSExprs(source);
  const only = soleModule(top);
  if (only !== undefined) return parseModuleNode(only).bytes;
  return encodeModule(parseModuleFields(top, null));
}

export function parseModuleNode(node: SList): ScriptModule {
  return shallowEnough(node, () => parseModuleNodeDeep(node));
}

function parseModuleNodeDeep(node: SList): ScriptModule {
  if (!isModuleNode(node)) throw errorAt(node, 'expected (module …) (unexpected token)');
  const cur = Cursor.of(node);
  const definition = cur.keyword('definition') !== null;
  const id = cur.id();
  const strings = (): Uint8Array => {
    const parts: Uint8Array[] = [];
    while (!cur.done()) parts.push(cur.string());
    return concatBytes(parts);
  };
  if (cur.keyword('binary')) return { id, definition, form: 'binary', bytes: strings() };
  if (cur.keyword('quote')) {
    const at = node;
    const text = decodeName(strings());
    if (text === null) throw new TextError(at.line, at.column, 'malformed UTF-8 encoding');
    return { id, definition, form: 'quote', bytes: parseModule(text) };
  }
  if (cur.peek()?.kind === 'keyword') throw cur.error('expected a module field');
  return { id, definition, form: 'text', bytes: encodeModule(parseModuleFields(fieldsOf(node, cur), id)) };
}
