// Differential testing against Node's native WebAssembly: run the same steps on both namespaces and
// compare what comes out (values, or the class of the error thrown).
import assert from 'node:assert/strict';
import { WebAssembly as P } from '../../src/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type NS = any;
export const native: NS = globalThis.WebAssembly;
export const ours: NS = P;

export function describe(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'function') return `function ${v.name}/${v.length}`;
  if (typeof v === 'symbol') return v.toString();
  if (Array.isArray(v)) return `[${v.map(describe).join(', ')}]`;
  if (v instanceof ArrayBuffer) return `ArrayBuffer(${v.byteLength})`;
  if (typeof v === 'object' && v !== null) return Object.prototype.toString.call(v);
  return String(v);
}

export function outcome(f: () => unknown): string {
  try {
    return describe(f());
  } catch (e) {
    const name = (e as Error)?.constructor?.name ?? typeof e;
    return `throws ${name}`;
  }
}

/** Runs `steps` on both namespaces and asserts the same outcome. */
export function same(label: string, steps: (W: NS) => unknown): void {
  assert.equal(outcome(() => steps(ours)), outcome(() => steps(native)), label);
}

/** Records the property reads of `o` (and nested objects) into `log`. */
export function logged<T extends object>(o: T, log: string[], path = 'o'): T {
  return new Proxy(o, {
    get(t, k, r) {
      log.push(`${path}.${String(k)}`);
      const v = Reflect.get(t, k, r);
      // Only plain objects: a proxied Memory or Table would fail the brand checks.
      const plain = typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
      return plain ? logged(v, log, `${path}.${String(k)}`) : v;
    },
    has(t, k) {
      log.push(`has ${path}.${String(k)}`);
      return Reflect.has(t, k);
    },
  });
}

/**
 * The property reads both namespaces make while running `steps` on a logged object. `specOnly` are
 * reads the spec requires that Node 20 predates (the memory64/table64 `address` member).
 */
export function sameReads(label: string, make: (W: NS) => object, steps: (W: NS, o: object) => unknown, specOnly: string[] = []): void {
  const run = (W: NS): string[] => {
    const log: string[] = [];
    outcome(() => steps(W, logged(make(W), log)));
    return log;
  };
  assert.deepEqual(run(ours).filter((r) => !specOnly.includes(r)), run(native), label);
}
