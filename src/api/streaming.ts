// The Response half of the Web API's "compile a potential WebAssembly response": the checks that
// make a Response acceptable (TypeErrors), then its body's bytes.

import { copyBufferSource } from './webidl.js';

interface ResponseLike {
  readonly type: string;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * Read when needed, never at load: in Node, the first read of globalThis.Response loads undici,
 * which itself needs a native WebAssembly (missing under --jitless, where this polyfill runs).
 */
function responseCtor(): (abstract new (...a: never[]) => ResponseLike) | undefined {
  return (globalThis as { Response?: abstract new (...a: never[]) => ResponseLike }).Response;
}

/** Strips HTTP tab or space bytes from both ends (Fetch "HTTP tab or space"). */
function trimHttpWhitespace(s: string): string {
  return s.replace(/^[\t ]+|[\t ]+$/g, '');
}

/** Checks `v` as the spec says and resolves to a copy of its body; rejects with TypeError otherwise. */
export function responseBytes(v: unknown): Promise<Uint8Array> {
  const ResponseCtor = responseCtor();
  if (ResponseCtor === undefined || !(v instanceof ResponseCtor)) {
    throw new TypeError('WebAssembly: the argument must be a Response or a Promise of one');
  }
  const response = v as ResponseLike;
  const mime = response.headers.get('Content-Type');
  if (mime === null) throw new TypeError("WebAssembly: the Response has no 'Content-Type' header");
  if (trimHttpWhitespace(mime).toLowerCase() !== 'application/wasm') {
    throw new TypeError(`WebAssembly: incorrect response MIME type '${mime}', expected 'application/wasm'`);
  }
  if (response.type === 'opaque' || response.type === 'opaqueredirect') {
    throw new TypeError('WebAssembly: the Response is not CORS-same-origin');
  }
  if (!response.ok) throw new TypeError('WebAssembly: the Response status is not ok');
  return response.arrayBuffer().then((buf) => copyBufferSource(buf, 'Response body'));
}
