// A minimal Chrome DevTools Protocol client over --remote-debugging-pipe (fd 3: to the browser, fd 4:
// from it; messages are JSON, each ended by a NUL byte). No WebSocket and no driver needed, and no
// version coupling beyond the few stable commands the browser test uses.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

interface Message { id?: number; method?: string; params?: Record<string, unknown>; sessionId?: string; result?: unknown; error?: { message: string } }

export class Browser {
  readonly proc: ChildProcess;
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private listeners: ((m: Message) => void)[] = [];
  readonly exited: Promise<number | null>;
  stderr = '';

  constructor(executable: string, args: string[]) {
    this.proc = spawn(executable, [...args, '--remote-debugging-pipe'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d) => (this.stderr += d));
    let buf = '';
    (this.proc.stdio[4] as Readable).on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      let end;
      while ((end = buf.indexOf('\0')) >= 0) {
        const m = JSON.parse(buf.slice(0, end)) as Message;
        buf = buf.slice(end + 1);
        if (m.id !== undefined && this.pending.has(m.id)) {
          const p = this.pending.get(m.id)!;
          this.pending.delete(m.id);
          if (m.error) p.reject(new Error(m.error.message));
          else p.resolve(m.result);
        } else for (const l of this.listeners) l(m);
      }
    });
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`browser exited (${code}): ${this.stderr.slice(-2000)}`));
      resolve(code);
    }));
  }

  send<T = Record<string, unknown>>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = this.nextId++;
    (this.proc.stdio[3] as Writable).write(JSON.stringify({ id, method, params, sessionId }) + '\0');
    return new Promise((resolve, reject) => this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
  }

  /** Calls `f` for every event (messages without an id). */
  onEvent(f: (m: Message) => void): void {
    this.listeners.push(f);
  }

  /** A new tab, attached: returns its session id. */
  async newPage(): Promise<string> {
    const { targetId } = await this.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    await this.send('Runtime.enable', {}, sessionId);
    await this.send('Page.enable', {}, sessionId);
    return sessionId;
  }

  async evaluate(sessionId: string, expression: string): Promise<unknown> {
    const r = await this.send<{ result: { value?: unknown } }>('Runtime.evaluate', { expression, returnByValue: true }, sessionId);
    return r.result.value;
  }

  async close(): Promise<void> {
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
    await this.send('Browser.close').catch(() => {});
    await this.exited;
    clearTimeout(timer);
  }
}
