// Splitting of huge function bodies. V8 never optimises a JS function of more than 60 KB of
// bytecode (TurboFan's max_optimized_bytecode_size): such a function runs in the interpreter or
// baseline tier forever, whatever its heat. SQLite's VM loop and parsers' lexers compile to such
// functions. Here regions of the generated body are outlined into inner functions (closures of the
// function) until every resulting function is under the limit:
//
// - A region is a run of whole statements at one nesting level, cut only between wasm instructions
//   (the temporaries A, T, X, Y and fr never carry a value from one instruction to the next).
// - Variables used by one function only are declared in it; the others stay in the outer function
//   and are captured. Stack slots never carry a value into or out of a region that only that region
//   names, so they always move; a wasm local moves only when its region runs at most once per call
//   (no enclosing loop), since its value must otherwise survive from one run to the next.
// - A jump out of a region (break/continue to an outer label) becomes `return <code>` and the call
//   site dispatches on the code; a return of the function stores its value in RV and returns -1.
//   Exceptions and traps propagate as they would.
// - Memory views are per function: each loads its own on entry, and a caller reloads its views after
//   a region that may replace the buffer (one containing a reload point).
//
// Choice of regions: repeatedly the candidate (a compound statement, or a run of statements and
// small compounds with few exits) with the most size per exit, squared, so that a loop stays whole
// when it fits and the dispatch of a VM loop stays inline while its cases move out.


/** The reload marker of body.ts. */
export const RELOAD = '\u0001';

export interface SplitTuning {
  /** Bodies (generated characters) above this are split; every function ends below it if possible. */
  maxChars: number;
  /** Regions smaller than this are not worth a call. */
  minChars: number;
  /** Tests: outline every candidate, even where that saves nothing. */
  eager?: boolean;
}

export interface SplitInput {
  /** The generated statements (entries), RELOAD markers included. */
  lines: string[];
  /** Whether an instruction's code starts at each entry (index → true). */
  starts: boolean[];
  /** The number of open frames when each entry was emitted (labels L<k> with k < that are outer). */
  depths: number[];
  /** Declarators of the function's variables (`name = init`), parameters excluded. */
  decls: string[];
  /** The parameter names. */
  params: string[];
  /** Whether every region runs inside a loop (a self tail call loop around the body). */
  looped: boolean;
  /** Expands the reload points of a function that uses the views of `mems`. */
  reload: (mems: Set<number>) => string;
  /** The view declarators (`dv0 = M0.dv`, …) of memory m. */
  views: (m: number) => string[];
}

export interface SplitOutput {
  /** Declarations to put at the start of the function. */
  head: string;
  /** The body of the function (reload points expanded). */
  body: string;
  /** The regions' functions, for the factory's scope (next to the function). */
  regions: string;
}

interface Group { text: string; min: number; net: number; depth: number }
// `facts` memoises an item's Facts on the item itself (a Map lookup per visit cost more than the
// rest of a walk on SQLite's VM loop); every item is created with all its fields (stable shapes).
type Item =
  | { kind: 'stmt'; text: string; depth: number; call?: boolean; facts?: Facts }
  | { kind: 'compound'; header: string; sections: Item[][]; seps: string[]; closer: string; depth: number; loop: boolean; facts?: Facts };

function braces(text: string): [number, number] {
  let d = 0, min = 0, str = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (str) {
      if (ch === 92) i++;
      else if (ch === 34) str = false;
    } else if (ch === 34) str = true;
    else if (ch === 123) d++;
    else if (ch === 125 && --d < min) min = d;
  }
  return [min, d];
}

function groupsOf(input: SplitInput): Group[] {
  const out: Group[] = [];
  let cur: string[] = [];
  let depth = Infinity;
  const close = (): void => {
    if (cur.length === 0) return;
    const text = cur.join('\n');
    const [min, net] = braces(text);
    out.push({ text, min, net, depth });
    cur = [];
    depth = Infinity;
  };
  input.lines.forEach((l, i) => {
    if (input.starts[i]) close();
    cur.push(l);
    depth = Math.min(depth, input.depths[i]);
  });
  close();
  return out;
}

/** The statement tree of the groups, or null if the braces do not nest as expected. */
function parse(groups: Group[]): Item[] | null {
  let i = 0;
  const section = (): Item[] | null => {
    const items: Item[] = [];
    while (i < groups.length) {
      const g = groups[i];
      if (g.min < 0) return items;
      i++;
      if (g.net === 0) {
        items.push({ kind: 'stmt', text: g.text, depth: g.depth, call: false, facts: undefined });
        continue;
      }
      const item: Item = { kind: 'compound', header: g.text, sections: [], seps: [], closer: '', depth: g.depth, loop: /for \(;;\) \{$/.test(g.text), facts: undefined };
      let level = g.net;
      for (;;) {
        const s = section();
        if (s === null || i >= groups.length) return null;
        item.sections.push(s);
        const e = groups[i++];
        item.depth = Math.min(item.depth, e.depth);
        level += e.net;
        if (level <= 0) {
          if (level < 0) return null;
          item.closer = e.text;
          break;
        }
        item.seps.push(e.text);
      }
      items.push(item);
    }
    return items;
  };
  const top = section();
  return top !== null && i === groups.length ? top : null;
}

function render(items: Item[]): string {
  const parts: string[] = [];
  for (const it of items) {
    if (it.kind === 'stmt') parts.push(it.text);
    else {
      parts.push(it.header);
      it.sections.forEach((s, k) => {
        if (s.length > 0) parts.push(render(s));
        parts.push(k < it.seps.length ? it.seps[k] : it.closer);
      });
    }
  }
  return parts.join('\n');
}

const JUMP = /\b(?:(break|continue) (L(\d+)|F)|return\b([^;]*));/g;
// Variables declared inside statements: catch clauses' (e<n>, x<n>) and SIMD words' (q<n>, q<n>_<k>).
const CATCH_VARS = /\b(?:[ex]\d+\b|q\d+)/g;

/**
 * Whether code names a catch clause's variables that it does not declare itself, or SIMD word
 * variables (declared where first needed, read by pending expressions that may be used anywhere).
 */
function usesOuterCatch(text: string): boolean {
  const used = text.match(CATCH_VARS);
  if (!used) return false;
  if (used.some((v) => v[0] === 'q')) return true;
  const own = new Set<string>();
  for (const m of text.matchAll(/catch \((e\d+)\)|const (x\d+)/g)) own.add(m[1] ?? m[2]);
  return used.some((v) => !own.has(v));
}

interface Region { name: string; body: string; looped: boolean }

interface Candidate { section: Item[]; from: number; to: number; depth: number; score: number; looped: boolean; path: Item[] }

/** Per item (memoised): its size and the jumps in it (statement → label). */
interface Facts { size: number; jumps: Map<string, number>; catchVars: boolean; exits?: number }

export function splitBody(input: SplitInput, tune: SplitTuning): SplitOutput | null {
  const top = parse(groupsOf(input));
  if (top === null) return null;
  const regions: Region[] = [];

  const ownFacts = (text: string, f: Facts): void => {
    f.size += text.length + 1;
    for (const m of text.matchAll(JUMP)) f.jumps.set(m[1] === undefined ? 'return' : m[0], m[1] === undefined || m[3] === undefined ? -1 : Number(m[3]));
    if (!f.catchVars && CATCH_VARS.test(text)) f.catchVars = true;
    CATCH_VARS.lastIndex = 0;
  };
  const facts = (it: Item): Facts => {
    let f = it.facts;
    if (f) return f;
    f = { size: 0, jumps: new Map(), catchVars: false };
    if (it.kind === 'stmt') ownFacts(it.text, f);
    else {
      ownFacts(it.header, f);
      for (const t of [...it.seps, it.closer]) ownFacts(t, f);
      for (const s of it.sections) {
        for (const x of s) {
          const g = facts(x);
          f.size += g.size;
          // Jumps to this compound's labels or deeper ones are internal to any run containing it.
          for (const [k, v] of g.jumps) if (v < it.depth) f.jumps.set(k, v);
          f.catchVars ||= g.catchVars;
        }
      }
    }
    it.facts = f;
    return f;
  };
  const exitsOf = (run: Item[], depth: number): number => {
    if (run.length === 1 && depth === run[0].depth) {
      const f = facts(run[0]);
      return (f.exits ??= [...f.jumps.values()].filter((l) => l < depth).length);
    }
    const seen = new Set<string>();
    for (const it of run) for (const [k, l] of facts(it).jumps) if (l < depth) seen.add(k);
    return seen.size;
  };
  const sizeOf = (run: Item[]): number => run.reduce((n, it) => n + facts(it).size, 0);

  const pick = (root: Item[], rootLooped: boolean): Candidate | null => {
    let best: Candidate | null = null;
    const consider = (section: Item[], from: number, to: number, looped: boolean, path: Item[]): void => {
      const run = section.slice(from, to);
      const size = sizeOf(run);
      if (size < tune.minChars || size > tune.maxChars * 0.75) return; // room for copies and S accesses
      if (run.some((it) => facts(it).catchVars) && usesOuterCatch(render(run))) return;
      const depth = Math.min(...run.map((it) => it.depth));
      const exits = exitsOf(run, depth);
      if (tune.eager ? run.length === 1 && run[0].kind === 'stmt' && run[0].call : size <= 40 + 30 * exits) return; // not smaller than its call
      const score = size / (1 + exits) ** 2;
      if (best === null || score > best.score) best = { section, from, to, depth, score, looped, path: [...path] };
    };
    const walk = (section: Item[], looped: boolean, path: Item[]): void => {
      const sizes = section.map((it) => facts(it).size);
      const few = section.map((it, k) => sizes[k] <= tune.maxChars / 2 && exitsOf([it], it.depth) <= 8);
      for (let k = 0; k < section.length; k++) {
        const it = section[k];
        if (it.kind !== 'compound') continue;
        consider(section, k, k + 1, looped, path);
        path.push(it);
        for (const s of it.sections) walk(s, looped || it.loop, path);
        path.pop();
      }
      // Runs of small items with few exits, in chunks of at most half the limit.
      for (let k = 0; k < section.length;) {
        if (!few[k]) { k++; continue; }
        let j = k, size = 0;
        while (j < section.length && few[j] && size + sizes[j] <= tune.maxChars / 2) size += sizes[j++];
        if (j === k) j = k + 1;
        if (j - k > 1 || section[k].kind === 'stmt') consider(section, k, j, looped, path);
        k = j;
      }
    };
    walk(root, rootLooped, []);
    return best;
  };

  const outline = (c: Candidate): void => {
    const name = `r${regions.length}`;
    const codes = new Map<string, number>();
    const body = render(c.section.slice(c.from, c.to)).replace(JUMP, (all, kind, label, k, ret) => {
      if (kind === undefined) {
        const v = (ret as string).trim();
        return v === '' ? 'return -1;' : `return (RV = ${v}, -1);`;
      }
      if (k !== undefined && Number(k) >= c.depth) return all;
      let code = codes.get(all);
      if (code === undefined) codes.set(all, (code = codes.size + 1));
      return `return ${code};`;
    });
    regions.push({ name, body, looped: c.looped });
    const hasReturn = /\breturn \(RV = |\breturn -1;/.test(body);
    const cases = [...codes].map(([jump, code]) => `case ${code}: ${jump}`);
    if (hasReturn) cases.push('case -1: return RV;');
    // Views are reloaded after a region that may replace the buffer, before any jump.
    const reload = body.includes(RELOAD);
    const dispatch = (code: string): string => `switch (${code}) { ${cases.join(' ')} }`;
    const call = cases.length === 0 ? `${name}();${reload ? `\n${RELOAD}` : ''}`
      : reload ? `rc = ${name}();\n${RELOAD}\n${dispatch('rc')}` : dispatch(`${name}()`);
    const removed = sizeOf(c.section.slice(c.from, c.to));
    const item: Item = { kind: 'stmt', text: call, depth: c.depth, call: true, facts: undefined };
    c.section.splice(c.from, c.to - c.from, item);
    // Only the enclosing items changed, and only in size: the call's dispatch holds the region's
    // outward jumps, so their jumps (and exits) are the same. (A catchVars that may have become
    // false stays true: that only makes consider() look closer.)
    const delta = facts(item).size - removed;
    for (const it of c.path) {
      if (it.facts) it.facts.size += delta;
    }
  };

  // The final text is longer than the estimate: shared variables gain their `S.`, reload points
  // their statements.
  for (let size = sizeOf(top); size > tune.maxChars * 0.75;) {
    const best = pick(top, input.looped);
    if (best === null) break;
    outline(best);
    const now = sizeOf(top);
    if (now >= size && !tune.eager) break;
    size = now;
  }
  if (regions.length === 0) return null;
  return finish(input, render(top), regions);
}

const VAR = /(?<![\w$.])(?:[lksh]\d+(?:\$\d+)?|A|T|X|Y|fr|rc|RV|dv\d+|ln\d+|u8\d+|m\d+w\d+)(?![\w$])/g;
const VIEW = /^(?:dv|ln|u8|m)(\d+)/;
/** A statement assigning a variable (a write of it). */
const ASSIGN = /(?<![\w$.])([lksh]\d+(?:\$\d+)?) = (?!=)/g;

/**
 * The most variables a frame object may hold. Beyond V8's fast object literals (about a thousand
 * properties) each call would build a dictionary; and a frame object is heap, not stack, so a
 * recursion would go far deeper before the engine's stack is exhausted than the unsplit function.
 */
const MAX_SHARED = 800;

function finish(input: SplitInput, outerBody: string, regions: Region[]): SplitOutput | null {
  const init = new Map<string, string>();
  for (const d of input.decls) {
    const eq = d.indexOf(' = ');
    init.set(d.slice(0, eq), d.slice(eq + 3));
  }
  const params = new Set(input.params);
  const fns: Region[] = [{ name: '', body: outerBody, looped: false }, ...regions];
  // How often each function names each variable (its keys: the variables it uses).
  const counts = fns.map((f) => {
    const count = new Map<string, number>();
    for (const v of f.body.match(VAR) ?? []) count.set(v, (count.get(v) ?? 0) + 1);
    return count;
  });
  const uses = counts.map((count) => new Set(count.keys()));
  const isView = (v: string): boolean => VIEW.test(v) && !/^[lksh]\d/.test(v);
  const perFunction = (v: string): boolean => v === 'A' || v === 'T' || v === 'X' || v === 'Y' || v === 'fr' || v === 'rc' || isView(v);
  // Where each variable lives. Normally every function keeps its own copy in a local (which
  // TurboFan keeps in a register) and the call's frame object S (created by the outer function and
  // passed to the regions: no allocation per region call) carries values across calls: a caller
  // stores the variables a region may touch before calling it and reloads those it may write
  // after; a region loads what it names on entry and stores what it wrote on exit (a region that
  // throws skips its stores).
  const names = fns.map((_, k) => new Set([...uses[k]].filter((v) => v !== 'RV' && !perFunction(v) && !isView(v))));
  const calls = fns.map((f) => [...f.body.matchAll(/\b(r\d+)\(\)/g)].map((m) => Number(m[1].slice(1)) + 1));
  const written = fns.map((f, k) => new Set([...f.body.matchAll(ASSIGN)].map((m) => m[1]).filter((v) => names[k].has(v))));
  const closure = (own: Set<string>[]): Set<string>[] => {
    const out: Set<string>[] = [];
    const of = (k: number): Set<string> => (out[k] ??= new Set([...own[k], ...calls[k].flatMap((c) => [...of(c)])]));
    fns.forEach((_, k) => of(k));
    return out;
  };
  const named = closure(names);
  const writes = closure(written);
  const shared = new Set<string>(uses.some((u) => u.has('RV')) ? ['RV'] : []);
  const copied = new Set<string>();
  for (let k = 1; k < fns.length; k++) for (const v of names[k]) copied.add(v);
  if (copied.size > MAX_SHARED) return null;
  // Copies cost per call, accesses of S per use: a function keeps in a local only the variables
  // it uses often compared with the copies the calls it makes (and, for a region, its entry and
  // exit) would take; it reads and writes the others in S directly, as every function does all
  // variables regions name where an exception may be caught inside the function.
  const catching = fns.some((f) => /\btry \{/.test(f.body));
  const direct = fns.map((_, k) => new Set([...names[k]].filter((v) => copied.has(v) &&
    (catching || (counts[k].get(v) ?? 0) < 3 * (calls[k].filter((c) => named[c].has(v)).length * 2 + (k > 0 ? 2 : 0))))));
  const mine = (k: number, vs: Set<string>): string[] => [...vs].filter((v) => copied.has(v) && names[k].has(v) && !direct[k].has(v));
  const texts = fns.map((f, k) => {
    let body = f.body.replace(/switch \((r\d+)\(\)\)|(rc = )?\b(r\d+)\(\);/g, (all, sw, rc, r) => {
      const c = Number((sw ?? r).slice(1)) + 1;
      const pre = mine(k, named[c]).map((v) => `S.${v} = ${v}; `).join('');
      const post = mine(k, writes[c]).map((v) => ` ${v} = S.${v};`).join('');
      return sw ? `${pre}rc = ${sw}();${post} switch (rc)` : `${pre}${all}${post}`;
    });
    const out = k > 0 ? mine(k, writes[k]) : [];
    // Falling off the end is exit code 0 (rc may still hold a nested region's code).
    if (out.length) {
      body = `RX: {\n${body.replace(/\breturn ([^;]*);/g, '{ rc = $1; break RX; }')}\nrc = 0;\n}\n${out.map((v) => `S.${v} = ${v};`).join(' ')}\nreturn rc;`;
    }
    return body;
  });
  const decls: string[][] = fns.map(() => []);
  const mems: Set<number>[] = fns.map(() => new Set());
  texts.forEach((text, k) => {
    for (const v of new Set(text.match(VAR) ?? [])) {
      if (isView(v)) mems[k].add(Number(VIEW.exec(v)![1]));
      else if (perFunction(v)) decls[k].push(`${v} = ${v === 'fr' ? 'null' : '0'}`);
      else if (shared.has(v) || direct[k].has(v) || (k === 0 && params.has(v))) continue;
      else decls[k].push(`${v} = ${k > 0 && copied.has(v) ? `S.${v}` : init.get(v) ?? '0'}`);
    }
    for (const m of [...mems[k]].sort((a, b) => a - b)) decls[k].push(...input.views(m));
  });
  const bodies = texts.map((t, k) => t.split(RELOAD).join(input.reload(mems[k])).replace(VAR, (v) => (shared.has(v) || direct[k].has(v) ? `S.${v}` : v)));
  const fields = [...shared, ...copied].map((v) => `${v}: ${params.has(v) ? v : v === 'RV' ? 'undefined' : init.get(v) ?? '0'}`);
  const head = [
    ...(decls[0].length ? [`let ${decls[0].join(', ')};`] : []),
    ...(fields.length ? [`const S = { ${fields.join(', ')} };`] : []),
  ].join('\n');
  const arg = fields.length ? 'S' : '';
  const outerBodies = bodies.map((b) => b.replace(/\b(r\d+)\(\)/g, `$1(${arg})`));
  const code = regions.map((r, i) =>
    `function ${r.name}(${arg}) {\n${decls[i + 1].length ? `let ${decls[i + 1].join(', ')};\n` : ''}${outerBodies[i + 1]}\nreturn 0;\n}`);
  return { head, body: outerBodies[0], regions: code.join('\n') };
}
