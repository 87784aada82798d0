// Shared by the engine tests: WAT → bytes (wabt, a dev dependency), our engine's instance of the
// bytes (compileModule + runtime.instantiate) and Node's native one, called the same way.

import { createRequire } from 'node:module';
import { compileModule } from '../../src/valid/index.js';
import { instantiate, invoke } from '../../src/runtime/index.js';
import type { ExternVal, FuncInst, Value } from '../../src/runtime/interface.js';
import { RuntimeError } from '../../src/api/errors.js';

interface WabtModule {
  toBinary(o: object): { buffer: Uint8Array };
  destroy(): void;
}
interface Wabt {
  parseWat(name: string, text: string, features?: Record<string, boolean>): WabtModule;
}

let wabt: Wabt | null = null;
export async function loadWabt(): Promise<void> {
  const require = createRequire(import.meta.url);
  wabt ??= await (require('wabt') as () => Promise<Wabt>)();
}

const FEATURES = { exceptions: true, multi_memory: true, tail_call: true, memory64: true, extended_const: true, bulk_memory: true, reference_types: true };

/** Assembles WAT (call loadWabt first). */
export function wat(text: string): Uint8Array {
  const m = wabt!.parseWat('test.wat', text, FEATURES);
  try {
    return m.toBinary({}).buffer;
  } finally {
    m.destroy();
  }
}

/** Our instance: exported functions as (args) => results, plus the raw exports. */
export function ours(bytes: Uint8Array, imports: ExternVal[] = []) {
  const inst = instantiate(compileModule(bytes), imports);
  const byName = new Map(inst.exports.map((e) => [e.name, e.value]));
  return {
    inst,
    get: (name: string) => byName.get(name),
    call: (name: string, ...args: Value[]): Value[] => invoke(byName.get(name) as FuncInst, args),
  };
}

/** Node's native instance, with results always as an array. */
export function native(bytes: Uint8Array, imports: WebAssembly.Imports = {}) {
  const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>), imports);
  return {
    inst,
    call: (name: string, ...args: unknown[]): unknown[] => {
      const r = (inst.exports[name] as (...a: unknown[]) => unknown)(...args);
      return r === undefined ? [] : Array.isArray(r) ? r : [r];
    },
  };
}

export type Outcome = { ok: true; values: unknown[] } | { ok: false; trap: string };

export function outcome(f: () => unknown[]): Outcome {
  try {
    return { ok: true, values: f() };
  } catch (e) {
    if (e instanceof RuntimeError || e instanceof WebAssembly.RuntimeError) return { ok: false, trap: (e as Error).message };
    throw e;
  }
}

/**
 * Same results (NaNs equal to NaNs, -0 distinct from 0) or both trapped. With `nanBits`, integers
 * that are both NaN bit patterns also agree: the sign and payload of a NaN made by arithmetic are
 * nondeterministic in the spec (x86 makes negative ones, JavaScript positive ones).
 */
export function sameOutcome(a: Outcome, b: Outcome, nanBits = false): boolean {
  if (a.ok !== b.ok) return false;
  if (!a.ok || !b.ok) return true;
  if (a.values.length !== b.values.length) return false;
  return a.values.every((x, i) => {
    const y = b.values[i];
    return (typeof x === 'number' && typeof y === 'number' && x !== x && y !== y) || Object.is(x, y) ||
      (nanBits && bothNaNBits(x, y));
  });
}

/** Integers that are both bit patterns of NaNs (f32 for i32, f64 for i64). */
function bothNaNBits(x: unknown, y: unknown): boolean {
  const isNaN32 = (v: unknown): boolean => typeof v === 'number' && (v & 0x7f800000) === 0x7f800000 && (v & 0x7fffff) !== 0;
  const isNaN64 = (v: unknown): boolean => typeof v === 'bigint' &&
    ((v >> 52n) & 0x7ffn) === 0x7ffn && (v & 0xfffffffffffffn) !== 0n;
  // An f32 NaN's bits moved into an i64 (extend_i32_u of reinterpret_f32) with equal high words.
  const low32 = (v: unknown): unknown => (typeof v === 'bigint' ? Number(BigInt.asIntN(32, v)) : undefined);
  const sameHigh = typeof x === 'bigint' && typeof y === 'bigint' && x >> 32n === y >> 32n;
  return (isNaN32(x) && isNaN32(y)) || (isNaN64(x) && isNaN64(y)) || (sameHigh && isNaN32(low32(x)) && isNaN32(low32(y)));
}

export const show = (o: Outcome): string =>
  o.ok ? `[${o.values.map((v) => (typeof v === 'bigint' ? `${v}n` : Object.is(v, -0) ? '-0' : String(v))).join(', ')}]` : `trap: ${o.trap}`;
