// Real npm packages that ship WebAssembly, each driven through its own public API with a realistic
// workload. `load()` imports the package and waits until its wasm is instantiated (start-up);
// the function it returns runs the workload once and returns its output as a string, so native,
// purewasm and polywasm runs can be compared byte for byte. `size` scales the input: 'test' is small
// (CI), 'bench' aims at ~0.2–2 s on native. Packages are loaded fresh by the child process (child.ts)
// after it has chosen the engine, so they see only that engine as globalThis.WebAssembly.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

const require = createRequire(import.meta.url);
const sha = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');
const g = globalThis as Record<string, unknown>;

export type Size = 'test' | 'bench';
export type Run = () => string | Promise<string>;
export interface Workload {
  /** What the package is and what the run does, for the benchmark table. */
  what: string;
  load(size: Size): Promise<Run>;
}

/** A deterministic pseudo-random text (identical inputs across runs and engines). */
function sampleText(n: number): string {
  const words = ['wasm', 'engine', 'purewasm', 'module', 'memory', 'table', 'global', 'trap', 'i64', 'f32', 'lz4'];
  let s = 1;
  const out: string[] = [];
  let len = 0;
  while (len < n) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const w = words[s % words.length] + (s % 7 === 0 ? '\n' : ' ');
    out.push(w);
    len += w.length;
  }
  return out.join('').slice(0, n);
}

export const WORKLOADS: Record<string, Workload> = {
  'argon2-browser': {
    what: 'C (Emscripten): Argon2id hash, i64-heavy, memory-hard',
    async load(size) {
      // This Emscripten build fetches its .wasm when `fetch` exists, which fails for a file path
      // under Node 18+; Emscripten's documented `Module.wasmBinary` hands it the bytes instead.
      g.self = globalThis;
      g.Module = { wasmBinary: readFileSync(require.resolve('argon2-browser/dist/argon2.wasm')) };
      const argon2 = require('argon2-browser');
      const opts = { pass: 'correct horse battery staple', salt: 'purewasm-salt', hashLen: 32, type: argon2.ArgonType.Argon2id };
      await argon2.hash({ ...opts, time: 1, mem: 64 }); // instantiates the module
      const mem = size === 'bench' ? 32768 : 1024;
      return async () => {
        const r = await argon2.hash({ ...opts, time: 2, mem });
        return `${r.hashHex} ${r.encoded}`;
      };
    },
  },
  wabt: {
    what: 'C++ (Emscripten): parse WAT, validate, encode to wasm',
    async load(size) {
      const wabt = await require('wabt')();
      const funcs = size === 'bench' ? 3000 : 10;
      let wat = '(module (memory 1) (data (i32.const 0) "hello")\n';
      for (let i = 0; i < funcs; i++) {
        wat += `(func $f${i} (export "f${i}") (param i64) (result i64) local.get 0 i64.eqz if (result i64) i64.const ${i} ` +
          `else local.get 0 local.get 0 i64.const 1 i64.sub call $f${i} i64.mul end)\n`;
      }
      wat += ')';
      return () => {
        const m = wabt.parseWat('gen.wat', wat);
        m.validate();
        const bin = m.toBinary({ log: false, write_debug_names: true });
        m.destroy();
        return `${bin.buffer.length} bytes ${sha(bin.buffer)}`;
      };
    },
  },
  'lz4-wasm': {
    what: 'Rust (wasm-bindgen): LZ4 compress + decompress, byte loops',
    async load(size) {
      const lz4 = await import(require.resolve('lz4-wasm/lz4_wasm.js'));
      const input = new TextEncoder().encode(sampleText(size === 'bench' ? 8_000_000 : 100_000));
      return () => {
        const packed = lz4.compress(input);
        const back = lz4.decompress(packed);
        return `${input.length} -> ${packed.length} bytes ${sha(packed)}, round trip ${sha(back) === sha(input)}`;
      };
    },
  },
  photon: {
    what: 'Rust (wasm-bindgen): image grayscale + gaussian blur',
    async load(size) {
      const photon = await import(require.resolve('@silvia-odwyer/photon/photon_rs.js'));
      const [w, h] = size === 'bench' ? [1280, 960] : [96, 64];
      const px = new Uint8Array(w * h * 4);
      for (let i = 0; i < px.length; i++) px[i] = (i * 31 + (i >> 7) * 17) & 255;
      return () => {
        const img = new photon.PhotonImage(px, w, h);
        photon.grayscale(img);
        photon.gaussian_blur(img, 3);
        const out = img.get_raw_pixels();
        img.free();
        return `${out.length} ${sha(out)}`;
      };
    },
  },
  '@swc/wasm': {
    what: 'Rust (wasm-bindgen, 18 MB): TypeScript → ES2015 transform',
    async load(size) {
      const swc = require('@swc/wasm');
      const unit = 'interface P { x: number; y?: string }\nexport const f = async (p: P): Promise<number> => p.x ?? 0;\n' +
        'class A<T> { constructor(private v: T) {} get(): T { return this.v } }\n';
      const src = Array.from({ length: size === 'bench' ? 400 : 2 }, (_, i) => unit.replace(/\bf\b|\bA\b|\bP\b/g, (m) => `${m}${i}`)).join('');
      return () => swc.transformSync(src, { jsc: { parser: { syntax: 'typescript' }, target: 'es2015' } }).code;
    },
  },
  '@sqlite.org/sqlite-wasm': {
    what: 'C (Emscripten): SQLite in memory, inserts + group-by query',
    async load(size) {
      // A browser package: it reads `self.location`, so give it the browser globals it expects.
      const dir = require.resolve('@sqlite.org/sqlite-wasm/package.json').replace(/package\.json$/, 'sqlite-wasm/jswasm/');
      g.self = globalThis;
      g.location = new URL(`file://${dir}sqlite3.mjs`);
      const init = (await import(`${dir}sqlite3.mjs`)).default;
      const bytes = readFileSync(`${dir}sqlite3.wasm`);
      // Emscripten's documented hook for hosts without fetch: still instantiates through
      // globalThis.WebAssembly.
      const sqlite3 = await init({
        print: () => {}, printErr: () => {},
        instantiateWasm(imports: WebAssembly.Imports, done: (i: WebAssembly.Instance, m: WebAssembly.Module) => void) {
          WebAssembly.instantiate(bytes, imports).then((r) => done(r.instance, r.module));
          return {};
        },
      });
      const n = size === 'bench' ? 20000 : 500;
      return () => {
        const db = new sqlite3.oo1.DB(':memory:');
        db.exec('create table t(a integer, b text, c real)');
        db.exec('begin');
        for (let i = 0; i < n; i++) db.exec({ sql: 'insert into t values(?,?,?)', bind: [i * 7919 % 1000, `row${i}`, i / 7] });
        db.exec('commit');
        const rows = db.exec({ sql: 'select a % 10 as k, count(*), sum(a), round(avg(c), 6) from t group by k order by k', returnValue: 'resultRows' });
        db.close();
        return JSON.stringify(rows);
      };
    },
  },
  'hash-wasm': {
    what: 'C (clang): SHA-512, SHA-256 and BLAKE3 of a buffer, i64-heavy rounds',
    async load(size) {
      const hw = require('hash-wasm');
      const data = new TextEncoder().encode(sampleText(size === 'bench' ? 6_000_000 : 20_000));
      await hw.sha512(data.subarray(0, 64)); // instantiates the three modules
      await hw.sha256(data.subarray(0, 64));
      await hw.blake3(data.subarray(0, 64));
      return async () => `${await hw.sha512(data)} ${await hw.sha256(data)} ${await hw.blake3(data)}`;
    },
  },
  '@bokuweb/zstd-wasm': {
    what: 'C (Emscripten): Zstandard compress (level 10) + decompress',
    async load(size) {
      const zstd = require('@bokuweb/zstd-wasm');
      await zstd.init();
      const input = new TextEncoder().encode(sampleText(size === 'bench' ? 3_000_000 : 20_000));
      return () => {
        const packed: Uint8Array = zstd.compress(input, 10);
        const back: Uint8Array = zstd.decompress(packed);
        return `${input.length} -> ${packed.length} bytes ${sha(packed)}, round trip ${sha(back) === sha(input)}`;
      };
    },
  },
  'quickjs-emscripten': {
    what: 'C (Emscripten): the QuickJS interpreter running a JS program (objects, strings, closures)',
    async load(size) {
      const qjs = await require('quickjs-emscripten').getQuickJS();
      const n = size === 'bench' ? 60_000 : 400;
      const program = `
        const words = [];
        for (let i = 0; i < ${n}; i++) words.push('w' + ((i * 7919) % 1009).toString(36));
        const counts = {};
        for (const w of words) counts[w] = (counts[w] || 0) + 1;
        const top = Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
        let h = 0;
        for (let i = 0; i < ${n} * 4; i++) h = (Math.imul(h, 31) + i * (i & 7)) | 0;
        const fib = (k) => (k < 2 ? k : fib(k - 1) + fib(k - 2));
        JSON.stringify({ top, h, fib: fib(${size === 'bench' ? 24 : 12}), sum: words.join('').length });
      `;
      return () => String(qjs.evalCode(program));
    },
  },
};
