// SIMD (0xFD) instructions in the compile tier. A v128 is one JS value everywhere in generated code
// (locals, slots, globals, arguments, results): an immutable 16-byte Uint8Array, the same form as
// at the JS boundary (runtime/abi.ts), so calls, tail calls, blocks, select, globals and exception
// payloads carry it like any single-slot value. Lane semantics are numerics' SIMD_OPS (exact,
// relaxed ones deterministic); they return fresh arrays and never modify their operands, which is
// what makes sharing one array between locals safe. Pure operations become pending expressions;
// memory ones check bounds once, like memops.ts, before the helper touches the bytes, so a
// trapping store writes nothing.

import type { Instr } from '../../binary/instr.js';
import { OPS, PREFIX_SIMD, type OpInfo } from '../../syntax/opcodes.js';
import { I64, V128 } from '../../syntax/types.js';
import { SIMD_MEMORY_OPS, SIMD_OPS } from '../numerics.js';
import type { Entry, FuncCompiler } from './body.js';
import { FAST } from './simd-fast.js';

type Emit = (c: FuncCompiler, ins: Instr) => void;
export const SIMD = new Map<string, Emit>();

/** Per function: prologue constants already made (helpers by name, literal vectors). */
const made = new WeakMap<FuncCompiler, Map<string, string>>();

function constant(c: FuncCompiler, key: string, expr: string): string {
  let m = made.get(c);
  if (!m) made.set(c, (m = new Map()));
  let k = m.get(key);
  if (k === undefined) m.set(key, (k = c.constant(expr)));
  return k;
}

/** The helper implementing SIMD instruction `name`, bound once per function. */
function helper(c: FuncCompiler, name: string, memory = false): string {
  return constant(c, name, `E.X.${memory ? 'SIMD_MEMORY_OPS' : 'SIMD_OPS'}.get(${JSON.stringify(name)})`);
}

/** A literal v128 (shared: values are never modified in place). */
export function v128Const(c: FuncCompiler, bytes: ArrayLike<number>): string {
  const list = Array.from(bytes).join(', ');
  return constant(c, `[${list}]`, `new Uint8Array([${list}])`);
}

/** The initial value of a local of type t in generated code. */
export function zeroValue(c: FuncCompiler, t: number): string {
  return t === V128 ? v128Const(c, new Uint8Array(16)) : t >= 0x100 ? 'null' : '0';
}

function argsOf(xs: Entry[]): string[] {
  const out: string[] = [];
  for (const x of xs) {
    out.push(x.e);
    if (x.t === I64) out.push(x.h);
  }
  return out;
}

function pushResult(c: FuncCompiler, t: number, e: string): void {
  if (t === I64) {
    const [s, h] = c.target(I64);
    c.emit(`${s} = ${e}; ${h} = ${c.use('H')}.hi;`);
  } else c.push(t, e);
}

function pure(op: OpInfo): Emit {
  const params = op.params!;
  const result = op.results![0];
  return (c, ins) => {
    const args = argsOf(c.popN(params.length));
    const fast = FAST.get(op.name);
    if (fast) {
      pushResult(c, result, fast(c, args, ins));
      return;
    }
    if (op.imm === 'lane') args.splice(1, 0, String(ins.a));
    if (op.imm === 'shuffle') args.push(constant(c, `shuffle ${Array.from(ins.bytes!)}`, `[${Array.from(ins.bytes!)}]`));
    pushResult(c, result, `${helper(c, op.name)}(${args.join(', ')})`);
  };
}

/** Bounds check of an access of `width` bytes at operand x + offset; the address is left in A. */
function address(c: FuncCompiler, ins: Instr, x: Entry, width: number): void {
  const limit = c.memoryLimit(ins.a, width);
  const off = ins.offset === Infinity ? 'Infinity' : String(ins.offset);
  const base = x.t === I64 ? `(${x.h} >>> 0) * 4294967296 + (${x.e} >>> 0)` : `(${x.e} >>> 0)`;
  c.emit(`if ((A = ${ins.offset === 0 ? base : `${base} + ${off}`}) > ${limit}) ${c.use('oob')}();`);
}

function memoryOp(op: OpInfo): Emit {
  const lane = op.imm === 'memlane';
  const width = lane ? 1 << op.align : op.width;
  const store = op.results!.length === 0;
  return (c, ins) => {
    const v = lane || store ? c.pop() : null;
    const x = c.pop();
    address(c, ins, x, width);
    const { M } = c.memory(ins.a);
    const args = [`${M}.u8`, 'A'];
    if (v) args.push(v.e);
    if (lane) args.push(String(ins.c));
    const call = `${helper(c, op.name, true)}(${args.join(', ')})`;
    if (store) c.emit(`${call};`);
    else {
      const [s] = c.target(V128);
      c.emit(`${s} = ${call};`);
    }
  };
}

for (const op of OPS) {
  if (op.prefix !== PREFIX_SIMD) continue;
  if (op.name === 'v128.const') SIMD.set(op.name, (c, ins) => c.push(V128, v128Const(c, ins.bytes!)));
  else if (SIMD_OPS.has(op.name)) SIMD.set(op.name, pure(op));
  else if (SIMD_MEMORY_OPS.has(op.name)) SIMD.set(op.name, memoryOp(op));
}
