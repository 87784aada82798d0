// Reading a module from disk: binary (by its magic number, whatever the extension) or WAT text,
// which goes through purewasm's own text parser.
import { readFileSync } from 'node:fs';
import { TextError, parseModule } from '../text/parse.js';
import { CliError } from './errors.js';

export function readInput(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String((e as Error).message);
    throw new CliError(`${file}: cannot read: ${why}`);
  }
}

export function isBinary(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
}

/** WAT source → binary; errors as "FILE:LINE:COL: reason". */
export function watToBinary(file: string, bytes: Uint8Array): Uint8Array {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${file}: neither a WebAssembly binary nor UTF-8 text`);
  }
  try {
    return parseModule(text);
  } catch (e) {
    if (e instanceof TextError) throw new CliError(`${file}:${e.message}`);
    throw e;
  }
}

/** A module's bytes from a .wasm or .wat file. */
export function loadModuleBytes(file: string): Uint8Array {
  const bytes = readInput(file);
  return isBinary(bytes) ? bytes : watToBinary(file, bytes);
}
