// The JS API's implementation-defined limits (js-api "Implementation-defined Limits"). The decoder
// checks each declared count against its limit as soon as the count is read, before any entry is
// decoded, so an oversized module costs no more than reading its count (V8 does the same).

import type { Reader } from './reader.js';

export const LIMITS = {
  moduleSize: 1_073_741_824,
  types: 1_000_000,
  recGroups: 1_000_000,
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

/** A CompileError naming the count's offset when `n` is above `limit`. */
export function checkLimit(r: Reader, what: string, n: number, limit: number, at: number): void {
  if (n > limit) r.fail(`${what} (${n}) exceeds the implementation limit (${limit})`, at);
}
