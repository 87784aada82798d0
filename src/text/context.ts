// The identifier context of a module being parsed (spec text/conventions.rst "Contexts"): one index
// space per kind of definition, the type definitions seen so far (for type uses and field names) and
// the module AST being built.

import type { SExpr } from './sexpr.js';
import { errorAt } from './cursor.js';
import { parseU32 } from './numbers.js';
import { emptyModule, type TextModule, type TSubType } from './ast.js';
import { KIND_FUNC, type ValType } from '../syntax/types.js';

export class Space {
  readonly ids = new Map<string, number>();
  count = 0;
  constructor(readonly name: string) {}

  /** Allocates the next index, binding `id` to it. */
  add(id: string | null, at: SExpr): number {
    if (id !== null) {
      if (this.ids.has(id)) throw errorAt(at, `duplicate ${this.name} $${id}`);
      this.ids.set(id, this.count);
    }
    return this.count++;
  }

  /** Resolves an index token: a number or a `$id` bound in this space. */
  resolve(e: SExpr): number {
    if (e.kind === 'number') {
      const v = parseU32(e.text);
      if (v === null) throw errorAt(e, `${this.name} index out of range (constant out of range)`);
      return v;
    }
    if (e.kind === 'id') {
      const v = this.ids.get(e.name!);
      if (v === undefined) throw errorAt(e, `unknown ${this.name} $${e.name}`);
      return v;
    }
    throw errorAt(e, `expected a ${this.name} index (unexpected token)`);
  }
}

export function isIndexToken(e: SExpr | undefined): boolean {
  return e !== undefined && (e.kind === 'number' || e.kind === 'id');
}

export class ModuleContext {
  readonly types = new Space('type');
  readonly funcs = new Space('function');
  readonly tables = new Space('table');
  readonly memories = new Space('memory');
  readonly globals = new Space('global');
  readonly tags = new Space('tag');
  readonly elems = new Space('elem');
  readonly datas = new Space('data');
  readonly module: TextModule = emptyModule();
  /** Sub type of every type index (explicit definitions first, then implicit ones). */
  readonly typeDefs: TSubType[] = [];
  /** Whether type i is the only member of its rec group (for type-use lookup). */
  readonly singleton: boolean[] = [];
  /** Field identifiers of each struct type. */
  readonly fieldIds: Map<string, number>[] = [];

  /**
   * The type index of a type use given only by its parameters and results: the smallest index
   * of a singular, final function type with no supertypes that is equal, else a new type appended
   * at the end (spec text/types.rst "Type Uses", abbreviation).
   */
  implicitType(params: ValType[], results: ValType[], append = false): number {
    const defs = this.typeDefs;
    const key = `${params.join(',')}>${results.join(',')}`;
    if (!append) {
      // Index the candidates once all explicit types are known (this runs after pass 2).
      for (; this.indexed < defs.length; this.indexed++) {
        const d = defs[this.indexed];
        if (!this.singleton[this.indexed] || !d.final || d.supers.length > 0 || d.comp.kind !== KIND_FUNC) continue;
        const k = `${d.comp.params.join(',')}>${d.comp.results.join(',')}`;
        if (!this.funcTypeByKey.has(k)) this.funcTypeByKey.set(k, this.indexed);
      }
      const found = this.funcTypeByKey.get(key);
      if (found !== undefined) return found;
    }
    const sub: TSubType = { final: true, supers: [], comp: { kind: KIND_FUNC, params, results } };
    defs.push(sub);
    this.singleton.push(true);
    this.fieldIds.push(new Map());
    this.module.types.push({ types: [sub] });
    return defs.length - 1;
  }

  /** Singular final function types by signature (first index wins), and how many types are indexed. */
  private readonly funcTypeByKey = new Map<string, number>();
  private indexed = 0;
}

export function sameTypes(a: ValType[], b: ValType[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
