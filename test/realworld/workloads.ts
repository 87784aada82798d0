// Real npm packages that ship WebAssembly, each driven through its own public API with a realistic
// workload. Every workload returns a string (its output) so native and purewasm runs can be compared
// byte for byte. Packages are loaded fresh by the child process (child.ts) after it has chosen the
// engine, so they see only that engine as globalThis.WebAssembly.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

const require = createRequire(import.meta.url);
const sha = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

/** A deterministic pseudo-random text (so inputs are identical across runs and engines). */
function sampleText(n: number): string {
  const words = ['wasm', 'engine', 'purewasm', 'module', 'memory', 'table', 'global', 'trap', 'i64', 'f32', 'lz4'];
  let s = 1;
  const out: string[] = [];
  while (out.join(' ').length < n) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out.push(words[s % words.length] + (s % 7 === 0 ? '\n' : ''));
  }
  return out.join(' ').slice(0, n);
}

export const WORKLOADS: Record<string, () => Promise<string>> = {
  async 'argon2-browser'() {
    // This Emscripten build fetches its .wasm when `fetch` exists, which fails for a file path under
    // Node 18+; Emscripten's documented `Module.wasmBinary` hands it the bytes instead.
    const g = globalThis as Record<string, unknown>;
    g.self = globalThis;
    g.Module = { wasmBinary: readFileSync(require.resolve('argon2-browser/dist/argon2.wasm')) };
    const argon2 = require('argon2-browser');
    const r = await argon2.hash({ pass: 'correct horse battery staple', salt: 'purewasm-salt', time: 2, mem: 1024, hashLen: 32, type: argon2.ArgonType.Argon2id });
    return `${r.hashHex} ${r.encoded}`;
  },
  async wabt() {
    const wabt = await require('wabt')();
    const wat = '(module (func $fac (export "fac") (param i64) (result i64) local.get 0 i64.eqz if (result i64) i64.const 1 else local.get 0 local.get 0 i64.const 1 i64.sub call $fac i64.mul end) (memory 1) (data (i32.const 0) "hello"))';
    const m = wabt.parseWat('fac.wat', wat);
    m.validate();
    const bin = m.toBinary({ log: false, write_debug_names: true });
    return `${bin.buffer.length} bytes ${sha(bin.buffer)}`;
  },
  async 'lz4-wasm'() {
    const lz4 = await import(require.resolve('lz4-wasm/lz4_wasm.js'));
    const input = new TextEncoder().encode(sampleText(200_000));
    const packed = lz4.compress(input);
    const back = lz4.decompress(packed);
    return `${input.length} -> ${packed.length} bytes ${sha(packed)}, round trip ${sha(back) === sha(input)}`;
  },
  async photon() {
    const photon = await import(require.resolve('@silvia-odwyer/photon/photon_rs.js'));
    const w = 96, h = 64;
    const px = new Uint8Array(w * h * 4);
    for (let i = 0; i < px.length; i++) px[i] = (i * 31 + (i >> 7) * 17) & 255;
    const img = new photon.PhotonImage(px, w, h);
    photon.grayscale(img);
    photon.gaussian_blur(img, 2);
    const out = img.get_raw_pixels();
    return `${out.length} ${sha(out)}`;
  },
  async '@swc/wasm'() {
    const swc = require('@swc/wasm');
    const src = 'interface P { x: number; y?: string }\nexport const f = async (p: P): Promise<number> => p.x ?? 0;\nclass A<T> { constructor(private v: T) {} get(): T { return this.v } }\n';
    const r = swc.transformSync(src, { jsc: { parser: { syntax: 'typescript' }, target: 'es2015' } });
    return r.code;
  },
  async '@sqlite.org/sqlite-wasm'() {
    // A browser package: it reads `self.location`, so give it the browser globals it expects.
    const dir = require.resolve('@sqlite.org/sqlite-wasm/package.json').replace(/package\.json$/, 'sqlite-wasm/jswasm/');
    const g = globalThis as Record<string, unknown>;
    g.self = globalThis;
    g.location = new URL(`file://${dir}sqlite3.mjs`);
    const init = (await import(`${dir}sqlite3.mjs`)).default;
    const bytes = readFileSync(`${dir}sqlite3.wasm`);
    const sqlite3 = await init({
      print: () => {}, printErr: () => {},
      instantiateWasm(imports: WebAssembly.Imports, done: (i: WebAssembly.Instance, m: WebAssembly.Module) => void) {
        WebAssembly.instantiate(bytes, imports).then((r) => done(r.instance, r.module));
        return {};
      },
    });
    const db = new sqlite3.oo1.DB(':memory:');
    db.exec('create table t(a integer, b text, c real)');
    for (let i = 0; i < 500; i++) db.exec({ sql: 'insert into t values(?,?,?)', bind: [i * 7919 % 1000, `row${i}`, i / 7] });
    const rows = db.exec({ sql: 'select a % 10 as k, count(*), sum(a), round(avg(c), 6) from t group by k order by k', returnValue: 'resultRows' });
    db.close();
    return JSON.stringify(rows);
  },
};
