// S-expressions over the text-format tokens (lexer.ts): the shared front end of the WAT parser and
// the .wast script reader.
//
// API
//   parseSExprs(source, options?): SExpr[]   all top-level S-expressions; TextError on bad nesting
//   SExpr = Atom | SList                      discriminate on `kind` ('list' or a token kind)
//   SList.annot                               null, or the id of an annotation `(@id …)`
//   options.annotations: 'keep' (default) keeps annotations as SList nodes with `annot` set;
//                        'drop' removes them (the semantics treats them as white space)
//   isKeyword(e, word?), isList(e, head?), describe(e), textError(e, reason)   small helpers
//
// Every node records where it starts (offset, line, column) and where it ends (`end`, the offset
// just after it), so a consumer can slice the source of any node, e.g. a module inside a script.

import { Lexer, TextError, type Token } from './lexer.js';

export { TextError } from './lexer.js';
export type { Token, TokenKind } from './lexer.js';

/** A leaf: any token but a parenthesis or annotation opener. */
export type Atom = Token & { kind: 'keyword' | 'number' | 'id' | 'string' | 'reserved' };

export interface SList {
  kind: 'list';
  items: SExpr[];
  /** The annotation id for `(@id …)`, else null. */
  annot: string | null;
  offset: number;
  line: number;
  column: number;
  /** Offset just after the closing parenthesis. */
  end: number;
}

export type SExpr = Atom | SList;

export interface SExprOptions {
  annotations?: 'keep' | 'drop';
}

export function parseSExprs(source: string, options: SExprOptions = {}): SExpr[] {
  const drop = options.annotations === 'drop';
  const lexer = new Lexer(source);
  const top: SExpr[] = [];
  const stack: { list: SList; parent: SExpr[] }[] = [];
  let items = top;
  for (let t = lexer.next(); t; t = lexer.next()) {
    if (t.kind === '(' || t.kind === 'annot') {
      const list: SList = {
        kind: 'list', items: [], annot: t.kind === 'annot' ? t.name! : null,
        offset: t.offset, line: t.line, column: t.column, end: t.end,
      };
      stack.push({ list, parent: items });
      items = list.items;
    } else if (t.kind === ')') {
      const frame = stack.pop();
      if (!frame) throw new TextError(t.line, t.column, 'unexpected token )');
      frame.list.end = t.end;
      items = frame.parent;
      // Annotations are dropped, when asked, only after they are complete: they must nest properly.
      if (!(drop && frame.list.annot !== null)) items.push(frame.list);
    } else {
      items.push(t as Atom);
    }
  }
  const open = stack.pop();
  if (open) {
    const inAnnot = open.list.annot !== null || stack.some((f) => f.list.annot !== null);
    throw new TextError(open.list.line, open.list.column, inAnnot ? 'unclosed annotation' : 'unclosed parenthesis');
  }
  return top;
}

export function isKeyword(e: SExpr | undefined, word?: string): e is Atom {
  return e !== undefined && e.kind === 'keyword' && (word === undefined || e.text === word);
}

/** A list (not an annotation) whose first item is the keyword `head`, when given. */
export function isList(e: SExpr | undefined, head?: string): e is SList {
  return e !== undefined && e.kind === 'list' && e.annot === null && (head === undefined || isKeyword(e.items[0], head));
}

/** A short description of a node for error messages. */
export function describe(e: SExpr | undefined): string {
  if (e === undefined) return 'end of list';
  if (e.kind === 'list') return e.annot !== null ? `annotation @${e.annot}` : isKeyword(e.items[0]) ? `(${e.items[0].text} …)` : '(…)';
  return e.text.length > 40 ? `${e.text.slice(0, 40)}…` : e.text;
}

/** A TextError positioned at a node. */
export function textError(e: SExpr | { line: number; column: number }, reason: string): TextError {
  return new TextError(e.line, e.column, reason);
}
