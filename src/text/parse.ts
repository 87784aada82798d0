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
import { Cursor, errorAt, headKeyword } from './cursor.js';
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
    const top = parseSExprs(source, { annotations: 'drop' });
    const only = top.length === 1 ? top[0] : undefined;
    if (only !== undefined && isModuleNode(only)) return parseModuleAst(only, presetImplicit);
    return parseModuleFields(top, null, presetImplicit);
  }
  if (!isModuleNode(source)) throw errorAt(source, 'expected (module …) (unexpected token)');
  const cur = Cursor.of(source);
  cur.keyword('definition');
  const id = cur.id();
  if (cur.peek()?.kind === 'keyword') throw cur.error('expected a module field');
  return parseModuleFields(source.items.slice(cur.i), id, presetImplicit);
}

export function parseModule(source: string | SExpr): Uint8Array {
  return shallowEnough(source, () => parseModuleDeep(source));
}

function parseModuleDeep(source: string | SExpr): Uint8Array {
  if (typeof source !== 'string') return parseModuleNode(source as SList).bytes;
  const top = parseSExprs(source, { annotations: 'drop' });
  const only = top.length === 1 ? top[0] : undefined;
  if (only !== undefined && isModuleNode(only)) return parseModuleNode(only).bytes;
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
  return { id, definition, form: 'text', bytes: encodeModule(parseModuleFields(node.items.slice(cur.i), id)) };
}
