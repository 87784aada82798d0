// The process-wide registry of canonical (iso-recursive) types (spec 3.2 "Type equivalence").
//
// Every rec group is registered once; structurally equivalent groups from any module get the same
// canonical ids, so type equivalence is `===` on numbers and a subtype test is one array lookup:
// a type at depth d has its whole supertype chain in `ancestors` (ancestors[k] is its supertype at
// depth k), so `a <: b` iff a === b or ancestors(a)[depth(b)] === b.

import {
  type SubType, type CompositeType, type ValType, type FieldType,
  KIND_FUNC, KIND_STRUCT, isRef, heapOf, refType, isNullable,
} from './types.js';

export interface CanonType {
  id: number;
  sub: SubType; // concrete heap types inside are canonical ids
  depth: number;
  ancestors: Int32Array; // length depth + 1, last element is `id`
  group: number; // id of the first type of the rec group
}

const types: CanonType[] = [];
const groups = new Map<string, number>();

export function canonType(id: number): CanonType {
  return types[id];
}
export function compositeOf(id: number): CompositeType {
  return types[id].sub.comp;
}
export function canonCount(): number {
  return types.length;
}

/** True when canonical type `a` is `b` or declares it (transitively) as a supertype. */
export function isSubId(a: number, b: number): boolean {
  if (a === b) return true;
  const ta = types[a];
  const db = types[b].depth;
  return ta.depth > db && ta.ancestors[db] === b;
}

/**
 * Registers a rec group whose types use module-local type indices for concrete heap types.
 * `localToCanon` maps the module's earlier types (indices < groupStart) to canonical ids; indices
 * inside [groupStart, groupStart + group.length) are members of this group. The caller has
 * already checked that no index refers beyond the group. Returns the canonical ids of the members.
 */
export function registerRecGroup(group: SubType[], groupStart: number, localToCanon: ArrayLike<number>): number[] {
  const end = groupStart + group.length;
  const keyOfHeap = (h: number): string =>
    h < 0 ? `a${h}` : h >= groupStart && h < end ? `r${h - groupStart}` : `c${localToCanon[h]}`;
  const keyOfVal = (t: ValType): string => (isRef(t) ? `${isNullable(t) ? 'n' : 'R'}${keyOfHeap(heapOf(t))}` : `${t}`);
  const keyOfField = (f: FieldType): string => `${f.mutable ? 'm' : 'c'}${keyOfVal(f.type)}`;
  const keyOfComp = (c: CompositeType): string =>
    c.kind === KIND_FUNC ? `f${c.params.map(keyOfVal).join(',')}>${c.results.map(keyOfVal).join(',')}`
      : c.kind === KIND_STRUCT ? `s${c.fields.map(keyOfField).join(',')}` : `a${keyOfField(c.field)}`;
  const key = group
    .map((s) => `${s.final ? 'F' : 'O'}${s.supers.map(keyOfHeap).join(',')}:${keyOfComp(s.comp)}`)
    .join(';');
  const found = groups.get(key);
  if (found !== undefined) return group.map((_, i) => found + i);

  const first = types.length;
  const mapHeap = (h: number): number => (h < 0 ? h : h >= groupStart && h < end ? first + h - groupStart : localToCanon[h]);
  const mapVal = (t: ValType): ValType => (isRef(t) && heapOf(t) >= 0 ? refType(mapHeap(heapOf(t)), isNullable(t)) : t);
  const mapField = (f: FieldType): FieldType => ({ type: mapVal(f.type), mutable: f.mutable });
  const mapComp = (c: CompositeType): CompositeType =>
    c.kind === KIND_FUNC ? { kind: c.kind, params: c.params.map(mapVal), results: c.results.map(mapVal) }
      : c.kind === KIND_STRUCT ? { kind: c.kind, fields: c.fields.map(mapField) } : { kind: c.kind, field: mapField(c.field) };
  for (let i = 0; i < group.length; i++) {
    const s = group[i];
    const sub: SubType = { final: s.final, supers: s.supers.map(mapHeap), comp: mapComp(s.comp) };
    const id = first + i;
    // A supertype is always an earlier type (checked by the validator), so its entry exists.
    const sup = sub.supers.length > 0 && sub.supers[0] < id ? types[sub.supers[0]] : undefined;
    const depth = sup ? sup.depth + 1 : 0;
    const ancestors = new Int32Array(depth + 1);
    if (sup) ancestors.set(sup.ancestors);
    ancestors[depth] = id;
    types.push({ id, sub, depth, ancestors, group: first });
  }
  groups.set(key, first);
  return group.map((_, i) => first + i);
}
