// Messages and shared-memory layout between the fuzzing worker and its supervisor.
export const PHASE_IDLE = 0;
export const PHASE_COMPILE = 1; // decode, validate, native validate: a hang here is a bug
export const PHASE_INSTANTIATE = 2; // may run a start function, which may loop forever
export const PHASE_RUN = 3; // exported functions: loops are legitimate

export interface WorkerData {
  seed: number;
  start: number;
  end: number;
  /** Int32Array: [input index, phase, byte length of the input]. */
  heartbeat: SharedArrayBuffer;
  /** The current input's bytes (truncated to this buffer's size). */
  lastInput: SharedArrayBuffer;
}

export interface Stats {
  inputs: number;
  compileErrors: number;
  accepted: number;
  skipped: number;
  calls: number;
  traps: number;
}

export type WorkerMsg =
  | ({ kind: 'stats' } & Stats)
  | { kind: 'crash'; index: number; how: string; phase: string; error: string; bytes: Uint8Array }
  | { kind: 'disagree'; index: number; how: string; cls: string; bytes: Uint8Array }
  | { kind: 'gap'; instr: string }
  | { kind: 'done' };
