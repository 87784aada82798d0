// `purewasm/text`: the text format on its own entry, so that users of the engine alone do not carry
// the WAT parser. parseModule: .wat source → binary; printBinary: binary → .wat text.
export { parseModule, parseModuleAst, TextError, type TextModule } from './parse.js';
export { printBinary, printModule } from './print.js';
