// The runner against a fake engine whose behaviour is chosen by the module's bytes (a keyword), so
// every outcome path — passed, failed with a reason, not run — is exercised without a real engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runScriptSource, type ScriptReport } from '../../src/script/runner.js';
import type { ExportInfo, Failure, Observed, ScriptEngine } from '../../src/script/engine.js';
import type { Const } from '../../src/script/ast.js';
import { CompileError, LinkError, RuntimeError } from '../../src/api/errors.js';
import { EXTERNAL_FUNC, EXTERNAL_GLOBAL } from '../../src/syntax/types.js';

class Exn extends Error {}
class Nyi extends Error {
  override name = 'NotYetImplemented';
}

function fakeEngine(parseText?: (s: string) => Uint8Array): ScriptEngine & { instantiated: string[] } {
  const instantiated: string[] = [];
  const fn = (name: string): ExportInfo => ({ kind: EXTERNAL_FUNC, value: name });
  return {
    name: 'fake',
    instantiated,
    parseText,
    compile(bytes) {
      const text = new TextDecoder().decode(bytes);
      if (text === 'bad') throw new CompileError('bad module');
      if (text === 'crash') throw new TypeError('decoder bug');
      return text;
    },
    imports: (m) => ((m as string).startsWith('import:') ? [{ module: (m as string).slice(7), name: 'x', kind: EXTERNAL_FUNC }] : []),
    instantiate(m, imports) {
      const text = m as string;
      if (text === 'unlinkable') throw new LinkError('incompatible import type');
      if (text === 'trap') throw new RuntimeError('out of bounds memory access');
      if (text === 'nyi') throw new Nyi('instruction v128.any_true');
      instantiated.push(text);
      const x = new Map<string, ExportInfo>([['add', fn('add')], ['div', fn('div')], ['loop', fn('loop')], ['throw', fn('throw')],
        ['simd', fn('simd')], ['bug', fn('bug')], ['g', { kind: EXTERNAL_GLOBAL, value: 7 }]]);
      if (imports.length > 0) x.set('x', { kind: EXTERNAL_FUNC, value: imports[0] });
      return x;
    },
    invoke(f, args: Const[]): Observed[] {
      switch (f) {
        case 'add': return [{ type: 'i32', value: ((args[0] as any).value + (args[1] as any).value) | 0 }];
        case 'div': throw new RuntimeError('integer divide by zero');
        case 'loop': throw new RangeError('Maximum call stack size exceeded');
        case 'throw': throw new Exn('wasm exception');
        case 'simd': throw new Nyi('simd');
        case 'bug': throw new TypeError('x is undefined');
        default: return [];
      }
    },
    getGlobal: (g) => ({ type: 'i32', value: g as number }),
    spectest: () => new Map([['print', fn('print')], ['x', fn('print')]]),
    classify(e): Failure {
      const message = (e as Error).message;
      if (e instanceof CompileError) return { kind: 'compile', message };
      if (e instanceof LinkError) return { kind: 'link', message };
      if (e instanceof RuntimeError) return { kind: 'trap', message };
      if (e instanceof RangeError) return { kind: 'exhaustion', message };
      if (e instanceof Exn) return { kind: 'exception', message };
      if (e instanceof Nyi) return { kind: 'unsupported', message };
      return { kind: 'other', message: `${(e as Error).name}: ${message}` };
    },
  };
}

const outcomes = (r: ScriptReport) => r.checks.map((c) => `${c.line} ${c.outcome}${c.reason ? `: ${c.reason}` : ''}`);

test('every assertion kind passes when the engine behaves', () => {
  const r = runScriptSource(`(module binary "m")
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
(assert_return (get "g") (i32.const 7))
(assert_trap (invoke "div") "integer divide")
(assert_trap (invoke "div") "integer divide by zero, really")
(assert_exhaustion (invoke "loop") "call stack exhausted")
(assert_exception (invoke "throw"))
(assert_malformed (module binary "bad") "x")
(assert_invalid (module binary "bad") "x")
(assert_unlinkable (module binary "unlinkable") "incompatible")
(assert_unlinkable (module binary "import:nowhere") "unknown import")
(assert_uninstantiable (module binary "trap") "out of bounds")
(assert_trap (module binary "trap") "out of bounds memory access")
(invoke "add" (i32.const 1) (i32.const 1))`, fakeEngine());
  assert.deepEqual([r.passed, r.failed, r.notRun], [14, 0, 0], outcomes(r).join('\n'));
});

test('failures say where and why', () => {
  const r = runScriptSource(`(module binary "m")
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 4))
(assert_trap (invoke "add" (i32.const 1) (i32.const 2)) "unreachable")
(assert_trap (invoke "div") "unreachable")
(assert_malformed (module binary "m") "x")
(assert_malformed (module binary "crash") "x")
(assert_return (invoke "bug"))
(assert_return (invoke "nope"))
(assert_unlinkable (module binary "m") "x")
(assert_exception (invoke "div"))`, fakeEngine());
  assert.deepEqual(outcomes(r), [
    '1 passed',
    '2 failed: result 0: expected (i32.const 4), got (i32.const 3)',
    '3 failed: returned (i32.const 3)',
    '4 failed: expected trap "unreachable", got "integer divide by zero"',
    '5 failed: module compiled, expected "x"',
    '6 failed: expected compile, got other TypeError: decoder bug',
    '7 failed: threw: other TypeError: x is undefined',
    '8 failed: unknown export "nope"',
    '9 failed: module instantiated',
    '10 failed: expected exception, got trap integer divide by zero',
  ]);
});

test('unsupported features, text modules and their dependants are not run, never passed', () => {
  const r = runScriptSource(`(module $a binary "m")
(assert_return (invoke "simd"))
(module $n binary "nyi")
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
(assert_return (invoke $a "add" (i32.const 1) (i32.const 2)) (i32.const 3))
(register "n" $n)
(module binary "import:n")
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
(module (func))
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
(assert_malformed (module quote "(func") "unclosed")`, fakeEngine());
  assert.deepEqual(outcomes(r), [
    '1 passed',
    '2 not run: engine: simd',
    '3 not run: engine: instruction v128.any_true',
    '4 not run: engine: instruction v128.any_true',
    '5 passed',
    '6 not run: engine: instruction v128.any_true',
    '7 not run: engine: instruction v128.any_true',
    '8 not run: engine: instruction v128.any_true',
    '9 not run: text: no WAT parser',
    '10 not run: text: no WAT parser',
    '11 not run: text: no WAT parser',
  ]);
});

test('a module that fails makes its users fail, naming it', () => {
  const r = runScriptSource(`(module $m binary "bad")
(assert_return (invoke $m "add" (i32.const 1) (i32.const 2)) (i32.const 3))
(register "m" $m)
(module binary "import:m")`, fakeEngine());
  assert.equal(r.failed, 4);
  assert.equal(r.checks[0].reason, 'module failed to compile: compile bad module');
  assert.equal(r.checks[1].reason, 'module of line 1 unavailable: module failed to compile: compile bad module');
  assert.equal(r.checks[3].reason, 'module of line 1 unavailable: module failed to compile: compile bad module');
});

test('definitions, instances, registration and imports', () => {
  const e = fakeEngine();
  const r = runScriptSource(`(module definition $d binary "import:spectest")
(module instance $i1 $d)
(module instance)
(register "r" $i1)
(module binary "import:r")
(assert_return (invoke $i1 "add" (i32.const 2) (i32.const 2)) (i32.const 4))
(assert_return (invoke $i2 "add" (i32.const 2) (i32.const 2)) (i32.const 4))
(module instance $x $nope)`, e);
  assert.deepEqual(outcomes(r).slice(0, 6), ['1 passed', '2 passed', '3 passed', '4 passed', '5 passed', '6 passed']);
  assert.deepEqual(outcomes(r).slice(6), ['7 failed: unknown module i2', '8 failed: unknown module definition nope']);
  assert.deepEqual(e.instantiated, ['import:spectest', 'import:spectest', 'import:r']);
});

test('text modules go through the engine\'s WAT parser; its errors make assert_malformed pass', async () => {
  const { TextError } = await import('../../src/text/lexer.js');
  const seen: string[] = [];
  const e = fakeEngine((s) => {
    seen.push(s);
    if (s.includes('oops')) throw new TextError(1, 2, 'unexpected token');
    return new TextEncoder().encode(s.includes('invalid') ? 'bad' : 'm');
  });
  const r = runScriptSource(`(module $m (func) (export "f" (func 0)))
(assert_malformed (module quote "oops") "unexpected token")
(assert_invalid (module quote "invalid") "type mismatch")
(assert_malformed (module quote "fine") "x")
(assert_malformed (module quote "\\ff") "malformed UTF-8")
(assert_invalid (module quote "oops") "type mismatch")
(assert_malformed_custom (module quote "oops") "bad annotation")
(assert_malformed_custom (module quote "fine") "bad annotation")`, e);
  assert.deepEqual(outcomes(r), [
    '1 passed', '2 passed', '3 passed', '4 failed: text parsed, expected malformed "x"', '5 passed',
    '6 failed: the text parser rejected a well-formed module: 1:2: unexpected token',
    '7 passed', '8 failed: module parsed, expected "bad annotation"',
  ]);
  assert.equal(seen[0], '(module (func) (export "f" (func 0)))');
});

test('a script that does not parse is one failed check at the error line', () => {
  const r = runScriptSource('(module binary "m")\n(assert_return (invoke "f") (i32.const 1x))', fakeEngine());
  assert.deepEqual([r.passed, r.failed], [0, 1]);
  assert.equal(r.checks[0].line, 2);
});
