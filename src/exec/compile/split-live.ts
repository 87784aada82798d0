// Which variables of a split function must live in the frame object S (split.ts). A variable named
// by several of the functions (the outer one and its regions) needs S only if a value flows from
// one function to another through it. It does not when every read of it in every function is
// preceded, for sure, by a write of that same function: then each function may hold its own copy
// in a JS local, which TurboFan keeps in a register, where S's fields are memory (and int32 values
// beyond Smis are boxed). Stack slots reused all over a body, and the temporaries of unrolled hash
// rounds, are mostly of that kind.
//
// The check reads the generated text (statements, labelled blocks, loops, if/else, switch,
// try/catch) conservatively: a write covers later reads at its own brace level and deeper (not
// after the level closes, since a break may have skipped it; never directly in a switch); a call
// of a region that names the variable uncovers it (the region may have written its own value);
// a loop uncovers at its head what calls inside it uncover. The outer function starts with
// every variable covered (its parameters and declarations are its own writes), a region with none.

const TOKEN = /"(?:[^"\\]|\\.)*"|\b(r\d+)\(\)|(?<![\w$.])([lksh]\d+(?:\$\d+)?)(?![\w$])|\bswitch\b|for \(;;\) \{|[{};]/g;

/** For each `{` position, the position of its matching `}` (strings skipped). */
function matchingBraces(text: string): Map<number, number> {
  const out = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (ch === 123) open.push(i);
    else if (ch === 125 && open.length) out.set(open.pop()!, i);
  }
  return out;
}

/** Whether the code before `pos` ends a statement (so an assignment at pos is a statement). */
function statementStart(text: string, pos: number): boolean {
  let i = pos - 1;
  while (i >= 0 && text.charCodeAt(i) === 32) i--;
  return i < 0 || ';{}\n'.includes(text[i]);
}

/**
 * The variables of `vars` that `text` (one function's body) may read before writing them itself.
 * `kills(r)`: the variables region r (and the regions it calls) name; `initial`: whether every
 * variable starts covered (the outer function); `looped`: the whole body runs in a loop.
 */
export function exposedReads(text: string, vars: Set<string>, kills: (region: string) => Set<string>, initial: boolean, looped: boolean): Set<string> {
  const exposed = new Set<string>();
  const braces = matchingBraces(text);
  const levels: { covered: Set<string>; noCover: boolean }[] = [{ covered: initial ? new Set(vars) : new Set(), noCover: false }];
  const uncover = (vs: Set<string>): void => {
    for (const v of vs) for (const l of levels) l.covered.delete(v);
  };
  /** What calls between positions a and b uncover. */
  const killsIn = (a: number, b: number): Set<string> => {
    const out = new Set<string>();
    for (const m of text.slice(a, b).matchAll(/\b(r\d+)\(\)/g)) for (const v of kills(m[1])) out.add(v);
    return out;
  };
  if (looped) uncover(killsIn(0, text.length));
  const covered = (v: string): boolean => levels.some((l) => l.covered.has(v));
  let pending: string[] = [];
  let nextSwitch = false;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const tok = m[0];
    if (m[1] !== undefined) uncover(kills(m[1]));
    else if (m[2] !== undefined) {
      const v = m[2];
      if (!vars.has(v)) continue;
      const after = text.slice(TOKEN.lastIndex, TOKEN.lastIndex + 3);
      if (/^ =[^=]/.test(after) && statementStart(text, m.index)) pending.push(v);
      else if (!covered(v)) exposed.add(v);
    } else if (tok === 'switch') nextSwitch = true;
    else if (tok === ';') {
      const top = levels[levels.length - 1];
      if (!top.noCover) for (const v of pending) top.covered.add(v);
      pending = [];
    } else if (tok === '}') {
      if (levels.length > 1) levels.pop();
      pending = [];
    } else if (tok[0] === '"') continue;
    else { // '{' or a loop head
      const at = m.index + tok.length - 1;
      if (tok !== '{') uncover(killsIn(at, braces.get(at) ?? text.length));
      levels.push({ covered: new Set(), noCover: nextSwitch });
      nextSwitch = false;
      pending = [];
    }
  }
  return exposed;
}
