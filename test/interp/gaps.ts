// What the interpreter does not run yet: instructions of proposals it has not followed the compile
// tier into (GC, SIMD). A script that reaches one is compared with nothing (the checks after a
// skipped action may depend on it); the tests list such scripts and the instructions, and fail if
// any other instruction is missing.

const FOLLOW_LATER = /^(struct\.|array\.|i31\.|ref\.i31|ref\.cast|ref\.test|br_on_cast|any\.convert|extern\.convert|v128\.|[if](8x16|16x8|32x4|64x2)\.)/;
const MISSING = /not yet implemented: instruction (\S+) in the interpreter/;

/** The instructions the interpreter reported missing, from not-run reasons. */
export function missingInstructions(reasons: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const r of reasons) {
    const m = MISSING.exec(r);
    if (m) out.add(m[1]);
  }
  return [...out];
}

/** Missing instructions that are not of a proposal the interpreter is yet to follow. */
export function unexpectedGaps(names: Iterable<string>): string[] {
  return [...names].filter((n) => !FOLLOW_LATER.test(n));
}
