// Evaluation of constant expressions (spec 4.5.3, with extended-const): global and table
// initialisers, segment offsets and element expressions. Values come out boxed (i64 as bigint).

import type { Module, Expr } from '../syntax/module.js';
import { Reader } from '../binary/reader.js';
import { Instr, readInstr } from '../binary/instr.js';
import type { TypeSpace } from '../binary/valtype.js';
import { f32FromBits, f64FromBits } from '../exec/numerics.js';
import type { FuncInst, GlobalInst, Value } from './interface.js';
import type { ArrayType, StructType } from '../syntax/types.js';
import { ArrayRef, I31Ref, StructRef, newArray, newArrayDefault, newStructDefault, unboxTo } from './gc.js';

export interface ConstEnv {
  funcs: FuncInst[];
  globals: GlobalInst[];
}

const ins = new Instr();

export function evalConst(m: Module, e: Expr, env: ConstEnv): Value {
  const r = new Reader(m.bytes, e.start, e.end);
  const space: TypeSpace = { map: m.types, count: m.types.length };
  const stack: Value[] = [];
  const i32 = (f: (a: number, b: number) => number): void => {
    const b = stack.pop() as number;
    const a = stack.pop() as number;
    stack.push(f(a, b) | 0);
  };
  const i64 = (f: (a: bigint, b: bigint) => bigint): void => {
    const b = stack.pop() as bigint;
    const a = stack.pop() as bigint;
    stack.push(BigInt.asIntN(64, f(a, b)));
  };
  for (;;) {
    readInstr(r, ins, space);
    switch (ins.op.name) {
      case 'end': return stack[0];
      case 'i32.const': stack.push(ins.lo); break;
      case 'i64.const': stack.push((BigInt(ins.hi) << 32n) | BigInt(ins.lo >>> 0)); break;
      case 'f32.const': stack.push(f32FromBits(ins.lo)); break;
      case 'f64.const': stack.push(f64FromBits(ins.lo, ins.hi)); break;
      case 'v128.const': stack.push(ins.bytes!.slice()); break;
      case 'ref.null': stack.push(null); break;
      case 'ref.func': stack.push(env.funcs[ins.a]); break;
      case 'global.get': stack.push(env.globals[ins.a].value); break;
      case 'i32.add': i32((a, b) => a + b); break;
      case 'i32.sub': i32((a, b) => a - b); break;
      case 'i32.mul': i32(Math.imul); break;
      case 'i64.add': i64((a, b) => a + b); break;
      case 'i64.sub': i64((a, b) => a - b); break;
      case 'i64.mul': i64((a, b) => a * b); break;
      case 'ref.i31': stack.push(new I31Ref(stack.pop() as number)); break;
      case 'any.convert_extern': case 'extern.convert_any': break; // the same value in both
      case 'struct.new': {
        const st = m.typeDefs[ins.a].comp as StructType;
        const vals = stack.splice(stack.length - st.fields.length);
        const f: unknown[] = [null];
        st.fields.forEach((fld, k) => f.push(...unboxTo(fld.type, vals[k])));
        stack.push(new StructRef(m.types[ins.a], f));
        break;
      }
      case 'struct.new_default': stack.push(newStructDefault(m.types[ins.a])); break;
      case 'array.new': {
        const n = stack.pop() as number;
        const v = stack.pop() as Value;
        const et = (m.typeDefs[ins.a].comp as ArrayType).field.type;
        stack.push(newArray(m.types[ins.a], n >>> 0, [null, ...unboxTo(et, v)]));
        break;
      }
      case 'array.new_default': stack.push(newArrayDefault(m.types[ins.a], (stack.pop() as number) >>> 0)); break;
      case 'array.new_fixed': {
        const et = (m.typeDefs[ins.a].comp as ArrayType).field.type;
        const vals = stack.splice(stack.length - ins.b);
        const a: unknown[] = [null];
        for (const v of vals) a.push(...unboxTo(et, v));
        stack.push(new ArrayRef(m.types[ins.a], a, ins.b));
        break;
      }
      default:
        throw new Error(`not yet implemented: constant instruction ${ins.op.name}`);
    }
  }
}

/** An offset or index value (i32 or i64) as a non-negative number. */
export function offsetOf(v: Value): number {
  return typeof v === 'bigint' ? Number(BigInt.asUintN(64, v)) : (v as number) >>> 0;
}
