// Interpreted functions as the runtime sees them: an entry point with the compiled code's calling
// convention (runtime/abi.ts), so F, tables, imports, exports and the other tier call it like any
// function, and a `step` for the compile tier's tail-call trampoline (it returns TAIL when it ends
// in a tail call it does not make itself). Translation happens once per module and function; each
// instance gets its IEnv, whose `direct` list lets interpreted code call interpreted code directly.

import type { Module } from '../../syntax/module.js';
import type { AnyFn } from '../../runtime/func.js';
import type { Env } from '../compile/index.js';
import type { Global } from '../../runtime/global.js';
import { HELPERS, TAIL } from '../compile/helpers.js';
import { STACK, registerFiles } from './frame.js';
import { readArgs, returnResults } from './calls.js';
import { run } from './run.js';
import { translate } from './translate.js';
import type { IEnv } from './misc.js';
import type { Code } from './code.js';

const runTail = HELPERS.runTail as () => unknown;
const codes = new WeakMap<Module, Code[]>();
const ienvs = new WeakMap<Env, IEnv>();

/** The translated code of function `index` of `mod` (cached per module). */
export function codeOf(mod: Module, index: number): Code {
  let list = codes.get(mod);
  if (!list) codes.set(mod, (list = []));
  return (list[index] ??= translate(mod, index));
}

function ienvOf(env: Env, mod: Module): IEnv {
  let ie = ienvs.get(env);
  if (!ie) {
    const direct = new Array<Code | null>(mod.funcs.length).fill(null);
    ienvs.set(env, (ie = { env, mod, direct, G: env.G as Global[], M0: env.M.length > 0 ? env.M[0] : null }));
  }
  return ie;
}

/** Entry point and step of function `index` of the instance with environment `env`, interpreted. */
export function interpreted(mod: Module, index: number, env: Env): [AnyFn, AnyFn] {
  const code = codeOf(mod, index);
  const ie = ienvOf(env, mod);
  const files = registerFiles();
  function invoke(args: ArrayLike<unknown>): unknown {
    const base = STACK.top;
    readArgs(code.params, args, base, files);
    let r: unknown;
    try {
      r = run(ie, code, base, files);
    } finally {
      STACK.top = base;
    }
    return r === TAIL ? TAIL : returnResults(code.results, base, files);
  }
  const entry = function interpretedEntry(): unknown {
    // eslint-disable-next-line prefer-rest-params
    const r = invoke(arguments);
    return r === TAIL ? runTail() : r;
  };
  const step = function interpretedStep(): unknown {
    // eslint-disable-next-line prefer-rest-params
    return invoke(arguments);
  };
  ie.direct[index] = code;
  return [entry, step];
}
