// The JS API's public types, shaped like TypeScript's own lib.dom `WebAssembly` declarations (the
// spec's Web IDL as TypeScript spells it) and written out here so that users without the DOM lib get
// them too. The implementation classes (api/*.ts) take `unknown` and convert the way Web IDL does;
// these are what users see, and purewasm's namespace is assignable to lib.dom's `typeof WebAssembly`
// (test/pkg checks that with tsc), so it can stand in for the native one anywhere.
// WebAssembly 3.0 additions appear where lib.dom's shapes allow it: overloads for memory64/table64
// (bigint sizes), extra descriptor fields, options arguments, Tag. Where they cannot (lib.dom's
// ImportExportKind lacks 'tag'; Table.length is a number), the 2.0 shape wins and the comment says so.

/** [AllowResizable] AllowSharedBufferSource: any ArrayBuffer, SharedArrayBuffer or view of one. */
export type BufferSourceLike = ArrayBufferLike | ArrayBufferView;

export interface ValueTypeMap {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  anyfunc: Function;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  externref: any;
  f32: number;
  f64: number;
  i32: number;
  i64: bigint;
  v128: never;
}
export type ValueType = keyof ValueTypeMap;
/** lib.dom's four kinds; a tag import or export reports kind 'tag' at run time. */
export type ImportExportKind = 'function' | 'global' | 'memory' | 'table';
export type TableKind = 'anyfunc' | 'externref';

export interface ModuleExportDescriptor { kind: ImportExportKind; name: string }
export interface ModuleImportDescriptor { kind: ImportExportKind; module: string; name: string }
export interface GlobalDescriptor<T extends ValueType = ValueType> { mutable?: boolean; value: T }
export interface MemoryDescriptor { initial: number | bigint; maximum?: number | bigint; shared?: boolean; address?: 'i32' | 'i64' | (string & {}) }
/** element: lib.dom's two kinds, or any reference type name of 3.0 ('funcref', 'anyref', …). */
export interface TableDescriptor { element: TableKind | (string & {}); initial: number | bigint; maximum?: number | bigint; address?: 'i32' | 'i64' | (string & {}) }

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Module {}
export interface ModuleConstructor {
  readonly prototype: Module;
  new (bytes: BufferSourceLike, options?: object): Module;
  customSections(moduleObject: Module, sectionName: string): ArrayBuffer[];
  exports(moduleObject: Module): ModuleExportDescriptor[];
  imports(moduleObject: Module): ModuleImportDescriptor[];
}

export interface Global<T extends ValueType = ValueType> {
  value: ValueTypeMap[T];
  valueOf(): ValueTypeMap[T];
}
export interface GlobalConstructor {
  readonly prototype: Global;
  new <T extends ValueType = ValueType>(descriptor: GlobalDescriptor<T>, v?: ValueTypeMap[T]): Global<T>;
  /** Any other value type name of 3.0 ('funcref', 'anyref', …). */
  new (descriptor: { mutable?: boolean; value: string }, v?: unknown): Global;
}

export interface Memory {
  readonly buffer: ArrayBuffer;
  grow(delta: number): number;
  /** A memory64 memory takes and returns bigint page counts. */
  grow(delta: bigint): bigint;
  /** Makes `buffer` a fixed-length ArrayBuffer again (the resizable one is detached). */
  toFixedLengthBuffer(): ArrayBuffer;
  /** Makes `buffer` a resizable ArrayBuffer that grows in place (the memory needs a maximum). */
  toResizableBuffer(): ArrayBuffer;
}
export interface MemoryConstructor {
  readonly prototype: Memory;
  new (descriptor: MemoryDescriptor): Memory;
}

export interface Table {
  /** A table64 table's length is a bigint at run time. */
  readonly length: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get(index: number | bigint): any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  grow(delta: number, value?: any): number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  grow(delta: bigint, value?: any): bigint;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  set(index: number | bigint, value?: any): void;
}
export interface TableConstructor {
  readonly prototype: Table;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  new (descriptor: TableDescriptor, value?: any): Table;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Tag {}
export interface TagConstructor {
  readonly prototype: Tag;
  new (descriptor: { parameters: Iterable<string> }): Tag;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type ExportValue = Function | Global | Memory | Table;
export type Exports = Record<string, ExportValue>;
export type ImportValue = ExportValue | number | bigint | Tag;
export type ModuleImports = Record<string, ImportValue>;
export type Imports = Record<string, ModuleImports>;

export interface Instance { readonly exports: Exports }
export interface InstanceConstructor {
  readonly prototype: Instance;
  new (module: Module, importObject?: Imports | object): Instance;
}
export interface WebAssemblyInstantiatedSource { instance: Instance; module: Module }

export interface WasmErrorConstructor<E extends Error = Error> {
  readonly prototype: E;
  new (message?: string, options?: { cause?: unknown }): E;
  (message?: string, options?: { cause?: unknown }): E;
}

/** What compileStreaming reads of a fetch() Response (structural: no DOM lib needed to use it). */
export interface ResponseLike {
  readonly ok: boolean;
  readonly url: string;
  readonly headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}
export type ResponseSource = ResponseLike | PromiseLike<ResponseLike>;

export interface WebAssemblyNamespace {
  validate(bytes: BufferSourceLike, options?: object): boolean;
  compile(bytes: BufferSourceLike, options?: object): Promise<Module>;
  instantiate(bytes: BufferSourceLike, importObject?: Imports | object, options?: object): Promise<WebAssemblyInstantiatedSource>;
  instantiate(moduleObject: Module, importObject?: Imports | object): Promise<Instance>;
  compileStreaming(source: ResponseSource, options?: object): Promise<Module>;
  instantiateStreaming(source: ResponseSource, importObject?: Imports | object, options?: object): Promise<WebAssemblyInstantiatedSource>;
  Module: ModuleConstructor;
  Instance: InstanceConstructor;
  Memory: MemoryConstructor;
  Table: TableConstructor;
  Global: GlobalConstructor;
  Tag: TagConstructor;
  CompileError: WasmErrorConstructor;
  LinkError: WasmErrorConstructor;
  RuntimeError: WasmErrorConstructor;
}
