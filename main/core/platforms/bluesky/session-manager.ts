// An @atproto/api SessionManager over a session kept in the vault: each request goes to
// the account's PDS with its access JWT; the session is renewed through `SessionSource`
// (single-flight, committed first; see [Note: Bluesky sessions] in sessions.ts) before it
// expires, and once more when the PDS answers 401 or 400 ExpiredToken.
import type { BlueskySession } from './credentials.ts';

/** What an @atproto/api Agent takes as its session (the library does not export the type). */
export interface SessionManager {
  readonly did?: string;
  fetchHandler(url: string, init: RequestInit): Promise<Response>;
}

export interface SessionSource {
  /** Whether `session` should be renewed before it is used. */
  expiring(session: BlueskySession): boolean;
  /**
   * A session newer than the one whose access JWT is `stale`: the stored one if another
   * caller already renewed it, else refreshed (and stored) now. Throws AppFailure.
   */
  renewed(stale: string): Promise<BlueskySession>;
}

/** The PDS's answer to an access JWT it no longer takes (it uses 400, not 401). */
async function isExpired(response: Response): Promise<boolean> {
  if (response.status === 401) return true;
  if (response.status !== 400) return false;
  if (!(response.headers.get('content-type') ?? '').includes('application/json')) return false;
  try {
    const body = (await response.clone().json()) as { error?: unknown } | null;
    return body?.error === 'ExpiredToken';
  } catch {
    return false;
  }
}

export class VaultSession implements SessionManager {
  #session: BlueskySession;
  readonly #source: SessionSource;
  readonly #fetch: typeof fetch;

  constructor(session: BlueskySession, source: SessionSource, fetchImpl: typeof fetch) {
    this.#session = session;
    this.#source = source;
    this.#fetch = fetchImpl;
  }

  get did(): string {
    return this.#session.did;
  }

  /** Takes the session as stored now (another caller or process may have renewed it). */
  adopt(session: BlueskySession): void {
    this.#session = session;
  }

  async fetchHandler(url: string, init: RequestInit): Promise<Response> {
    if (this.#source.expiring(this.#session)) {
      this.#session = await this.#source.renewed(this.#session.accessJwt);
    }
    const first = await this.#send(url, init);
    // A streamed body cannot be sent twice; every body Starling sends is a buffer.
    const replayable = !(init.body instanceof ReadableStream);
    if (!replayable || !(await isExpired(first))) return first;
    this.#session = await this.#source.renewed(this.#session.accessJwt);
    await first.body?.cancel();
    return this.#send(url, init);
  }

  #send(url: string, init: RequestInit): Promise<Response> {
    const request = new Request(new URL(url, this.#session.serviceUrl), init);
    if (!request.headers.has('authorization')) {
      request.headers.set('authorization', `Bearer ${this.#session.accessJwt}`);
    }
    return this.#fetch(request);
  }
}
