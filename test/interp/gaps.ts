// The interpreter reports an instruction it does not run as "not yet implemented: instruction X in
// the interpreter" (translate.ts); the spec tests list any such instruction as a difference from
// the compile tier. It follows every proposal the compile tier runs, so none is expected.

const MISSING = /not yet implemented: instruction (\S+) in the interpreter/;

/** The instructions the interpreter reported missing, from not-run or failure reasons. */
export function missingInstructions(reasons: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const r of reasons) {
    const m = MISSING.exec(r);
    if (m) out.add(m[1]);
  }
  return [...out];
}

/** The scripts both spec tests run on the interpreter: testsuite-bin and the legacy exception
 *  handling scripts (text only: the binary suite has no legacy instructions). */
export function interpScripts(names: string[], filter: string[]): string[] {
  return names.filter((n) => (n.endsWith('.bin.wast') || n.startsWith('legacy/')) && (filter.length === 0 || filter.some((f) => n.includes(f))));
}
