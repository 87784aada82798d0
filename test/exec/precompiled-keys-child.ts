// Prints the source keys (exec/compile/precompiled.ts) of every function of the valid modules of
// testsuite-bin, one line per module. With the argument `polluted`, first compiles a module that
// registers other canonical types, so that the ids the process gives the testsuite's types differ:
// generated code must not depend on them, or a precompiled file would match only in the process
// that made it.
import { binWastFiles, binaryModules } from '../util/wast-binaries.js';
import { compileModule } from '../../src/valid/index.js';
import { functionSource } from '../../src/exec/compile/index.js';
import { sourceKey } from '../../src/exec/compile/precompiled.js';
import { parseModule } from '../../src/text/parse.js';

if (process.argv[2] === 'polluted') {
  const types = Array.from({ length: 40 }, (_, k) => `(type (func (param ${'i64 '.repeat(k % 7 + 1)}) (result ${k % 2 ? 'f32' : 'f64'})))`).join(' ');
  compileModule(parseModule(`(module (rec (type (struct (field i8)))) (type (array f32)) ${types})`));
}
const out: string[] = [];
for (const file of binWastFiles()) {
  for (const m of binaryModules(file)) {
    if (m.kind !== 'module') continue;
    let mod;
    try {
      mod = compileModule(m.bytes);
    } catch {
      continue; // modules that are valid only with a registered import's types, and so on
    }
    const keys: string[] = [];
    for (let i = mod.numImportedFuncs; i < mod.funcs.length; i++) {
      try {
        keys.push(sourceKey(functionSource(mod, i)));
      } catch {
        keys.push('uncompilable');
      }
    }
    out.push(keys.join(' '));
  }
}
console.log(out.join('\n'));
