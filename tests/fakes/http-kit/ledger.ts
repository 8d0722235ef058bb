// The record of every request and its outcome, for tests to assert on.
import { summariseBody, type FakeRequest } from './request.ts';
import type { LoggedRequest } from './types.ts';

export class RequestLog {
  readonly #entries: LoggedRequest[] = [];

  start(req: FakeRequest, at: number): LoggedRequest {
    const entry: LoggedRequest = {
      method: req.method,
      host: req.host,
      path: req.path,
      url: req.url,
      status: 0,
      delivered: false,
      at,
    };
    if (req.headers.authorization !== undefined) entry.authorization = req.headers.authorization;
    const body = summariseBody(req);
    if (body !== undefined) entry.body = body;
    this.#entries.push(entry);
    return entry;
  }

  all(): LoggedRequest[] {
    return this.#entries.map((e) => ({ ...e }));
  }
}
