// Lexer for the WebAssembly text format (spec core "Text Format / Lexical Format" and "Values").
//
// API
//   tokenize(source): Token[]        all tokens, white space and comments dropped
//   class Lexer { next(): Token | null }   the same, one token at a time
//   class TextError                  every lexical/syntax error; message "line:column: what"
//   isNumberText(text)               whether a token's text is an integer or float literal
//
// Token kinds
//   '(' ')'      parentheses
//   'annot'      the opening of an annotation `(@id` — `name` is the id (decoded for `(@"…"`);
//                its matching ')' is an ordinary ')' token
//   'keyword'    starts with a–z, idchars only (e.g. `i32.add`, `offset=4`, `nan:canonical`)
//   'number'     integer or float literal as raw text (`-0x1p+3`, `1_000`, `inf`, `nan:0x1`)
//   'id'         `$x` or `$"…"`; `name` is the identifier without `$`
//   'string'     `"…"`; `bytes` are the decoded bytes (escapes \t \n \r \" \' \\ \hh \u{…})
//   'reserved'   any other run of idchars/strings/`,;[]{}` (e.g. `0$x`, `"a""b"`): legal only
//                inside annotations, so the parser reports it
//
// Tokens are delimited per the longest-match rule: a token is a maximal run of idchars, strings
// and `, ; [ ] { }` (a `;;` always starts a comment), so `0$x` is one reserved token, not two.

export class TextError extends SyntaxError {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${line}:${column}: ${reason}`);
    this.name = 'TextError';
  }
}

export type TokenKind = '(' | ')' | 'annot' | 'keyword' | 'number' | 'id' | 'string' | 'reserved';

export interface Token {
  kind: TokenKind;
  /** The token's exact source text. */
  text: string;
  /** Position of the first character: offset in the source (UTF-16 units), 1-based line and column. */
  offset: number;
  line: number;
  column: number;
  /** Offset just after the token. */
  end: number;
  /** 'id' and 'annot': the name (decoded when written as a string). */
  name?: string;
  /** 'string': the decoded bytes. */
  bytes?: Uint8Array;
}

// idchar: 0-9 A-Z a-z ! # $ % & ' * + - . / : < = > ? @ \ ^ _ ` | ~
const ID_CHAR = new Uint8Array(128);
for (const c of '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&\'*+-./:<=>?@\\^_`|~') {
  ID_CHAR[c.charCodeAt(0)] = 1;
}
/** Characters that continue a token run besides idchars and strings. */
const RUN_EXTRA = new Uint8Array(128);
for (const c of ',;[]{}') RUN_EXTRA[c.charCodeAt(0)] = 1;

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

export function isIdChar(c: number): boolean {
  return c < 128 && ID_CHAR[c] === 1;
}

const NUM = String.raw`\d(?:_?\d)*`;
const HEXNUM = String.raw`[0-9a-fA-F](?:_?[0-9a-fA-F])*`;
const NUMBER_RE = new RegExp(
  `^[+-]?(?:${NUM}(?:\\.(?:${NUM})?)?(?:[eE][+-]?${NUM})?` +
    `|0x${HEXNUM}(?:\\.(?:${HEXNUM})?)?(?:[pP][+-]?${NUM})?` +
    `|inf|nan|nan:0x${HEXNUM})$`,
);

/** True for the text of an integer or float literal (spec uN, sN, fN). */
export function isNumberText(text: string): boolean {
  return NUMBER_RE.test(text);
}

const utf8 = new TextEncoder();
// ignoreBOM: a leading U+FEFF is part of a name, not a byte-order mark to strip.
const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes a name (a string's bytes) as UTF-8, or null when the bytes are not valid UTF-8. */
export function decodeName(bytes: Uint8Array): string | null {
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return null;
  }
}

export class Lexer {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  /** Annotation nesting: inside one, `(@` without an id is an ordinary '(' then a token. */
  private annotDepth = 0;
  private parenDepth = 0;
  private annotParen: number[] = [];

  constructor(readonly source: string) {}

  private error(reason: string, at = this.pos): never {
    // Recompute line/column for `at` (it is always on the current line or just after pos).
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at; i++) {
      const c = this.source.charCodeAt(i);
      if (c === 10 || (c === 13 && this.source.charCodeAt(i + 1) !== 10)) {
        line++;
        lineStart = i + 1;
      }
    }
    throw new TextError(line, at - lineStart + 1, reason);
  }

  private newline(at: number): void {
    this.line++;
    this.lineStart = at;
  }

  /** Skips white space and comments. */
  private skipSpace(): void {
    const s = this.source;
    for (;;) {
      const c = s.charCodeAt(this.pos);
      if (c === 32 || c === 9) this.pos++;
      else if (c === 10) this.newline(++this.pos);
      else if (c === 13) {
        this.pos++;
        if (s.charCodeAt(this.pos) === 10) this.pos++;
        this.newline(this.pos);
      } else if (c === 59 && s.charCodeAt(this.pos + 1) === 59) {
        // line comment: up to (not including) the newline
        this.pos += 2;
        while (this.pos < s.length) {
          const d = s.charCodeAt(this.pos);
          if (d === 10 || d === 13) break;
          this.pos++;
        }
      } else if (c === 40 && s.charCodeAt(this.pos + 1) === 59) this.blockComment();
      else return;
    }
  }

  private blockComment(): void {
    const s = this.source;
    const start = this.pos;
    this.pos += 2;
    let depth = 1;
    while (depth > 0) {
      if (this.pos >= s.length) this.error('unclosed comment', start);
      const c = s.charCodeAt(this.pos);
      if (c === 40 && s.charCodeAt(this.pos + 1) === 59) {
        depth++;
        this.pos += 2;
      } else if (c === 59 && s.charCodeAt(this.pos + 1) === 41) {
        depth--;
        this.pos += 2;
      } else if (c === 10) this.newline(++this.pos);
      else if (c === 13) {
        this.pos++;
        if (s.charCodeAt(this.pos) === 10) this.pos++;
        this.newline(this.pos);
      } else this.pos++;
    }
  }

  /** Reads a string literal starting at the opening quote; returns its bytes. */
  private string(): Uint8Array {
    const s = this.source;
    const start = this.pos;
    this.pos++;
    const out: number[] = [];
    for (;;) {
      if (this.pos >= s.length) this.error('unclosed string', start);
      const c = s.charCodeAt(this.pos);
      if (c === 34) {
        this.pos++;
        return Uint8Array.from(out);
      }
      if (c === 92) {
        this.escape(out);
        continue;
      }
      if (c < 0x20 || c === 0x7f) {
        if (c === 10 || c === 13) this.error('unclosed string', start);
        this.error('illegal control character in string');
      }
      if (c < 0x80) {
        out.push(c);
        this.pos++;
        continue;
      }
      const cp = s.codePointAt(this.pos)!;
      if (cp >= 0xd800 && cp < 0xe000) this.error('malformed UTF-8 encoding');
      const ch = String.fromCodePoint(cp);
      for (const b of utf8.encode(ch)) out.push(b);
      this.pos += ch.length;
    }
  }

  private escape(out: number[]): void {
    const s = this.source;
    const at = this.pos;
    const n = s[this.pos + 1];
    this.pos += 2;
    switch (n) {
      case 't': out.push(9); return;
      case 'n': out.push(10); return;
      case 'r': out.push(13); return;
      case '"': out.push(34); return;
      case "'": out.push(39); return;
      case '\\': out.push(92); return;
      case 'u': {
        const m = /^\{([0-9a-fA-F](?:_?[0-9a-fA-F])*)\}/.exec(s.slice(this.pos, this.pos + 16));
        if (!m) this.error('malformed escape in string', at);
        const cp = parseInt(m[1].replace(/_/g, ''), 16);
        if (m[1].replace(/_/g, '').replace(/^0+/, '').length > 6 || cp >= 0x110000 || (cp >= 0xd800 && cp < 0xe000)) {
          this.error('malformed code point in string escape', at);
        }
        this.pos += m[0].length;
        for (const b of utf8.encode(String.fromCodePoint(cp))) out.push(b);
        return;
      }
      default: {
        const hi = hexValue(s.charCodeAt(at + 1));
        const lo = hexValue(s.charCodeAt(at + 2));
        if (hi < 0 || lo < 0) this.error('illegal escape in string', at);
        out.push(hi * 16 + lo);
        this.pos = at + 3;
      }
    }
  }

  /** The next token, or null at the end of the source. */
  next(): Token | null {
    this.skipSpace();
    const s = this.source;
    if (this.pos >= s.length) return null;
    const offset = this.pos;
    const line = this.line;
    const column = offset - this.lineStart + 1;
    const c = s.charCodeAt(offset);

    if (c === 40) {
      this.pos++;
      if (s.charCodeAt(this.pos) === 64) {
        // `(@id`: an annotation (no space allowed between "(" and "@")
        const idStart = ++this.pos;
        let name: string | null = null;
        if (s.charCodeAt(this.pos) === 34) {
          const bytes = this.string();
          name = decodeName(bytes);
          if (name === null) this.error('malformed UTF-8 encoding', idStart);
          if (name === '') this.error('empty annotation id', idStart);
          if (this.pos < s.length && this.continuesRun(this.pos)) this.error('empty annotation id', idStart);
        } else {
          while (this.pos < s.length && isIdChar(s.charCodeAt(this.pos))) this.pos++;
          if (this.pos > idStart && this.continuesRun(this.pos)) this.pos = idStart; // e.g. `(@a"b"`: not an id
          if (this.pos > idStart) name = s.slice(idStart, this.pos);
        }
        if (name === null) {
          if (this.annotDepth === 0) this.error('empty annotation id', idStart);
          this.pos = offset + 1; // inside an annotation: a plain '(' followed by a token
          this.parenDepth++;
          return this.token('(', offset, line, column);
        }
        this.annotDepth++;
        this.annotParen.push(++this.parenDepth);
        return this.token('annot', offset, line, column, name);
      }
      this.parenDepth++;
      return this.token('(', offset, line, column);
    }
    if (c === 41) {
      this.pos++;
      if (this.annotParen.length > 0 && this.annotParen[this.annotParen.length - 1] === this.parenDepth) {
        this.annotParen.pop();
        this.annotDepth--;
      }
      this.parenDepth--;
      return this.token(')', offset, line, column);
    }

    // A run of idchars, strings and `,;[]{}` (stopping before `;;`, which starts a comment).
    let strings = 0;
    let extra = false; // saw one of `,;[]{}`
    let stringStart = -1; // where the last string began
    let bytes: Uint8Array | undefined;
    while (this.pos < s.length) {
      const d = s.charCodeAt(this.pos);
      if (d === 34) {
        stringStart = this.pos;
        bytes = this.string();
        strings++;
      } else if (d < 128 && ID_CHAR[d] === 1) {
        this.pos++;
      } else if (d < 128 && RUN_EXTRA[d] === 1) {
        if (d === 59 && s.charCodeAt(this.pos + 1) === 59) break;
        extra = true;
        this.pos++;
      } else break;
    }
    if (this.pos === offset) {
      if (c >= 0xd800 && c < 0xdc00) this.error('illegal character');
      this.error(c < 0x20 || c === 0x7f || c >= 0x80 ? 'illegal character' : `unexpected character '${s[offset]}'`);
    }
    const end = this.pos;
    // The run from `from` is exactly one string when its only string starts there and the run ends
    // with a quote (anything after that string's closing quote would end with another string).
    const oneStringFrom = (from: number) => strings === 1 && stringStart === from && s.charCodeAt(end - 1) === 34;
    if (c === 34 && oneStringFrom(offset)) return this.token('string', offset, line, column, undefined, bytes);
    if (c === 36 /* $ */) {
      if (strings === 0 && !extra && end - offset > 1) return this.token('id', offset, line, column, s.slice(offset + 1, end));
      if (oneStringFrom(offset + 1)) {
        const name = decodeName(bytes!);
        if (name === null) this.error('malformed UTF-8 encoding', offset);
        if (name === '') this.error('empty identifier', offset);
        return this.token('id', offset, line, column, name);
      }
    }
    if (strings === 0 && !extra) {
      // Numbers start with a digit or sign, or are inf/nan; keywords start with a lower-case letter.
      if (((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 105 || c === 110) && isNumberText(s.slice(offset, end))) {
        return this.token('number', offset, line, column);
      }
      if (c >= 97 && c <= 122) return this.token('keyword', offset, line, column);
    }
    return this.token('reserved', offset, line, column);
  }

  /** Tokens all have the same shape (fields in one order) so that consumers stay monomorphic. */
  private token(kind: TokenKind, offset: number, line: number, column: number, name?: string, bytes?: Uint8Array): Token {
    return { kind, text: this.source.slice(offset, this.pos), offset, line, column, end: this.pos, name, bytes };
  }

  /** Whether a token run would continue at `at` (so the thing before it is not a token on its own). */
  private continuesRun(at: number): boolean {
    const d = this.source.charCodeAt(at);
    if (d === 34) return true;
    if (d === 59) return this.source.charCodeAt(at + 1) !== 59;
    return d < 128 && (ID_CHAR[d] === 1 || RUN_EXTRA[d] === 1);
  }
}

/** All tokens of `source`. Throws TextError on a lexical error. */
export function tokenize(source: string): Token[] {
  const lexer = new Lexer(source);
  const out: Token[] = [];
  for (let t = lexer.next(); t; t = lexer.next()) out.push(t);
  return out;
}
