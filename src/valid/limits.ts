// The JS API's implementation-defined limits (js-api "Implementation-defined Limits"): a module
// beyond them is a CompileError in every browser, so it is one here too. Limits that the core
// testsuite exercises with valid modules (table sizes) are left to instantiation.

import { CompileError } from '../api/errors.js';
import { KIND_FUNC, KIND_STRUCT } from '../syntax/types.js';
import type { Module } from '../syntax/module.js';

export const LIMITS = {
  moduleSize: 1_073_741_824,
  types: 1_000_000,
  functions: 1_000_000,
  imports: 1_000_000,
  exports: 1_000_000,
  globals: 1_000_000,
  tags: 1_000_000,
  dataSegments: 100_000,
  tables: 100_000,
  memories: 100,
  tableInitEntries: 10_000_000,
  params: 1_000,
  results: 1_000,
  bodySize: 7_654_321,
  locals: 50_000,
  structFields: 10_000,
} as const;

function over(what: string, n: number, limit: number, at = 0): void {
  if (n > limit) throw new CompileError(`at byte offset ${at}: ${what} (${n}) exceeds the implementation limit (${limit})`);
}

export function checkEmbeddingLimits(m: Module): void {
  over('module size', m.bytes.length, LIMITS.moduleSize);
  over('number of types', m.types.length, LIMITS.types);
  over('number of functions', m.funcs.length - m.numImportedFuncs, LIMITS.functions);
  over('number of imports', m.imports.length, LIMITS.imports);
  over('number of exports', m.exports.length, LIMITS.exports);
  over('number of globals', m.globals.length - m.numImportedGlobals, LIMITS.globals);
  over('number of tags', m.tags.length - m.numImportedTags, LIMITS.tags);
  over('number of data segments', m.datas.length, LIMITS.dataSegments);
  over('number of tables', m.tables.length, LIMITS.tables);
  over('number of memories', m.memories.length, LIMITS.memories);
  for (let i = 0; i < m.typeDefs.length; i++) {
    const c = m.typeDefs[i].comp;
    const at = m.sites.types[i];
    if (c.kind === KIND_FUNC) {
      over('number of parameters', c.params.length, LIMITS.params, at);
      over('number of results', c.results.length, LIMITS.results, at);
    } else if (c.kind === KIND_STRUCT) {
      over('number of struct fields', c.fields.length, LIMITS.structFields, at);
    }
  }
  for (let i = 0; i < m.elems.length; i++) {
    const e = m.elems[i];
    over('number of table entries in a segment', (e.funcs ?? e.exprs!).length, LIMITS.tableInitEntries, m.sites.elems[i]);
  }
  for (const c of m.codes) {
    // The limit counts the body after its size field (locals included).
    let start = c.offset;
    while (m.bytes[start] & 0x80) start++;
    over('function body size', c.end - start - 1, LIMITS.bodySize, c.offset);
  }
}
