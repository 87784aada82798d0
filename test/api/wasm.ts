// A small binary module builder for the API tests: sections from plain descriptions, function
// bodies as raw instruction bytes. Enough to write the same module for purewasm and native V8.

export const i32 = 0x7f, i64 = 0x7e, f32 = 0x7d, f64 = 0x7c, v128 = 0x7b, funcref = 0x70, externref = 0x6f;
export const anyref = 0x6e, exnref = 0x69;

export function uleb(n: number | bigint): number[] {
  let v = BigInt(n);
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) b |= 0x80;
    out.push(b);
  } while (v !== 0n);
  return out;
}

export function sleb(n: number | bigint): number[] {
  let v = BigInt(n);
  const out: number[] = [];
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && !(b & 0x40)) || (v === -1n && b & 0x40)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

export function name(s: string): number[] {
  const b = [...new TextEncoder().encode(s)];
  return [...uleb(b.length), ...b];
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

export interface FuncDef {
  type: number;
  locals?: number[];
  body: number[]; // instructions without the final `end`
}
export type ImportDef =
  | { module: string; name: string; kind: 'func'; type: number }
  | { module: string; name: string; kind: 'table'; elem: number; min: number; max?: number }
  | { module: string; name: string; kind: 'memory'; min: number; max?: number; shared?: boolean }
  | { module: string; name: string; kind: 'global'; type: number | number[]; mutable?: boolean }
  | { module: string; name: string; kind: 'tag'; type: number };
export interface ModuleDef {
  types?: [(number | number[])[], (number | number[])[]][];
  imports?: ImportDef[];
  funcs?: FuncDef[];
  tables?: { elem: number | number[]; min: number; max?: number }[];
  memories?: { min: number; max?: number; addr64?: boolean }[];
  globals?: { type: number | number[]; mutable?: boolean; init: number[] }[];
  tags?: number[];
  exports?: { name: string; kind: 'func' | 'table' | 'memory' | 'global' | 'tag'; index: number }[];
  start?: number;
  elems?: { table?: number; offset: number; funcs: number[] }[];
  datas?: { offset: number; bytes: number[] }[];
  customs?: { name: string; bytes: number[] }[];
}

/** A value type: one byte, or its full encoding (e.g. [0x63, typeidx] for (ref null $t)). */
const vt = (t: number | number[]): number[] => (typeof t === 'number' ? [t] : t);

const KIND = { func: 0, table: 1, memory: 2, global: 3, tag: 4 } as const;
const limits = (min: number, max?: number, flags = 0): number[] =>
  max === undefined ? [flags, ...uleb(min)] : [flags | 1, ...uleb(min), ...uleb(max)];

export function build(m: ModuleDef): Uint8Array {
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const customs = (m.customs ?? []).map((c) => section(0, [...name(c.name), ...c.bytes]));
  if (customs.length) out.push(...customs[0]);
  if (m.types) out.push(...section(1, vec(m.types.map(([p, r]) => [0x60, ...vec(p.map(vt)), ...vec(r.map(vt))]))));
  if (m.imports) {
    out.push(...section(2, vec(m.imports.map((i) => {
      const head = [...name(i.module), ...name(i.name), KIND[i.kind]];
      switch (i.kind) {
        case 'func': return [...head, ...uleb(i.type)];
        case 'table': return [...head, i.elem, ...limits(i.min, i.max)];
        case 'memory': return [...head, ...limits(i.min, i.max, i.shared ? 2 : 0)];
        case 'global': return [...head, ...vt(i.type), i.mutable ? 1 : 0];
        case 'tag': return [...head, 0, ...uleb(i.type)];
      }
    }))));
  }
  if (m.funcs) out.push(...section(3, vec(m.funcs.map((f) => uleb(f.type)))));
  if (m.tables) out.push(...section(4, vec(m.tables.map((t) => [...vt(t.elem), ...limits(t.min, t.max)]))));
  if (m.memories) out.push(...section(5, vec(m.memories.map((x) => limits(x.min, x.max, x.addr64 ? 4 : 0)))));
  if (m.tags) out.push(...section(13, vec(m.tags.map((t) => [0, ...uleb(t)]))));
  if (m.globals) out.push(...section(6, vec(m.globals.map((g) => [...vt(g.type), g.mutable ? 1 : 0, ...g.init, 0x0b]))));
  if (m.exports) out.push(...section(7, vec(m.exports.map((e) => [...name(e.name), KIND[e.kind], ...uleb(e.index)]))));
  if (m.start !== undefined) out.push(...section(8, uleb(m.start)));
  if (m.elems) {
    out.push(...section(9, vec(m.elems.map((e) => e.table
      ? [2, ...uleb(e.table), 0x41, ...sleb(e.offset), 0x0b, 0, ...vec(e.funcs.map((f) => uleb(f)))]
      : [0, 0x41, ...sleb(e.offset), 0x0b, ...vec(e.funcs.map((f) => uleb(f)))]))));
  }
  if (m.funcs) {
    out.push(...section(10, vec(m.funcs.map((f) => {
      const locals = vec((f.locals ?? []).map((t) => [1, t]));
      const body = [...locals, ...f.body, 0x0b];
      return [...uleb(body.length), ...body];
    }))));
  }
  if (m.datas) out.push(...section(11, vec(m.datas.map((d) => [0, 0x41, ...sleb(d.offset), 0x0b, ...vec(d.bytes.map((b) => [b]))]))));
  for (const c of customs.slice(1)) out.push(...c);
  return new Uint8Array(out);
}
