// polywasm ships no type declarations; the benchmark only needs its namespace object.
declare module 'polywasm' {
  export const WebAssembly: typeof globalThis.WebAssembly;
}
