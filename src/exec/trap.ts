// Traps: every tier throws the JS API's WebAssembly.RuntimeError with one of these messages, the
// reason strings the official testsuite's assert_trap uses, so the engine's words match the spec's
// scripts exactly (the script runner compares them by prefix).
import { RuntimeError } from '../api/errors.js';

export const UNREACHABLE = 'unreachable';
export const INT_DIVIDE_BY_ZERO = 'integer divide by zero';
export const INT_OVERFLOW = 'integer overflow';
export const INVALID_CONVERSION = 'invalid conversion to integer';
export const OOB_MEMORY = 'out of bounds memory access';
export const OOB_TABLE = 'out of bounds table access';
export const OOB_ARRAY = 'out of bounds array access';
export const UNDEFINED_ELEMENT = 'undefined element';
export const UNINITIALIZED_ELEMENT = 'uninitialized element';
export const INDIRECT_CALL_TYPE_MISMATCH = 'indirect call type mismatch';
export const CAST_FAILURE = 'cast failure';
export const NULL_REFERENCE = 'null reference';
export const NULL_FUNCTION_REFERENCE = 'null function reference';
export const NULL_STRUCTURE_REFERENCE = 'null structure reference';
export const NULL_ARRAY_REFERENCE = 'null array reference';
export const NULL_I31_REFERENCE = 'null i31 reference';
export const NULL_EXCEPTION_REFERENCE = 'null exception reference';
export const UNALIGNED_ATOMIC = 'unaligned atomic';
/** assert_exhaustion's reason; the JS API surfaces it as a RangeError, not a RuntimeError. */
export const CALL_STACK_EXHAUSTED = 'call stack exhausted';

/** Throws a WebAssembly.RuntimeError for a trap. Kept tiny and separate so callers stay inlinable. */
export function trap(reason: string): never {
  throw new RuntimeError(reason);
}
