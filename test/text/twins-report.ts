// Compares every text module of the testsuite with its binary twin and tallies the outcome; run
// directly (node .build-X/test/text/twins-report.js [-v] [file-filter]) for a per-module listing.
import { basename, relative } from 'node:path';
import { parseModuleNode } from '../../src/text/parse.js';
import { headIndex } from '../../src/text/cursor.js';
import { scriptModules, twinFiles, read, normalizeSizes, sameBytes, allTextScripts, TESTSUITE } from './twins.js';

export interface TwinReport {
  identical: number;
  differing: string[];
  failed: string[];
  unpaired: string[];
  malformedRejected: number;
  malformedAccepted: string[];
}

export function twinReport(filter = ''): TwinReport {
  const r: TwinReport = { identical: 0, differing: [], failed: [], unpaired: [], malformedRejected: 0, malformedAccepted: [] };
  for (const [textPath, binPath] of twinFiles()) {
    if (!textPath.includes(filter)) continue;
    const text = scriptModules(read(textPath)).modules;
    const bin = scriptModules(read(binPath)).modules;
    const name = basename(textPath);
    if (text.length !== bin.length) {
      r.unpaired.push(`${name}: ${text.length} text modules, ${bin.length} binary`);
      continue;
    }
    for (let i = 0; i < text.length; i++) {
      const where = `${name}:${text[i].line}`;
      const expected = parseModuleNode(bin[i]).bytes;
      let got: Uint8Array;
      try {
        const m = parseModuleNode(text[i]);
        if (m.form === 'binary') continue;
        got = m.bytes;
      } catch (e) {
        r.failed.push(`${where}: ${(e as Error).message}`);
        continue;
      }
      if (sameBytes(normalizeSizes(got), normalizeSizes(expected))) r.identical++;
      else r.differing.push(where);
    }
  }
  for (const path of allTextScripts()) {
    if (!path.includes(filter)) continue;
    for (const m of scriptModules(read(path)).malformed) {
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
  console.log(`identical ${r.identical}, differing ${r.differing.length}, failed ${r.failed.length}, unpaired files ${r.unpaired.length}; malformed rejected ${r.malformedRejected}, accepted ${r.malformedAccepted.length} (${ms} ms)`);
  if (verbose) for (const l of [...r.unpaired, ...r.failed, ...r.differing.map((d) => `differs ${d}`), ...r.malformedAccepted.map((d) => `accepted ${d}`)]) console.log(l);
}
