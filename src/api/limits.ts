// The JS API's implementation-defined limits (index.bs "Implementation-defined Limits") that
// the decoder (binary/limits.ts) leaves to the embedding: subtype depth, rec groups, 64-bit memory sizes and
// locals including parameters. Exceeding one is a CompileError, as the JS API says. A table's size
// is a dynamic limit, as the JS API testsuite (limits.any.js) and browsers treat it: a module with
// a larger initial table compiles, and instantiating it is a RangeError (from the engine's tables).

import { CompileError } from './errors.js';
import { canonType } from '../syntax/canon.js';
import { KIND_FUNC, type FuncType } from '../syntax/types.js';
import type { Module } from '../syntax/module.js';

export const API_LIMITS = {
  recGroups: 1_000_000,
  subtypeDepth: 63,
  memory64Pages: 2 ** 37 - 1,
  locals: 50_000,
} as const;

function over(what: string, n: number, limit: number): void {
  if (n > limit) throw new CompileError(`${what} (${n}) exceeds the implementation limit (${limit})`);
}

export function checkApiLimits(m: Module): void {
  let groups = 0;
  for (let i = 0; i < m.recGroupStart.length; i++) if (m.recGroupStart[i] === i) groups++;
  over('number of recursion groups', groups, API_LIMITS.recGroups);
  for (const id of m.types) over('subtype depth', canonType(id).depth, API_LIMITS.subtypeDepth);
  for (const mem of m.memories) {
    if (!mem.limits.addr64) continue; // 32-bit memories are limited to 65536 pages by validation
    over('initial memory size (pages)', mem.limits.min, API_LIMITS.memory64Pages);
    if (mem.limits.max !== null) over('maximum memory size (pages)', mem.limits.max, API_LIMITS.memory64Pages);
  }
  for (let i = 0; i < m.codes.length; i++) {
    const def = canonType(m.types[m.funcs[m.numImportedFuncs + i]]).sub.comp;
    const params = def.kind === KIND_FUNC ? (def as FuncType).params.length : 0;
    over('number of locals', params + m.codes[i].locals.length, API_LIMITS.locals);
  }
}
