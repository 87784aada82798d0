// A few helpers to write small binary modules by hand in tests (the exact bytes matter there, so
// no encoder is involved).

export function u32(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 of an int32 (constants in code). */
export function s32(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
}

export function str(s: string): number[] {
  const b = [...new TextEncoder().encode(s)];
  return [...u32(b.length), ...b];
}

export function vec(items: number[][]): number[] {
  return [...u32(items.length), ...items.flat()];
}

export function section(id: number, body: number[]): number[] {
  return [id, ...u32(body.length), ...body];
}

export const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

export function mod(...sections: number[][]): Uint8Array {
  return Uint8Array.from([...HEADER, ...sections.flat()]);
}

// Section ids.
export const TYPE = 1, IMPORT = 2, FUNC = 3, TABLE = 4, MEMORY = 5, GLOBAL = 6, EXPORT = 7, START = 8;
export const ELEM = 9, CODE = 10, DATA = 11, DATACOUNT = 12, TAG = 13;

/** `(func)` type: [] -> []. */
export const FUNC_VOID = [0x60, 0x00, 0x00];
/** A function body with no locals and the given instructions (the final `end` is added). */
export function body(...instrs: number[]): number[] {
  const b = [0x00, ...instrs, 0x0b];
  return [...u32(b.length), ...b];
}
