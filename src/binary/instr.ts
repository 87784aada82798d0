// Reads one instruction — opcode and immediates — into a reusable Instr, driven by the opcode
// table. The validator, the printer and both execution tiers walk function bodies with this, so
// no instruction's encoding is spelled out anywhere else.

import type { Reader } from './reader.js';
import { readBlockType, readHeapType, readValType, BLOCK_EMPTY, type TypeSpace } from './valtype.js';
import { OPS, BYTE_OPS, PREFIXED, type OpInfo, type Imm } from '../syntax/opcodes.js';
import type { ValType } from '../syntax/types.js';

export interface Catch {
  kind: number; // 0 catch, 1 catch_ref, 2 catch_all, 3 catch_all_ref
  tag: number; // -1 for the catch_all kinds
  label: number;
}

/**
 * Immediates by shape (see Imm in syntax/opcodes.ts). Index-like immediates go to a, b, c, d in
 * the order they are encoded; type indices stay module-local, heap types are canonical.
 *  memarg/memlane: a = memory, align = log2 alignment, offset (Infinity past 2^53), c = lane
 *  i32/f32: lo;  i64/f64: lo + hi;  v128/shuffle: bytes (a 16-byte view of the module)
 *  labels: labels (targets, then the default last);  select: types;  trytable: a = block type, catches
 *  cast: a = flags, b = label, c = heap 1, d = heap 2
 */
export class Instr {
  op: OpInfo = OPS[0];
  pos = 0;
  a = 0;
  b = 0;
  c = 0;
  d = 0;
  align = 0;
  offset = 0;
  lo = 0;
  hi = 0;
  bytes: Uint8Array | null = null;
  labels: number[] = [];
  types: ValType[] = [];
  catches: Catch[] = [];
}

// Immediate shapes as small integers, so the hot switch below is a jump table, not string compares.
const IM_NONE = 0, IM_BT = 1, IM_IDX = 2, IM_LABELS = 3, IM_MEMARG = 4, IM_MEMLANE = 5, IM_LANE = 6;
const IM_I32 = 7, IM_I64 = 8, IM_F32 = 9, IM_F64 = 10, IM_V128 = 11, IM_IDX2 = 12, IM_SELECT = 13;
const IM_HEAP = 14, IM_CAST = 15, IM_TRYTABLE = 16;
const IMM_CODES: Record<Imm, number> = {
  none: IM_NONE, bt: IM_BT, label: IM_IDX, func: IM_IDX, type: IM_IDX, local: IM_IDX, global: IM_IDX,
  table: IM_IDX, mem: IM_IDX, tag: IM_IDX, data: IM_IDX, elem: IM_IDX, labels: IM_LABELS,
  memarg: IM_MEMARG, memlane: IM_MEMLANE, lane: IM_LANE, i32: IM_I32, i64: IM_I64, f32: IM_F32,
  f64: IM_F64, v128: IM_V128, shuffle: IM_V128, indirect: IM_IDX2, memmem: IM_IDX2, datamem: IM_IDX2,
  tabtab: IM_IDX2, elemtab: IM_IDX2, field: IM_IDX2, typelen: IM_IDX2, typedata: IM_IDX2,
  typeelem: IM_IDX2, typetype: IM_IDX2, select: IM_SELECT, heap: IM_HEAP, cast: IM_CAST, trytable: IM_TRYTABLE,
};
const IMM = Uint8Array.from(OPS, (o) => IMM_CODES[o.imm]);

/** Prefixed opcodes below DENSE as flat arrays (row id or -1): no Map lookup on the hot path. */
const DENSE = 512;
const PREFIXED_DENSE: Record<number, Int16Array> = {};
for (const prefix of Object.keys(PREFIXED).map(Number)) {
  const dense = new Int16Array(DENSE).fill(-1);
  for (const [code, id] of PREFIXED[prefix]) if (code < DENSE) dense[code] = id;
  PREFIXED_DENSE[prefix] = dense;
}

export function readOpcode(r: Reader): OpInfo {
  const at = r.pos;
  const b = r.u8();
  const id = BYTE_OPS[b];
  return id >= 0 ? OPS[id] : readPrefixed(r, b, at);
}

function readPrefixed(r: Reader, b: number, at: number): OpInfo {
  const dense = PREFIXED_DENSE[b];
  if (!dense) r.fail(`illegal opcode ${b.toString(16)}`, at);
  const code = r.u32();
  const id = code < DENSE ? dense[code] : PREFIXED[b].get(code) ?? -1;
  if (id < 0) r.fail(`illegal opcode ${b.toString(16)} ${code.toString(16)}`, at);
  return OPS[id];
}

function readMemarg(r: Reader, ins: Instr): void {
  const at = r.pos;
  let flags = r.u32();
  ins.a = 0;
  if (flags >= 64 && flags < 128) {
    flags -= 64;
    ins.a = r.u32();
  } else if (flags >= 128) {
    r.fail('malformed memop flags', at);
  }
  ins.align = flags;
  // Offsets are almost always small: skip the 64-bit reader for one-byte values.
  const p = r.pos;
  if (p < r.end && r.bytes[p] < 0x80) {
    ins.offset = r.bytes[p];
    r.pos = p + 1;
  } else ins.offset = r.u64AsNumber();
}

/** u32 with the one-byte case inline: most indices and immediates are below 128. */
function idx(r: Reader): number {
  const p = r.pos;
  if (p < r.end) {
    const v = r.bytes[p];
    if (v < 0x80) {
      r.pos = p + 1;
      return v;
    }
  }
  return r.u32();
}

/**
 * Reads one instruction at `r.pos`. Kept small so that callers' hot loops can inline it: the
 * common shapes (no immediate, one small index) are handled here, the rest in readImmediates.
 */
export function readInstr(r: Reader, ins: Instr, space: TypeSpace): void {
  const at = r.pos;
  const bytes = r.bytes;
  const end = r.end;
  ins.pos = at;
  if (at >= end) r.fail('unexpected end of section or function');
  const byteId = BYTE_OPS[bytes[at]];
  r.pos = at + 1;
  const op = byteId >= 0 ? OPS[byteId] : readPrefixed(r, bytes[at], at);
  ins.op = op;
  const imm = IMM[op.id];
  if (imm === IM_NONE) return;
  if (imm === IM_IDX) {
    // One- and two-byte indices inline (calls and locals of big functions are mostly two bytes).
    const p = r.pos;
    if (p + 1 < end) {
      const v = bytes[p];
      if (v < 0x80) {
        r.pos = p + 1;
        ins.a = v;
        return;
      }
      const w = bytes[p + 1];
      if (w < 0x80) {
        r.pos = p + 2;
        ins.a = (v & 0x7f) | (w << 7);
        return;
      }
    }
    ins.a = r.u32();
    return;
  }
  if (imm === IM_BT) {
    // The empty block type and single numeric results are one byte.
    const p = r.pos;
    if (p < end) {
      const v = bytes[p];
      if (v === 0x40 || (v >= 0x7b && v <= 0x7f)) {
        r.pos = p + 1;
        ins.a = v === 0x40 ? BLOCK_EMPTY : v;
        return;
      }
    }
    ins.a = readBlockType(r, space);
    return;
  }
  readImmediates(r, ins, space, imm);
}

function readImmediates(r: Reader, ins: Instr, space: TypeSpace, imm: number): void {
  switch (imm) {
    case IM_MEMARG:
      readMemarg(r, ins);
      return;
    case IM_I32: {
      // One-byte signed constants (-64..63) inline.
      const p = r.pos;
      if (p < r.end) {
        const v = r.bytes[p];
        if (v < 0x80) {
          r.pos = p + 1;
          ins.lo = (v << 25) >> 25;
          return;
        }
      }
      ins.lo = r.s32();
      return;
    }
    case IM_BT:
      ins.a = readBlockType(r, space);
      return;
    case IM_IDX2:
      ins.a = idx(r);
      ins.b = idx(r);
      return;
    case IM_LABELS: {
      const n = r.count(1);
      const labels = ins.labels;
      labels.length = 0;
      for (let i = 0; i <= n; i++) labels.push(idx(r));
      ins.a = labels[n];
      return;
    }
    case IM_MEMLANE:
      readMemarg(r, ins);
      ins.c = r.u8();
      return;
    case IM_LANE:
      ins.a = r.u8();
      return;
    case IM_I64:
      ins.lo = r.s64();
      ins.hi = r.hi;
      return;
    case IM_F32:
      ins.lo = r.bits32();
      return;
    case IM_F64:
      ins.lo = r.bits64();
      ins.hi = r.hi;
      return;
    case IM_V128:
      ins.bytes = r.take(16);
      return;
    case IM_SELECT: {
      const n = r.count(1);
      ins.types.length = 0;
      for (let i = 0; i < n; i++) ins.types.push(readValType(r, space));
      return;
    }
    case IM_HEAP:
      ins.a = readHeapType(r, space);
      return;
    case IM_CAST:
      ins.a = r.u8();
      if (ins.a > 3) r.fail('malformed br_on_cast flags', r.pos - 1);
      ins.b = r.u32();
      ins.c = readHeapType(r, space);
      ins.d = readHeapType(r, space);
      return;
    case IM_TRYTABLE: {
      ins.a = readBlockType(r, space);
      const n = r.count(2);
      ins.catches.length = 0;
      for (let i = 0; i < n; i++) {
        const cat = r.pos;
        const kind = r.u8();
        if (kind > 3) r.fail('malformed catch clause', cat);
        const tag = kind < 2 ? r.u32() : -1;
        ins.catches.push({ kind, tag, label: r.u32() });
      }
      return;
    }
  }
}
