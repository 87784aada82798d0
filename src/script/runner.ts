// Executes a parsed .wast script against a ScriptEngine (engine.ts). Every command is one check
// with an outcome: passed, failed (with why), or not yet run (with the reason: no text parser,
// the engine reports the feature as unsupported, or a module it depends on was not run). A check
// never counts as passed unless its assertion was actually evaluated.
//
//   runScript(commands, engine, options?): ScriptReport
//   runScriptSource(source, engine, options?): ScriptReport   (a parse error is one failed check)

import type { Action, Command, InstanceCmd, ModuleCmd } from './ast.js';
import type { ExportInfo, Failure, ScriptEngine } from './engine.js';
import { mismatch, showObserved } from './match.js';
import { parseScript } from './parse.js';
import { decodeName, TextError } from '../text/lexer.js';
import { EXTERNAL_GLOBAL, EXTERNAL_FUNC, EXTERNAL_KIND_NAMES } from '../syntax/types.js';

export type Outcome = 'passed' | 'failed' | 'not run';

export interface CheckResult {
  line: number;
  command: Command['type'] | 'parse';
  outcome: Outcome;
  /** Why it failed or was not run. */
  reason?: string;
}

export interface ScriptReport {
  checks: CheckResult[];
  passed: number;
  failed: number;
  notRun: number;
}

export interface RunOptions {
  /** Called before each command (e.g. to publish progress for a watchdog). */
  onCommand?(line: number): void;
  /** Commands not to execute (by line), each reported as failed with its reason: e.g. a command
   *  that hung or crashed the process in an earlier attempt, so the rest of the script still runs. */
  skip?: ReadonlyMap<number, string>;
}

type Exports = Map<string, ExportInfo>;

/** A check that cannot be evaluated yet; the reason says why. */
class NotRun extends Error {}
/** A check that failed for a reason the runner found itself. */
class Failed extends Error {}

/** An instance slot: the exports, or why the module behind it is missing. */
type Slot = { exports: Exports } | Missing;
/** A module (definition or instance) that could not be made, with the line of its command. */
type Missing = { missing: NotRun | Failed; line: number };
type Definition = { module: unknown } | Missing;

class Runner {
  /** Registered module names; a missing slot makes modules importing from it not runnable too. */
  private readonly registry = new Map<string, Slot>();
  private readonly instances = new Map<string, Slot>();
  private current: Slot | null = null;
  private readonly definitions = new Map<string, Definition>();
  private lastDefinition: Definition | null = null;

  constructor(private readonly engine: ScriptEngine) {
    this.registry.set('spectest', { exports: engine.spectest() });
  }

  run(cmd: Command): CheckResult {
    try {
      this.execute(cmd);
      return { line: cmd.line, command: cmd.type, outcome: 'passed' };
    } catch (e) {
      if (e instanceof NotRun) return { line: cmd.line, command: cmd.type, outcome: 'not run', reason: e.message };
      const reason = e instanceof Failed ? e.message : `runner error: ${describeError(e)}`;
      return { line: cmd.line, command: cmd.type, outcome: 'failed', reason };
    }
  }

  /** Turns an engine error into NotRun (unsupported) or Failed with context. */
  private unexpected(e: unknown, what: string): never {
    if (e instanceof NotRun || e instanceof Failed) throw e;
    const f = this.engine.classify(e);
    if (f.kind === 'unsupported') throw new NotRun(`engine: ${f.message}`);
    throw new Failed(`${what}: ${f.kind} ${f.message}`);
  }

  /** The bytes of a module command; text forms go through the engine's WAT parser. */
  private bytesOf(cmd: ModuleCmd): Uint8Array {
    const src = cmd.source;
    if (src.form === 'binary') return src.bytes;
    if (!this.engine.parseText) throw new NotRun('text: no WAT parser');
    const text: string | null = src.form === 'text' ? src.text : decodeName(src.text);
    if (text === null) throw new TextError(cmd.line, 1, 'malformed UTF-8 encoding');
    return this.engine.parseText(text);
  }

  private compile(cmd: ModuleCmd): unknown {
    let bytes: Uint8Array;
    try {
      bytes = this.bytesOf(cmd);
    } catch (e) {
      if (e instanceof TextError) throw new Failed(`the text parser rejected the module: ${e.message}`);
      this.unexpected(e, 'text parser');
    }
    try {
      return this.engine.compile(bytes);
    } catch (e) {
      this.unexpected(e, 'module failed to compile');
    }
  }

  private instantiate(module: unknown): Exports {
    const imports = this.engine.imports(module).map((imp) => {
      const reg = this.registry.get(imp.module);
      if (reg && 'missing' in reg) throw unavailable(reg);
      const exp = reg?.exports.get(imp.name);
      if (!exp) throw new LinkFailure(`unknown import ${imp.module}.${imp.name}`);
      return exp.value;
    });
    return this.engine.instantiate(module, imports);
  }

  /** Compiles (and for instances instantiates) a module command, recording it under its names. */
  private defineOrInstantiate(cmd: ModuleCmd | InstanceCmd): Exports | null {
    if (cmd.type === 'module') {
      let def: Definition;
      try {
        def = { module: this.compile(cmd) };
      } catch (e) {
        def = { missing: asMissing(e, 'compile'), line: cmd.line };
      }
      if (cmd.definition) {
        this.lastDefinition = def;
        if (cmd.name !== null) this.definitions.set(cmd.name, def);
        if ('missing' in def) throw def.missing;
        return null;
      }
      return this.instantiateInto(def, cmd.name, cmd.line);
    }
    const def = cmd.definition !== null ? this.definitions.get(cmd.definition) : this.lastDefinition;
    if (!def) throw new Failed(`unknown module definition ${cmd.definition ?? '(none yet)'}`);
    return this.instantiateInto(def, cmd.name, cmd.line);
  }

  private instantiateInto(def: Definition, name: string | null, line: number): Exports {
    let slot: Slot;
    if ('missing' in def) slot = def;
    else {
      try {
        slot = { exports: this.instantiate(def.module) };
      } catch (e) {
        slot = { missing: asMissing(e, 'instantiate', this.engine), line };
      }
    }
    this.current = slot;
    if (name !== null) this.instances.set(name, slot);
    if ('missing' in slot) throw slot === def && def.line !== line ? unavailable(slot) : slot.missing;
    return slot.exports;
  }

  private exportsOf(name: string | null): Exports {
    const slot = name === null ? this.current : this.instances.get(name);
    if (!slot) throw new Failed(name === null ? 'no module instantiated yet' : `unknown module ${name}`);
    if ('missing' in slot) throw unavailable(slot);
    return slot.exports;
  }

  private perform(a: Action, expect: Parameters<ScriptEngine['invoke']>[2]) {
    const exp = this.exportsOf(a.module).get(a.name);
    if (!exp) throw new Failed(`unknown export "${a.name}"`);
    if (a.type === 'get') {
      if (exp.kind !== EXTERNAL_GLOBAL) throw new Failed(`export "${a.name}" is a ${EXTERNAL_KIND_NAMES[exp.kind]}, not a global`);
      return [this.engine.getGlobal(exp.value, expect?.[0] ?? null)];
    }
    if (exp.kind !== EXTERNAL_FUNC) throw new Failed(`export "${a.name}" is a ${EXTERNAL_KIND_NAMES[exp.kind]}, not a function`);
    return this.engine.invoke(exp.value, a.args, expect);
  }

  /** Runs an action that must throw; returns the classified failure. */
  private performFailing(a: Action): Failure {
    let results;
    try {
      results = this.perform(a, null);
    } catch (e) {
      if (e instanceof NotRun || e instanceof Failed) throw e;
      const f = this.engine.classify(e);
      if (f.kind === 'unsupported') throw new NotRun(`engine: ${f.message}`);
      return f;
    }
    throw new Failed(`returned ${results.map(showObserved).join(' ') || 'nothing'}`);
  }

  private execute(cmd: Command): void {
    switch (cmd.type) {
      case 'module':
      case 'instance':
        this.defineOrInstantiate(cmd);
        return;
      case 'register': {
        const slot = cmd.module === null ? this.current : this.instances.get(cmd.module);
        if (slot) this.registry.set(cmd.as, slot);
        this.exportsOf(cmd.module); // the check: fails (or is not run) when the module is missing
        return;
      }
      case 'action':
        try {
          this.perform(cmd.action, null);
        } catch (e) {
          this.unexpected(e, 'action failed');
        }
        return;
      case 'assert_return': {
        let results;
        try {
          results = this.perform(cmd.action, cmd.results);
        } catch (e) {
          this.unexpected(e, 'threw');
        }
        const why = mismatch(cmd.results, results);
        if (why) throw new Failed(why);
        return;
      }
      case 'assert_trap': {
        if (cmd.module) {
          expectFailure(this.moduleFailure(cmd.module), 'trap', cmd.message, this.engine);
          return;
        }
        expectFailure(this.performFailing(cmd.action!), 'trap', cmd.message, this.engine);
        return;
      }
      case 'assert_exhaustion':
        expectFailure(this.performFailing(cmd.action), 'exhaustion', null, this.engine);
        return;
      case 'assert_exception':
        expectFailure(this.performFailing(cmd.action), 'exception', null, this.engine);
        return;
      case 'assert_malformed':
      case 'assert_invalid': {
        if (cmd.module.type === 'instance') throw new Failed(`${cmd.type} needs a module, not an instance`);
        const isText = cmd.module.source.form !== 'binary';
        let bytes: Uint8Array;
        try {
          bytes = this.bytesOf(cmd.module);
        } catch (e) {
          // Malformed text must be rejected by the text parser; invalid text must parse.
          if (e instanceof TextError) {
            if (cmd.type === 'assert_malformed') return;
            throw new Failed(`the text parser rejected a well-formed module: ${e.message}`);
          }
          this.unexpected(e, 'text parser');
        }
        if (isText && cmd.type === 'assert_malformed') throw new Failed(`text parsed, expected malformed "${cmd.message}"`);
        let compiled = false;
        try {
          this.engine.compile(bytes);
          compiled = true;
        } catch (e) {
          expectFailure(this.classifyOrNotRun(e), 'compile', null, this.engine);
        }
        if (compiled) throw new Failed(`module compiled, expected "${cmd.message}"`);
        return;
      }
      case 'assert_invalid_custom':
        // A bad custom section never makes a module invalid: an engine must still accept it.
        if (cmd.module.type === 'module') this.compile(cmd.module);
        return;
      case 'assert_malformed_custom': {
        // A malformed or misplaced annotation that the core appendix gives a meaning to
        // (text/annotations.ts): the text parser must reject it.
        if (cmd.module.type === 'instance') throw new Failed(`${cmd.type} needs a module, not an instance`);
        try {
          this.bytesOf(cmd.module);
        } catch (e) {
          if (e instanceof TextError) return;
          this.unexpected(e, 'text parser');
        }
        throw new Failed(`module parsed, expected "${cmd.message}"`);
      }
      case 'assert_unlinkable':
        expectFailure(this.moduleFailure(cmd.module), 'link', cmd.message, this.engine);
        return;
      case 'assert_uninstantiable':
        expectFailure(this.moduleFailure(cmd.module), 'trap', cmd.message, this.engine);
        return;
    }
  }

  private classifyOrNotRun(e: unknown): Failure {
    const f = this.engine.classify(e);
    if (f.kind === 'unsupported') throw new NotRun(`engine: ${f.message}`);
    return f;
  }

  /** Compiles (must succeed) and instantiates a module that must fail to instantiate. */
  private moduleFailure(cmd: ModuleCmd | InstanceCmd): Failure {
    let module: unknown;
    if (cmd.type === 'module') module = this.compile(cmd);
    else {
      const def = cmd.definition !== null ? this.definitions.get(cmd.definition) : this.lastDefinition;
      if (!def) throw new Failed(`unknown module definition ${cmd.definition ?? '(none yet)'}`);
      if ('missing' in def) throw unavailable(def);
      module = def.module;
    }
    try {
      const exports = this.instantiate(module);
      // The spec registers a module whose instantiation was expected to fail but did not.
      if (cmd.type === 'instance' && cmd.name !== null) this.instances.set(cmd.name, { exports });
    } catch (e) {
      if (e instanceof LinkFailure) return { kind: 'link', message: e.message };
      if (e instanceof NotRun || e instanceof Failed) throw e;
      return this.classifyOrNotRun(e);
    }
    throw new Failed('module instantiated');
  }
}

/** An import the runner itself could not resolve: a link error, as the JS API would report. */
class LinkFailure extends Error {}

function asMissing(e: unknown, what: string, engine?: ScriptEngine): NotRun | Failed {
  if (e instanceof NotRun || e instanceof Failed) return e;
  if (e instanceof LinkFailure) return new Failed(`${what}: link ${e.message}`);
  if (engine) {
    const f = engine.classify(e);
    if (f.kind === 'unsupported') return new NotRun(`engine: ${f.message}`);
    return new Failed(`${what}: ${f.kind} ${f.message}`);
  }
  return new Failed(`${what}: ${describeError(e)}`);
}

/** What a check that depends on a missing module becomes: not run with it, or failed naming it. */
function unavailable(m: Missing): NotRun | Failed {
  if (m.missing instanceof NotRun) return new NotRun(m.missing.message);
  return new Failed(`module of line ${m.line} unavailable: ${m.missing.message}`);
}

function expectFailure(f: Failure, kind: Failure['kind'], message: string | null, engine: ScriptEngine): void {
  if (engine.checkMessages === false) message = null;
  if (f.kind !== kind) throw new Failed(`expected ${kind}${message ? ` "${message}"` : ''}, got ${f.kind} ${f.message}`);
  // Engines word reasons alike but the reference interpreter sometimes appends detail (e.g.
  // "uninitialized element 2"): either being a prefix of the other is a match.
  if (message !== null && !(f.message.startsWith(message) || (f.message !== '' && message.startsWith(f.message)))) {
    throw new Failed(`expected ${kind} "${message}", got "${f.message}"`);
  }
}

function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

export function runScript(commands: Command[], engine: ScriptEngine, options: RunOptions = {}): ScriptReport {
  const runner = new Runner(engine);
  const checks: CheckResult[] = [];
  for (const cmd of commands) {
    options.onCommand?.(cmd.line);
    const skipped = options.skip?.get(cmd.line);
    if (skipped !== undefined) checks.push({ line: cmd.line, command: cmd.type, outcome: 'failed', reason: skipped });
    else checks.push(runner.run(cmd));
  }
  return summarize(checks);
}

export function runScriptSource(source: string, engine: ScriptEngine, options: RunOptions = {}): ScriptReport {
  let commands: Command[];
  try {
    commands = parseScript(source);
  } catch (e) {
    const line = e instanceof TextError ? e.line : 0;
    return summarize([{ line, command: 'parse', outcome: 'failed', reason: `script: ${describeError(e)}` }]);
  }
  return runScript(commands, engine, options);
}

export function summarize(checks: CheckResult[]): ScriptReport {
  let passed = 0;
  let failed = 0;
  let notRun = 0;
  for (const c of checks) {
    if (c.outcome === 'passed') passed++;
    else if (c.outcome === 'failed') failed++;
    else notRun++;
  }
  return { checks, passed, failed, notRun };
}
