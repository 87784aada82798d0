// Runs a WASI program with a given WebAssembly namespace and WASI implementation, capturing
// stdout, stderr, the exit code and every file left in its preopened directory, so that runs can
// be compared: our Wasi vs node:wasi on native WebAssembly, then our Wasi on purewasm.
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WASI as NodeWasi } from 'node:wasi';
import { Wasi } from '../../src/wasi/index.js';

export type Namespace = typeof globalThis.WebAssembly;

export interface ProgramRun {
  args?: string[];
  env?: Record<string, string>;
  stdin?: string;
  /** Files to put in the preopened directory /sandbox before the run. */
  files?: Record<string, string>;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
  files: Record<string, string>;
}

const programs = fileURLToPath(new URL('../../../test/wasi/programs/', import.meta.url));

export function programBytes(name: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(join(programs, `${name}.wasm`)));
}

function snapshot(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) Object.assign(out, { [prefix + name + '/']: '' }, snapshot(p, prefix + name + '/'));
    else out[prefix + name] = readFileSync(p).toString('base64');
  }
  return out;
}

/** A fresh sandbox directory and stdio files; `body` runs the program with them. */
function withSandbox(run: ProgramRun, body: (dir: string, fds: [number, number, number]) => number): RunResult {
  const root = mkdtempSync(join(tmpdir(), 'purewasm-wasi-'));
  const dir = join(root, 'sandbox');
  const io = join(root, 'io');
  mkdirSync(dir);
  mkdirSync(io);
  for (const [name, text] of Object.entries(run.files ?? {})) writeFileSync(join(dir, name), text);
  writeFileSync(join(io, 'stdin'), run.stdin ?? '');
  const fds: [number, number, number] = [
    openSync(join(io, 'stdin'), 'r'), openSync(join(io, 'stdout'), 'w'), openSync(join(io, 'stderr'), 'w'),
  ];
  try {
    const code = body(dir, fds);
    return {
      code,
      stdout: readFileSync(join(io, 'stdout'), 'utf8'),
      stderr: readFileSync(join(io, 'stderr'), 'utf8'),
      files: snapshot(dir),
    };
  } finally {
    for (const fd of fds) closeSync(fd);
    rmSync(root, { recursive: true, force: true });
  }
}

/** Our Wasi with stdio on host descriptors (the same set-up node:wasi gets). */
export function runOurs(ns: Namespace, name: string, run: ProgramRun): RunResult {
  return withSandbox(run, (dir, [stdin, stdout, stderr]) => {
    const wasi = new Wasi({ args: [name, ...(run.args ?? [])], env: run.env ?? {}, preopens: { '/sandbox': dir }, stdin, stdout, stderr });
    const instance = new ns.Instance(new ns.Module(programBytes(name)), { wasi_snapshot_preview1: wasi.imports });
    return wasi.start(instance);
  });
}

/** Our Wasi with stdio as JS functions and strings, the way a browser embedder would use it. */
export function runOursInMemory(ns: Namespace, name: string, run: ProgramRun): RunResult {
  let stdout = '';
  let stderr = '';
  const dec = new TextDecoder();
  const r = withSandbox(run, (dir) => {
    const wasi = new Wasi({
      args: [name, ...(run.args ?? [])], env: run.env ?? {}, preopens: { '/sandbox': dir }, stdin: run.stdin ?? '',
      stdout: (b) => { stdout += dec.decode(b, { stream: true }); },
      stderr: (b) => { stderr += dec.decode(b, { stream: true }); },
    });
    const instance = new ns.Instance(new ns.Module(programBytes(name)), { wasi_snapshot_preview1: wasi.imports });
    return wasi.start(instance);
  });
  return { ...r, stdout, stderr };
}

export function runNodeWasi(name: string, run: ProgramRun): RunResult {
  return withSandbox(run, (dir, [stdin, stdout, stderr]) => {
    const wasi = new NodeWasi({
      version: 'preview1', args: [name, ...(run.args ?? [])], env: run.env ?? {}, preopens: { '/sandbox': dir },
      stdin, stdout, stderr, returnOnExit: true,
    });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(programBytes(name)), wasi.getImportObject() as WebAssembly.Imports);
    return wasi.start(instance);
  });
}
