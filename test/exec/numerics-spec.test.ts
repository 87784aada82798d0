// The official testsuite's numeric scripts, run on exec/numerics through a minimal straight-line
// evaluator (numerics-eval.ts): every assert_return and assert_trap whose module it accepts must
// pass, with the spec's NaN patterns and trap messages (expected message = prefix of ours).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScript } from '../../src/script/parse.js';
import { mismatch } from '../../src/script/match.js';
import type { Const } from '../../src/script/ast.js';
import type { Observed } from '../../src/script/engine.js';
import { RuntimeError } from '../../src/api/errors.js';
import { loadModule, invoke, Unsupported, type Module, type Val, type VTy } from './numerics-eval.js';

const DIR = new URL('../../../../shared/spec/testsuite-bin/', import.meta.url).pathname;
// Scripts whose modules are (almost all) straight-line numeric code, with the number of assertions
// each checks today as a floor, so that a broken evaluator cannot pass by skipping everything.
const FILES: Record<string, number> = {
  'i32': 374, 'i64': 384, 'f32': 2500, 'f64': 2500, 'f32_bitwise': 360, 'f64_bitwise': 360, 'f32_cmp': 2400,
  'f64_cmp': 2400, 'conversions': 593, 'float_misc': 470, 'float_literals': 99, 'int_literals': 8,
  'const': 300, 'float_exprs': 717, 'int_exprs': 89, 'i16x8_relaxed_q15mulr_s': 2,
  'i8x16_relaxed_swizzle': 5, 'relaxed_dot_product': 10, 'relaxed_laneselect': 11, 'relaxed_madd_nmadd': 17,
  'relaxed_min_max': 24, 'simd_bit_shift': 187, 'simd_bitwise': 126, 'simd_boolean': 79, 'simd_const': 222,
  'simd_conversions': 232, 'simd_f32x4': 772, 'simd_f32x4_arith': 1803, 'simd_f32x4_cmp': 2568,
  'simd_f32x4_pmin_pmax': 3872, 'simd_f32x4_rounding': 176, 'simd_f64x2': 793, 'simd_f64x2_arith': 1806,
  'simd_f64x2_cmp': 2646, 'simd_f64x2_pmin_pmax': 3872, 'simd_f64x2_rounding': 176, 'simd_i16x8_arith': 181,
  'simd_i16x8_arith2': 151, 'simd_i16x8_cmp': 420, 'simd_i16x8_extadd_pairwise_i8x16': 16,
  'simd_i16x8_extmul_i8x16': 104, 'simd_i16x8_q15mulr_sat_s': 26, 'simd_i16x8_sat_arith': 204,
  'simd_i32x4_arith': 181, 'simd_i32x4_arith2': 121, 'simd_i32x4_cmp': 420, 'simd_i32x4_dot_i16x8': 28,
  'simd_i32x4_extadd_pairwise_i16x8': 16, 'simd_i32x4_extmul_i16x8': 104, 'simd_i32x4_trunc_sat_f32x4': 102,
  'simd_i32x4_trunc_sat_f64x2': 102, 'simd_i64x2_arith': 187, 'simd_i64x2_arith2': 21, 'simd_i64x2_cmp': 102,
  'simd_i64x2_extmul_i32x4': 104, 'simd_i8x16_arith': 121, 'simd_i8x16_arith2': 184, 'simd_i8x16_cmp': 400,
  'simd_i8x16_sat_arith': 188, 'simd_int_to_int_extend': 228, 'simd_lane': 260, 'simd_select': 6,
  'simd_splat': 145,
};

function bits(c: Const): Val {
  switch (c.type) {
    case 'v128': return c.bytes.slice();
    case 'i32': case 'i64': return c.value;
    case 'f32': return c.bits | 0;
    case 'f64': return BigInt.asIntN(64, c.bits);
    default: throw new Unsupported(c.type);
  }
}

function observed(t: VTy, v: Val): Observed {
  switch (t) {
    case 'v128': return { type: 'v128', bytes: v as Uint8Array };
    case 'i32': return { type: 'i32', value: v as number };
    case 'i64': return { type: 'i64', value: v as bigint };
    case 'f32': return { type: 'f32', bits: (v as number) >>> 0 };
    case 'f64': return { type: 'f64', bits: BigInt.asUintN(64, v as bigint) };
  }
}

for (const [file, floor] of Object.entries(FILES)) {
  test(`testsuite ${file}.wast on exec/numerics`, () => {
    const commands = parseScript(readFileSync(join(DIR, `${file}.bin.wast`), 'utf8'));
    let current: Module | null = null;
    let passed = 0, skipped = 0;
    const failures: string[] = [];
    for (const cmd of commands) {
      if (cmd.type === 'module') {
        try {
          current = cmd.source.form === 'binary' ? loadModule(cmd.source.bytes) : null;
        } catch (e) {
          if (!(e instanceof Unsupported)) throw e;
          current = null;
        }
        continue;
      }
      if ((cmd.type !== 'assert_return' && cmd.type !== 'assert_trap') || !cmd.action || cmd.action.type !== 'invoke') continue;
      const f = cmd.action.module === null ? current?.get(cmd.action.name) : undefined;
      if (!f) {
        skipped++;
        continue;
      }
      let out: Val[];
      try {
        out = invoke(f, cmd.action.args.map(bits));
      } catch (e) {
        if (e instanceof Unsupported) {
          skipped++;
        } else if (cmd.type === 'assert_trap' && e instanceof RuntimeError && e.message.startsWith(cmd.message)) {
          passed++;
        } else {
          failures.push(`line ${cmd.line}: ${cmd.action.name} threw ${String(e)}`);
        }
        continue;
      }
      if (cmd.type === 'assert_trap') {
        failures.push(`line ${cmd.line}: ${cmd.action.name} returned instead of trapping "${cmd.message}"`);
        continue;
      }
      const why = mismatch(cmd.results, out.map((v, i) => observed(f.results[i], v)));
      if (why === null) passed++;
      else failures.push(`line ${cmd.line}: ${cmd.action.name}: ${why}`);
    }
    assert.deepEqual(failures.slice(0, 20), [], `${failures.length} failures, ${passed} passed`);
    assert.ok(passed >= floor, `only ${passed} assertions checked (${skipped} skipped)`);
    console.log(`${file}.wast: ${passed} passed, ${skipped} skipped`);
  });
}
