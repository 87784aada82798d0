// SIMD instructions: v128 values are 16-byte Uint8Arrays that are never mutated once made (every
// numerics helper returns a fresh one), so they are passed and copied by reference. Each
// instruction calls its numerics helper (SIMD_OPS / SIMD_MEMORY_OPS, bound by opcode id, so no
// module text reaches the source); memory ones get the memory's bytes after the usual bounds check.

import type { Instr } from '../../binary/instr.js';
import { I64, V128 } from '../../syntax/types.js';
import { PREFIX_SIMD } from '../../syntax/opcodes.js';
import { address } from './memops.js';
import type { FuncCompiler } from './body.js';

/** The helper binding of SIMD instruction `id` (see HELPERS). */
export const simdName = (id: number): string => `simd${id}`;

/** Emits SIMD instruction `ins`; false if it is not one. */
export function emitSimd(c: FuncCompiler, ins: Instr): boolean {
  const op = ins.op;
  if (op.prefix !== PREFIX_SIMD) return false;
  if (op.name === 'v128.const') {
    c.push(V128, c.constant(`new Uint8Array([${[...ins.bytes!].join(', ')}])`));
    return true;
  }
  const fn = c.use(simdName(op.id));
  if (op.imm === 'memarg' || op.imm === 'memlane') {
    const value = op.params!.length > 0 ? c.pop() : null; // stores and lane loads take a v128
    const x = c.pop();
    address(c, ins, x, 1 << op.align);
    const args = [`${c.memory(ins.a).M}.u8`, 'A'];
    if (value) args.push(value.e);
    if (op.imm === 'memlane') args.push(String(ins.c));
    const call = `${fn}(${args.join(', ')})`;
    if (op.results!.length === 0) c.emit(`${call};`);
    else {
      const [s] = c.target(V128);
      c.emit(`${s} = ${call};`);
    }
    return true;
  }
  const params = op.params!;
  const xs = c.popN(params.length);
  const args: string[] = [];
  xs.forEach((x, i) => {
    args.push(x.e);
    if (params[i] === I64) args.push(x.h);
  });
  if (op.imm === 'lane') args.splice(1, 0, String(ins.a)); // (a, lane, …)
  if (op.imm === 'shuffle') args.push(c.constant(`[${[...ins.bytes!].join(', ')}]`));
  const call = `${fn}(${args.join(', ')})`;
  const t = op.results![0];
  if (t === I64) {
    const [s, h] = c.target(I64);
    c.emit(`${s} = ${call}; ${h} = ${c.use('H')}.hi;`);
  } else c.push(t, call); // pure: pending like other arithmetic
  return true;
}
