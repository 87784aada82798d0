// Makes this process refuse to evaluate code, as a strict Content-Security-Policy does: Function,
// eval and Function.prototype.constructor become throwing stubs (Function keeps its properties:
// Function.prototype.call …). Call before purewasm loads. Returns whether `new Function` now throws.
export function refuseEval(why: string): boolean {
  const refusal = (): never => {
    throw new EvalError(`Refused to evaluate a string as JavaScript (${why})`);
  };
  const RealFunction = globalThis.Function;
  const refuse = new Proxy(RealFunction, { construct: refusal, apply: refusal });
  Object.defineProperty(globalThis, 'Function', { value: refuse, writable: true, configurable: true });
  Object.defineProperty(globalThis, 'eval', { value: refusal, writable: true, configurable: true });
  Object.defineProperty(RealFunction.prototype, 'constructor', { value: refuse, writable: true, configurable: true });
  try {
    new (globalThis.Function as FunctionConstructor)('return 1');
    return false;
  } catch (e) {
    return e instanceof EvalError;
  }
}
