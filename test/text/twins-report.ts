// Compares every text module of the testsuite with its binary twin and tallies the outcome:
//  identical   same bytes (after writing section and body sizes in their shortest form: the
//              reference interpreter pads them to 5 bytes);
//  equivalent  identical once the implicit function types (type uses without `(type x)`) are put in
//              the reference interpreter's order, which is not the order of appearance the spec
//              prescribes;
//  annotated   identical once the custom sections of its `@custom` annotations are taken out (the
//              reference interpreter's conversion drops annotations);
//  differing   anything else (listed);  failed  the text module was rejected.
// And every `assert_malformed (module quote …)` of every text script must be rejected.
// Run directly (node BUILD/test/text/twins-report.js [-v] [filter]) for the listing.
import { relative } from 'node:path';
import { parseModule, parseModuleNode, parseModuleAst } from '../../src/text/parse.js';
import { printBinary } from '../../src/text/print.js';
import { encodeModule } from '../../src/binary/encode.js';
import { headIndex } from '../../src/text/cursor.js';
import { Reader } from '../../src/binary/reader.js';
import { readValType, readStorageType, type TypeSpace } from '../../src/binary/valtype.js';
import { KIND_FUNC, type FuncType, type ValType } from '../../src/syntax/types.js';
import { scriptModules, twinBinaries, twinFiles, read, normalizeSizes, sameBytes, allTextScripts, withoutCustomSections, TESTSUITE } from './twins.js';
import type { SList } from '../../src/text/sexpr.js';

export interface TwinReport {
  identical: number;
  equivalent: string[];
  annotated: string[];
  differing: string[];
  failed: string[];
  unpaired: string[];
  malformedRejected: number;
  malformedAccepted: string[];
  /** Text modules without a twin (legacy/, proposals/) that parse: re-printed and re-parsed. */
  reprinted: number;
  reprintDiffering: string[];
}

/** The sub types of a binary module's type section, flattened: function types, or null for others. */
function typeSection(bytes: Uint8Array): (FuncType | null)[] {
  const r = new Reader(bytes, 8);
  while (!r.eof()) {
    const id = r.u8();
    const size = r.u32();
    if (id !== 1) {
      r.pos += size;
      continue;
    }
    const space: TypeSpace = { map: null, count: 0x7fffffff };
    const out: (FuncType | null)[] = [];
    const valTypes = (): ValType[] => Array.from({ length: r.u32() }, () => readValType(r, space));
    const sub = (): void => {
      let b = r.u8();
      if (b === 0x50 || b === 0x4f) {
        for (let n = r.u32(); n > 0; n--) r.u32();
        b = r.u8();
      }
      if (b === 0x60) out.push({ kind: KIND_FUNC, params: valTypes(), results: valTypes() });
      else {
        for (let n = b === 0x5f ? r.u32() : 1; n > 0; n--) {
          readStorageType(r, space);
          r.u8();
        }
        out.push(null);
      }
    };
    for (let n = r.u32(); n > 0; n--) {
      if (r.bytes[r.pos] === 0x4e) {
        r.pos++;
        for (let k = r.u32(); k > 0; k--) sub();
      } else sub();
    }
    return out;
  }
  return [];
}

/** Whether `node` encodes to `expected` once its implicit types take the order they have there. */
function sameUpToImplicitOrder(node: SList, expected: Uint8Array): boolean {
  try {
    const m = parseModuleAst(node);
    const implicit = typeSection(expected).slice(m.implicitTypesFrom);
    if (implicit.some((t) => t === null)) return false;
    const again = encodeModule(parseModuleAst(node, implicit as FuncType[]));
    return sameBytes(normalizeSizes(again), expected);
  } catch {
    return false;
  }
}

export function twinReport(filter = ''): TwinReport {
  // Each script is lexed once: the twin comparison and the malformed check share it.
  const cache = new Map<string, ReturnType<typeof scriptModules>>();
  const modulesOf = (path: string): ReturnType<typeof scriptModules> => {
    let m = cache.get(path);
    if (!m) cache.set(path, (m = scriptModules(read(path))));
    return m;
  };
  const r: TwinReport = {
    identical: 0, equivalent: [], annotated: [], differing: [], failed: [], unpaired: [], malformedRejected: 0, malformedAccepted: [],
    reprinted: 0, reprintDiffering: [],
  };
  for (const [textPath, binPath] of twinFiles()) {
    if (!textPath.includes(filter)) continue;
    const name = relative(TESTSUITE, textPath);
    const text = modulesOf(textPath).modules;
    const bin = twinBinaries(read(binPath));
    if (text.length !== bin.length) {
      r.unpaired.push(`${name}: ${text.length} text modules, ${bin.length} binary`);
      continue;
    }
    for (let i = 0; i < text.length; i++) {
      const where = `${name}:${text[i].line}`;
      const expected = normalizeSizes(bin[i]);
      let got: Uint8Array;
      try {
        const m = parseModuleNode(text[i]);
        if (m.form === 'binary') continue;
        got = m.bytes;
      } catch (e) {
        r.failed.push(`${where}: ${(e as Error).message}`);
        continue;
      }
      if (sameBytes(normalizeSizes(got), expected)) r.identical++;
      else if (sameBytes(normalizeSizes(withoutCustomSections(got)), expected)) r.annotated.push(where);
      else if (sameUpToImplicitOrder(text[i], expected)) r.equivalent.push(where);
      else r.differing.push(where);
    }
  }
  for (const path of allTextScripts()) {
    if (!path.includes(filter)) continue;
    if (path.includes('/legacy/') || path.includes('/proposals/')) {
      for (const m of modulesOf(path).modules) {
        let bytes: Uint8Array;
        try {
          const parsed = parseModuleNode(m);
          if (parsed.form === 'binary') continue;
          bytes = parsed.bytes;
        } catch {
          continue; // proposals beyond 3.0 (threads, custom descriptors, wide arithmetic)
        }
        if (sameBytes(parseModule(printBinary(bytes)), bytes)) r.reprinted++;
        else r.reprintDiffering.push(`${relative(TESTSUITE, path)}:${m.line}`);
      }
    }
    for (const m of modulesOf(path).malformed) {
      const w = m.items[headIndex(m) + 1];
      if (w?.kind !== 'keyword' || w.text !== 'quote') continue;
      try {
        parseModuleNode(m);
        r.malformedAccepted.push(`${relative(TESTSUITE, path)}:${m.line}`);
      } catch {
        r.malformedRejected++;
      }
    }
  }
  return r;
}

if (process.argv[1]?.endsWith('twins-report.js')) {
  const verbose = process.argv.includes('-v');
  const filter = process.argv.slice(2).find((a) => a !== '-v') ?? '';
  const t0 = performance.now();
  const r = twinReport(filter);
  const ms = Math.round(performance.now() - t0);
  console.log(`identical ${r.identical}, equivalent ${r.equivalent.length}, differing ${r.differing.length}, failed ${r.failed.length}, unpaired files ${r.unpaired.length}; malformed rejected ${r.malformedRejected}, accepted ${r.malformedAccepted.length}; reprinted ${r.reprinted}, differing ${r.reprintDiffering.length} (${ms} ms)`);
  if (verbose) {
    const lists: [string, string[]][] = [['unpaired', r.unpaired], ['failed', r.failed], ['equivalent', r.equivalent], ['annotated', r.annotated], ['differs', r.differing], ['accepted', r.malformedAccepted], ['reprint differs', r.reprintDiffering]];
    for (const [what, l] of lists) for (const x of l) console.log(`${what} ${x}`);
  }
}
