// WebAssembly.Tag (JS API "Tags"): constructible from a TagType and made for tags a module exports,
// one object per tag instance. Exception, JSTag and the exception mapping build on this later.

import type { TagInst } from '../runtime/interface.js';
import { createTag } from '../runtime/index.js';
import { registerRecGroup } from '../syntax/canon.js';
import { KIND_FUNC } from '../syntax/types.js';
import { VALUE_TYPES, VALUE_TYPE_NAMES } from './values.js';
import { dictionary, isObject, member, shapeInterface, toEnum } from './webidl.js';

const cache = new WeakMap<TagInst, Tag>();
const CREATE = Symbol('create');
let instOf: (o: unknown) => TagInst | undefined;

/** Web IDL sequence<ValueType> conversion. */
function toValueTypes(v: unknown, what: string): number[] {
  if (!isObject(v)) throw new TypeError(`${what}: 'parameters' must be a sequence`);
  const method = (v as { [Symbol.iterator]?: unknown })[Symbol.iterator];
  if (typeof method !== 'function') throw new TypeError(`${what}: 'parameters' must be iterable`);
  const out: number[] = [];
  for (const x of { [Symbol.iterator]: () => Reflect.apply(method, v, []) as Iterator<unknown> }) {
    out.push(VALUE_TYPES[toEnum(x, VALUE_TYPE_NAMES, `${what}: parameter type`)]);
  }
  return out;
}

export class Tag {
  #tag: TagInst;

  constructor(type: unknown, inst?: unknown) {
    if (type === CREATE) {
      this.#tag = inst as TagInst;
    } else {
      const what = 'WebAssembly.Tag()';
      const d = dictionary(type, `${what}: Argument 0`);
      const params = toValueTypes(member(d, 'parameters', true, what), what);
      const [id] = registerRecGroup([{ final: true, supers: [], comp: { kind: KIND_FUNC, params, results: [] } }], 0, []);
      this.#tag = createTag(id);
    }
    cache.set(this.#tag, this);
  }

  static {
    instOf = (o) => (isObject(o) && #tag in o ? (o as Tag).#tag : undefined);
  }
}
shapeInterface(Tag, 'Tag', 1);

export function tagInst(v: unknown): TagInst | undefined {
  return instOf(v);
}

export function tagObject(t: TagInst): Tag {
  return cache.get(t) ?? new Tag(CREATE, t);
}
