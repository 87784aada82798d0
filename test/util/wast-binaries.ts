// Pulls the binary modules out of a `.bin.wast` script without a full script parser: good enough for
// corpus building (fuzzing, decode/validate sweeps). Each module is tagged with the assertion around it.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const SHARED = new URL('../../../../shared/', import.meta.url).pathname;
export const TESTSUITE_BIN = join(SHARED, 'spec/testsuite-bin');

export type BinaryKind = 'module' | 'invalid' | 'malformed' | 'unlinkable' | 'uninstantiable';

export interface BinaryModule {
  file: string;
  kind: BinaryKind;
  bytes: Uint8Array;
}

/** All `.bin.wast` files: the top-level ones and custom/. */
export function binWastFiles(): string[] {
  const top = readdirSync(TESTSUITE_BIN).filter((f) => f.endsWith('.bin.wast')).map((f) => join(TESTSUITE_BIN, f));
  const custom = join(TESTSUITE_BIN, 'custom');
  return [...top, ...readdirSync(custom).filter((f) => f.endsWith('.bin.wast')).map((f) => join(custom, f))].sort();
}

function decodeString(s: string, out: number[]): void {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5c) {
      const n = s[i + 1];
      if (/[0-9a-fA-F]/.test(n)) {
        out.push(parseInt(s.slice(i + 1, i + 3), 16));
        i += 2;
      } else {
        const esc: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, "'": 39, '\\': 92 };
        out.push(esc[n] ?? n.charCodeAt(0));
        i += 1;
      }
    } else if (c < 0x80) out.push(c);
    else for (const b of new TextEncoder().encode(s[i])) out.push(b);
  }
}

/** Binary modules of one script, with the assertion (if any) that encloses each. */
export function binaryModules(file: string): BinaryModule[] {
  const text = readFileSync(file, 'utf8');
  const result: BinaryModule[] = [];
  const re = /\(module(?:\s+definition)?(?:\s+\$[^\s()]+)?\s+binary((?:\s+"(?:[^"\\]|\\.)*")*)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const assert = /\((assert_\w+)\s*$/.exec(before)?.[1];
    const kind: BinaryKind =
      assert === 'assert_invalid' ? 'invalid'
        : assert === 'assert_malformed' ? 'malformed'
          : assert === 'assert_unlinkable' ? 'unlinkable'
            : assert === 'assert_uninstantiable' ? 'uninstantiable' : 'module';
    const bytes: number[] = [];
    for (const s of m[1].matchAll(/"((?:[^"\\]|\\.)*)"/g)) decodeString(s[1], bytes);
    result.push({ file, kind, bytes: Uint8Array.from(bytes) });
  }
  return result;
}
