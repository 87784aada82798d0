// A cursor over the items of one S-expression list, skipping annotations (which the semantics treats
// as white space), with the small token tests and errors every parser of the text format needs.

import { TextError, type SExpr, type SList, type Atom } from './sexpr.js';
import { parseU32 } from './numbers.js';

export class Cursor {
  constructor(
    readonly items: SExpr[],
    public i: number,
    /** The list being read, for errors at its end; null for a top-level sequence. */
    readonly owner: SList | null,
  ) {}

  /** A cursor after the head of `list` (its first item that is not an annotation), or from `from`. */
  static of(list: SList, from?: number): Cursor {
    return new Cursor(list.items, from ?? headIndex(list) + 1, list);
  }

  peek(): SExpr | undefined {
    const items = this.items;
    while (this.i < items.length) {
      const e = items[this.i];
      if (e.kind === 'list' && e.annot !== null) this.i++;
      else return e;
    }
    return undefined;
  }

  next(): SExpr | undefined {
    const e = this.peek();
    if (e !== undefined) this.i++;
    return e;
  }

  done(): boolean {
    return this.peek() === undefined;
  }

  /** The next item if it is the keyword `word` (consumed), else null. */
  keyword(word: string): Atom | null {
    const e = this.peek();
    if (e !== undefined && e.kind === 'keyword' && e.text === word) {
      this.i++;
      return e;
    }
    return null;
  }

  /** The next item's head keyword if it is a list (not consumed). */
  peekHead(): string | null {
    const e = this.peek();
    return e === undefined || e.kind !== 'list' ? null : headKeyword(e);
  }

  /** The next item if it is a list headed by `head` (consumed), else null. */
  list(head: string): SList | null {
    if (this.peekHead() !== head) return null;
    return this.next() as SList;
  }

  /** An optional `$id`. */
  id(): string | null {
    const e = this.peek();
    if (e !== undefined && e.kind === 'id') {
      this.i++;
      return e.name!;
    }
    return null;
  }

  /** A string literal's bytes. */
  string(what = 'a string'): Uint8Array {
    const e = this.peek();
    if (e === undefined || e.kind !== 'string') throw this.error(`expected ${what}`);
    this.i++;
    return e.bytes!;
  }

  u32(what: string): number {
    const e = this.peek();
    if (e === undefined || e.kind !== 'number') throw this.error(`expected ${what}`);
    const v = parseU32(e.text);
    if (v === null) throw errorAt(e, `${what} out of range (constant out of range)`);
    this.i++;
    return v;
  }

  /** Fails unless every item has been read. */
  end(): void {
    const e = this.peek();
    if (e !== undefined) throw errorAt(e, `unexpected token ${describeItem(e)}`);
  }

  /** An error at the current item, or at the list's opening when it has run out. */
  error(reason: string): TextError {
    const e = this.peek();
    if (e !== undefined) return errorAt(e, `${reason}, found ${describeItem(e)} (unexpected token)`);
    if (this.owner) return errorAt(this.owner, `${reason} before the end of this list (unexpected token)`);
    return new TextError(1, 1, `${reason} (unexpected end)`);
  }
}

/** Index of a list's first item that is not an annotation. */
export function headIndex(list: SList): number {
  const items = list.items;
  let i = 0;
  while (i < items.length && items[i].kind === 'list' && (items[i] as SList).annot !== null) i++;
  return i;
}

/** The keyword heading a list (annotations skipped), or null. */
export function headKeyword(list: SList): string | null {
  if (list.annot !== null) return null;
  const h = list.items[headIndex(list)];
  return h !== undefined && h.kind === 'keyword' ? h.text : null;
}

export function errorAt(e: { line: number; column: number }, reason: string): TextError {
  return new TextError(e.line, e.column, reason);
}

export function describeItem(e: SExpr): string {
  if (e.kind === 'list') {
    const h = headKeyword(e);
    return h !== null ? `(${h} …)` : '(…)';
  }
  return e.text.length > 40 ? `${e.text.slice(0, 40)}…` : e.text;
}
