// Faster paths for frequent SIMD instructions (filled in by measurement; see simd.ts).
import type { Instr } from '../../binary/instr.js';
import type { FuncCompiler } from './body.js';

/** Instruction name → expression of its result from the argument expressions. */
export const FAST = new Map<string, (c: FuncCompiler, args: string[], ins: Instr) => string>();
