// Exact calls into a host WebAssembly function whose parameters and results are numbers or v128.
// The JS API cannot carry v128 at all and may change NaN payloads, so the native adapter calls the
// function from a small wasm wrapper instead: the arguments' bytes are written to the wrapper's
// memory, the wrapper loads them, calls the function (wasm to wasm: every bit survives) and stores
// the results back, where they are read as bytes.

import { F32, F64, I32, I64, V128, type ValType } from '../syntax/types.js';
import type { Const } from './ast.js';
import type { Observed } from './engine.js';

const SLOT = 16; // bytes per argument or result slot
const RESULTS_AT = 1024; // results region (parameters live below)

// Load and store opcodes by value type: [prefix or -1, opcode].
const LOAD: Record<number, number[]> = { [I32]: [0x28], [I64]: [0x29], [F32]: [0x2a], [F64]: [0x2b], [V128]: [0xfd, 0x00] };
const STORE: Record<number, number[]> = { [I32]: [0x36], [I64]: [0x37], [F32]: [0x38], [F64]: [0x39], [V128]: [0xfd, 0x0b] };

export function wrappable(params: ValType[], results: ValType[]): boolean {
  return params.length * SLOT <= RESULTS_AT && results.length * SLOT <= 65536 - RESULTS_AT && [...params, ...results].every((t) => t in LOAD);
}

/** Appends `n` as an unsigned LEB128. */
export function u32(n: number, out: number[]): void {
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
}

/** Appends section `id` with its size. */
export function section(id: number, body: number[], out: number[]): void {
  out.push(id);
  u32(body.length, out);
  out.push(...body);
}

function str(s: string, out: number[]): void {
  const b = new TextEncoder().encode(s);
  u32(b.length, out);
  out.push(...b);
}

/** The wrapper module: imports "m" "f" of type params → results, exports "w" () → () and "mem". */
export function wrapperBytes(params: ValType[], results: ValType[]): Uint8Array {
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const types: number[] = [];
  u32(2, types);
  types.push(0x60);
  u32(params.length, types);
  types.push(...params);
  u32(results.length, types);
  types.push(...results);
  types.push(0x60, 0x00, 0x00);
  section(1, types, out);
  const imports: number[] = [1];
  str('m', imports);
  str('f', imports);
  imports.push(0x00, 0x00); // func, type 0
  section(2, imports, out);
  section(3, [1, 1], out); // one function of type 1
  section(5, [1, 0x00, 1], out); // one memory, min 1 page
  const exports: number[] = [2];
  str('w', exports);
  exports.push(0x00, 1);
  str('mem', exports);
  exports.push(0x02, 0);
  section(7, exports, out);

  const body: number[] = [];
  u32(results.length, body); // one local per result
  for (const t of results) body.push(1, t);
  params.forEach((t, i) => {
    body.push(0x41);
    sleb(i * SLOT, body); // i32.const
    body.push(...LOAD[t], 0x00, 0x00);
  });
  body.push(0x10, 0x00); // call f
  for (let i = results.length - 1; i >= 0; i--) {
    body.push(0x21);
    u32(i, body); // local.set: the last result is on top
  }
  results.forEach((t, i) => {
    body.push(0x41);
    sleb(RESULTS_AT + i * SLOT, body);
    body.push(0x20);
    u32(i, body);
    body.push(...STORE[t], 0x00, 0x00);
  });
  body.push(0x0b);
  const code: number[] = [1];
  u32(body.length, code);
  code.push(...body);
  section(10, code, out);
  return Uint8Array.from(out);
}

function sleb(n: number, out: number[]): void {
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return;
    }
    out.push(b | 0x80);
  }
}

/** Writes one argument's bits to its slot. */
export function writeArg(view: DataView, i: number, t: ValType, c: Const): void {
  const at = i * SLOT;
  switch (c.type) {
    case 'i32': view.setInt32(at, c.value, true); break;
    case 'i64': view.setBigInt64(at, c.value, true); break;
    case 'f32': view.setUint32(at, c.bits, true); break;
    case 'f64': view.setBigUint64(at, c.bits, true); break;
    case 'v128': new Uint8Array(view.buffer, at, 16).set(c.bytes); break;
    default: throw new Error(`a ${c.type} argument for a ${t} parameter`);
  }
}

/** Reads one result's bits from its slot. */
export function readResult(view: DataView, i: number, t: ValType): Observed {
  const at = RESULTS_AT + i * SLOT;
  switch (t) {
    case I32: return { type: 'i32', value: view.getInt32(at, true) };
    case I64: return { type: 'i64', value: view.getBigInt64(at, true) };
    case F32: return { type: 'f32', bits: view.getUint32(at, true) };
    case F64: return { type: 'f64', bits: view.getBigUint64(at, true) };
    default: return { type: 'v128', bytes: new Uint8Array(view.buffer.slice(at, at + 16)) };
  }
}
