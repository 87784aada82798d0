#!/usr/bin/env node
// `purewasm`: the command-line interface (commands.ts). Every command runs on purewasm's own engine,
// never on the host's native WebAssembly; errors are one line on stderr and a non-zero exit code.
import { main, type Output } from './commands.js';
import { CliError, oneLine } from './errors.js';

async function entry(): Promise<void> {
  let out: Output;
  try {
    out = await main(process.argv.slice(2));
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

await entry();
