// A minimal module byte builder for hostile inputs the text format cannot express (lying counts,
// oversized sections) or would take too long to parse (100k nested blocks).
export const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

export { u32, s32 } from '../binary/bytes.js';
import { u32 } from '../binary/bytes.js';

export function name(s: string): number[] {
  const b = new TextEncoder().encode(s);
  return [...u32(b.length), ...b];
}

export function section(id: number, payload: number[]): number[] {
  return [id, ...u32(payload.length), ...payload];
}

/** Concatenation without spreading (spreading megabytes is slow and deep). */
export function cat(...parts: ArrayLike<number>[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** `unit` repeated n times. */
export function repeat(unit: ArrayLike<number>, n: number): Uint8Array {
  const out = new Uint8Array(unit.length * n);
  for (let i = 0; i < n; i++) out.set(unit, i * unit.length);
  return out;
}

/** A section whose payload is large. */
export function bigSection(id: number, ...payload: ArrayLike<number>[]): Uint8Array {
  const p = cat(...payload);
  return cat([id, ...u32(p.length)], p);
}

export function vec(items: number[][]): number[] {
  return [...u32(items.length), ...items.flat()];
}

export function module(...sections: ArrayLike<number>[]): Uint8Array<ArrayBuffer> {
  return cat(HEADER, ...sections);
}

/** A function type: params and results as value-type bytes. */
export function functype(params: number[], results: number[]): number[] {
  return [0x60, ...u32(params.length), ...params, ...u32(results.length), ...results];
}

/** A code-section entry: local runs [count, type] and the instructions (final `end` included). */
export function body(locals: [number, number][], code: number[]): number[] {
  const b = [...u32(locals.length), ...locals.flatMap(([n, t]) => [...u32(n), t]), ...code];
  return [...u32(b.length), ...b];
}

export const I32 = 0x7f, I64 = 0x7e, F32 = 0x7d, F64 = 0x7c, FUNCREF = 0x70, EXTERNREF = 0x6f;
export const SEC = { custom: 0, type: 1, import: 2, func: 3, table: 4, memory: 5, global: 6, export: 7, start: 8, elem: 9, code: 10, data: 11, datacount: 12 } as const;
