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

function heapKey(h: number, groupStart: number, end: number, localToCanon: ArrayLike<number>): string {
  return h < 0 ? `a${h}` : h >= groupStart && h < end ? `r${h - groupStart}` : `c${localToCanon[h]}`;
}
function valKey(t: ValType, groupStart: number, end: number, localToCanon: ArrayLike<number>): string {
  if (!isRef(t)) return `${t}`;
  const h = heapOf(t);
  // Abstract reference types are fully described by their number.
  return h < 0 ? `${t}` : (isNullable(t) ? 'n' : 'R') + heapKey(h, groupStart, end, localToCanon);
}
function fieldKey(f: FieldType, groupStart: number, end: number, localToCanon: ArrayLike<number>): string {
  return (f.mutable ? 'm' : 'c') + valKey(f.type, groupStart, end, localToCanon);
}

/**
 * Registers a rec group whose types use module-local type indices for concrete heap types.
 * `localToCanon` maps the module's earlier types (indices < groupStart) to canonical ids; indices
 * inside [groupStart, groupStart + group.length) are members of this group. The caller has
 * already checked that no index refers beyond the group. Returns the canonical ids of the members.
 */
export function registerRecGroup(group: SubType[], groupStart: number, localToCanon: ArrayLike<number>): number[] {
  const end = groupStart + group.length;
  // The key spells the group with inner references relative to it and outer ones canonical, so
  // equal keys mean iso-recursively equal groups. Built by plain concatenation: modules can have
  // a million single-type groups, so this runs without closures or intermediate arrays.
  let key = '';
  for (let i = 0; i < group.length; i++) {
    const s = group[i];
    key += s.final ? 'F' : 'O';
    for (let k = 0; k < s.supers.length; k++) key += heapKey(s.supers[k], groupStart, end, localToCanon) + ',';
    const c = s.comp;
    if (c.kind === KIND_FUNC) {
      key += ':f';
      for (let k = 0; k < c.params.length; k++) key += valKey(c.params[k], groupStart, end, localToCanon) + ',';
      key += '>';
      for (let k = 0; k < c.results.length; k++) key += valKey(c.results[k], groupStart, end, localToCanon) + ',';
    } else if (c.kind === KIND_STRUCT) {
      key += ':s';
      for (let k = 0; k < c.fields.length; k++) key += fieldKey(c.fields[k], groupStart, end, localToCanon) + ',';
    } else {
      key += ':a' + fieldKey(c.field, groupStart, end, localToCanon);
    }
    key += ';';
  }
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
