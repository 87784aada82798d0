// Constant expressions (spec 3.4.13 "Constant Expressions"): global initialisers, table
// initialisers, segment offsets and element expressions. Only the constant instructions are
// allowed; they are typed with a small operand stack and the result must match `expected`.

import type { Module, Expr } from '../syntax/module.js';
import {
  type ValType, type CompositeType, I32, I64, I31, KIND_STRUCT, KIND_ARRAY, refType, isNullable,
  ANY, EXTERN, valTypeName, defaultable, I8, I16,
} from '../syntax/types.js';
import { Reader } from '../binary/reader.js';
import { Instr, readInstr } from '../binary/instr.js';
import type { TypeSpace } from '../binary/valtype.js';
import { matchValType } from './match.js';

/** A field's storage type as an operand type (packed fields are i32 on the stack). */
export function unpacked(t: ValType): ValType {
  return t === I8 || t === I16 ? I32 : t;
}

/** JS API implementation limit: "The maximum number of operands to array.new_fixed is 10,000." */
export const MAX_ARRAY_NEW_FIXED = 10_000;

export function arrayNewFixedTooLong(n: number): string {
  return `array.new_fixed with ${n} operands exceeds the implementation limit (${MAX_ARRAY_NEW_FIXED})`;
}

const scratch = new Instr();

/**
 * Validates constant expression `e` of module `m` against result type `expected`. Only the first
 * `visibleGlobals` globals may be read (a global initialiser sees the imports and earlier globals).
 */
export function validateConstExpr(m: Module, e: Expr, expected: ValType, visibleGlobals: number): void {
  const r: Reader = new Reader(m.bytes, e.start, e.end);
  const space: TypeSpace = { map: m.types, count: m.types.length };
  const ins = scratch;
  const stack: ValType[] = [];
  const pop = (want: ValType): void => {
    const got = stack.pop();
    if (got === undefined || !matchValType(got, want)) {
      r.fail(`type mismatch: expected ${valTypeName(want)}, got ${got === undefined ? 'nothing' : valTypeName(got)}`, ins.pos);
    }
  };
  const compositeAt = (x: number, kind: number): CompositeType => {
    if (x >= m.types.length) r.fail(`unknown type ${x}`, ins.pos);
    const c = m.typeDefs[x].comp;
    if (c.kind !== kind) r.fail(`type mismatch: type ${x} is not ${kind === KIND_STRUCT ? 'a struct' : 'an array'} type`, ins.pos);
    return c;
  };
  for (;;) {
    if (r.eof()) r.fail('unexpected end of constant expression');
    readInstr(r, ins, space);
    const name = ins.op.name;
    switch (name) {
      case 'end':
        if (r.pos !== e.end) r.fail('constant expression required', ins.pos);
        if (stack.length !== 1 || !matchValType(stack[0], expected)) {
          r.fail(`type mismatch: constant expression must produce [${valTypeName(expected)}], got [${stack.map(valTypeName).join(' ')}]`, ins.pos);
        }
        return;
      case 'i32.const': case 'i64.const': case 'f32.const': case 'f64.const': case 'v128.const':
        stack.push(ins.op.results![0]);
        ins.bytes = null; // a v128's view would keep the module's bytes alive
        break;
      case 'i32.add': case 'i32.sub': case 'i32.mul':
        pop(I32); pop(I32); stack.push(I32);
        break;
      case 'i64.add': case 'i64.sub': case 'i64.mul':
        pop(I64); pop(I64); stack.push(I64);
        break;
      case 'ref.null':
        stack.push(refType(ins.a, true));
        break;
      case 'ref.func':
        // Functions named here are declared for ref.func in bodies too (C.refs), so no check.
        if (ins.a >= m.funcs.length) r.fail(`unknown function ${ins.a}`, ins.pos);
        stack.push(refType(m.types[m.funcs[ins.a]], false));
        break;
      case 'global.get': {
        if (ins.a >= visibleGlobals || ins.a >= m.globals.length) r.fail(`unknown global ${ins.a}`, ins.pos);
        const g = m.globals[ins.a].type;
        if (g.mutable) r.fail('constant expression required (global.get of a mutable global)', ins.pos);
        stack.push(g.type);
        break;
      }
      case 'ref.i31':
        pop(I32); stack.push(refType(I31, false));
        break;
      case 'any.convert_extern': case 'extern.convert_any': {
        const from = name === 'any.convert_extern' ? EXTERN : ANY;
        const got = stack.pop();
        if (got === undefined || !matchValType(got, refType(from, true))) r.fail('type mismatch', ins.pos);
        stack.push(refType(from === EXTERN ? ANY : EXTERN, isNullable(got)));
        break;
      }
      case 'struct.new': case 'struct.new_default': {
        const c = compositeAt(ins.a, KIND_STRUCT);
        if (c.kind !== KIND_STRUCT) break;
        if (name === 'struct.new') {
          for (let i = c.fields.length - 1; i >= 0; i--) pop(unpacked(c.fields[i].type));
        } else {
          for (const f of c.fields) if (!defaultable(f.type)) r.fail(`type mismatch: field of type ${valTypeName(f.type)} is not defaultable`, ins.pos);
        }
        stack.push(refType(m.types[ins.a], false));
        break;
      }
      case 'array.new': case 'array.new_default': case 'array.new_fixed': {
        const c = compositeAt(ins.a, KIND_ARRAY);
        if (c.kind !== KIND_ARRAY) break;
        const t = unpacked(c.field.type);
        if (name === 'array.new') {
          pop(I32); pop(t);
        } else if (name === 'array.new_default') {
          if (!defaultable(t)) r.fail(`type mismatch: element type ${valTypeName(t)} is not defaultable`, ins.pos);
          pop(I32);
        } else {
          if (ins.b > MAX_ARRAY_NEW_FIXED) r.fail(arrayNewFixedTooLong(ins.b), ins.pos);
          for (let i = 0; i < ins.b; i++) pop(t);
        }
        stack.push(refType(m.types[ins.a], false));
        break;
      }
      default:
        r.fail(`constant expression required (${name} is not a constant instruction)`, ins.pos);
    }
  }
}
