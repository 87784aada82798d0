// The commands of `purewasm`, loaded on demand so that `--help` does not load the engine.
import { existsSync } from 'node:fs';
import { CliError } from './errors.js';

const COMMANDS = ['run', 'wast', 'validate', 'wat2wasm', 'print', 'precompile'];

const HELP = `Usage: purewasm COMMAND [OPTIONS] …

WebAssembly implemented in TypeScript.

Commands:
  run FILE [ARGS…]          run a module (.wasm or .wat) with WASI preview1; --invoke NAME to call an export
  wast FILE…                run .wast script files and report each
  validate FILE…            check modules, reporting errors with byte offsets
  wat2wasm FILE [-o OUT]    translate WebAssembly text to binary
  print FILE                print a module as WebAssembly text (wasm2wat)
  precompile FILE [-o OUT]  write its compiled JavaScript, to run it compiled where eval is refused

"purewasm FILE …" is short for "purewasm run FILE …". See "purewasm COMMAND --help" for each.`;

export interface Output {
  lines: string[];
  errors?: string[];
  exitCode: number;
}

/** Runs one command line (without the node and script paths): what to print and the exit code. */
export async function main(argv: readonly string[]): Promise<Output> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      if (command === 'help' && rest[0] && COMMANDS.includes(rest[0])) return main([rest[0], '--help']);
      return { lines: [HELP], exitCode: command === undefined ? 1 : 0 };
    case '-V':
    case '--version':
      return { lines: ['purewasm 0.1.0'], exitCode: 0 };
    case 'run': return (await import('./run.js')).run(rest);
    case 'wast': return (await import('./tools.js')).wast(rest);
    case 'validate': return (await import('./tools.js')).validate(rest);
    case 'wat2wasm': return (await import('./tools.js')).wat2wasm(rest);
    case 'print': return (await import('./tools.js')).print(rest);
    case 'precompile': return (await import('./tools.js')).precompileCommand(rest);
    default:
      // `purewasm prog.wasm …` and `purewasm --dir . prog.wasm …`, as wasmtime allows
      if (command.startsWith('-') || /\.(wasm|wat)$/i.test(command) || existsSync(command)) return (await import('./run.js')).run(argv);
      throw new CliError(`unknown command ${JSON.stringify(command)} (see purewasm --help)`);
  }
}

