// Shared set-up of the CLI tests: a scratch directory, the command spawned as a user runs it, and
// the same command run in-process (no Node start-up per call, for the many small checks).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after } from 'node:test';
import { main } from '../../src/cli/commands.js';
import { CliError } from '../../src/cli/errors.js';

export const cli = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
export const programs = fileURLToPath(new URL('../../../test/wasi/programs/', import.meta.url));
export const dir = mkdtempSync(join(tmpdir(), 'purewasm-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function spawnCli(args: string[], input = '', env?: NodeJS.ProcessEnv): CliResult {
  const r = spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', cwd: dir, env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** main() as main.ts's entry prints it (for commands that do not write to stdout themselves). */
export async function runCli(args: string[]): Promise<CliResult> {
  try {
    const out = await main(args);
    return {
      code: out.exitCode,
      stdout: out.lines.length > 0 ? out.lines.join('\n') + '\n' : '',
      stderr: (out.errors ?? []).map((e) => `purewasm: ${e}\n`).join(''),
    };
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    return { code: e.exitCode, stdout: '', stderr: `purewasm: ${e.message}\n` };
  }
}

/** An error is exactly one line on stderr, starting with "purewasm: ". */
export function oneError(stderr: string, pattern: RegExp): void {
  const lines = stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `one line expected on stderr, got ${JSON.stringify(stderr)}`);
  assert.match(lines[0], /^purewasm: /);
  assert.match(lines[0], pattern);
}

/** Writes a file into the scratch directory: its absolute path. */
export function file(name: string, text: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
