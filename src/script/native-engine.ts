// The ScriptEngine over the host's own WebAssembly JS API (e.g. Node's V8). It exists to check the
// runner: where a check can be carried faithfully, a browser-grade engine must pass it, so a
// failure here is a runner bug. Functions whose parameters and results are all numbers or v128 are
// called through a wasm wrapper (native-wrapper.ts), exactly, NaN payloads included; their types
// come from decoding the module with binary/decode (types only: V8 still judges validity). Other
// calls go through the JS API, where v128 and NaN payloads are not carried and GC reference
// categories are opaque: those checks are reported as unsupported (not run). Trap messages differ
// between engines, so the runner does not compare them for this engine (`checkMessages: false`).

import type { Const, ResultPat } from './ast.js';
import { HostRef, NotSupported, valueArray, type ExportInfo, type Failure, type ImportInfo, type Observed, type ScriptEngine } from './engine.js';
import { EXTERNAL_FUNC, EXTERNAL_GLOBAL, EXTERNAL_MEMORY, EXTERNAL_TABLE, EXTERNAL_TAG, type FuncType, type ValType } from '../syntax/types.js';
import { decodeModule } from '../binary/decode.js';
import { compositeOf } from '../syntax/canon.js';
import { readResult, wrappable, wrapperBytes, writeArg } from './native-wrapper.js';

interface NativeModule {
  module: unknown;
  /** Function type of each exported function, by export name (when the decoder could tell). */
  funcTypes: Map<string, FuncType>;
}

/** The function types of a module's exported functions, from our decoder; empty if it fails. */
function exportTypes(bytes: Uint8Array): Map<string, FuncType> {
  const out = new Map<string, FuncType>();
  try {
    const m = decodeModule(bytes);
    for (const e of m.exports) {
      if (e.kind === EXTERNAL_FUNC) out.set(e.name, compositeOf(m.types[m.funcs[e.index]]) as FuncType);
    }
  } catch {
    // V8 accepted what our decoder does not: no exact calls for this module
  }
  return out;
}

/** The subset of the WebAssembly namespace used here (typed loosely: it is the host's). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type WA = any;

const KINDS: Record<string, number> = {
  function: EXTERNAL_FUNC, table: EXTERNAL_TABLE, memory: EXTERNAL_MEMORY, global: EXTERNAL_GLOBAL, tag: EXTERNAL_TAG,
};

const scratch = new DataView(new ArrayBuffer(8));

function toJS(c: Const): unknown {
  switch (c.type) {
    case 'i32': case 'i64': return c.value;
    case 'f32': {
      scratch.setUint32(0, c.bits);
      const x = scratch.getFloat32(0);
      if (x !== x && c.bits !== 0x7fc00000) throw new NotSupported('NaN payloads do not cross the JS API');
      return x;
    }
    case 'f64': {
      scratch.setBigUint64(0, c.bits);
      const x = scratch.getFloat64(0);
      if (x !== x && c.bits !== 0x7ff8000000000000n) throw new NotSupported('NaN payloads do not cross the JS API');
      return x;
    }
    case 'v128': throw new NotSupported('v128 does not cross the JS API');
    case 'ref.null': return null;
    case 'ref.extern': case 'ref.host': return HostRef.of(c.n);
  }
}

/** The type a result is read as: the pattern's (the JS API gives no types back). */
function typeOf(p: ResultPat | undefined): ResultPat['type'] | null {
  if (!p) return null;
  return p.type === 'either' ? typeOf(p.alts[0]) : p.type;
}

function observe(v: unknown, p: ResultPat | undefined): Observed {
  const t = typeOf(p);
  switch (t) {
    case 'i32': return { type: 'i32', value: (v as number) | 0 };
    case 'i64': return { type: 'i64', value: BigInt.asIntN(64, v as bigint) };
    case 'f32': case 'f64': {
      const x = v as number;
      if (x !== x) throw new NotSupported('NaN payloads do not cross the JS API');
      if (t === 'f32') {
        scratch.setFloat32(0, x);
        return { type: 'f32', bits: scratch.getUint32(0) };
      }
      scratch.setFloat64(0, x);
      return { type: 'f64', bits: scratch.getBigUint64(0) };
    }
    case 'v128': throw new NotSupported('v128 does not cross the JS API');
    default:
      if (v === null) return { type: 'ref', kind: 'null' };
      if (v instanceof HostRef) return { type: 'ref', kind: 'host', host: v.n };
      if (typeof v === 'function') return { type: 'ref', kind: 'func' };
      throw new NotSupported('GC reference categories are opaque to the JS API');
  }
}

export interface NativeEngineOptions {
  /** A WAT parser (text → binary) for text modules. */
  parseText?(source: string): Uint8Array;
}

export function nativeEngine(wa: WA = (globalThis as { WebAssembly?: WA }).WebAssembly, options: NativeEngineOptions = {}): ScriptEngine {
  if (!wa) throw new Error('no native WebAssembly in this host');
  const types = new WeakMap<object, FuncType>();
  const wrapperModules = new Map<string, unknown>();
  const wrappers = new WeakMap<object, { call: () => void; view: DataView }>();

  /** The exact-call wrapper of `f` (type `ft`), made once per function. */
  const wrapperOf = (f: object, ft: FuncType) => {
    let w = wrappers.get(f);
    if (!w) {
      const key = `${ft.params.join(',')}>${ft.results.join(',')}`;
      let m = wrapperModules.get(key);
      if (!m) wrapperModules.set(key, (m = new wa.Module(wrapperBytes(ft.params, ft.results))));
      const inst = new wa.Instance(m, { m: { f } });
      w = { call: inst.exports.w, view: new DataView(inst.exports.mem.buffer) };
      wrappers.set(f, w);
    }
    return w;
  };

  return {
    name: 'native',
    checkMessages: false,
    parseText: options.parseText,
    compile: (bytes): NativeModule => ({ module: new wa.Module(bytes), funcTypes: exportTypes(bytes) }),
    imports: (m): ImportInfo[] =>
      wa.Module.imports((m as NativeModule).module).map((i: { module: string; name: string; kind: string }) => ({ module: i.module, name: i.name, kind: KINDS[i.kind] })),
    instantiate(m, imports) {
      const { module, funcTypes } = m as NativeModule;
      const obj: Record<string, Record<string, unknown>> = {};
      wa.Module.imports(module).forEach((i: { module: string; name: string }, k: number) => {
        (obj[i.module] ??= {})[i.name] = imports[k];
      });
      const inst = new wa.Instance(module, obj);
      const out = new Map<string, ExportInfo>();
      for (const e of wa.Module.exports(module) as { name: string; kind: string }[]) {
        const value = inst.exports[e.name];
        const ft = funcTypes.get(e.name);
        if (ft && typeof value === 'function') types.set(value, ft);
        out.set(e.name, { kind: KINDS[e.kind], value });
      }
      return out;
    },
    invoke(f, args, expect): Observed[] {
      const ft = types.get(f as object);
      if (ft && wrappable(ft.params, ft.results) && args.length === ft.params.length) {
        const w = wrapperOf(f as object, ft);
        ft.params.forEach((t: ValType, i) => writeArg(w.view, i, t, args[i]));
        w.call();
        return ft.results.map((t: ValType, i) => readResult(w.view, i, t));
      }
      const js = valueArray<unknown>();
      for (const a of args) js.push(toJS(a));
      const r = (f as (...a: unknown[]) => unknown)(...js);
      if (expect === null) return [];
      if (expect.length === 0) return [];
      if (expect.length === 1) return [observe(r, expect[0])];
      return [...(r as Iterable<unknown>)].map((v, i) => observe(v, expect[i]));
    },
    getGlobal: (g, expect) => observe((g as { value: unknown }).value, expect ?? undefined),
    spectest() {
      // Fresh per script (the runner asks once per script), so scripts never share its memory or table.
      const m = new Map<string, ExportInfo>();
      for (const name of ['print', 'print_i32', 'print_i64', 'print_f32', 'print_f64', 'print_i32_f32', 'print_f64_f64']) {
        m.set(name, { kind: EXTERNAL_FUNC, value: () => undefined });
      }
      const global = (name: string, value: string, v: unknown) => m.set(name, { kind: EXTERNAL_GLOBAL, value: new wa.Global({ value }, v) });
      global('global_i32', 'i32', 666);
      global('global_i64', 'i64', 666n);
      global('global_f32', 'f32', 666.6);
      global('global_f64', 'f64', 666.6);
      m.set('table', { kind: EXTERNAL_TABLE, value: new wa.Table({ element: 'anyfunc', initial: 10, maximum: 20 }) });
      m.set('memory', { kind: EXTERNAL_MEMORY, value: new wa.Memory({ initial: 1, maximum: 2 }) });
      m.set('shared_memory', { kind: EXTERNAL_MEMORY, value: new wa.Memory({ initial: 1, maximum: 2, shared: true }) });
      return m;
    },
    classify(e): Failure {
      const message = e instanceof Error ? e.message : String(e);
      if (e instanceof NotSupported) return { kind: 'unsupported', message };
      if (e instanceof wa.CompileError) return { kind: 'compile', message };
      if (e instanceof wa.LinkError) return { kind: 'link', message };
      if (e instanceof wa.RuntimeError) return { kind: 'trap', message };
      if (e instanceof RangeError) return { kind: 'exhaustion', message };
      if (wa.Exception && e instanceof wa.Exception) return { kind: 'exception', message: 'wasm exception' };
      // An implementation of the namespace that is still being written (purewasm's own API).
      if (e instanceof Error && (e.name === 'NotYetImplemented' || /^not (yet )?implemented/i.test(message))) {
        return { kind: 'unsupported', message };
      }
      // The JS API's own TypeErrors (e.g. a v128 or exnref parameter) are limits of the bridge.
      if (e instanceof TypeError) return { kind: 'unsupported', message: `JS API: ${message}` };
      return { kind: 'other', message: e instanceof Error ? `${e.name}: ${message}` : message };
    },
  };
}
