// `import 'purewasm/polyfill'`: installs purewasm as globalThis.WebAssembly where the host's is
// missing or unusable (see polyfill-install.ts).
import { install } from './polyfill-install.js';

install();
