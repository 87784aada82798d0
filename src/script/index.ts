// .wast scripts (the spec testsuite's script language): parse, run against purewasm or the host's
// native WebAssembly, and report each check as passed, failed (with why) or not yet run.
//
//   const report = runScriptSource(source, contractEngine({ parseText: parseModule }));
//   report.passed / report.failed / report.notRun; report.checks[i] = { line, command, outcome, reason }

export type * from './ast.js';
export { parseScript } from './parse.js';
export { runScript, runScriptSource, summarize, type CheckResult, type Outcome, type RunOptions, type ScriptReport } from './runner.js';
export { HostRef, NotSupported, type ScriptEngine, type Observed, type Failure, type ExportInfo, type ImportInfo, type RefCategory } from './engine.js';
export { contractEngine, type ContractEngineOptions } from './contract-engine.js';
export { nativeEngine, type NativeEngineOptions } from './native-engine.js';
export { matches, mismatch, showPattern, showObserved } from './match.js';
export { parseF32Bits, parseF64Bits, parseInt32, parseInt64, parseIntN } from './numbers.js';
