// The .wast script model (the spec interpreter's script language, as the 3.0 testsuite uses it):
// what parse.ts produces and runner.ts executes. Every command records its 1-based source line.

/** An argument constant: numbers as exact bits, references as what they denote. */
export type Const =
  | { type: 'i32'; value: number } // signed int32
  | { type: 'i64'; value: bigint } // signed
  | { type: 'f32'; bits: number } // uint32 bit pattern
  | { type: 'f64'; bits: bigint } // uint64 bit pattern
  | { type: 'v128'; bytes: Uint8Array }
  | { type: 'ref.null'; heap: string } // heap type as written: 'func', 'extern', '$t', …
  | { type: 'ref.extern'; n: number } // the host value number n, as an externref
  | { type: 'ref.host'; n: number }; // the host value number n, as an anyref

/** An expected float: exact bits (bigint for both widths), or any canonical / arithmetic NaN. */
export type FloatPat = { kind: 'bits'; bits: bigint } | { kind: 'nan:canonical' } | { kind: 'nan:arithmetic' };

export type LaneShape = 'i8' | 'i16' | 'i32' | 'i64' | 'f32' | 'f64';

/** Reference categories a result pattern may ask for: `(ref.struct)`, `(ref.extern 3)`, … */
export type RefKind = 'any' | 'eq' | 'i31' | 'struct' | 'array' | 'func' | 'extern' | 'host' | 'exn';

export type ResultPat =
  | { type: 'i32'; value: number }
  | { type: 'i64'; value: bigint }
  | { type: 'f32' | 'f64'; pat: FloatPat }
  | { type: 'v128'; shape: LaneShape; lanes: FloatPat[] } // int lanes as exact unsigned bits
  | { type: 'ref.null'; heap: string | null } // null: any null reference
  | { type: 'ref'; kind: RefKind; n: number | null } // n only for extern/host
  | { type: 'either'; alts: ResultPat[] };

export type ModuleSource =
  | { form: 'binary'; bytes: Uint8Array }
  | { form: 'quote'; text: Uint8Array } // the concatenated strings: UTF-8 source of a module
  | { form: 'text'; text: string }; // the module's S-expression, as written in the script

/** `(module $name? definition? …)`: compile, and instantiate unless it is a definition. */
export interface ModuleCmd {
  type: 'module';
  line: number;
  name: string | null;
  definition: boolean;
  source: ModuleSource;
}

/** `(module instance $inst? $def?)`: instantiate a definition (default: the latest one). */
export interface InstanceCmd {
  type: 'instance';
  line: number;
  name: string | null;
  definition: string | null;
}

export interface Action {
  type: 'invoke' | 'get';
  line: number;
  module: string | null;
  name: string;
  args: Const[]; // empty for get
}

export interface RegisterCmd {
  type: 'register';
  line: number;
  as: string;
  module: string | null;
}

export interface ActionCmd {
  type: 'action';
  line: number;
  action: Action;
}

export interface AssertReturn {
  type: 'assert_return';
  line: number;
  action: Action;
  results: ResultPat[];
}

/** assert_trap on an action, or on a module whose instantiation traps. */
export interface AssertTrap {
  type: 'assert_trap';
  line: number;
  action: Action | null;
  module: ModuleCmd | InstanceCmd | null;
  message: string;
}

export interface AssertExhaustion {
  type: 'assert_exhaustion';
  line: number;
  action: Action;
  message: string;
}

export interface AssertException {
  type: 'assert_exception';
  line: number;
  action: Action;
}

/** The assertions on a module: it must fail to decode / validate / link / instantiate. */
export interface AssertModule {
  type:
    | 'assert_malformed' | 'assert_invalid' | 'assert_unlinkable' | 'assert_uninstantiable'
    | 'assert_invalid_custom' | 'assert_malformed_custom'; // *_custom: only a custom section/annotation is bad
  line: number;
  module: ModuleCmd | InstanceCmd;
  message: string;
}

export type Command =
  | ModuleCmd
  | InstanceCmd
  | RegisterCmd
  | ActionCmd
  | AssertReturn
  | AssertTrap
  | AssertExhaustion
  | AssertException
  | AssertModule;
