// Reads a .wast script into commands (ast.ts). Syntax errors are TextErrors with line:column.
//
//   parseScript(source): Command[]

import { parseSExprs, isKeyword, isList, describe, textError, type SExpr, type SList, type Atom } from '../text/sexpr.js';
import { decodeName } from '../text/lexer.js';
import type {
  Action, Command, Const, FloatPat, InstanceCmd, LaneShape, ModuleCmd, ModuleSource, RefKind, ResultPat,
} from './ast.js';
import { parseF32Bits, parseF64Bits, parseInt32, parseInt64, parseIntN } from './numbers.js';

const MODULE_FIELDS = new Set(['type', 'rec', 'import', 'func', 'table', 'memory', 'global', 'tag', 'export', 'start', 'elem', 'data']);

export function parseScript(source: string): Command[] {
  const top = parseSExprs(source, { annotations: 'drop' });
  // A script may instead be the fields of one module (spec interpreter: `script: cmd* | modulefield+`).
  const first = top[0];
  if (first && first.kind === 'list' && isKeyword(first.items[0]) && MODULE_FIELDS.has(first.items[0].text)) {
    return [{ type: 'module', line: first.line, name: null, definition: false, source: { form: 'text', text: source } }];
  }
  const out: Command[] = [];
  for (const e of top) out.push(command(e, source));
  return out;
}

function expectList(e: SExpr | undefined, at: SList): SList {
  if (!e || e.kind !== 'list') throw textError(e ?? at, `expected a list, found ${describe(e)}`);
  return e;
}

function stringOf(e: SExpr | undefined, at: SList): string {
  if (!e || e.kind !== 'string') throw textError(e ?? at, `expected a string, found ${describe(e)}`);
  const s = decodeName(e.bytes!);
  if (s === null) throw textError(e, 'malformed UTF-8 encoding');
  return s;
}

function optionalId(items: SExpr[], i: number): [string | null, number] {
  const e = items[i];
  return e && e.kind === 'id' ? [e.name!, i + 1] : [null, i];
}

function command(e: SExpr, source: string): Command {
  const l = expectList(e, e as SList);
  const head = l.items[0];
  if (!isKeyword(head)) throw textError(l, `expected a command, found ${describe(l)}`);
  const line = l.line;
  switch (head.text) {
    case 'module':
      return moduleCmd(l, source);
    case 'register': {
      const as = stringOf(l.items[1], l);
      const [module] = optionalId(l.items, 2);
      return { type: 'register', line, as, module };
    }
    case 'invoke':
    case 'get':
      return { type: 'action', line, action: action(l) };
    case 'assert_return': {
      const act = action(expectList(l.items[1], l));
      return { type: 'assert_return', line, action: act, results: l.items.slice(2).map(result) };
    }
    case 'assert_trap': {
      const target = expectList(l.items[1], l);
      const message = stringOf(l.items[2], l);
      if (isList(target, 'module')) return { type: 'assert_trap', line, action: null, module: moduleCmd(target, source), message };
      return { type: 'assert_trap', line, action: action(target), module: null, message };
    }
    case 'assert_exhaustion':
      return { type: 'assert_exhaustion', line, action: action(expectList(l.items[1], l)), message: stringOf(l.items[2], l) };
    case 'assert_exception':
      return { type: 'assert_exception', line, action: action(expectList(l.items[1], l)) };
    case 'assert_malformed':
    case 'assert_invalid':
    case 'assert_unlinkable':
    case 'assert_uninstantiable':
    case 'assert_invalid_custom':
    case 'assert_malformed_custom': {
      const m = expectList(l.items[1], l);
      if (!isList(m, 'module')) throw textError(m, `expected a module, found ${describe(m)}`);
      return { type: head.text, line, module: moduleCmd(m, source), message: stringOf(l.items[2], l) };
    }
    default:
      throw textError(head, `unknown script command ${head.text}`);
  }
}

function moduleCmd(l: SList, source: string): ModuleCmd | InstanceCmd {
  const items = l.items;
  let i = 1;
  let definition = false;
  if (isKeyword(items[i], 'instance')) {
    const [name, j] = optionalId(items, i + 1);
    const [def, k] = optionalId(items, j);
    if (k !== items.length) throw textError(items[k], `unexpected ${describe(items[k])} in module instance`);
    return { type: 'instance', line: l.line, name, definition: def };
  }
  if (isKeyword(items[i], 'definition')) {
    definition = true;
    i++;
  }
  let name: string | null;
  [name, i] = optionalId(items, i);
  let src: ModuleSource;
  if (isKeyword(items[i], 'binary') || isKeyword(items[i], 'quote')) {
    const form = (items[i] as Atom).text as 'binary' | 'quote';
    const parts: Uint8Array[] = [];
    for (const s of items.slice(i + 1)) {
      if (s.kind !== 'string') throw textError(s, `expected a string, found ${describe(s)}`);
      parts.push(s.bytes!);
    }
    const bytes = concat(parts);
    src = form === 'binary' ? { form, bytes } : { form, text: bytes };
  } else {
    // A text module: its fields as written, re-headed so that script-only keywords disappear.
    const first = items[i];
    const body = first ? source.slice(first.offset, l.end - 1) : '';
    src = { form: 'text', text: `(module ${body})` };
  }
  return { type: 'module', line: l.line, name, definition, source: src };
}

function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function action(l: SList): Action {
  const head = l.items[0];
  if (!isKeyword(head, 'invoke') && !isKeyword(head, 'get')) throw textError(l, `expected an action, found ${describe(l)}`);
  const [module, i] = optionalId(l.items, 1);
  const name = stringOf(l.items[i], l);
  const args = l.items.slice(i + 1).map((a) => constant(expectList(a, l)));
  if (head.text === 'get' && args.length > 0) throw textError(l, 'get takes no arguments');
  return { type: head.text as 'invoke' | 'get', line: l.line, module, name, args };
}

/** Wraps the numbers module's errors as positioned TextErrors. */
function num<T>(e: SExpr | undefined, at: SList, f: (text: string) => T): T {
  if (!e || (e.kind !== 'number' && e.kind !== 'keyword')) throw textError(e ?? at, `expected a number, found ${describe(e)}`);
  try {
    return f(e.text);
  } catch (err) {
    throw textError(e, (err as Error).message);
  }
}

function refNat(l: SList): number {
  return num(l.items[1], l, (t) => Number(parseIntN(t, 32)));
}

function heapText(e: SExpr | undefined, at: SList): string {
  if (!e || (e.kind !== 'keyword' && e.kind !== 'id')) throw textError(e ?? at, `expected a heap type, found ${describe(e)}`);
  return e.kind === 'id' ? `$${e.name}` : e.text;
}

function constant(l: SList): Const {
  const head = l.items[0];
  if (!isKeyword(head)) throw textError(l, `expected a constant, found ${describe(l)}`);
  const arity = (n: number) => {
    if (l.items.length !== n) throw textError(l, `malformed constant ${describe(l)}`);
  };
  switch (head.text) {
    case 'i32.const': arity(2); return { type: 'i32', value: num(l.items[1], l, parseInt32) };
    case 'i64.const': arity(2); return { type: 'i64', value: num(l.items[1], l, parseInt64) };
    case 'f32.const': arity(2); return { type: 'f32', bits: num(l.items[1], l, parseF32Bits) };
    case 'f64.const': arity(2); return { type: 'f64', bits: num(l.items[1], l, parseF64Bits) };
    case 'v128.const': {
      const [shape, lanes] = v128Lanes(l);
      const bytes = new Uint8Array(16);
      const view = new DataView(bytes.buffer);
      lanes.forEach((p, k) => {
        if (p.kind !== 'bits') throw textError(l, 'a NaN pattern is not a constant');
        writeLane(view, shape, k, p.bits);
      });
      return { type: 'v128', bytes };
    }
    case 'ref.null': arity(2); return { type: 'ref.null', heap: heapText(l.items[1], l) };
    case 'ref.extern': arity(2); return { type: 'ref.extern', n: refNat(l) };
    case 'ref.host': arity(2); return { type: 'ref.host', n: refNat(l) };
    default:
      throw textError(head, `unknown constant ${head.text}`);
  }
}

export const LANES: Record<LaneShape, number> = { i8: 16, i16: 8, i32: 4, i64: 2, f32: 4, f64: 2 };

export function writeLane(view: DataView, shape: LaneShape, k: number, bits: bigint): void {
  switch (shape) {
    case 'i8': view.setUint8(k, Number(bits)); break;
    case 'i16': view.setUint16(k * 2, Number(bits), true); break;
    case 'i32': case 'f32': view.setUint32(k * 4, Number(bits), true); break;
    default: view.setBigUint64(k * 8, bits, true);
  }
}

function floatPat(e: SExpr | undefined, at: SList, width: 32 | 64): FloatPat {
  if (isKeyword(e, 'nan:canonical') || isKeyword(e, 'nan:arithmetic')) return { kind: e.text as FloatPat['kind'] } as FloatPat;
  return { kind: 'bits', bits: num(e, at, (t) => (width === 32 ? BigInt(parseF32Bits(t)) : parseF64Bits(t))) };
}

function v128Lanes(l: SList): [LaneShape, FloatPat[]] {
  const shapeTok = l.items[1];
  const m = isKeyword(shapeTok) ? /^(i8|i16|i32|i64|f32|f64)x(\d+)$/.exec(shapeTok.text) : null;
  if (!m || LANES[m[1] as LaneShape] !== Number(m[2])) throw textError(shapeTok ?? l, `unknown vector shape ${describe(shapeTok)}`);
  const shape = m[1] as LaneShape;
  const n = LANES[shape];
  if (l.items.length !== 2 + n) throw textError(l, `wrong number of lane literals: expected ${n}`);
  const lanes = l.items.slice(2).map((e): FloatPat => {
    if (shape === 'f32' || shape === 'f64') return floatPat(e, l, shape === 'f32' ? 32 : 64);
    const bits = Number(shape.slice(1));
    return { kind: 'bits', bits: num(e, l, (t) => parseIntN(t, bits)) };
  });
  return [shape, lanes];
}

const REF_KINDS = new Set<string>(['any', 'eq', 'i31', 'struct', 'array', 'func', 'extern', 'host', 'exn']);

function result(e: SExpr): ResultPat {
  const l = expectList(e, e as SList);
  const head = l.items[0];
  if (!isKeyword(head)) throw textError(l, `expected a result, found ${describe(l)}`);
  switch (head.text) {
    case 'i32.const': return { type: 'i32', value: num(l.items[1], l, parseInt32) };
    case 'i64.const': return { type: 'i64', value: num(l.items[1], l, parseInt64) };
    case 'f32.const': return { type: 'f32', pat: floatPat(l.items[1], l, 32) };
    case 'f64.const': return { type: 'f64', pat: floatPat(l.items[1], l, 64) };
    case 'v128.const': {
      const [shape, lanes] = v128Lanes(l);
      return { type: 'v128', shape, lanes };
    }
    case 'ref.null': return { type: 'ref.null', heap: l.items.length > 1 ? heapText(l.items[1], l) : null };
    case 'either': return { type: 'either', alts: l.items.slice(1).map(result) };
    default: {
      const m = /^ref\.(\w+)$/.exec(head.text);
      if (m && REF_KINDS.has(m[1])) {
        return { type: 'ref', kind: m[1] as RefKind, n: l.items.length > 1 ? refNat(l) : null };
      }
      throw textError(head, `unknown result pattern ${head.text}`);
    }
  }
}
