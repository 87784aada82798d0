// `purewasm run`: instantiates a module on purewasm's engine with WASI preview1 and runs its
// `_start` (the exit code is the program's), or calls one export with `--invoke` and prints its
// results one per line, as `wasmtime run` does.
import { decodeModule } from '../binary/decode.js';
import { WebAssembly, RuntimeError } from '../index.js';
import { KIND_FUNC, type FuncType, valTypeName } from '../syntax/types.js';
import { EXTERNAL_FUNC } from '../syntax/types.js';
import { Wasi, WasiExit } from '../wasi/index.js';
import { parseArgs } from './args.js';
import { CliError, TRAP_EXIT, oneLine } from './errors.js';
import { loadModuleBytes } from './load.js';
import { formatResult, parseArg } from './values.js';

export const RUN_HELP = `Usage: purewasm run [OPTIONS] FILE.wasm|FILE.wat [ARGS…]

Runs a WebAssembly module on purewasm's engine with WASI preview1. A command's _start runs with
ARGS as its argv (FILE first); purewasm exits with the program's exit code.

Options:
  --dir HOST[::GUEST]    give the program the host directory HOST, seen as GUEST (default: HOST)
  --mapdir GUEST::HOST   the same, in the order of older wasmtime releases
  --env NAME[=VALUE]     set an environment variable (NAME alone copies it from purewasm's own)
  --argv0 NAME           the program's argv[0] (default: FILE as given)
  --invoke NAME          call the exported function NAME with ARGS (parsed by its parameter types:
                         i32, i64, f32, f64) instead of _start, and print each result on a line
  -h, --help             show this help

A trap ends purewasm with code 134 and one line on stderr.`;

export interface RunOutput {
  /** Results to print (--invoke). */
  lines: string[];
  exitCode: number;
}

function preopens(dirs: string[], mapdirs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of mapdirs) {
    const sep = m.indexOf('::');
    if (sep <= 0 || sep + 2 >= m.length) throw new CliError(`run: --mapdir ${m}: expected GUEST::HOST`);
    out[m.slice(0, sep)] = m.slice(sep + 2);
  }
  for (const d of dirs) {
    const sep = d.indexOf('::');
    const host = sep >= 0 ? d.slice(0, sep) : d;
    const guest = sep >= 0 ? d.slice(sep + 2) : d;
    if (host === '' || guest === '') throw new CliError(`run: --dir ${d}: expected HOST[::GUEST]`);
    out[guest] = host;
  }
  return out;
}

function environment(list: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const e of list) {
    const eq = e.indexOf('=');
    const name = eq >= 0 ? e.slice(0, eq) : e;
    if (name === '') throw new CliError(`run: --env ${e}: expected NAME[=VALUE]`);
    const value = eq >= 0 ? e.slice(eq + 1) : process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/** The function type of export `name`, from the module's own description. */
function exportType(bytes: Uint8Array, name: string, file: string): FuncType {
  const m = decodeModule(bytes);
  const exp = m.exports.find((e) => e.name === name);
  if (!exp) throw new CliError(`${file}: no export named ${JSON.stringify(name)}`);
  if (exp.kind !== EXTERNAL_FUNC) throw new CliError(`${file}: export ${JSON.stringify(name)} is not a function`);
  const comp = m.typeDefs[m.funcs[exp.index]].comp;
  if (comp.kind !== KIND_FUNC) throw new CliError(`${file}: export ${JSON.stringify(name)} has no function type`);
  return comp;
}

/** A trap or an error thrown out of the guest, as the CLI reports it. */
function failure(file: string, e: unknown): CliError {
  if (e instanceof CliError) return e;
  if (e instanceof RuntimeError) return new CliError(`${file}: wasm trap: ${oneLine((e as Error).message)}`, TRAP_EXIT);
  if (e instanceof RangeError) return new CliError(`${file}: wasm trap: call stack exhausted (${oneLine(e.message)})`, TRAP_EXIT);
  return new CliError(`${file}: ${oneLine(e)}`);
}

export function run(argv: readonly string[]): RunOutput {
  const { values, positional } = parseArgs('run', argv, {
    flags: { dir: true, mapdir: true, env: true, invoke: true, argv0: true, help: false },
    aliases: { h: 'help' },
    stopAtPositional: true,
  });
  if (values.has('help')) return { lines: [RUN_HELP], exitCode: 0 };
  const [file, ...args] = positional;
  if (file === undefined) throw new CliError('run: missing FILE (see purewasm run --help)');
  const invoke = values.get('invoke')?.at(-1);
  const bytes = loadModuleBytes(file);

  let module: InstanceType<typeof WebAssembly.Module>;
  try {
    module = new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
  } catch (e) {
    throw new CliError(`${file}: ${oneLine(e)}`);
  }
  const env = environment(values.get('env') ?? []);
  const dirs = preopens(values.get('dir') ?? [], values.get('mapdir') ?? []);
  let wasi: Wasi;
  try {
    wasi = new Wasi({ args: [values.get('argv0')?.at(-1) ?? file, ...args], env, preopens: dirs, returnOnExit: true });
  } catch (e) {
    throw new CliError(`run: ${oneLine(e).replace(/^(TypeError: )?WASI: /, '')}`);
  }
  // arguments are checked before instantiation, so that a mistyped one runs no start function
  let invocation: { type: FuncType; values: (number | bigint)[] } | undefined;
  if (invoke !== undefined) {
    const type = exportType(bytes, invoke, file);
    if (args.length !== type.params.length) {
      const want = type.params.map(valTypeName).join(', ');
      throw new CliError(`${file}: ${invoke} takes ${type.params.length} argument(s) (${want}), got ${args.length}`);
    }
    invocation = { type, values: args.map((a, i) => parseArg(a, type.params[i])) };
  }
  const importObject = wasi.getImportObject();
  for (const imp of WebAssembly.Module.imports(module)) {
    const ns = (importObject as Record<string, Record<string, unknown>>)[imp.module];
    const known = ns !== undefined && imp.kind === 'function' && Object.hasOwn(ns, imp.name);
    if (!known) throw new CliError(`${file}: unknown import ${imp.module}::${imp.name} (${imp.kind}); purewasm run provides wasi_snapshot_preview1 and wasi_unstable only`);
  }

  let instance: InstanceType<typeof WebAssembly.Instance>;
  try {
    instance = new WebAssembly.Instance(module, importObject);
  } catch (e) {
    if (e instanceof WasiExit) return { lines: [], exitCode: e.code }; // proc_exit from a start function
    throw failure(file, e);
  }
  const exports = instance.exports as Record<string, unknown>;
  const hasMemory = exports.memory instanceof WebAssembly.Memory;
  try {
    if (invoke === undefined) {
      if (typeof exports._start === 'function') {
        if (hasMemory) return { lines: [], exitCode: wasi.start(instance) };
        (exports._start as () => void)(); // WASI needs a memory; without one only proc_exit can work
        return { lines: [], exitCode: 0 };
      }
      // a reactor or a plain module: instantiating it (and _initialize) is the whole run
      if (typeof exports._initialize === 'function') {
        if (hasMemory) wasi.initialize(instance);
        else (exports._initialize as () => void)();
      }
      return { lines: [], exitCode: 0 };
    }
    const { type, values } = invocation!;
    if (hasMemory) {
      if (typeof exports._initialize === 'function' && typeof exports._start !== 'function') wasi.initialize(instance);
      else wasi.attach(instance);
    }
    const result = (exports[invoke] as (...a: unknown[]) => unknown)(...values);
    const results = type.results.length === 1 ? [result] : type.results.length === 0 ? [] : (result as unknown[]);
    return { lines: type.results.map((t, i) => formatResult(results[i], t)), exitCode: 0 };
  } catch (e) {
    if (e instanceof WasiExit) return { lines: [], exitCode: e.code };
    throw failure(file, e);
  }
}
