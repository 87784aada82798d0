// validate() throughput on real large modules: purewasm against native V8 in the same run.
import { WebAssembly as PureWasm } from '../src/index.js';
import { minTime, nativeWasm, packageFile, ratio, table } from './common.js';

const MODULES: [string, string, string][] = [
  ['@swc/wasm (Rust, 18 MB)', '@swc/wasm', 'wasm_bg.wasm'],
  ['photon (Rust, 1 MB)', '@silvia-odwyer/photon', 'photon_rs_bg.wasm'],
  ['sqlite3 (C, 0.9 MB)', '@sqlite.org/sqlite-wasm', 'sqlite-wasm/jswasm/sqlite3.wasm'],
];

export function benchValidate(): string {
  const rows = [['module', 'purewasm MB/s', 'native MB/s', 'purewasm / native time']];
  for (const [label, pkg, file] of MODULES) {
    const bytes = packageFile(pkg, file);
    const mb = bytes.length / 1e6;
    if (!PureWasm.validate(bytes)) throw new Error(`purewasm rejects ${label}`);
    const pure = minTime(() => PureWasm.validate(bytes), 3);
    const nw = nativeWasm;
    const native = nw ? minTime(() => nw.validate(bytes as Uint8Array<ArrayBuffer>), 3) : NaN;
    rows.push([label, (mb / (pure / 1000)).toFixed(1), (mb / (native / 1000)).toFixed(1), ratio(pure, native)]);
  }
  return table(rows);
}
