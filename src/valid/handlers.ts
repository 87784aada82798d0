// How the body validator types each row of the opcode table: rows with a fixed signature share one
// generic rule (H_FIXED), memory and lane rows add their immediate checks, and the rest have a
// rule of their own, keyed here by the row's text name so that no opcode number is repeated.

import { OPS } from '../syntax/opcodes.js';

export const H_FIXED = 0;
export const H_MEM = 1; // loads/stores: memarg (+ lane), then the row's signature after an address
export const H_LANE = 2;
export const H_SHUFFLE = 3;
export const H_UNREACHABLE = 4;
export const H_BLOCK = 5;
export const H_LOOP = 6;
export const H_IF = 7;
export const H_ELSE = 8;
export const H_END = 9;
export const H_BR = 10;
export const H_BR_IF = 11;
export const H_BR_TABLE = 12;
export const H_RETURN = 13;
export const H_CALL = 14;
export const H_CALL_INDIRECT = 15;
export const H_RETURN_CALL = 16;
export const H_RETURN_CALL_INDIRECT = 17;
export const H_CALL_REF = 18;
export const H_RETURN_CALL_REF = 19;
export const H_DROP = 20;
export const H_SELECT = 21;
export const H_SELECT_T = 22;
export const H_LOCAL_GET = 23;
export const H_LOCAL_SET = 24;
export const H_LOCAL_TEE = 25;
export const H_GLOBAL_GET = 26;
export const H_GLOBAL_SET = 27;
export const H_TABLE_GET = 28;
export const H_TABLE_SET = 29;
export const H_MEMORY_SIZE = 30;
export const H_MEMORY_GROW = 31;
export const H_TRY = 32;
export const H_CATCH = 33;
export const H_CATCH_ALL = 34;
export const H_DELEGATE = 35;
export const H_RETHROW = 36;
export const H_THROW = 37;
export const H_THROW_REF = 38;
export const H_TRY_TABLE = 39;
export const H_MEMORY_INIT = 40;
export const H_DATA_DROP = 41;
export const H_MEMORY_COPY = 42;
export const H_MEMORY_FILL = 43;
export const H_TABLE_INIT = 44;
export const H_ELEM_DROP = 45;
export const H_TABLE_COPY = 46;
export const H_TABLE_GROW = 47;
export const H_TABLE_SIZE = 48;
export const H_TABLE_FILL = 49;
/** References, casts and everything of the GC proposal: typed in body-ref.ts. */
export const H_REF = 50;

const BY_NAME: Record<string, number> = {
  unreachable: H_UNREACHABLE, block: H_BLOCK, loop: H_LOOP, if: H_IF, else: H_ELSE, end: H_END,
  br: H_BR, br_if: H_BR_IF, br_table: H_BR_TABLE, return: H_RETURN, call: H_CALL,
  call_indirect: H_CALL_INDIRECT, return_call: H_RETURN_CALL, return_call_indirect: H_RETURN_CALL_INDIRECT,
  call_ref: H_CALL_REF, return_call_ref: H_RETURN_CALL_REF, drop: H_DROP,
  'local.get': H_LOCAL_GET, 'local.set': H_LOCAL_SET, 'local.tee': H_LOCAL_TEE,
  'global.get': H_GLOBAL_GET, 'global.set': H_GLOBAL_SET, 'table.get': H_TABLE_GET, 'table.set': H_TABLE_SET,
  'memory.size': H_MEMORY_SIZE, 'memory.grow': H_MEMORY_GROW,
  try: H_TRY, catch: H_CATCH, catch_all: H_CATCH_ALL, delegate: H_DELEGATE, rethrow: H_RETHROW,
  throw: H_THROW, throw_ref: H_THROW_REF, try_table: H_TRY_TABLE,
  'memory.init': H_MEMORY_INIT, 'data.drop': H_DATA_DROP, 'memory.copy': H_MEMORY_COPY,
  'memory.fill': H_MEMORY_FILL, 'table.init': H_TABLE_INIT, 'elem.drop': H_ELEM_DROP,
  'table.copy': H_TABLE_COPY, 'table.grow': H_TABLE_GROW, 'table.size': H_TABLE_SIZE, 'table.fill': H_TABLE_FILL,
};

/** HANDLER[op.id]: the rule that types that row. */
export const HANDLER = new Uint8Array(OPS.length);

for (const op of OPS) {
  let h: number | undefined;
  if (op.name === 'select') h = op.imm === 'select' ? H_SELECT_T : H_SELECT;
  else h = BY_NAME[op.name];
  if (h === undefined) {
    if (op.imm === 'memarg' || op.imm === 'memlane') h = H_MEM;
    else if (op.imm === 'lane') h = H_LANE;
    else if (op.imm === 'shuffle') h = H_SHUFFLE;
    else if (op.params !== null) h = H_FIXED;
    else h = H_REF;
  }
  HANDLER[op.id] = h;
}
