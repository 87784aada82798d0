// Exception handlers: try_table (exception handling as in 3.0) and the legacy instructions (try,
// catch, catch_all, rethrow, delegate) that toolchains emitted for years and browsers still run.
// Both become a labelled block around a JS try/catch; the handler asks caught() what it holds:
// null for what wasm cannot catch (traps, stack exhaustion, an exception delegated past this
// handler), else an ExnInst whose tag is compared by identity. Unmatched exceptions are rethrown
// as they were thrown (x.thrown: a JS exception stays the original value).
//
// delegate l hands an exception to the handler of the l-th enclosing label, skipping the handlers
// in between: it is thrown wrapped with the target frame's index; handlers nested deeper than the
// target pass it on, the target's (or the next enclosing one's) unwraps it. A function containing
// delegate unwraps whatever is still wrapped when it exits.

import type { Instr } from '../../binary/instr.js';
import { I64, type FuncType } from '../../syntax/types.js';
import { KIND_LEGACY_TRY, type Frame, type FuncCompiler } from './body.js';

function tagParams(c: FuncCompiler, tag: number): number[] {
  return (c.mod.typeDefs[c.mod.tags[tag].typeIndex].comp as FuncType).params;
}

/** Pushes a tag's payload, read from exception variable x, as pending entries. */
function pushPayload(c: FuncCompiler, tag: number, x: string): void {
  let k = 1;
  for (const t of tagParams(c, tag)) {
    if (t === I64) {
      c.push(t, `${x}.s[${k}]`, `${x}.s[${k + 1}]`);
      k += 2;
    } else c.push(t, `${x}.s[${k++}]`);
  }
}

/** Closes a try_table whose frame `f` was just popped: matching clauses branch with the payload. */
export function tryTableHandler(c: FuncCompiler, f: Frame): void {
  const id = c.tryCount++;
  const e = `e${id}`;
  const x = `x${id}`;
  const parts = [`} catch (${e}) {`, `const ${x} = ${c.use('caught')}(${e}, ${f.index});`, `if (${x} === null) throw ${e};`];
  c.stack.length = f.height;
  for (const cl of f.catches!) {
    if (cl.kind < 2) pushPayload(c, cl.tag, x);
    if (cl.kind === 1 || cl.kind === 3) c.push(0x100, x);
    const jump = c.branch(cl.label);
    c.stack.length = f.height;
    parts.push(cl.kind < 2 ? `if (${x}.tag === ${c.bind(`TG${cl.tag}`)}) { ${jump} }` : `{ ${jump} }`);
  }
  parts.push(`throw ${x}.thrown;`, '} }');
  c.emit(parts.join('\n'));
}

export function legacyTry(c: FuncCompiler, ins: Instr): void {
  c.enter(KIND_LEGACY_TRY, ins.a, (l) => `${l}: { try {`);
  const f = c.frames[c.frames.length - 1];
  f.tryId = c.tryCount++;
  f.clause = 'body';
}

/** catch x / catch_all: ends the body or the previous clause and opens this one. */
export function legacyCatch(c: FuncCompiler, ins: Instr): void {
  const f = c.frames[c.frames.length - 1];
  if (!c.dead) c.flushAll();
  const e = `e${f.tryId}`;
  const x = `x${f.tryId}`;
  const all = ins.op.name === 'catch_all';
  const test = all ? '' : `if (${x}.tag === ${c.bind(`TG${ins.a}`)}) `;
  if (f.clause === 'body') {
    c.emit(`} catch (${e}) {\nconst ${x} = ${c.use('caught')}(${e}, ${f.index});\nif (${x} === null) throw ${e};\n${test}{`);
  } else c.emit(`} else ${test}{`);
  c.stack.length = f.height;
  if (!all) pushPayload(c, ins.a, x);
  f.clause = all ? 'catch_all' : 'catch';
  c.dead = false;
}

/** The end of a legacy try whose frame `f` was just popped (results already flushed). */
export function legacyEnd(c: FuncCompiler, f: Frame): void {
  if (f.clause === 'body') c.emit(`} catch (e${f.tryId}) { throw e${f.tryId}; } }`);
  else if (f.clause === 'catch') c.emit(`} else throw x${f.tryId}.thrown;\n} }`);
  else c.emit('}\n} }');
}

/** try … delegate l: the body's exceptions go to the handler of label l (see above). */
export function legacyDelegate(c: FuncCompiler, l: number): void {
  const f = c.frames.pop()!;
  if (!c.dead) c.flushAll();
  const target = c.frames[c.frames.length - 1 - l].index;
  const e = `e${f.tryId}`;
  c.emit(`} catch (${e}) { throw ${c.use('delegate')}(${e}, ${target}, ${f.index}); } }`);
  c.hasDelegate = true;
  c.resetStack(f.height, f.results);
  c.dead = false;
}

/** rethrow l: throws again the exception caught by the catch clause at label l. */
export function legacyRethrow(c: FuncCompiler, l: number): void {
  const f = c.frames[c.frames.length - 1 - l];
  c.emit(`throw x${f.tryId}.thrown;`);
  c.dead = true;
}
