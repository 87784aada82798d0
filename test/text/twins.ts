// Pairs the modules of a text testsuite script (spec/testsuite/X.wast) with their binary twins in
// spec/testsuite-bin/X.bin.wast, where the reference interpreter replaced each module that is not
// an `assert_malformed` text module by `(module binary "…")` at the same position. Also collects the
// `assert_malformed (module quote …)` modules, which have no twin.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseSExprs, type SExpr, type SList } from '../../src/text/sexpr.js';
import { headIndex, headKeyword } from '../../src/text/cursor.js';

export const SHARED = new URL('../../../../shared/', import.meta.url).pathname;
export const TESTSUITE = join(SHARED, 'spec/testsuite');
export const TESTSUITE_BIN = join(SHARED, 'spec/testsuite-bin');

export interface ScriptModules {
  /**
   * `(module …)` nodes, excluding `(module instance …)`, in order; a script that is a bare module
   * (only module fields) is one synthetic `(module …)` node.
   */
  modules: SList[];
  /** Modules of assert_malformed, kept out of `modules`. */
  malformed: SList[];
}

function isModule(e: SExpr | undefined): boolean {
  return e !== undefined && e.kind === 'list' && headKeyword(e) === 'module';
}

function isInstance(m: SList): boolean {
  const w = m.items[headIndex(m) + 1];
  return w !== undefined && w.kind === 'keyword' && w.text === 'instance';
}

const FIELDS = new Set(['type', 'rec', 'import', 'func', 'table', 'memory', 'global', 'tag', 'export', 'start', 'elem', 'data']);

export function scriptModules(source: string): ScriptModules {
  const modules: SList[] = [];
  const malformed: SList[] = [];
  const top = parseSExprs(source);
  const fields = top.filter((e) => e.kind === 'list' && FIELDS.has(headKeyword(e) ?? ''));
  if (fields.length > 0 && fields.length === top.filter((e) => e.kind !== 'list' || e.annot === null).length) {
    const first = fields[0] as SList;
    const module: SExpr = { ...first, kind: 'keyword', text: 'module' } as SExpr;
    return { modules: [{ ...first, items: [module, ...top] }], malformed };
  }
  for (const cmd of top) {
    if (cmd.kind !== 'list') continue;
    if (isModule(cmd)) {
      if (!isInstance(cmd)) modules.push(cmd);
      continue;
    }
    // Custom-annotation assertions concern tools that interpret annotations; the binary
    // scripts leave them out.
    const head = headKeyword(cmd);
    if (head === null || !head.startsWith('assert_') || head.endsWith('_custom')) continue;
    const m = cmd.items[headIndex(cmd) + 1] as SList;
    if (!isModule(m) || isInstance(m)) continue;
    if (head === 'assert_malformed') malformed.push(m);
    else modules.push(m);
  }
  return { modules, malformed };
}

/** Text scripts that have a binary twin: [text path, bin path]. */
export function twinFiles(): [string, string][] {
  const out: [string, string][] = [];
  for (const dir of ['', 'custom']) {
    for (const f of readdirSync(join(TESTSUITE, dir)).sort()) {
      if (!f.endsWith('.wast')) continue;
      const bin = join(TESTSUITE_BIN, dir, f.replace(/\.wast$/, '.bin.wast'));
      if (existsSync(bin)) out.push([join(TESTSUITE, dir, f), bin]);
    }
  }
  return out;
}

/** Every text script of the testsuite, with proposals and legacy ones (for assert_malformed). */
export function allTextScripts(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const f of readdirSync(dir, { withFileTypes: true })) {
      if (f.isDirectory()) walk(join(dir, f.name));
      else if (f.name.endsWith('.wast')) out.push(join(dir, f.name));
    }
  };
  walk(TESTSUITE);
  return out.sort();
}

export function read(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Reads a u32 LEB128 at `pos`: [value, next position]. */
function leb(b: Uint8Array, pos: number): [number, number] {
  let v = 0;
  let mul = 1;
  for (;;) {
    const byte = b[pos++];
    if (byte === undefined) throw new Error('truncated');
    v += (byte & 0x7f) * mul;
    mul *= 128;
    if (!(byte & 0x80)) return [v, pos];
  }
}

function pushLeb(out: number[], v: number): void {
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

/**
 * Rewrites section sizes and function body sizes in their shortest LEB128 form (the reference
 * interpreter pads them to 5 bytes). Returns the input unchanged if it cannot be walked.
 */
export function normalizeSizes(b: Uint8Array): Uint8Array {
  try {
    if (b.length < 8) return b;
    const out: number[] = Array.from(b.subarray(0, 8));
    let pos = 8;
    while (pos < b.length) {
      const id = b[pos++];
      const [size, start] = leb(b, pos);
      const end = start + size;
      if (end > b.length) return b;
      let body: number[];
      if (id === 10) {
        body = [];
        let [n, p] = leb(b, start);
        pushLeb(body, n);
        for (; n > 0; n--) {
          const [fsize, fstart] = leb(b, p);
          pushLeb(body, fsize);
          for (let i = fstart; i < fstart + fsize; i++) body.push(b[i]);
          p = fstart + fsize;
        }
        if (p !== end) return b;
      } else body = Array.from(b.subarray(start, end));
      out.push(id);
      pushLeb(out, body.length);
      for (const x of body) out.push(x);
      pos = end;
    }
    return Uint8Array.from(out);
  } catch {
    return b;
  }
}

/** `b` (well-formed, as the encoder writes it) without its custom sections. */
export function withoutCustomSections(b: Uint8Array): Uint8Array {
  const out: number[] = Array.from(b.subarray(0, 8));
  for (let pos = 8; pos < b.length;) {
    const [size, start] = leb(b, pos + 1);
    if (b[pos] !== 0) for (let i = pos; i < start + size; i++) out.push(b[i]);
    pos = start + size;
  }
  return Uint8Array.from(out);
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, "'": 39, '\\': 92 };

/** Bytes of the string literals in `s` (the text between the quotes), concatenated. */
function stringBytes(s: string, out: number[]): void {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x5c) {
      if (c < 0x80) out.push(c);
      else for (const b of new TextEncoder().encode(s[i])) out.push(b);
    } else if (/[0-9a-fA-F]/.test(s[i + 1])) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(ESCAPES[s[++i]] ?? s.charCodeAt(i));
  }
}

/**
 * The `(module binary …)` modules of a binary script, in order, without those of assert_malformed
 * and of the custom-annotation assertions (as scriptModules leaves them out). A regular expression
 * is enough for these machine-written scripts, and much faster than lexing them.
 */
export function twinBinaries(source: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  const re = /\(module(?:\s+definition)?(?:\s+\$[^\s()]+)?\s+binary((?:\s+"(?:[^"\\]|\\.)*")*)/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    const assert = /\((assert_\w+)\s*$/.exec(source.slice(Math.max(0, m.index - 60), m.index))?.[1];
    if (assert === 'assert_malformed' || assert?.endsWith('_custom')) continue;
    const bytes: number[] = [];
    for (const s of m[1].matchAll(/"((?:[^"\\]|\\.)*)"/g)) stringBytes(s[1], bytes);
    out.push(Uint8Array.from(bytes));
  }
  return out;
}
