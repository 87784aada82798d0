// The package entry: `WebAssembly`, the namespace object (exactly the JS API's), and purewasm's own
// named exports.
import { namespace } from './api/namespace.js';
import type { WebAssemblyNamespace } from './api-types.js';

export type * from './api-types.js';
export const WebAssembly = namespace as unknown as WebAssemblyNamespace;
export { install } from './polyfill-install.js';
export { CompileError, LinkError, RuntimeError } from './api/errors.js';
/** purewasm's engine choice: configure({ engine: 'compile' | 'interpret' | 'auto' }) (see exec/interp/select.ts). */
export { configure, type EngineMode, type EngineOptions } from './exec/interp/select.js';
