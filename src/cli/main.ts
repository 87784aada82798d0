#!/usr/bin/env node
// `purewasm`: the command-line interface. Every command runs on purewasm's own engine (never on
// the host's native WebAssembly); errors are one line on stderr and a non-zero exit code.
import { existsSync } from 'node:fs';
import { CliError, oneLine } from './errors.js';
import { RUN_HELP, run } from './run.js';
import { PRINT_HELP, VALIDATE_HELP, WAST_HELP, WAT2WASM_HELP, print, validate, wast, wat2wasm } from './tools.js';

const HELP = `Usage: purewasm COMMAND [OPTIONS] …

WebAssembly implemented in TypeScript.

Commands:
  run FILE [ARGS…]          run a module (.wasm or .wat) with WASI preview1; --invoke NAME to call an export
  wast FILE…                run .wast script files and report each
  validate FILE…            check modules, reporting errors with byte offsets
  wat2wasm FILE [-o OUT]    translate WebAssembly text to binary
  print FILE                print a module as text (not yet available)

"purewasm FILE …" is short for "purewasm run FILE …". See "purewasm COMMAND --help" for each.`;

export const HELPS: Record<string, string> = { run: RUN_HELP, wast: WAST_HELP, validate: VALIDATE_HELP, wat2wasm: WAT2WASM_HELP, print: PRINT_HELP };

interface Output {
  lines: string[];
  errors?: string[];
  exitCode: number;
}

export function main(argv: readonly string[]): Output {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      if (command === 'help' && rest[0] && HELPS[rest[0]]) return { lines: [HELPS[rest[0]]], exitCode: 0 };
      return { lines: [HELP], exitCode: command === undefined ? 1 : 0 };
    case '-V':
    case '--version':
      return { lines: ['purewasm 0.1.0'], exitCode: 0 };
    case 'run': return run(rest);
    case 'wast': return wast(rest);
    case 'validate': return validate(rest);
    case 'wat2wasm': return wat2wasm(rest);
    case 'print': return print(rest);
    default:
      if (command.startsWith('-')) return run(argv); // `purewasm --dir . prog.wasm`, as wasmtime allows
      if (/\.(wasm|wat)$/i.test(command) || existsSync(command)) return run(argv);
      throw new CliError(`unknown command ${JSON.stringify(command)} (see purewasm --help)`);
  }
}

function entry(): void {
  let out: Output;
  try {
    out = main(process.argv.slice(2));
  } catch (e) {
    const err = e instanceof CliError ? e : new CliError(`internal error: ${oneLine(e)}`);
    process.stderr.write(`purewasm: ${err.message}\n`);
    process.exitCode = err.exitCode;
    return;
  }
  if (out.lines.length > 0) process.stdout.write(out.lines.join('\n') + '\n');
  for (const e of out.errors ?? []) process.stderr.write(`purewasm: ${e}\n`);
  process.exitCode = out.exitCode;
}

entry();
