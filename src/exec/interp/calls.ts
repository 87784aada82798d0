// Crossing between the register files and the JavaScript calling convention (runtime/abi.ts):
// arguments of calls out of the interpreter (imports, table entries, other tiers), results coming
// back, and the same in reverse for an interpreted function's entry point. v128 values are boxed
// into fresh 16-byte Uint8Arrays on the way out and copied into the vector file on the way in.

import { H } from '../numerics.js';
import { R } from '../../runtime/abi.js';
import type { AnyFn } from '../../runtime/func.js';
import { K_I, K_L, K_D, K_V, type CallSite } from './code.js';
import type { Files } from './frame.js';

/** The v128 in slot s as the runtime's value: a fresh Uint8Array (values are never mutated). */
export function boxV(f: Files, s: number): Uint8Array {
  return f.V8.slice(16 * s, 16 * s + 16);
}

/** A runtime v128 value into slot s. */
export function unboxV(f: Files, s: number, v: unknown): void {
  f.V8.set(v as Uint8Array, 16 * s);
}

/** Fills site.args from the slots at `at` (parameter kinds of the site). */
function fillArgs(site: CallSite, at: number, f: Files): unknown[] {
  const a = site.args;
  const ks = site.params;
  let j = 0;
  for (let i = 0; i < ks.length; i++) {
    const s = at + i;
    switch (ks[i]) {
      case K_I: a[j++] = f.I[s]; break;
      case K_L: a[j++] = f.I[s]; a[j++] = f.HI[s]; break;
      case K_D: a[j++] = f.D[s]; break;
      case K_V: a[j++] = boxV(f, s); break;
      default: a[j++] = f.RF[s]; break;
    }
  }
  return a;
}

/** Calls `fn` with the arguments in the slots at `at`; returns its raw result (slot 0). */
export function callOut(fn: AnyFn, site: CallSite, at: number, f: Files): unknown {
  const a = fillArgs(site, at, f);
  switch (a.length) {
    case 0: return fn();
    case 1: return fn(a[0]);
    case 2: return fn(a[0], a[1]);
    case 3: return fn(a[0], a[1], a[2]);
    case 4: return fn(a[0], a[1], a[2], a[3]);
    case 5: return fn(a[0], a[1], a[2], a[3], a[4]);
    default: return fn(...a);
  }
}

/** The pending tail call's array for the compile tier's trampoline: [callee, ...arguments]. */
export function tailArgs(callee: unknown, site: CallSite, at: number, f: Files): unknown[] {
  const src = fillArgs(site, at, f);
  const out: unknown[] = [callee]; // an object first keeps the array's elements generic (NaN bits)
  for (let i = 0; i < src.length; i++) out.push(src[i]);
  return out;
}

/** Stores the results of a call that returned `first` (plus H.hi or R) into the slots at `at`. */
export function storeResults(ks: Uint8Array, first: unknown, at: number, f: Files): void {
  const n = ks.length;
  if (n === 0) return;
  if (n === 1) {
    switch (ks[0]) {
      case K_I: f.I[at] = first as number; return;
      case K_L: f.I[at] = first as number; f.HI[at] = H.hi; return;
      case K_D: f.D[at] = first as number; return;
      case K_V: unboxV(f, at, first); return;
      default: f.RF[at] = first; return;
    }
  }
  let r = -1; // -1: `first`, then R[0], R[1] …
  const next = (): unknown => (r < 0 ? (r++, first) : R[r++]);
  for (let i = 0; i < n; i++) {
    const s = at + i;
    switch (ks[i]) {
      case K_I: f.I[s] = next() as number; break;
      case K_L: f.I[s] = next() as number; f.HI[s] = next() as number; break;
      case K_D: f.D[s] = next() as number; break;
      case K_V: unboxV(f, s, next()); break;
      default: f.RF[s] = next(); break;
    }
  }
}

/** An entry point's arguments (JS convention) into the slots at `at`. */
export function readArgs(ks: Uint8Array, args: ArrayLike<unknown>, at: number, f: Files): void {
  let j = 0;
  for (let i = 0; i < ks.length; i++) {
    const s = at + i;
    switch (ks[i]) {
      case K_I: f.I[s] = args[j++] as number; break;
      case K_L: f.I[s] = args[j++] as number; f.HI[s] = args[j++] as number; break;
      case K_D: f.D[s] = args[j++] as number; break;
      case K_V: unboxV(f, s, args[j++]); break;
      default: f.RF[s] = args[j++]; break;
    }
  }
}

/** Results in the slots at `at` into the JS convention: returns slot 0, the rest in H.hi or R. */
export function returnResults(ks: Uint8Array, at: number, f: Files): unknown {
  const n = ks.length;
  if (n === 0) return undefined;
  if (n === 1) {
    switch (ks[0]) {
      case K_I: return f.I[at];
      case K_L: H.hi = f.HI[at]; return f.I[at];
      case K_D: return f.D[at];
      case K_V: return boxV(f, at);
      default: return f.RF[at];
    }
  }
  let first: unknown;
  let r = -1;
  const put = (v: unknown): void => {
    if (r < 0) first = v;
    else R[r] = v;
    r++;
  };
  for (let i = 0; i < n; i++) {
    const s = at + i;
    switch (ks[i]) {
      case K_I: put(f.I[s]); break;
      case K_L: put(f.I[s]); put(f.HI[s]); break;
      case K_D: put(f.D[s]); break;
      case K_V: put(boxV(f, s)); break;
      default: put(f.RF[s]); break;
    }
  }
  return first;
}

/** A caught exception's payload (flattened like arguments, after the tag in `s`) into slots. */
export function exnPayload(ks: Uint8Array, s: unknown[], at: number, f: Files): void {
  let j = 1;
  for (let i = 0; i < ks.length; i++) {
    const d = at + i;
    switch (ks[i]) {
      case K_I: f.I[d] = s[j++] as number; break;
      case K_L: f.I[d] = s[j++] as number; f.HI[d] = s[j++] as number; break;
      case K_D: f.D[d] = s[j++] as number; break;
      case K_V: unboxV(f, d, s[j++]); break;
      default: f.RF[d] = s[j++]; break;
    }
  }
}
