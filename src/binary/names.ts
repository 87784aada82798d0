// The `name` custom section (spec 7.4 "Name Section"): only function names are kept, for stack
// traces and the printer. It is debugging information, so any damage yields null, never an error.

import { Reader } from './reader.js';

const SUB_FUNCTION_NAMES = 1;

export function readNameSection(bytes: Uint8Array, start: number, end: number): Map<number, string> | null {
  try {
    const r = new Reader(bytes, start, end);
    while (r.pos < end) {
      const id = r.u8();
      const size = r.u32();
      if (size > end - r.pos) return null;
      const subEnd = r.pos + size;
      if (id === SUB_FUNCTION_NAMES) {
        const sub = new Reader(bytes, r.pos, subEnd);
        const names = new Map<number, string>();
        const n = sub.count(2);
        for (let i = 0; i < n; i++) {
          const index = sub.u32();
          names.set(index, sub.name());
        }
        return names;
      }
      r.pos = subEnd;
    }
    return null;
  } catch {
    return null;
  }
}
