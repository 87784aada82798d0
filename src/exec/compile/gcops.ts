// GC instructions (structs, arrays, i31, casts) as JavaScript over runtime/gc.ts objects. Null
// checks and bounds checks come first, so a trapping instruction changes nothing.

import type { Instr } from '../../binary/instr.js';
import { I32, I64, I8, I16, type ArrayType, type StructType } from '../../syntax/types.js';
import {
  NULL_STRUCTURE_REFERENCE, NULL_ARRAY_REFERENCE, NULL_I31_REFERENCE, OOB_ARRAY, CAST_FAILURE,
} from '../numerics.js';
import { fieldOffsets, slotsOf } from '../../runtime/gc.js';
import type { FuncCompiler } from './body.js';

type Emit = (c: FuncCompiler, ins: Instr) => void;
export const GC = new Map<string, Emit>();
const REF = 0x100;

function unpacked(t: number): number {
  return t === I8 || t === I16 ? I32 : t;
}
function packExpr(t: number, e: string): string {
  return t === I8 ? `(${e} & 255)` : t === I16 ? `(${e} & 65535)` : e;
}
function signExpr(t: number, e: string, signed: boolean): string {
  if (!signed) return e;
  return t === I8 ? `((${e} << 24) >> 24)` : t === I16 ? `((${e} << 16) >> 16)` : e;
}
function structOf(c: FuncCompiler, x: number): StructType {
  return c.mod.typeDefs[x].comp as StructType;
}
function arrayOf(c: FuncCompiler, x: number): ArrayType {
  return c.mod.typeDefs[x].comp as ArrayType;
}
/** Emits the null check of `e` into `fr`. */
function nonNull(c: FuncCompiler, e: string, reason: string): void {
  c.emit(`if ((fr = ${e}) === null) ${c.trap(reason)}`);
}

GC.set('struct.new', (c, ins) => {
  const st = structOf(c, ins.a);
  const xs = c.popN(st.fields.length);
  const slots: string[] = [];
  xs.forEach((x, k) => {
    slots.push(packExpr(st.fields[k].type, x.e));
    if (x.t === I64) slots.push(x.h);
  });
  const [s] = c.target(REF);
  c.emit(`${s} = new ${c.use('StructRef')}(${c.typeId(c.mod.types[ins.a])}, [null, ${slots.join(', ')}]);`);
});
GC.set('struct.new_default', (c, ins) => {
  const [s] = c.target(REF);
  c.emit(`${s} = ${c.use('newStructDefault')}(${c.typeId(c.mod.types[ins.a])});`);
});
for (const [name, signed] of [['struct.get', false], ['struct.get_s', true], ['struct.get_u', false]] as const) {
  GC.set(name, (c, ins) => {
    const st = structOf(c, ins.a);
    const ft = st.fields[ins.b].type;
    const k = 1 + fieldOffsets(c.mod.types[ins.a])[ins.b];
    const x = c.pop();
    nonNull(c, x.e, NULL_STRUCTURE_REFERENCE);
    const [s, h] = c.target(unpacked(ft));
    c.emit(`${s} = ${signExpr(ft, `fr.f[${k}]`, signed)};`);
    if (ft === I64) c.emit(`${h} = fr.f[${k + 1}];`);
  });
}
GC.set('struct.set', (c, ins) => {
  const ft = structOf(c, ins.a).fields[ins.b].type;
  const k = 1 + fieldOffsets(c.mod.types[ins.a])[ins.b];
  const [x, v] = c.popN(2);
  nonNull(c, x.e, NULL_STRUCTURE_REFERENCE);
  c.emit(`fr.f[${k}] = ${packExpr(ft, v.e)};${ft === I64 ? ` fr.f[${k + 1}] = ${v.h};` : ''}`);
});

/** Slot expressions of an element value, after the leading null of an init array. */
function elemSlots(t: number, x: { e: string; h: string }): string {
  return t === I64 ? `${x.e}, ${x.h}` : packExpr(t, x.e);
}

GC.set('array.new', (c, ins) => {
  const et = arrayOf(c, ins.a).field.type;
  const [v, n] = c.popN(2);
  const [s] = c.target(REF);
  c.emit(`${s} = ${c.use('newArray')}(${c.typeId(c.mod.types[ins.a])}, ${n.e} >>> 0, [null, ${elemSlots(et, v)}]);`);
});
GC.set('array.new_default', (c, ins) => {
  const n = c.pop();
  const [s] = c.target(REF);
  c.emit(`${s} = ${c.use('newArrayDefault')}(${c.typeId(c.mod.types[ins.a])}, ${n.e} >>> 0);`);
});
GC.set('array.new_fixed', (c, ins) => {
  const et = arrayOf(c, ins.a).field.type;
  const xs = c.popN(ins.b);
  const [s] = c.target(REF);
  const slots = xs.map((x) => elemSlots(et, x));
  c.emit(`${s} = new ${c.use('ArrayRef')}(${c.typeId(c.mod.types[ins.a])}, [null${slots.map((e) => `, ${e}`).join('')}], ${ins.b});`);
});
for (const [name, signed] of [['array.get', false], ['array.get_s', true], ['array.get_u', false]] as const) {
  GC.set(name, (c, ins) => {
    const et = arrayOf(c, ins.a).field.type;
    const w = slotsOf(et);
    const [x, i] = c.popN(2);
    nonNull(c, x.e, NULL_ARRAY_REFERENCE);
    c.emit(`if ((A = ${i.e} >>> 0) >= fr.n) ${c.trap(OOB_ARRAY)}`);
    const [s, h] = c.target(unpacked(et));
    const at = w === 1 ? '1 + A' : `1 + A * ${w}`;
    c.emit(`${s} = ${signExpr(et, `fr.a[${at}]`, signed)};`);
    if (et === I64) c.emit(`${h} = fr.a[${at} + 1];`);
  });
}
GC.set('array.set', (c, ins) => {
  const et = arrayOf(c, ins.a).field.type;
  const [x, i, v] = c.popN(3);
  nonNull(c, x.e, NULL_ARRAY_REFERENCE);
  c.emit(`if ((A = ${i.e} >>> 0) >= fr.n) ${c.trap(OOB_ARRAY)}`);
  if (et === I64) c.emit(`fr.a[1 + A * 2] = ${v.e}; fr.a[2 + A * 2] = ${v.h};`);
  else c.emit(`fr.a[1 + A] = ${packExpr(et, v.e)};`);
});
GC.set('array.len', (c) => {
  const x = c.pop();
  nonNull(c, x.e, NULL_ARRAY_REFERENCE);
  const [s] = c.target(I32);
  c.emit(`${s} = fr.n;`);
});
GC.set('array.fill', (c, ins) => {
  const et = arrayOf(c, ins.a).field.type;
  const [x, i, v, n] = c.popN(4);
  c.emit(`${c.use('arrayFill')}(${x.e}, ${i.e} >>> 0, [null, ${elemSlots(et, v)}], ${n.e} >>> 0);`);
});
GC.set('array.copy', (c) => {
  const [d, di, s, si, n] = c.popN(5);
  c.emit(`${c.use('arrayCopy')}(${d.e}, ${di.e} >>> 0, ${s.e}, ${si.e} >>> 0, ${n.e} >>> 0);`);
});
GC.set('array.new_data', (c, ins) => {
  const [s, n] = c.popN(2);
  const [r] = c.target(REF);
  c.emit(`${r} = ${c.use('arrayNewData')}(${c.typeId(c.mod.types[ins.a])}, ${c.bind('D')}[${ins.b}], ${s.e} >>> 0, ${n.e} >>> 0);`);
});
GC.set('array.new_elem', (c, ins) => {
  const [s, n] = c.popN(2);
  const [r] = c.target(REF);
  c.emit(`${r} = ${c.use('arrayNewElem')}(${c.typeId(c.mod.types[ins.a])}, ${c.bind('EL')}[${ins.b}], ${s.e} >>> 0, ${n.e} >>> 0);`);
});
GC.set('array.init_data', (c, ins) => {
  const [x, d, s, n] = c.popN(4);
  c.emit(`${c.use('arrayInitData')}(${x.e}, ${c.bind('D')}[${ins.b}], ${d.e} >>> 0, ${s.e} >>> 0, ${n.e} >>> 0);`);
});
GC.set('array.init_elem', (c, ins) => {
  const [x, d, s, n] = c.popN(4);
  c.emit(`${c.use('arrayInitElem')}(${x.e}, ${c.bind('EL')}[${ins.b}], ${d.e} >>> 0, ${s.e} >>> 0, ${n.e} >>> 0);`);
});

GC.set('ref.i31', (c) => {
  const x = c.pop();
  const [s] = c.target(REF);
  c.emit(`${s} = new ${c.use('I31Ref')}(${x.e});`);
});
for (const [name, signed] of [['i31.get_s', true], ['i31.get_u', false]] as const) {
  GC.set(name, (c) => {
    const x = c.pop();
    nonNull(c, x.e, NULL_I31_REFERENCE);
    const [s] = c.target(I32);
    c.emit(`${s} = ${signed ? '(fr.v << 1) >> 1' : 'fr.v'};`);
  });
}
GC.set('ref.eq', (c) => {
  const [a, b] = c.popN(2);
  c.pushCond(`${c.use('refEq')}(${a.e}, ${b.e})`);
});
GC.set('ref.test', (c, ins) => {
  const x = c.pop();
  c.pushCond(`${c.use('refTest')}(${x.e}, ${c.typeId(ins.a)}, ${ins.op.code === 21})`);
});
GC.set('ref.cast', (c, ins) => {
  const x = c.stack[c.stack.length - 1];
  c.emit(`if (!${c.use('refTest')}(${x.e}, ${c.typeId(ins.a)}, ${ins.op.code === 23})) ${c.trap(CAST_FAILURE)}`);
});
GC.set('any.convert_extern', () => undefined); // the same JS value in both hierarchies
GC.set('extern.convert_any', () => undefined);
