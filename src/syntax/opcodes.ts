// THE opcode table: every instruction of WebAssembly 3.0 (plus legacy exception handling) is one
// row here — text name, encoding, immediates and, where it is fixed, its type. The decoder, the
// validator, the text parser, the printer and both execution tiers all read this table; an
// instruction's behaviour lives in the tiers, keyed by the row's `name`.

import { I32, I64, F32, F64, V128, type ValType } from './types.js';

/**
 * Immediate shapes. Index immediates are u32 LEB128 unless said otherwise.
 *  none     —                          bt       block type (s33)
 *  label    label index                labels   br_table: vec(label) label
 *  func     function index             type     type index
 *  local    local index                global   global index
 *  table    table index                mem      memory index (u32; 0x00 byte in MVP encodings)
 *  memarg   align (bit 6: memory index follows), [mem], offset (u64)
 *  memlane  memarg then one lane byte  lane     one lane byte
 *  i32/i64  signed LEB128 constants    f32/f64/v128   4/8/16 raw bytes
 *  shuffle  16 lane bytes              indirect type index then table index
 *  select   vec(valtype)               heap     heap type (s33)
 *  tag      tag index                  data     data index     elem  elem index
 *  memmem   two memory indices         datamem  data index then memory index
 *  tabtab   two table indices          elemtab  elem index then table index
 *  field    type index, field index    typelen  type index, u32 length
 *  typedata type index, data index     typeelem type index, elem index
 *  typetype two type indices           cast     flags byte, label, heap, heap
 *  trytable block type, vec(catch)
 */
export type Imm =
  | 'none' | 'bt' | 'label' | 'labels' | 'func' | 'type' | 'local' | 'global' | 'table' | 'mem'
  | 'memarg' | 'memlane' | 'lane' | 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | 'shuffle' | 'indirect'
  | 'select' | 'heap' | 'tag' | 'data' | 'elem' | 'memmem' | 'datamem' | 'tabtab' | 'elemtab'
  | 'field' | 'typelen' | 'typedata' | 'typeelem' | 'typetype' | 'cast' | 'trytable';

export interface OpInfo {
  /** Dense id: the index of this row in OPS. */
  id: number;
  /** Text-format name, e.g. `i32.add`. */
  name: string;
  /** 0 for single-byte opcodes, else 0xFB / 0xFC / 0xFD. */
  prefix: number;
  /** The opcode byte, or the u32 after the prefix. */
  code: number;
  imm: Imm;
  /** Fixed operand and result types; null where the validator types the instruction by hand. */
  params: ValType[] | null;
  results: ValType[] | null;
  /** Memory instructions: log2 of the natural alignment (the largest valid `align`). */
  align: number;
  /** Memory instructions: the access width in bytes. Lane instructions: the number of lanes. */
  width: number;
}

export const OPS: OpInfo[] = [];

const TYPE_CODES: Record<string, ValType> = { i: I32, I: I64, f: F32, F: F64, v: V128 };

/** `sig` is "params:results" with one letter a type: i=i32 I=i64 f=f32 F=f64 v=v128; '*' = by hand. */
function op(name: string, prefix: number, code: number, imm: Imm, sig: string, align = 0, width = 0): void {
  let params: ValType[] | null = null;
  let results: ValType[] | null = null;
  if (sig !== '*') {
    const [p, r] = sig.split(':');
    params = [...p].map((c) => TYPE_CODES[c]);
    results = [...r].map((c) => TYPE_CODES[c]);
  }
  OPS.push({ id: OPS.length, name, prefix, code, imm, params, results, align, width });
}

// ---- control, parametric, variable, table, reference (single byte) ----
op('unreachable', 0, 0x00, 'none', '*');
op('nop', 0, 0x01, 'none', ':');
op('block', 0, 0x02, 'bt', '*');
op('loop', 0, 0x03, 'bt', '*');
op('if', 0, 0x04, 'bt', '*');
op('else', 0, 0x05, 'none', '*');
op('try', 0, 0x06, 'bt', '*'); // legacy exception handling
op('catch', 0, 0x07, 'tag', '*'); // legacy
op('throw', 0, 0x08, 'tag', '*');
op('rethrow', 0, 0x09, 'label', '*'); // legacy
op('throw_ref', 0, 0x0a, 'none', '*');
op('end', 0, 0x0b, 'none', '*');
op('br', 0, 0x0c, 'label', '*');
op('br_if', 0, 0x0d, 'label', '*');
op('br_table', 0, 0x0e, 'labels', '*');
op('return', 0, 0x0f, 'none', '*');
op('call', 0, 0x10, 'func', '*');
op('call_indirect', 0, 0x11, 'indirect', '*');
op('return_call', 0, 0x12, 'func', '*');
op('return_call_indirect', 0, 0x13, 'indirect', '*');
op('call_ref', 0, 0x14, 'type', '*');
op('return_call_ref', 0, 0x15, 'type', '*');
op('delegate', 0, 0x18, 'label', '*'); // legacy
op('catch_all', 0, 0x19, 'none', '*'); // legacy
op('drop', 0, 0x1a, 'none', '*');
op('select', 0, 0x1b, 'none', '*');
op('select', 0, 0x1c, 'select', '*'); // typed select: same text name
op('try_table', 0, 0x1f, 'trytable', '*');
op('local.get', 0, 0x20, 'local', '*');
op('local.set', 0, 0x21, 'local', '*');
op('local.tee', 0, 0x22, 'local', '*');
op('global.get', 0, 0x23, 'global', '*');
op('global.set', 0, 0x24, 'global', '*');
op('table.get', 0, 0x25, 'table', '*');
op('table.set', 0, 0x26, 'table', '*');

// ---- memory: loads and stores (address type comes from the memory, so typed by hand) ----
const loads: [string, string, number, number][] = [
  ['i32.load', 'i', 2, 0x28], ['i64.load', 'I', 3, 0x29], ['f32.load', 'f', 2, 0x2a], ['f64.load', 'F', 3, 0x2b],
  ['i32.load8_s', 'i', 0, 0x2c], ['i32.load8_u', 'i', 0, 0x2d], ['i32.load16_s', 'i', 1, 0x2e], ['i32.load16_u', 'i', 1, 0x2f],
  ['i64.load8_s', 'I', 0, 0x30], ['i64.load8_u', 'I', 0, 0x31], ['i64.load16_s', 'I', 1, 0x32], ['i64.load16_u', 'I', 1, 0x33],
  ['i64.load32_s', 'I', 2, 0x34], ['i64.load32_u', 'I', 2, 0x35],
];
for (const [name, t, align, code] of loads) op(name, 0, code, 'memarg', `:${t}`, align, 1 << align);
const stores: [string, string, number, number][] = [
  ['i32.store', 'i', 2, 0x36], ['i64.store', 'I', 3, 0x37], ['f32.store', 'f', 2, 0x38], ['f64.store', 'F', 3, 0x39],
  ['i32.store8', 'i', 0, 0x3a], ['i32.store16', 'i', 1, 0x3b], ['i64.store8', 'I', 0, 0x3c], ['i64.store16', 'I', 1, 0x3d],
  ['i64.store32', 'I', 2, 0x3e],
];
for (const [name, t, align, code] of stores) op(name, 0, code, 'memarg', `${t}:`, align, 1 << align);
op('memory.size', 0, 0x3f, 'mem', '*');
op('memory.grow', 0, 0x40, 'mem', '*');

// ---- numeric ----
op('i32.const', 0, 0x41, 'i32', ':i');
op('i64.const', 0, 0x42, 'i64', ':I');
op('f32.const', 0, 0x43, 'f32', ':f');
op('f64.const', 0, 0x44, 'f64', ':F');

function numericRun(start: number, prefix: string, names: string, sig: string): void {
  names.split(' ').forEach((n, i) => op(`${prefix}.${n}`, 0, start + i, 'none', sig));
}
numericRun(0x45, 'i32', 'eqz', 'i:i');
numericRun(0x46, 'i32', 'eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u', 'ii:i');
numericRun(0x50, 'i64', 'eqz', 'I:i');
numericRun(0x51, 'i64', 'eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u', 'II:i');
numericRun(0x5b, 'f32', 'eq ne lt gt le ge', 'ff:i');
numericRun(0x61, 'f64', 'eq ne lt gt le ge', 'FF:i');
numericRun(0x67, 'i32', 'clz ctz popcnt', 'i:i');
numericRun(0x6a, 'i32', 'add sub mul div_s div_u rem_s rem_u and or xor shl shr_s shr_u rotl rotr', 'ii:i');
numericRun(0x79, 'i64', 'clz ctz popcnt', 'I:I');
numericRun(0x7c, 'i64', 'add sub mul div_s div_u rem_s rem_u and or xor shl shr_s shr_u rotl rotr', 'II:I');
numericRun(0x8b, 'f32', 'abs neg ceil floor trunc nearest sqrt', 'f:f');
numericRun(0x92, 'f32', 'add sub mul div min max copysign', 'ff:f');
numericRun(0x99, 'f64', 'abs neg ceil floor trunc nearest sqrt', 'F:F');
numericRun(0xa0, 'f64', 'add sub mul div min max copysign', 'FF:F');
const conversions: [string, string][] = [
  ['i32.wrap_i64', 'I:i'], ['i32.trunc_f32_s', 'f:i'], ['i32.trunc_f32_u', 'f:i'], ['i32.trunc_f64_s', 'F:i'],
  ['i32.trunc_f64_u', 'F:i'], ['i64.extend_i32_s', 'i:I'], ['i64.extend_i32_u', 'i:I'], ['i64.trunc_f32_s', 'f:I'],
  ['i64.trunc_f32_u', 'f:I'], ['i64.trunc_f64_s', 'F:I'], ['i64.trunc_f64_u', 'F:I'], ['f32.convert_i32_s', 'i:f'],
  ['f32.convert_i32_u', 'i:f'], ['f32.convert_i64_s', 'I:f'], ['f32.convert_i64_u', 'I:f'], ['f32.demote_f64', 'F:f'],
  ['f64.convert_i32_s', 'i:F'], ['f64.convert_i32_u', 'i:F'], ['f64.convert_i64_s', 'I:F'], ['f64.convert_i64_u', 'I:F'],
  ['f64.promote_f32', 'f:F'], ['i32.reinterpret_f32', 'f:i'], ['i64.reinterpret_f64', 'F:I'], ['f32.reinterpret_i32', 'i:f'],
  ['f64.reinterpret_i64', 'I:F'], ['i32.extend8_s', 'i:i'], ['i32.extend16_s', 'i:i'], ['i64.extend8_s', 'I:I'],
  ['i64.extend16_s', 'I:I'], ['i64.extend32_s', 'I:I'],
];
conversions.forEach(([name, sig], i) => op(name, 0, 0xa7 + i, 'none', sig));

// ---- references ----
op('ref.null', 0, 0xd0, 'heap', '*');
op('ref.is_null', 0, 0xd1, 'none', '*');
op('ref.func', 0, 0xd2, 'func', '*');
op('ref.eq', 0, 0xd3, 'none', '*');
op('ref.as_non_null', 0, 0xd4, 'none', '*');
op('br_on_null', 0, 0xd5, 'label', '*');
op('br_on_non_null', 0, 0xd6, 'label', '*');

// ---- 0xFB: GC ----
const GC = 0xfb;
op('struct.new', GC, 0, 'type', '*');
op('struct.new_default', GC, 1, 'type', '*');
op('struct.get', GC, 2, 'field', '*');
op('struct.get_s', GC, 3, 'field', '*');
op('struct.get_u', GC, 4, 'field', '*');
op('struct.set', GC, 5, 'field', '*');
op('array.new', GC, 6, 'type', '*');
op('array.new_default', GC, 7, 'type', '*');
op('array.new_fixed', GC, 8, 'typelen', '*');
op('array.new_data', GC, 9, 'typedata', '*');
op('array.new_elem', GC, 10, 'typeelem', '*');
op('array.get', GC, 11, 'type', '*');
op('array.get_s', GC, 12, 'type', '*');
op('array.get_u', GC, 13, 'type', '*');
op('array.set', GC, 14, 'type', '*');
op('array.len', GC, 15, 'none', '*');
op('array.fill', GC, 16, 'type', '*');
op('array.copy', GC, 17, 'typetype', '*');
op('array.init_data', GC, 18, 'typedata', '*');
op('array.init_elem', GC, 19, 'typeelem', '*');
op('ref.test', GC, 20, 'heap', '*'); // (ref ht)
op('ref.test', GC, 21, 'heap', '*'); // (ref null ht): same text name, nullability from the code
op('ref.cast', GC, 22, 'heap', '*');
op('ref.cast', GC, 23, 'heap', '*');
op('br_on_cast', GC, 24, 'cast', '*');
op('br_on_cast_fail', GC, 25, 'cast', '*');
op('any.convert_extern', GC, 26, 'none', '*');
op('extern.convert_any', GC, 27, 'none', '*');
op('ref.i31', GC, 28, 'none', '*');
op('i31.get_s', GC, 29, 'none', '*');
op('i31.get_u', GC, 30, 'none', '*');

// ---- 0xFC: saturating truncation, bulk memory and tables ----
const MISC = 0xfc;
const truncSat: [string, string][] = [
  ['i32.trunc_sat_f32_s', 'f:i'], ['i32.trunc_sat_f32_u', 'f:i'], ['i32.trunc_sat_f64_s', 'F:i'], ['i32.trunc_sat_f64_u', 'F:i'],
  ['i64.trunc_sat_f32_s', 'f:I'], ['i64.trunc_sat_f32_u', 'f:I'], ['i64.trunc_sat_f64_s', 'F:I'], ['i64.trunc_sat_f64_u', 'F:I'],
];
truncSat.forEach(([name, sig], i) => op(name, MISC, i, 'none', sig));
op('memory.init', MISC, 8, 'datamem', '*');
op('data.drop', MISC, 9, 'data', ':');
op('memory.copy', MISC, 10, 'memmem', '*');
op('memory.fill', MISC, 11, 'mem', '*');
op('table.init', MISC, 12, 'elemtab', '*');
op('elem.drop', MISC, 13, 'elem', ':');
op('table.copy', MISC, 14, 'tabtab', '*');
op('table.grow', MISC, 15, 'table', '*');
op('table.size', MISC, 16, 'table', '*');
op('table.fill', MISC, 17, 'table', '*');

// ---- 0xFD: SIMD ----
const SIMD = 0xfd;
const vmem: [string, number, number, Imm, string][] = [
  // name, code, align (log2), immediate, signature without the address operand
  ['v128.load', 0, 4, 'memarg', ':v'], ['v128.load8x8_s', 1, 3, 'memarg', ':v'], ['v128.load8x8_u', 2, 3, 'memarg', ':v'],
  ['v128.load16x4_s', 3, 3, 'memarg', ':v'], ['v128.load16x4_u', 4, 3, 'memarg', ':v'], ['v128.load32x2_s', 5, 3, 'memarg', ':v'],
  ['v128.load32x2_u', 6, 3, 'memarg', ':v'], ['v128.load8_splat', 7, 0, 'memarg', ':v'], ['v128.load16_splat', 8, 1, 'memarg', ':v'],
  ['v128.load32_splat', 9, 2, 'memarg', ':v'], ['v128.load64_splat', 10, 3, 'memarg', ':v'], ['v128.store', 11, 4, 'memarg', 'v:'],
  ['v128.load8_lane', 84, 0, 'memlane', 'v:v'], ['v128.load16_lane', 85, 1, 'memlane', 'v:v'],
  ['v128.load32_lane', 86, 2, 'memlane', 'v:v'], ['v128.load64_lane', 87, 3, 'memlane', 'v:v'],
  ['v128.store8_lane', 88, 0, 'memlane', 'v:'], ['v128.store16_lane', 89, 1, 'memlane', 'v:'],
  ['v128.store32_lane', 90, 2, 'memlane', 'v:'], ['v128.store64_lane', 91, 3, 'memlane', 'v:'],
  ['v128.load32_zero', 92, 2, 'memarg', ':v'], ['v128.load64_zero', 93, 3, 'memarg', ':v'],
];
for (const [name, code, align, imm, sig] of vmem) {
  // Lane count for the lane instructions: 16 / (access width).
  op(name, SIMD, code, imm, sig, align, imm === 'memlane' ? 16 >> align : 1 << align);
}
op('v128.const', SIMD, 12, 'v128', ':v');
op('i8x16.shuffle', SIMD, 13, 'shuffle', 'vv:v', 0, 32);
op('i8x16.swizzle', SIMD, 14, 'none', 'vv:v');
const splats: [string, string][] = [['i8x16', 'i'], ['i16x8', 'i'], ['i32x4', 'i'], ['i64x2', 'I'], ['f32x4', 'f'], ['f64x2', 'F']];
splats.forEach(([shape, t], i) => op(`${shape}.splat`, SIMD, 15 + i, 'none', `${t}:v`));
const lanes: [string, number, string, number][] = [
  ['i8x16.extract_lane_s', 21, 'v:i', 16], ['i8x16.extract_lane_u', 22, 'v:i', 16], ['i8x16.replace_lane', 23, 'vi:v', 16],
  ['i16x8.extract_lane_s', 24, 'v:i', 8], ['i16x8.extract_lane_u', 25, 'v:i', 8], ['i16x8.replace_lane', 26, 'vi:v', 8],
  ['i32x4.extract_lane', 27, 'v:i', 4], ['i32x4.replace_lane', 28, 'vi:v', 4],
  ['i64x2.extract_lane', 29, 'v:I', 2], ['i64x2.replace_lane', 30, 'vI:v', 2],
  ['f32x4.extract_lane', 31, 'v:f', 4], ['f32x4.replace_lane', 32, 'vf:v', 4],
  ['f64x2.extract_lane', 33, 'v:F', 2], ['f64x2.replace_lane', 34, 'vF:v', 2],
];
for (const [name, code, sig, n] of lanes) op(name, SIMD, code, 'lane', sig, 0, n);

/** Rows of SIMD instructions with no immediates: [code, name, signature]. */
const VUN = 'v:v', VBIN = 'vv:v', VTER = 'vvv:v', VTEST = 'v:i', VSHIFT = 'vi:v';
const cmp10 = 'eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u'.split(' ');
const fcmp = 'eq ne lt gt le ge'.split(' ');
const simdPlain: [number, string, string][] = [
  ...cmp10.map((n, i): [number, string, string] => [35 + i, `i8x16.${n}`, VBIN]),
  ...cmp10.map((n, i): [number, string, string] => [45 + i, `i16x8.${n}`, VBIN]),
  ...cmp10.map((n, i): [number, string, string] => [55 + i, `i32x4.${n}`, VBIN]),
  ...fcmp.map((n, i): [number, string, string] => [65 + i, `f32x4.${n}`, VBIN]),
  ...fcmp.map((n, i): [number, string, string] => [71 + i, `f64x2.${n}`, VBIN]),
  [77, 'v128.not', VUN], [78, 'v128.and', VBIN], [79, 'v128.andnot', VBIN], [80, 'v128.or', VBIN],
  [81, 'v128.xor', VBIN], [82, 'v128.bitselect', VTER], [83, 'v128.any_true', VTEST],
  [94, 'f32x4.demote_f64x2_zero', VUN], [95, 'f64x2.promote_low_f32x4', VUN],
  [96, 'i8x16.abs', VUN], [97, 'i8x16.neg', VUN], [98, 'i8x16.popcnt', VUN], [99, 'i8x16.all_true', VTEST],
  [100, 'i8x16.bitmask', VTEST], [101, 'i8x16.narrow_i16x8_s', VBIN], [102, 'i8x16.narrow_i16x8_u', VBIN],
  [103, 'f32x4.ceil', VUN], [104, 'f32x4.floor', VUN], [105, 'f32x4.trunc', VUN], [106, 'f32x4.nearest', VUN],
  [107, 'i8x16.shl', VSHIFT], [108, 'i8x16.shr_s', VSHIFT], [109, 'i8x16.shr_u', VSHIFT], [110, 'i8x16.add', VBIN],
  [111, 'i8x16.add_sat_s', VBIN], [112, 'i8x16.add_sat_u', VBIN], [113, 'i8x16.sub', VBIN],
  [114, 'i8x16.sub_sat_s', VBIN], [115, 'i8x16.sub_sat_u', VBIN], [116, 'f64x2.ceil', VUN], [117, 'f64x2.floor', VUN],
  [118, 'i8x16.min_s', VBIN], [119, 'i8x16.min_u', VBIN], [120, 'i8x16.max_s', VBIN], [121, 'i8x16.max_u', VBIN],
  [122, 'f64x2.trunc', VUN], [123, 'i8x16.avgr_u', VBIN],
  [124, 'i16x8.extadd_pairwise_i8x16_s', VUN], [125, 'i16x8.extadd_pairwise_i8x16_u', VUN],
  [126, 'i32x4.extadd_pairwise_i16x8_s', VUN], [127, 'i32x4.extadd_pairwise_i16x8_u', VUN],
  [128, 'i16x8.abs', VUN], [129, 'i16x8.neg', VUN], [130, 'i16x8.q15mulr_sat_s', VBIN], [131, 'i16x8.all_true', VTEST],
  [132, 'i16x8.bitmask', VTEST], [133, 'i16x8.narrow_i32x4_s', VBIN], [134, 'i16x8.narrow_i32x4_u', VBIN],
  [135, 'i16x8.extend_low_i8x16_s', VUN], [136, 'i16x8.extend_high_i8x16_s', VUN],
  [137, 'i16x8.extend_low_i8x16_u', VUN], [138, 'i16x8.extend_high_i8x16_u', VUN],
  [139, 'i16x8.shl', VSHIFT], [140, 'i16x8.shr_s', VSHIFT], [141, 'i16x8.shr_u', VSHIFT], [142, 'i16x8.add', VBIN],
  [143, 'i16x8.add_sat_s', VBIN], [144, 'i16x8.add_sat_u', VBIN], [145, 'i16x8.sub', VBIN],
  [146, 'i16x8.sub_sat_s', VBIN], [147, 'i16x8.sub_sat_u', VBIN], [148, 'f64x2.nearest', VUN], [149, 'i16x8.mul', VBIN],
  [150, 'i16x8.min_s', VBIN], [151, 'i16x8.min_u', VBIN], [152, 'i16x8.max_s', VBIN], [153, 'i16x8.max_u', VBIN],
  [155, 'i16x8.avgr_u', VBIN], [156, 'i16x8.extmul_low_i8x16_s', VBIN], [157, 'i16x8.extmul_high_i8x16_s', VBIN],
  [158, 'i16x8.extmul_low_i8x16_u', VBIN], [159, 'i16x8.extmul_high_i8x16_u', VBIN],
  [160, 'i32x4.abs', VUN], [161, 'i32x4.neg', VUN], [163, 'i32x4.all_true', VTEST], [164, 'i32x4.bitmask', VTEST],
  [167, 'i32x4.extend_low_i16x8_s', VUN], [168, 'i32x4.extend_high_i16x8_s', VUN],
  [169, 'i32x4.extend_low_i16x8_u', VUN], [170, 'i32x4.extend_high_i16x8_u', VUN],
  [171, 'i32x4.shl', VSHIFT], [172, 'i32x4.shr_s', VSHIFT], [173, 'i32x4.shr_u', VSHIFT], [174, 'i32x4.add', VBIN],
  [177, 'i32x4.sub', VBIN], [181, 'i32x4.mul', VBIN], [182, 'i32x4.min_s', VBIN], [183, 'i32x4.min_u', VBIN],
  [184, 'i32x4.max_s', VBIN], [185, 'i32x4.max_u', VBIN], [186, 'i32x4.dot_i16x8_s', VBIN],
  [188, 'i32x4.extmul_low_i16x8_s', VBIN], [189, 'i32x4.extmul_high_i16x8_s', VBIN],
  [190, 'i32x4.extmul_low_i16x8_u', VBIN], [191, 'i32x4.extmul_high_i16x8_u', VBIN],
  [192, 'i64x2.abs', VUN], [193, 'i64x2.neg', VUN], [195, 'i64x2.all_true', VTEST], [196, 'i64x2.bitmask', VTEST],
  [199, 'i64x2.extend_low_i32x4_s', VUN], [200, 'i64x2.extend_high_i32x4_s', VUN],
  [201, 'i64x2.extend_low_i32x4_u', VUN], [202, 'i64x2.extend_high_i32x4_u', VUN],
  [203, 'i64x2.shl', VSHIFT], [204, 'i64x2.shr_s', VSHIFT], [205, 'i64x2.shr_u', VSHIFT], [206, 'i64x2.add', VBIN],
  [209, 'i64x2.sub', VBIN], [213, 'i64x2.mul', VBIN], [214, 'i64x2.eq', VBIN], [215, 'i64x2.ne', VBIN],
  [216, 'i64x2.lt_s', VBIN], [217, 'i64x2.gt_s', VBIN], [218, 'i64x2.le_s', VBIN], [219, 'i64x2.ge_s', VBIN],
  [220, 'i64x2.extmul_low_i32x4_s', VBIN], [221, 'i64x2.extmul_high_i32x4_s', VBIN],
  [222, 'i64x2.extmul_low_i32x4_u', VBIN], [223, 'i64x2.extmul_high_i32x4_u', VBIN],
  [224, 'f32x4.abs', VUN], [225, 'f32x4.neg', VUN], [227, 'f32x4.sqrt', VUN], [228, 'f32x4.add', VBIN],
  [229, 'f32x4.sub', VBIN], [230, 'f32x4.mul', VBIN], [231, 'f32x4.div', VBIN], [232, 'f32x4.min', VBIN],
  [233, 'f32x4.max', VBIN], [234, 'f32x4.pmin', VBIN], [235, 'f32x4.pmax', VBIN],
  [236, 'f64x2.abs', VUN], [237, 'f64x2.neg', VUN], [239, 'f64x2.sqrt', VUN], [240, 'f64x2.add', VBIN],
  [241, 'f64x2.sub', VBIN], [242, 'f64x2.mul', VBIN], [243, 'f64x2.div', VBIN], [244, 'f64x2.min', VBIN],
  [245, 'f64x2.max', VBIN], [246, 'f64x2.pmin', VBIN], [247, 'f64x2.pmax', VBIN],
  [248, 'i32x4.trunc_sat_f32x4_s', VUN], [249, 'i32x4.trunc_sat_f32x4_u', VUN],
  [250, 'f32x4.convert_i32x4_s', VUN], [251, 'f32x4.convert_i32x4_u', VUN],
  [252, 'i32x4.trunc_sat_f64x2_s_zero', VUN], [253, 'i32x4.trunc_sat_f64x2_u_zero', VUN],
  [254, 'f64x2.convert_low_i32x4_s', VUN], [255, 'f64x2.convert_low_i32x4_u', VUN],
  // relaxed SIMD
  [256, 'i8x16.relaxed_swizzle', VBIN], [257, 'i32x4.relaxed_trunc_f32x4_s', VUN],
  [258, 'i32x4.relaxed_trunc_f32x4_u', VUN], [259, 'i32x4.relaxed_trunc_f64x2_s_zero', VUN],
  [260, 'i32x4.relaxed_trunc_f64x2_u_zero', VUN], [261, 'f32x4.relaxed_madd', VTER], [262, 'f32x4.relaxed_nmadd', VTER],
  [263, 'f64x2.relaxed_madd', VTER], [264, 'f64x2.relaxed_nmadd', VTER], [265, 'i8x16.relaxed_laneselect', VTER],
  [266, 'i16x8.relaxed_laneselect', VTER], [267, 'i32x4.relaxed_laneselect', VTER],
  [268, 'i64x2.relaxed_laneselect', VTER], [269, 'f32x4.relaxed_min', VBIN], [270, 'f32x4.relaxed_max', VBIN],
  [271, 'f64x2.relaxed_min', VBIN], [272, 'f64x2.relaxed_max', VBIN], [273, 'i16x8.relaxed_q15mulr_s', VBIN],
  [274, 'i16x8.relaxed_dot_i8x16_i7x16_s', VBIN], [275, 'i32x4.relaxed_dot_i8x16_i7x16_add_s', VTER],
];
for (const [code, name, sig] of simdPlain) op(name, SIMD, code, 'none', sig);

// ---- lookup ----

/** Single-byte opcodes: BYTE_OPS[code] is the row id, or -1. */
export const BYTE_OPS = new Int16Array(256).fill(-1);
/** Prefixed opcodes: PREFIXED[prefix].get(code) is the row id. */
export const PREFIXED: Record<number, Map<number, number>> = { [GC]: new Map(), [MISC]: new Map(), [SIMD]: new Map() };
for (const o of OPS) {
  if (o.prefix === 0) BYTE_OPS[o.code] = o.id;
  else PREFIXED[o.prefix].set(o.code, o.id);
}

/** Text name → row ids (more than one for `select`, `ref.test` and `ref.cast`). */
export const OPS_BY_NAME = new Map<string, OpInfo[]>();
for (const o of OPS) {
  const list = OPS_BY_NAME.get(o.name);
  if (list) list.push(o);
  else OPS_BY_NAME.set(o.name, [o]);
}

/** The row of an instruction by its text name (the first row for the shared names). */
export function opByName(name: string): OpInfo {
  const list = OPS_BY_NAME.get(name);
  if (!list) throw new Error(`no instruction named ${name}`);
  return list[0];
}

export const PREFIX_GC = GC;
export const PREFIX_MISC = MISC;
export const PREFIX_SIMD = SIMD;
