// A real browser: Debian's Chromium, headless, driven over the DevTools pipe (cdp.ts). A node:http
// server on 127.0.0.1 serves a page that loads purewasm/polyfill from the package's dist build and
// then an unmodified SQLite (@sqlite.org/sqlite-wasm); the test reads the rows from the page and
// compares them with SQLite on Node's native WebAssembly (test/realworld/child.js). Cases:
//   WebAssembly switched off (--js-flags=--jitless, as Safari's Lockdown Mode does: no JIT, no
//   WebAssembly; Chromium 156 ignores --noexpose_wasm, checked): the polyfill installs purewasm;
//   the same with a CSP that forbids eval: purewasm's automatic fallback to its interpreter;
//   WebAssembly on but refused by that CSP (no 'wasm-unsafe-eval'): the polyfill replaces it;
//   WebAssembly off, eval refused, and SQLite's precompiled code (purewasm/precompile) loaded by a
//   <script> first: every function runs compiled from it, none interpreted;
// Screenshots: test-results/browser.png (WebAssembly off), test-results/browser-csp.png (and eval off).
// Needs /usr/bin/chromium (apt-get install -y chromium; or PUREWASM_CHROMIUM=path).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { packedPackage, here, root } from './packed.js';
import { Browser } from './cdp.js';

const CHROMIUM = process.env.PUREWASM_CHROMIUM ?? '/usr/bin/chromium';
// CI (.ci/run installs Chromium) must run these tests; a developer machine without Chromium skips
// them with the reason, so `npm ci && npm test` works with only Node and npm.
const skip = !existsSync(CHROMIUM) && !process.env.CI ? `no Chromium at ${CHROMIUM} (apt-get install -y chromium)` : false;
const CSP = "script-src 'self'"; // neither 'unsafe-eval' nor 'wasm-unsafe-eval'
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html', '.map': 'application/json' };
const PAGE = (precompiled: boolean) => `<!doctype html><meta charset="utf-8"><title>purewasm: SQLite in the browser</title>
<h2>SQLite on purewasm (headless Chromium)</h2><pre id="out" style="font-size:16px">running…</pre>
<script src="/before.js"></script>${precompiled ? '<script src="/precompiled/sqlite3.wasm.js"></script>' : ''}<script type="module" src="/app.js"></script>`;

let server: Server;
let origin = '';
let pkg = '';
let nativeOutput = '';
let precompiledDir = '';
const results = join(root, 'test-results');

/** URL path → file, under the directories the page may read. */
function file(path: string): string | null {
  const mounts: [string, string][] = [
    ['/purewasm/', pkg],
    ['/sqlite/', join(root, 'node_modules/@sqlite.org/sqlite-wasm/sqlite-wasm/jswasm')],
    ['/app.js', join(here, 'page/app.js')],
    ['/precompiled/', precompiledDir],
  ];
  for (const [prefix, dir] of mounts) {
    if (!path.startsWith(prefix)) continue;
    const f = normalize(join(dir, path.slice(prefix.length)));
    return f.startsWith(dir) && existsSync(f) ? f : null;
  }
  return null;
}

before(async () => {
  if (skip) return;
  assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set PUREWASM_CHROMIUM)`);
  pkg = await packedPackage();
  // SQLite's code compiled ahead of time with the package's own purewasm/precompile.
  precompiledDir = mkdtempSync(join(tmpdir(), 'purewasm-precompiled-page-'));
  const { precompile } = (await import(join(pkg, 'dist/precompile.js'))) as typeof import('../../src/precompile.js');
  const wasm = readFileSync(join(root, 'node_modules/@sqlite.org/sqlite-wasm/sqlite-wasm/jswasm/sqlite3.wasm'));
  writeFileSync(join(precompiledDir, 'sqlite3.wasm.js'), precompile(new Uint8Array(wasm), 'sqlite3.wasm'));
  const child = spawnSync(process.execPath, [join(here, '../realworld/child.js'), '@sqlite.org/sqlite-wasm', 'native'], { encoding: 'utf8' });
  nativeOutput = JSON.parse(child.stdout.trim().split('\n').pop()!).output;
  assert.ok(nativeOutput?.startsWith('[['), `native SQLite run: ${child.stdout}${child.stderr}`);
  server = createServer((req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    if (path === '/plain/' || path === '/csp/' || path === '/csp-precompiled/') {
      if (path !== '/plain/') headers['content-security-policy'] = CSP;
      res.writeHead(200, { ...headers, 'content-type': 'text/html' }).end(PAGE(path === '/csp-precompiled/'));
    } else if (path === '/before.js') {
      res.writeHead(200, { ...headers, 'content-type': 'text/javascript' }).end('window.__before = typeof WebAssembly;');
    } else {
      const f = file(path);
      if (!f) res.writeHead(404).end();
      else res.writeHead(200, { ...headers, 'content-type': TYPES[extname(f)] ?? 'application/octet-stream' }).end(readFileSync(f));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.address();
  origin = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  mkdirSync(results, { recursive: true });
});

after(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

interface PageResult {
  ms?: number; before?: string; engine?: string; evaluation?: string; output?: string; error?: string;
  precompiled?: { hits: number; misses: number };
}
/** The fields compared (error first, so that a failing page shows its error). */
const seen = (r: PageResult) => ({ error: r.error, before: r.before, engine: r.engine, evaluation: r.evaluation, output: r.output });

/** Starts Chromium (WebAssembly exposed or not), loads each path, returns what each page reported. */
async function withBrowser(exposeWasm: boolean, paths: string[], screenshots: Record<string, string> = {}): Promise<Record<string, PageResult>> {
  const profile = mkdtempSync(join(tmpdir(), 'purewasm-chromium-'));
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic', '--disable-dev-shm-usage', `--user-data-dir=${profile}`,
    '--window-size=900,600', ...(exposeWasm ? [] : ['--js-flags=--jitless']), 'about:blank'];
  const browser = new Browser(CHROMIUM, flags);
  const out: Record<string, PageResult> = {};
  try {
    for (const path of paths) {
      const session = await browser.newPage();
      const logs: string[] = [];
      browser.onEvent((m) => {
        if (m.sessionId === session && m.method === 'Runtime.exceptionThrown') logs.push(JSON.stringify(m.params).slice(0, 500));
      });
      const t0 = performance.now();
      await browser.send('Page.navigate', { url: origin + path }, session);
      let r: PageResult | undefined;
      for (let i = 0; i < 400 && !r; i++) {
        r = (await browser.evaluate(session, 'window.__result')) as PageResult | undefined;
        if (!r) await new Promise((res) => setTimeout(res, 100));
      }
      out[path] = { ...(r ?? { error: `no result after 40 s; ${logs.join('; ')}` }), ms: Math.round(performance.now() - t0) };
      if (screenshots[path]) {
        const { data } = await browser.send<{ data: string }>('Page.captureScreenshot', { format: 'png' }, session);
        writeFileSync(join(results, screenshots[path]), Buffer.from(data, 'base64'));
      }
    }
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return out;
}

test('Chromium with WebAssembly switched off: SQLite runs on purewasm/polyfill, with and without eval', { skip }, async (t) => {
  const r = await withBrowser(false, ['/plain/', '/csp/', '/csp-precompiled/'], { '/plain/': 'browser.png', '/csp/': 'browser-csp.png' });
  t.diagnostic(`page load to rows: ${r['/plain/'].ms} ms (compile tier), ${r['/csp/'].ms} ms (eval refused: interpreter), ` +
    `${r['/csp-precompiled/'].ms} ms (eval refused, precompiled code)`);
  t.diagnostic(`screenshots: ${join(results, 'browser.png')}, ${join(results, 'browser-csp.png')}`);
  assert.deepEqual(seen(r['/plain/']), { error: undefined, before: 'undefined', engine: 'purewasm', evaluation: 'allowed', output: nativeOutput });
  // eval refused as well: the compile tier cannot run, the interpreter tier does (engine 'auto').
  assert.deepEqual(seen(r['/csp/']), { error: undefined, before: 'undefined', engine: 'purewasm', evaluation: 'refused', output: nativeOutput });
  // and with SQLite's precompiled code: every function compiled from the file, none interpreted.
  const pre = r['/csp-precompiled/'];
  assert.deepEqual(seen(pre), { error: undefined, before: 'undefined', engine: 'purewasm', evaluation: 'refused', output: nativeOutput });
  assert.ok(pre.precompiled!.hits > 100 && pre.precompiled!.misses === 0, JSON.stringify(pre.precompiled));
  t.diagnostic(`precompiled code: ${pre.precompiled!.hits} functions from the file, ${pre.precompiled!.misses} without`);
});

// (That a usable native WebAssembly is kept is package.test.ts's to check, on Node.)
test('Chromium with WebAssembly on but refused by the CSP: the polyfill replaces it', { skip }, async (t) => {
  const r = await withBrowser(true, ['/csp/']);
  t.diagnostic(`page load to rows: ${r['/csp/'].ms} ms`);
  assert.deepEqual(seen(r['/csp/']), { error: undefined, before: 'object', engine: 'purewasm', evaluation: 'refused', output: nativeOutput });
});
