// install(): puts purewasm's namespace at globalThis.WebAssembly where the host has none or one that
// cannot compile (node --jitless, Safari Lockdown Mode, a CSP without 'wasm-unsafe-eval'), with the
// attributes a native one has (writable, configurable, not enumerable).
import { namespace } from './api/namespace.js';

// The smallest module: magic and version.
const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/** True when `ns` looks like a WebAssembly namespace that can compile and instantiate a module. */
export function isUsable(ns: unknown): boolean {
  try {
    const w = ns as { Module: new (b: Uint8Array) => object; Instance: new (m: object) => object };
    new w.Instance(new w.Module(EMPTY_MODULE));
    return true;
  } catch {
    return false;
  }
}

/** Installs the namespace unless a usable one exists (or always with `force`); true when it did. */
export function install(options: { force?: boolean } = {}): boolean {
  const g = globalThis as { WebAssembly?: unknown };
  if (!options.force && g.WebAssembly === namespace) return false;
  if (!options.force && 'WebAssembly' in g && isUsable(g.WebAssembly)) return false;
  Object.defineProperty(globalThis, 'WebAssembly', { value: namespace, writable: true, enumerable: false, configurable: true });
  return true;
}
