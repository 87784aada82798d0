// The page's program (served to the browser as /app.js by test/pkg/browser.test.ts): load the
// polyfill from the package's dist build, then an unmodified SQLite (@sqlite.org/sqlite-wasm, which
// instantiates its .wasm with WebAssembly.instantiateStreaming), run the same statements as
// test/realworld's SQLite workload, show the rows and leave them in window.__result for the test.
const w = window as unknown as { __before: string; __result: unknown };
const show = (text: string) => {
  document.getElementById('out')!.textContent = text;
};

// Where a precompiled-code file was loaded first (purewasm/precompile): count the functions that
// found their code in it and those that did not (and were interpreted).
const registry = (globalThis as unknown as Record<symbol, Map<string, unknown> | undefined>)[Symbol.for('purewasm.precompiled')];
const precompiled = registry ? { hits: 0, misses: 0 } : undefined;
if (registry) {
  const get = registry.get.bind(registry);
  registry.get = (key: string) => {
    const f = get(key);
    if (f) precompiled!.hits++;
    else precompiled!.misses++;
    return f;
  };
}

try {
  const polyfill = '/purewasm/dist/polyfill.js';
  const sqlite = '/sqlite/sqlite3.mjs';
  await import(polyfill);
  const init = (await import(sqlite)).default;
  const sqlite3 = await init({ print: () => {}, printErr: () => {} });
  const db = new sqlite3.oo1.DB(':memory:');
  db.exec('create table t(a integer, b text, c real)');
  db.exec('begin');
  for (let i = 0; i < 500; i++) db.exec({ sql: 'insert into t values(?,?,?)', bind: [i * 7919 % 1000, `row${i}`, i / 7] });
  db.exec('commit');
  const rows = db.exec({ sql: 'select a % 10 as k, count(*), sum(a), round(avg(c), 6) from t group by k order by k', returnValue: 'resultRows' });
  db.close();
  const output = JSON.stringify(rows);
  const engine = String(Object.getOwnPropertyDescriptor(globalThis, 'WebAssembly')?.value?.Module).includes('[native code]') ? 'native' : 'purewasm';
  let evaluation = 'allowed';
  try {
    new Function('return 1');
  } catch {
    evaluation = 'refused';
  }
  w.__result = { before: w.__before, engine, evaluation, version: sqlite3.version.libVersion, output, precompiled };
  show(`WebAssembly at load: ${w.__before}; ran on: ${engine}; eval ${evaluation}\nSQLite ${sqlite3.version.libVersion}\n` +
    rows.map((r: unknown[]) => r.join('\t')).join('\n'));
} catch (e) {
  w.__result = { error: String((e as Error)?.stack ?? e) };
  show(`error: ${String(e)}`);
}
