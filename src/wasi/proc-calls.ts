// Arguments, environment, clocks, randomness, poll_oneoff, process exit and the socket stubs.
import { CLOCK, ERRNO, EVENTTYPE, FILETYPE, RIGHTS as R, SUBCLOCK_ABSTIME } from './constants.js';
import { type WasiCall, type WasiContext } from './context.js';
import { WasiExit, errnoOf, fail } from './errors.js';
import { encodeUtf8 } from './memory.js';

const EVENT_SIZE = 32;

/** Writes a list of strings as argv/environ: pointers at `ptrs`, NUL-terminated bytes at `buf`. */
function writeStrings(ctx: WasiContext, list: Uint8Array[], ptrs: number, buf: number): void {
  const mem = ctx.mem();
  let at = buf;
  list.forEach((s, i) => {
    mem.setU32(ptrs + i * 4, at);
    mem.bytes(at, s.length).set(s);
    mem.setU8(at + s.length, 0);
    at += s.length + 1;
  });
}

function sizes(ctx: WasiContext, list: Uint8Array[], countPtr: number, sizePtr: number): void {
  ctx.mem().setU32(countPtr, list.length);
  ctx.mem().setU32(sizePtr, list.reduce((n, s) => n + s.length + 1, 0));
}

export function procCalls(ctx: WasiContext, args: string[], env: string[]): Record<string, WasiCall> {
  const { host, fds } = ctx;
  const argv = args.map(encodeUtf8);
  const environ = env.map(encodeUtf8);

  function now(clock: number): bigint {
    switch (clock) {
      case CLOCK.REALTIME: return host.realtimeNs();
      case CLOCK.MONOTONIC: return host.monotonicNs();
      case CLOCK.PROCESS_CPUTIME:
      case CLOCK.THREAD_CPUTIME: return host.cputimeNs(); // one thread: the process's time is the thread's
      default: return fail(ERRNO.INVAL);
    }
  }

  return {
    args_sizes_get: (countPtr: number, sizePtr: number) => sizes(ctx, argv, countPtr, sizePtr),
    args_get: (ptrs: number, buf: number) => writeStrings(ctx, argv, ptrs, buf),
    environ_sizes_get: (countPtr: number, sizePtr: number) => sizes(ctx, environ, countPtr, sizePtr),
    environ_get: (ptrs: number, buf: number) => writeStrings(ctx, environ, ptrs, buf),
    clock_res_get(clock: number, out: number) {
      now(clock); // EINVAL for an unknown clock
      ctx.mem().setU64(out, 1000n); // microsecond-grained on every host we run on
    },
    clock_time_get(clock: number, _precision: bigint, out: number) {
      ctx.mem().setU64(out, now(clock));
    },
    random_get(buf: number, len: number) {
      host.randomFill(ctx.mem().bytes(buf, len));
    },
    sched_yield() {
      // one thread, nothing to yield to
    },
    proc_exit(code: number) {
      throw new WasiExit(code);
    },
    proc_raise() {
      fail(ERRNO.NOSYS);
    },
    poll_oneoff(inPtr: number, outPtr: number, count: number, neventsPtr: number) {
      if (count === 0) fail(ERRNO.INVAL);
      const mem = ctx.mem();
      // wasi_unstable's clock subscription has an 8-byte identifier before the clock id
      const SUBSCRIPTION_SIZE = ctx.unstable ? 56 : 48;
      const clockAt = ctx.unstable ? 24 : 16;
      mem.bytes(inPtr, count * SUBSCRIPTION_SIZE);
      mem.bytes(outPtr, count * EVENT_SIZE);
      interface Ev { userdata: bigint; error: number; type: number; nbytes: bigint }
      const ready: Ev[] = [];
      const timers: { userdata: bigint; wait: bigint }[] = [];
      for (let i = 0; i < count; i++) {
        const dv = mem.view();
        const s = inPtr + i * SUBSCRIPTION_SIZE;
        const userdata = dv.getBigUint64(s, true);
        const type = dv.getUint8(s + 8);
        if (type === EVENTTYPE.CLOCK) {
          const clock = dv.getUint32(s + clockAt, true);
          const timeout = dv.getBigUint64(s + clockAt + 8, true);
          const flags = dv.getUint16(s + clockAt + 24, true);
          try {
            const wait = flags & SUBCLOCK_ABSTIME ? timeout - now(clock) : timeout;
            timers.push({ userdata, wait: wait < 0n ? 0n : wait });
          } catch (e) {
            ready.push({ userdata, error: errnoOf(e), type, nbytes: 0n });
          }
        } else if (type === EVENTTYPE.FD_READ || type === EVENTTYPE.FD_WRITE) {
          // host calls here are synchronous, so a descriptor is always "ready": a read or write on
          // it blocks rather than failing with EAGAIN
          const fd = dv.getUint32(s + 16, true);
          try {
            const e = fds.withRights(fd, R.POLL_FD_READWRITE);
            let nbytes = 0n;
            if (type === EVENTTYPE.FD_READ && e.filetype === FILETYPE.REGULAR_FILE && e.hostFd !== null) {
              const size = host.fs.fstat(e.hostFd).size;
              nbytes = size > BigInt(e.position) ? size - BigInt(e.position) : 0n;
            }
            ready.push({ userdata, error: 0, type, nbytes });
          } catch (e) {
            ready.push({ userdata, error: errnoOf(e), type, nbytes: 0n });
          }
        } else {
          ready.push({ userdata, error: ERRNO.INVAL, type, nbytes: 0n });
        }
      }
      if (ready.length === 0 && timers.length > 0) {
        const wait = timers.reduce((m, t) => (t.wait < m ? t.wait : m), timers[0].wait);
        host.sleepNs(wait);
        for (const t of timers) if (t.wait <= wait) ready.push({ userdata: t.userdata, error: 0, type: EVENTTYPE.CLOCK, nbytes: 0n });
      } else {
        for (const t of timers) if (t.wait === 0n) ready.push({ userdata: t.userdata, error: 0, type: EVENTTYPE.CLOCK, nbytes: 0n });
      }
      ready.forEach((ev, i) => {
        const o = outPtr + i * EVENT_SIZE;
        mem.bytes(o, EVENT_SIZE).fill(0);
        mem.setU64(o, ev.userdata);
        mem.setU16(o + 8, ev.error);
        mem.setU8(o + 10, ev.type);
        mem.setU64(o + 16, ev.nbytes);
      });
      mem.setU32(neventsPtr, ready.length);
    },
    sock_accept(fd: number) {
      fds.get(fd);
      fail(ERRNO.NOTSOCK);
    },
    sock_recv(fd: number) {
      fds.get(fd);
      fail(ERRNO.NOTSOCK);
    },
    sock_send(fd: number) {
      fds.get(fd);
      fail(ERRNO.NOTSOCK);
    },
    sock_shutdown(fd: number) {
      fds.get(fd);
      fail(ERRNO.NOTSOCK);
    },
  };
}
