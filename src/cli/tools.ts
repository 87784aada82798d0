// `purewasm wast | validate | wat2wasm | print | precompile`: the tools around the engine.
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { precompile, type PrecompileHosts } from '../precompile.js';
import { WebAssembly } from '../index.js';
import { contractEngine } from '../script/contract-engine.js';
import { runScriptSource } from '../script/runner.js';
import { parseModule } from '../text/parse.js';
import { printBinary } from '../text/print.js';
import { parseArgs } from './args.js';
import { CliError, oneLine } from './errors.js';
import { isBinary, loadModuleBytes, readInput, watToBinary } from './load.js';

export interface ToolOutput {
  lines: string[];
  errors: string[];
  exitCode: number;
}

export const WAST_HELP = `Usage: purewasm wast [OPTIONS] FILE.wast…

Runs WebAssembly script files (the spec testsuite's format) on purewasm and prints, per file,
"ok", "FAIL" or "incomplete" (some checks could not be run) with its counts, then the totals when
there are several files. Exit code 1 when any file is not ok.

Options:
  -v, --verbose   list every failed or not-run check with its line and reason
  -h, --help      show this help`;

export const VALIDATE_HELP = `Usage: purewasm validate FILE.wasm|FILE.wat…

Decodes and validates each module (WebAssembly 3.0). Prints nothing for a valid module; for an
invalid one, one line "FILE: CompileError: at byte offset N: reason" and exit code 1.

Options:
  -h, --help      show this help`;

export const WAT2WASM_HELP = `Usage: purewasm wat2wasm FILE.wat [-o OUT.wasm]

Translates WebAssembly text to binary and validates the result. Without -o the output goes beside
the input with the extension .wasm; "-o -" writes to stdout.

Options:
  -o, --output OUT   where to write the binary
  --no-check         do not validate the result
  -h, --help         show this help`;

export const PRINT_HELP = `Usage: purewasm print FILE.wasm

Prints a module (.wasm, or .wat after parsing) as WebAssembly text (wasm2wat). The module is
validated first; printing, parsing and encoding the output gives the same bytes back.`;

function tool(lines: string[], errors: string[] = [], exitCode = errors.length > 0 ? 1 : 0): ToolOutput {
  return { lines, errors, exitCode };
}

export function wast(argv: readonly string[]): ToolOutput {
  const { values, positional } = parseArgs('wast', argv, { flags: { verbose: false, help: false }, aliases: { v: 'verbose', h: 'help' } });
  if (values.has('help')) return tool([WAST_HELP]);
  if (positional.length === 0) throw new CliError('wast: missing FILE (see purewasm wast --help)');
  const verbose = values.has('verbose');
  const engine = contractEngine({ parseText: (source) => parseModule(source) });
  const lines: string[] = [];
  let bad = 0;
  const total = { passed: 0, failed: 0, notRun: 0 };
  for (const file of positional) {
    const source = new TextDecoder().decode(readInput(file));
    let report;
    try {
      report = runScriptSource(source, engine);
    } catch (e) {
      // the runner reports check by check; anything escaping it is a failure of the whole file
      lines.push(`${file}: FAIL (${oneLine(e)})`);
      bad++;
      continue;
    }
    total.passed += report.passed;
    total.failed += report.failed;
    total.notRun += report.notRun;
    const status = report.failed > 0 ? 'FAIL' : report.notRun > 0 ? 'incomplete' : 'ok';
    if (status !== 'ok') bad++;
    lines.push(`${file}: ${status} (${report.passed} passed, ${report.failed} failed, ${report.notRun} not run)`);
    if (verbose) {
      for (const c of report.checks) {
        if (c.outcome !== 'passed') lines.push(`  ${file}:${c.line}: ${c.outcome}: ${c.command}: ${oneLine(c.reason ?? '')}`);
      }
    }
  }
  if (positional.length > 1) {
    const files = positional.length;
    lines.push(`total: ${files - bad} of ${files} files ok; ${total.passed} passed, ${total.failed} failed, ${total.notRun} not run`);
  }
  return tool(lines, [], bad > 0 ? 1 : 0);
}

export function validate(argv: readonly string[]): ToolOutput {
  const { values, positional } = parseArgs('validate', argv, { flags: { help: false }, aliases: { h: 'help' } });
  if (values.has('help')) return tool([VALIDATE_HELP]);
  if (positional.length === 0) throw new CliError('validate: missing FILE (see purewasm validate --help)');
  const errors: string[] = [];
  for (const file of positional) {
    try {
      new WebAssembly.Module(loadModuleBytes(file) as Uint8Array<ArrayBuffer>);
    } catch (e) {
      errors.push(e instanceof CliError ? e.message : `${file}: ${oneLine(e)}`);
    }
  }
  return tool([], errors);
}

export function wat2wasm(argv: readonly string[]): ToolOutput {
  const { values, positional } = parseArgs('wat2wasm', argv, {
    flags: { output: true, 'no-check': false, help: false }, aliases: { o: 'output', h: 'help' },
  });
  if (values.has('help')) return tool([WAT2WASM_HELP]);
  if (positional.length !== 1) throw new CliError('wat2wasm: expected exactly one FILE (see purewasm wat2wasm --help)');
  const file = positional[0];
  const input = readInput(file);
  if (isBinary(input)) throw new CliError(`wat2wasm: ${file} is already a WebAssembly binary`);
  const bytes = watToBinary(file, input);
  if (!values.has('no-check')) {
    try {
      new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
    } catch (e) {
      throw new CliError(`${file}: ${oneLine(e)}`);
    }
  }
  return writeOutput('wat2wasm', values.get('output')?.at(-1) ?? file.replace(/\.wat$/i, '') + '.wasm', bytes);
}

/** Writes a command's result to `out` ("-": stdout). */
function writeOutput(command: string, out: string, data: Uint8Array | string): ToolOutput {
  if (out === '-') {
    process.stdout.write(data);
    return tool([]);
  }
  try {
    writeFileSync(out, data);
  } catch (e) {
    throw new CliError(`${command}: cannot write ${out}: ${oneLine(e)}`);
  }
  return tool([]);
}

export const PRECOMPILE_HELP = `Usage: purewasm precompile FILE.wasm|FILE.wat [-o OUT.js] [--host both|jit|no-jit]

Writes the compile tier's JavaScript for every function of the module into one file (by default
beside the input, FILE.wasm.js; "-o -" writes to stdout). Loaded as a script or a module before the
module is instantiated with purewasm, it lets the functions run compiled on hosts that refuse
\`new Function\` (a strict Content-Security-Policy, engines without a runtime compiler) instead of
interpreted. A purewasm version that generates other code ignores it (the interpreter runs).
On Node, name a large file .mjs (-o FILE.wasm.mjs): a .js file is first scanned for CommonJS
exports, which takes seconds for tens of megabytes.

Options:
  -o, --output OUT   where to write the JavaScript
  --host HOSTS       the hosts the code is for: "jit" (a browser page with a strict CSP), "no-jit"
                     (Hermes, Lockdown Mode, node --jitless) or "both" (default; the file is larger)
  -h, --help         show this help`;

export function precompileCommand(argv: readonly string[]): ToolOutput {
  const { values, positional } = parseArgs('precompile', argv, { flags: { output: true, host: true, help: false }, aliases: { o: 'output', h: 'help' } });
  if (values.has('help')) return tool([PRECOMPILE_HELP]);
  if (positional.length !== 1) throw new CliError('precompile: expected exactly one FILE (see purewasm precompile --help)');
  const file = positional[0];
  const hosts = values.get('host')?.at(-1) ?? 'both';
  if (!['both', 'jit', 'no-jit'].includes(hosts)) throw new CliError(`precompile: --host must be both, jit or no-jit, not ${JSON.stringify(hosts)}`);
  let js: string;
  try {
    js = precompile(loadModuleBytes(file), basename(file), { hosts: hosts as PrecompileHosts });
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${file}: ${oneLine(e)}`);
  }
  return writeOutput('precompile', values.get('output')?.at(-1) ?? file.replace(/\.wat$/i, '.wasm') + '.js', js);
}

export function print(argv: readonly string[]): ToolOutput {
  const { values, positional } = parseArgs('print', argv, { flags: { help: false }, aliases: { h: 'help' } });
  if (values.has('help')) return tool([PRINT_HELP]);
  if (positional.length !== 1) throw new CliError('print: expected exactly one FILE (see purewasm print --help)');
  const file = positional[0];
  const bytes = loadModuleBytes(file) as Uint8Array<ArrayBuffer>;
  try {
    new WebAssembly.Module(bytes); // the printer reads only modules that decode and validate
  } catch (e) {
    throw new CliError(`${file}: ${oneLine(e)}`);
  }
  return tool([printBinary(bytes).replace(/\n$/, '')]);
}
