// A failure the CLI reports as one line on stderr, with the exit code to end with.
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'CliError';
  }
}

/** Exit code for a wasm trap: 128 + SIGABRT, as wasmtime ends on Unix. */
export const TRAP_EXIT = 134;

/** The message of anything thrown, as one line. */
export function oneLine(e: unknown): string {
  const text = e instanceof Error ? (e.name && e.name !== 'Error' && e.name !== 'CliError' ? `${e.name}: ${e.message}` : e.message) : String(e);
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
