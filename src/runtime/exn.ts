// Exception instances (spec 4.2.13, exception handling). Compiled code throws ExnInst objects
// directly (no Error: nothing to capture) and catches them in try_table handlers. The payload is
// kept in the compiled code's flattened form, `s` = [tag, slot…] (the tag first keeps the array's
// elements generic, so float payloads keep their NaN bits); `args` boxes it for embedders.
// A JavaScript exception crossing a try_table is wrapped with `thrown` = the original value, and
// throw_ref of such an exnref throws that original value again.

import type { ExnInst as ExnContract, TagInst, Value } from './interface.js';
import { boxAll, funcTypeOf } from './abi.js';

export class ExnInst implements ExnContract {
  readonly tag: TagInst;
  /** [tag, ...payload slots]. */
  readonly s: unknown[];
  /** What throw_ref throws: this exception, or the JavaScript value it wraps. */
  readonly thrown: unknown;

  constructor(s: unknown[], thrown?: unknown) {
    this.s = s;
    this.tag = s[0] as TagInst;
    this.thrown = thrown === undefined ? this : thrown;
  }

  get args(): Value[] {
    return boxAll(funcTypeOf(this.tag.type).params, this.s, 1);
  }
}
