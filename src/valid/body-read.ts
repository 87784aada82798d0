// A fast path in front of binary/instr.ts readInstr for the validator's hottest shapes: one-byte
// opcodes whose immediates (if any) are a single LEB128 byte — `local.get 3`, `i32.const 7`,
// `i32.load offset=8`, `i32.add` make up most of real code. Everything else, and anything near the
// end of the range, goes through readInstr, which also produces every decoding error. Built from
// the opcode table, so no encoding is spelled out here.

import type { Reader } from '../binary/reader.js';
import { type Instr, readInstr } from '../binary/instr.js';
import type { TypeSpace } from '../binary/valtype.js';
import { OPS, BYTE_OPS } from '../syntax/opcodes.js';

const F_SLOW = 0;
const F_NONE = 1;
const F_INDEX = 2; // one u32 index: ins.a
const F_I32 = 3; // signed constant: ins.lo
const F_MEMARG = 4; // flags byte (< 64, memory 0), offset byte

/** FAST[byte]: how the one-byte opcode `byte` may be read on the fast path. */
const FAST = new Uint8Array(256);
for (let b = 0; b < 256; b++) {
  const id = BYTE_OPS[b];
  if (id < 0) continue;
  const imm = OPS[id].imm;
  FAST[b] = imm === 'none' ? F_NONE
    : imm === 'local' || imm === 'global' || imm === 'label' || imm === 'func' ? F_INDEX
      : imm === 'i32' ? F_I32 : imm === 'memarg' ? F_MEMARG : F_SLOW;
}

export function nextInstr(r: Reader, ins: Instr, space: TypeSpace): void {
  const bytes = r.bytes;
  const pos = r.pos;
  const b = bytes[pos];
  const kind = FAST[b];
  if (kind !== F_SLOW && pos + 3 <= r.end) {
    if (kind === F_NONE) {
      ins.pos = pos;
      ins.op = OPS[BYTE_OPS[b]];
      r.pos = pos + 1;
      return;
    }
    const x = bytes[pos + 1];
    if (x < 0x80) {
      if (kind === F_INDEX) {
        ins.a = x;
      } else if (kind === F_I32) {
        ins.lo = (x << 25) >> 25;
      } else {
        const off = bytes[pos + 2];
        if (x >= 0x40 || off >= 0x80) {
          readInstr(r, ins, space);
          return;
        }
        ins.a = 0;
        ins.align = x;
        ins.offset = off;
        ins.pos = pos;
        ins.op = OPS[BYTE_OPS[b]];
        r.pos = pos + 3;
        return;
      }
      ins.pos = pos;
      ins.op = OPS[BYTE_OPS[b]];
      r.pos = pos + 2;
      return;
    }
  }
  readInstr(r, ins, space);
}
