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

/**
 * Rows of one prefix, in code order from `code`: whitespace-separated `name[@imm][=sig]` (defaults
 * `imm`, `sig`); `#c` (hex) moves to code c, `-` skips an unassigned code.
 */
function rows(prefix: number, code: number, text: string, imm: Imm = 'none', sig = '*'): void {
  for (const t of text.trim().split(/\s+/)) {
    if (t[0] === '#') code = parseInt(t.slice(1), 16);
    else {
      const m = /^([^@=]+)(?:@([^=]+))?(?:=(.*))?$/.exec(t)!;
      if (t !== '-') op(m[1], prefix, code, (m[2] ?? imm) as Imm, m[3] ?? sig);
      code++;
    }
  }
}

// ---- control, parametric, variable, table, reference (single byte); legacy exception handling:
// try, catch, rethrow, delegate, catch_all. Typed select (0x1c) shares its text name with select.
rows(0, 0, `unreachable nop=: block@bt loop@bt if@bt else try@bt catch@tag throw@tag rethrow@label throw_ref end
  br@label br_if@label br_table@labels return call@func call_indirect@indirect return_call@func
  return_call_indirect@indirect call_ref@type return_call_ref@type #18 delegate@label catch_all drop select
  select@select - - try_table@trytable local.get@local local.set@local local.tee@local global.get@global
  global.set@global table.get@table table.set@table`);

// ---- memory: loads and stores (address type comes from the memory, so typed by hand) ----
// name, type letter (see op), log2 of the natural alignment, from code 0x28
const memory = `i32.load i 2 i64.load I 3 f32.load f 2 f64.load F 3 i32.load8_s i 0 i32.load8_u i 0 i32.load16_s i 1
  i32.load16_u i 1 i64.load8_s I 0 i64.load8_u I 0 i64.load16_s I 1 i64.load16_u I 1 i64.load32_s I 2 i64.load32_u I 2
  i32.store i 2 i64.store I 3 f32.store f 2 f64.store F 3 i32.store8 i 0 i32.store16 i 1 i64.store8 I 0 i64.store16 I 1
  i64.store32 I 2`.split(/\s+/);
for (let i = 0; i < memory.length; i += 3) {
  const [name, t, align] = [memory[i], memory[i + 1], +memory[i + 2]];
  op(name, 0, 0x28 + i / 3, 'memarg', name.includes('load') ? `:${t}` : `${t}:`, align, 1 << align);
}
rows(0, 0x3f, 'memory.size@mem memory.grow@mem i32.const@i32=:i i64.const@i64=:I f32.const@f32=:f f64.const@f64=:F');

// ---- numeric ----
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
rows(0, 0xa7, `i32.wrap_i64=I:i i32.trunc_f32_s=f:i i32.trunc_f32_u=f:i i32.trunc_f64_s=F:i i32.trunc_f64_u=F:i
  i64.extend_i32_s=i:I i64.extend_i32_u=i:I i64.trunc_f32_s=f:I i64.trunc_f32_u=f:I i64.trunc_f64_s=F:I i64.trunc_f64_u=F:I
  f32.convert_i32_s=i:f f32.convert_i32_u=i:f f32.convert_i64_s=I:f f32.convert_i64_u=I:f f32.demote_f64=F:f
  f64.convert_i32_s=i:F f64.convert_i32_u=i:F f64.convert_i64_s=I:F f64.convert_i64_u=I:F f64.promote_f32=f:F
  i32.reinterpret_f32=f:i i64.reinterpret_f64=F:I f32.reinterpret_i32=i:f f64.reinterpret_i64=I:F
  i32.extend8_s=i:i i32.extend16_s=i:i i64.extend8_s=I:I i64.extend16_s=I:I i64.extend32_s=I:I`);

// ---- references ----
rows(0, 0xd0, 'ref.null@heap ref.is_null ref.func@func ref.eq ref.as_non_null br_on_null@label br_on_non_null@label');

// ---- 0xFB: GC (ref.test and ref.cast: (ref ht) then (ref null ht), nullability from the code) ----
const GC = 0xfb;
rows(GC, 0, `struct.new@type struct.new_default@type struct.get@field struct.get_s@field struct.get_u@field
  struct.set@field array.new@type array.new_default@type array.new_fixed@typelen array.new_data@typedata
  array.new_elem@typeelem array.get@type array.get_s@type array.get_u@type array.set@type array.len array.fill@type
  array.copy@typetype array.init_data@typedata array.init_elem@typeelem ref.test@heap ref.test@heap ref.cast@heap
  ref.cast@heap br_on_cast@cast br_on_cast_fail@cast any.convert_extern extern.convert_any ref.i31 i31.get_s i31.get_u`);

// ---- 0xFC: saturating truncation, bulk memory and tables ----
const MISC = 0xfc;
rows(MISC, 0, `i32.trunc_sat_f32_s=f:i i32.trunc_sat_f32_u=f:i i32.trunc_sat_f64_s=F:i i32.trunc_sat_f64_u=F:i
  i64.trunc_sat_f32_s=f:I i64.trunc_sat_f32_u=f:I i64.trunc_sat_f64_s=F:I i64.trunc_sat_f64_u=F:I
  memory.init@datamem data.drop@data=: memory.copy@memmem memory.fill@mem table.init@elemtab elem.drop@elem=:
  table.copy@tabtab table.grow@table table.size@table table.fill@table`);

// ---- 0xFD: SIMD ----
const SIMD = 0xfd;
// memory: [name, code, log2 of the natural alignment]; lane loads/stores also take a lane index
const vmem = `v128.load 0 4 v128.load8x8_s 1 3 v128.load8x8_u 2 3 v128.load16x4_s 3 3 v128.load16x4_u 4 3
  v128.load32x2_s 5 3 v128.load32x2_u 6 3 v128.load8_splat 7 0 v128.load16_splat 8 1 v128.load32_splat 9 2
  v128.load64_splat 10 3 v128.store 11 4 v128.load8_lane 84 0 v128.load16_lane 85 1 v128.load32_lane 86 2
  v128.load64_lane 87 3 v128.store8_lane 88 0 v128.store16_lane 89 1 v128.store32_lane 90 2 v128.store64_lane 91 3
  v128.load32_zero 92 2 v128.load64_zero 93 3`.split(/\s+/);
for (let i = 0; i < vmem.length; i += 3) {
  const [name, code, align] = [vmem[i], +vmem[i + 1], +vmem[i + 2]];
  const lane = name.endsWith('_lane');
  // The signature leaves out the address operand; the width of a lane instruction is its lane count.
  op(name, SIMD, code, lane ? 'memlane' : 'memarg', name.includes('load') ? (lane ? 'v:v' : ':v') : 'v:', align, lane ? 16 >> align : 1 << align);
}
rows(SIMD, 12, 'v128.const@v128=:v');
op('i8x16.shuffle', SIMD, 13, 'shuffle', 'vv:v', 0, 32);
rows(SIMD, 14, 'i8x16.swizzle i8x16.splat=i:v i16x8.splat=i:v i32x4.splat=i:v i64x2.splat=I:v f32x4.splat=f:v f64x2.splat=F:v', 'none', 'vv:v');
// [name, signature, lane count], from code 21
const lanes = ('i8x16.extract_lane_s v:i 16 i8x16.extract_lane_u v:i 16 i8x16.replace_lane vi:v 16 i16x8.extract_lane_s v:i 8 ' +
  'i16x8.extract_lane_u v:i 8 i16x8.replace_lane vi:v 8 i32x4.extract_lane v:i 4 i32x4.replace_lane vi:v 4 ' +
  'i64x2.extract_lane v:I 2 i64x2.replace_lane vI:v 2 f32x4.extract_lane v:f 4 f32x4.replace_lane vf:v 4 ' +
  'f64x2.extract_lane v:F 2 f64x2.replace_lane vF:v 2').split(' ');
for (let i = 0; i < lanes.length; i += 3) op(lanes[i], SIMD, 21 + i / 3, 'lane', lanes[i + 1], 0, +lanes[i + 2]);

// SIMD instructions with no immediates, from code 35; the signature is vv:v unless given
// (u = v:v, t = vvv:v, b = v:i, s = vi:v; see SIGS).
const SIGS: Record<string, string> = { u: 'v:v', t: 'vvv:v', b: 'v:i', s: 'vi:v' };
const cmp10 = 'eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u';
const fcmp = 'eq ne lt gt le ge';
const simd = [
  ...[['i8x16', cmp10], ['i16x8', cmp10], ['i32x4', cmp10], ['f32x4', fcmp], ['f64x2', fcmp]].flatMap(([s, ops]) => ops.split(' ').map((o) => `${s}.${o}`)),
  `v128.not=u v128.and v128.andnot v128.or v128.xor v128.bitselect=t v128.any_true=b #5e f32x4.demote_f64x2_zero=u
  f64x2.promote_low_f32x4=u i8x16.abs=u i8x16.neg=u i8x16.popcnt=u i8x16.all_true=b i8x16.bitmask=b i8x16.narrow_i16x8_s
  i8x16.narrow_i16x8_u f32x4.ceil=u f32x4.floor=u f32x4.trunc=u f32x4.nearest=u i8x16.shl=s i8x16.shr_s=s i8x16.shr_u=s
  i8x16.add i8x16.add_sat_s i8x16.add_sat_u i8x16.sub i8x16.sub_sat_s i8x16.sub_sat_u f64x2.ceil=u f64x2.floor=u
  i8x16.min_s i8x16.min_u i8x16.max_s i8x16.max_u f64x2.trunc=u i8x16.avgr_u i16x8.extadd_pairwise_i8x16_s=u
  i16x8.extadd_pairwise_i8x16_u=u i32x4.extadd_pairwise_i16x8_s=u i32x4.extadd_pairwise_i16x8_u=u i16x8.abs=u
  i16x8.neg=u i16x8.q15mulr_sat_s i16x8.all_true=b i16x8.bitmask=b i16x8.narrow_i32x4_s i16x8.narrow_i32x4_u
  i16x8.extend_low_i8x16_s=u i16x8.extend_high_i8x16_s=u i16x8.extend_low_i8x16_u=u i16x8.extend_high_i8x16_u=u
  i16x8.shl=s i16x8.shr_s=s i16x8.shr_u=s i16x8.add i16x8.add_sat_s i16x8.add_sat_u i16x8.sub i16x8.sub_sat_s
  i16x8.sub_sat_u f64x2.nearest=u i16x8.mul i16x8.min_s i16x8.min_u i16x8.max_s i16x8.max_u - i16x8.avgr_u
  i16x8.extmul_low_i8x16_s i16x8.extmul_high_i8x16_s i16x8.extmul_low_i8x16_u i16x8.extmul_high_i8x16_u
  i32x4.abs=u i32x4.neg=u - i32x4.all_true=b i32x4.bitmask=b - - i32x4.extend_low_i16x8_s=u i32x4.extend_high_i16x8_s=u
  i32x4.extend_low_i16x8_u=u i32x4.extend_high_i16x8_u=u i32x4.shl=s i32x4.shr_s=s i32x4.shr_u=s i32x4.add - -
  i32x4.sub - - - i32x4.mul i32x4.min_s i32x4.min_u i32x4.max_s i32x4.max_u i32x4.dot_i16x8_s -
  i32x4.extmul_low_i16x8_s i32x4.extmul_high_i16x8_s i32x4.extmul_low_i16x8_u i32x4.extmul_high_i16x8_u
  i64x2.abs=u i64x2.neg=u - i64x2.all_true=b i64x2.bitmask=b - - i64x2.extend_low_i32x4_s=u i64x2.extend_high_i32x4_s=u
  i64x2.extend_low_i32x4_u=u i64x2.extend_high_i32x4_u=u i64x2.shl=s i64x2.shr_s=s i64x2.shr_u=s i64x2.add - -
  i64x2.sub - - - i64x2.mul i64x2.eq i64x2.ne i64x2.lt_s i64x2.gt_s i64x2.le_s i64x2.ge_s
  i64x2.extmul_low_i32x4_s i64x2.extmul_high_i32x4_s i64x2.extmul_low_i32x4_u i64x2.extmul_high_i32x4_u
  f32x4.abs=u f32x4.neg=u - f32x4.sqrt=u f32x4.add f32x4.sub f32x4.mul f32x4.div f32x4.min f32x4.max f32x4.pmin
  f32x4.pmax f64x2.abs=u f64x2.neg=u - f64x2.sqrt=u f64x2.add f64x2.sub f64x2.mul f64x2.div f64x2.min f64x2.max
  f64x2.pmin f64x2.pmax i32x4.trunc_sat_f32x4_s=u i32x4.trunc_sat_f32x4_u=u f32x4.convert_i32x4_s=u
  f32x4.convert_i32x4_u=u i32x4.trunc_sat_f64x2_s_zero=u i32x4.trunc_sat_f64x2_u_zero=u f64x2.convert_low_i32x4_s=u
  f64x2.convert_low_i32x4_u=u`,
  // relaxed SIMD
  `i8x16.relaxed_swizzle i32x4.relaxed_trunc_f32x4_s=u i32x4.relaxed_trunc_f32x4_u=u
  i32x4.relaxed_trunc_f64x2_s_zero=u i32x4.relaxed_trunc_f64x2_u_zero=u f32x4.relaxed_madd=t f32x4.relaxed_nmadd=t
  f64x2.relaxed_madd=t f64x2.relaxed_nmadd=t i8x16.relaxed_laneselect=t i16x8.relaxed_laneselect=t
  i32x4.relaxed_laneselect=t i64x2.relaxed_laneselect=t f32x4.relaxed_min f32x4.relaxed_max f64x2.relaxed_min
  f64x2.relaxed_max i16x8.relaxed_q15mulr_s i16x8.relaxed_dot_i8x16_i7x16_s i32x4.relaxed_dot_i8x16_i7x16_add_s=t`,
].join(' ').replace(/=([utbs])\b/g, (_, k: string) => `=${SIGS[k]}`);
rows(SIMD, 35, simd, 'none', 'vv:v');

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
