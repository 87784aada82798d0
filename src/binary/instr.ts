// Reads one instruction — opcode and immediates — into a reusable Instr, driven by the opcode
// table. The validator, the printer and both execution tiers walk function bodies with this, so
// no instruction's encoding is spelled out anywhere else.

import type { Reader } from './reader.js';
import { readBlockType, readHeapType, readValType, type TypeSpace } from './valtype.js';
import { OPS, BYTE_OPS, PREFIXED, type OpInfo } from '../syntax/opcodes.js';
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

export function readOpcode(r: Reader): OpInfo {
  const at = r.pos;
  const b = r.u8();
  let id: number | undefined = BYTE_OPS[b];
  if (id < 0) {
    const table = PREFIXED[b];
    if (!table) r.fail(`illegal opcode 0x${b.toString(16)}`, at);
    const code = r.u32();
    id = table.get(code);
    if (id === undefined) r.fail(`illegal opcode 0x${b.toString(16)} ${code}`, at);
  }
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
  ins.offset = r.u64AsNumber();
}

export function readInstr(r: Reader, ins: Instr, space: TypeSpace): void {
  ins.pos = r.pos;
  const op = readOpcode(r);
  ins.op = op;
  switch (op.imm) {
    case 'none':
      return;
    case 'bt':
      ins.a = readBlockType(r, space);
      return;
    case 'label': case 'func': case 'type': case 'local': case 'global': case 'table': case 'mem':
    case 'tag': case 'data': case 'elem':
      ins.a = r.u32();
      return;
    case 'labels': {
      const n = r.count(1);
      const labels = ins.labels;
      labels.length = 0;
      for (let i = 0; i <= n; i++) labels.push(r.u32());
      ins.a = labels[n];
      return;
    }
    case 'memarg':
      readMemarg(r, ins);
      return;
    case 'memlane':
      readMemarg(r, ins);
      ins.c = r.u8();
      return;
    case 'lane':
      ins.a = r.u8();
      return;
    case 'i32':
      ins.lo = r.s32();
      return;
    case 'i64':
      ins.lo = r.s64();
      ins.hi = r.hi;
      return;
    case 'f32':
      ins.lo = r.bits32();
      return;
    case 'f64':
      ins.lo = r.bits64();
      ins.hi = r.hi;
      return;
    case 'v128': case 'shuffle':
      ins.bytes = r.take(16);
      return;
    case 'indirect': case 'memmem': case 'datamem': case 'tabtab': case 'elemtab': case 'field':
    case 'typelen': case 'typedata': case 'typeelem': case 'typetype':
      ins.a = r.u32();
      ins.b = r.u32();
      return;
    case 'select': {
      const n = r.count(1);
      ins.types.length = 0;
      for (let i = 0; i < n; i++) ins.types.push(readValType(r, space));
      return;
    }
    case 'heap':
      ins.a = readHeapType(r, space);
      return;
    case 'cast':
      ins.a = r.u8();
      if (ins.a > 3) r.fail('malformed br_on_cast flags', r.pos - 1);
      ins.b = r.u32();
      ins.c = readHeapType(r, space);
      ins.d = readHeapType(r, space);
      return;
    case 'trytable': {
      ins.a = readBlockType(r, space);
      const n = r.count(2);
      ins.catches.length = 0;
      for (let i = 0; i < n; i++) {
        const at = r.pos;
        const kind = r.u8();
        if (kind > 3) r.fail('malformed catch clause', at);
        const tag = kind < 2 ? r.u32() : -1;
        ins.catches.push({ kind, tag, label: r.u32() });
      }
      return;
    }
  }
}
