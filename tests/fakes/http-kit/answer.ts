// How every fake answers a request: logged first, then the first injected fault that
// matches decides. A reset drops the connection unanswered; latency delays the real
// answer; drop-after-record does the work (the network records it) and then drops the
// connection, so the client never learns it happened; status-after-record does the work
// and answers a server error in its place; the rest replace the answer with one the
// network makes up in its own shape (`madeUp`), without doing the work.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Faults } from './faults.ts';
import type { RequestLog } from './ledger.ts';
import type http from 'node:http';
import { listenFake, type Answer, type KitReply } from './listen.ts';
import type { FakeRequest } from './request.ts';
import type { FaultRule } from './types.ts';

/** The faults that stand for an answer of the network's own. */
export type MadeUpFault = Extract<
  FaultRule,
  { kind: 'status' | 'rate-limit' | 'revoked' | 'expired' }
>;

/** What every fake's server holds: its log, its faults, its clock, its closing signal. */
export interface FakeServerDeps {
  log: RequestLog;
  faults: Faults;
  store: { clock: { now(): number } };
  /** Aborted on close, so pending latency faults end with the server. */
  closing: AbortSignal;
}

export interface FaultyAnswerDeps {
  log: RequestLog;
  faults: Faults;
  now: () => number;
  closing: AbortSignal;
  /** The network's real answer. */
  dispatch: (req: FakeRequest) => Promise<KitReply>;
  /** The network's answer for a fault that replaces the real one. */
  madeUp: (fault: MadeUpFault, req: FakeRequest) => KitReply;
}

/** Listens on loopback, answering through `faultyAnswer` with the fake's own replies. */
export function listenFaulty<D extends FakeServerDeps>(
  name: string,
  deps: D,
  dispatch: (deps: D, req: FakeRequest) => Promise<KitReply>,
  madeUp: (deps: D, fault: MadeUpFault, req: FakeRequest) => KitReply,
): Promise<http.Server> {
  const answer = faultyAnswer({
    log: deps.log,
    faults: deps.faults,
    now: () => deps.store.clock.now(),
    closing: deps.closing,
    dispatch: (req) => dispatch(deps, req),
    madeUp: (fault, req) => madeUp(deps, fault, req),
  });
  return listenFake(name, answer, deps.closing);
}

export function faultyAnswer(deps: FaultyAnswerDeps): Answer {
  return async (req, socket) => {
    const entry = deps.log.start(req, deps.now());
    const fault = deps.faults.take(req.method, req.path);
    let reply: KitReply;
    switch (fault?.kind) {
      case 'reset':
        socket.destroy();
        return null;
      case 'latency':
        await sleep(fault.ms, undefined, { signal: deps.closing });
        reply = await deps.dispatch(req);
        break;
      case 'drop-after-record':
        reply = await deps.dispatch(req);
        entry.status = reply.status;
        socket.destroy();
        return null;
      case 'status-after-record':
        await deps.dispatch(req);
        reply = deps.madeUp({ ...fault, kind: 'status' }, req);
        break;
      case 'status':
      case 'rate-limit':
      case 'revoked':
      case 'expired':
        reply = deps.madeUp(fault, req);
        break;
      case undefined:
        reply = await deps.dispatch(req);
        break;
    }
    entry.status = reply.status;
    entry.delivered = true;
    return reply;
  };
}
