// The publisher's pure decisions: which failures may have reached X (checked on real
// sockets, since that line is drawn from Node's request state), what X's error bodies
// mean, how posts are matched on the timeline, and how a post's status rolls up.
import http from 'node:http';
import net from 'node:net';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiResponseError, TwitterApi, type TwitterApiErrorData } from 'twitter-api-v2';
import { classifyXError } from '../../main/core/platforms/x/outcomes.ts';
import { rolledUpStatus } from '../../main/core/posts/rolled-up-status.ts';
import {
  findPostedPart,
  normalizeForMatch,
  sameText,
} from '../../main/core/platforms/x/reconcile.ts';
import { createXRoute } from '../../main/core/platforms/x/x-agent.ts';
import { failure } from '../../shared/result.ts';

const now = Date.UTC(2026, 10, 24, 9, 0);
const servers: net.Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise((resolve) => {
          s.close(resolve);
        }),
    ),
  );
});

async function listen(server: net.Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

/** Posts through twitter-api-v2 to a local port, as the app does, and classifies the failure. */
async function postTo(port: number, timeout = 300) {
  const route = createXRoute({ STARLING_X_API_ORIGIN: `http://127.0.0.1:${String(port)}` });
  const client = new TwitterApi('token', {
    httpAgent: route.agent,
    plugins: [
      {
        onBeforeRequest({ requestOptions }) {
          requestOptions.timeout = timeout;
        },
      },
    ],
  });
  try {
    await client.v2.tweet('hello');
    throw new Error('expected the post to fail');
  } catch (error) {
    return classifyXError(error, now);
  } finally {
    route.agent.destroy();
  }
}

describe('did the request reach X?', () => {
  it('connection refused: retryable, nothing was sent', async () => {
    const port = await listen(net.createServer());
    await new Promise((resolve) => servers.pop()?.close(resolve));
    expect(await postTo(port)).toMatchObject({ kind: 'retryable', retryAt: null });
  });

  it('reset while connecting: retryable', async () => {
    const port = await listen(net.createServer((socket) => socket.resetAndDestroy()));
    expect(await postTo(port)).toMatchObject({ kind: 'retryable' });
  });

  it('reset after the request was read: ambiguous', async () => {
    const server = http.createServer((req) => {
      req.resume();
      req.on('end', () => req.socket.resetAndDestroy());
    });
    expect(await postTo(await listen(server))).toMatchObject({ kind: 'ambiguous' });
  });

  it('timeout after sending: ambiguous, with the timeout named', async () => {
    const server = http.createServer((req) => {
      req.resume();
    });
    const outcome = await postTo(await listen(server), 100);
    expect(outcome).toEqual({
      kind: 'ambiguous',
      reason: 'No answer from X after sending: Request timeout.',
    });
  });

  it('a 201 cut off mid-body: ambiguous; a 503 cut off: retryable', async () => {
    const cutOff = (status: number) =>
      http.createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          res.writeHead(status, { 'content-type': 'application/json', 'content-length': '100' });
          res.write('{"data":');
          setTimeout(() => res.socket?.destroy(), 10);
        });
      });
    expect(await postTo(await listen(cutOff(201)))).toMatchObject({ kind: 'ambiguous' });
    expect(await postTo(await listen(cutOff(503)))).toMatchObject({ kind: 'retryable' });
  });
});

function responseError(
  code: number,
  data: TwitterApiErrorData,
  extra: Partial<{
    rateLimit: ApiResponseError['rateLimit'];
    headers: Record<string, string>;
  }> = {},
) {
  return new ApiResponseError(`Request failed with code ${String(code)}`, {
    code,
    data,
    headers: extra.headers ?? {},
    // Never read by the classification; X's answer is all it looks at.
    request: undefined as unknown as ClientRequest,
    response: undefined as unknown as IncomingMessage,
    ...(extra.rateLimit === undefined ? {} : { rateLimit: extra.rateLimit }),
  });
}

describe("X's answers", () => {
  it('403 duplicate content is its own kind, with X’s words', () => {
    const error = responseError(403, {
      title: 'Forbidden',
      detail: 'You are not allowed to create a Tweet with duplicate content.',
      type: 'about:blank',
    });
    expect(classifyXError(error, now)).toEqual({
      kind: 'duplicate',
      message: 'You are not allowed to create a Tweet with duplicate content.',
    });
  });

  it('other 400/403: rejected with the most specific message X gave', () => {
    const error = responseError(400, {
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      errors: [
        { message: 'Your media IDs are invalid.', parameters: { 'media.media_ids': ['1'] } },
      ],
    } as unknown as TwitterApiErrorData);
    expect(classifyXError(error, now)).toEqual({
      kind: 'rejected',
      status: 400,
      message: 'Your media IDs are invalid.',
      mediaInvalid: true,
    });
    const forbidden = responseError(403, {
      title: 'Forbidden',
      detail: 'You are not permitted to perform this action.',
    });
    expect(classifyXError(forbidden, now)).toMatchObject({
      kind: 'rejected',
      message: 'You are not permitted to perform this action.',
      mediaInvalid: false,
    });
  });

  it('429: retry at x-rate-limit-reset, or at the daily reset when the day is used up', () => {
    const reset = now / 1000 + 900;
    expect(
      classifyXError(
        responseError(429, {}, { rateLimit: { limit: 100, remaining: 0, reset } }),
        now,
      ),
    ).toMatchObject({ kind: 'retryable', retryAt: reset * 1000 });
    const daily = {
      limit: 100,
      remaining: 50,
      reset,
      userDay: { limit: 17, remaining: 0, reset: now / 1000 + 20_000 },
    };
    expect(classifyXError(responseError(429, {}, { rateLimit: daily }), now)).toMatchObject({
      retryAt: (now / 1000 + 20_000) * 1000,
    });
    expect(classifyXError(responseError(429, {}), now)).toMatchObject({
      retryAt: now + 15 * 60_000,
    });
  });

  it('5xx retryable, 401 auth', () => {
    expect(classifyXError(responseError(502, {}), now)).toMatchObject({
      kind: 'retryable',
      retryAt: null,
    });
    expect(classifyXError(responseError(401, {}), now)).toMatchObject({
      kind: 'auth',
      reconnect: true,
    });
  });

  it('XClients failures: AUTH_EXPIRED holds for reconnect, a locked vault holds without, OFFLINE retries', () => {
    expect(classifyXError(failure('AUTH_EXPIRED', 'Reconnect @x'), now)).toEqual({
      kind: 'auth',
      reason: 'Reconnect @x',
      reconnect: true,
    });
    expect(classifyXError(failure('ENCRYPTION_UNAVAILABLE', 'Locked'), now)).toMatchObject({
      kind: 'auth',
      reconnect: false,
    });
    expect(classifyXError(failure('OFFLINE', 'No network'), now)).toMatchObject({
      kind: 'retryable',
    });
  });
});

describe('matching a part on the timeline', () => {
  it('sees through t.co links, HTML escapes, NFC and spacing', () => {
    expect(
      sameText(
        'Bread & butter <3 at https://novabakery.com/menu?day=1 and novabakery.de',
        'Bread &amp; butter &lt;3 at https://t.co/abc123 and https://t.co/def456',
        false,
      ),
    ).toBe(true);
    expect(sameText('Cafe\u0301  open', 'Café open', false)).toBe(true);
  });

  it('reads escapes as X wrote them, whatever the part says', () => {
    expect(sameText('write &lt;b&gt; in HTML', 'write &amp;lt;b&amp;gt; in HTML', false)).toBe(
      true,
    );
    expect(sameText('Tom &amp; Jerry', 'Tom &amp;amp; Jerry', false)).toBe(true);
    expect(sameText('Tom & Jerry', 'Tom &amp;amp; Jerry', false)).toBe(false);
  });

  it('allows the media link X appends, only when the part has media', () => {
    expect(sameText('Look', 'Look https://t.co/media1', true)).toBe(true);
    expect(sameText('Look', 'Look https://t.co/media1', false)).toBe(false);
    expect(sameText('', 'https://t.co/media1', true)).toBe(true);
  });

  it('does not confuse different words', () => {
    expect(sameText('Open Sunday', 'Open Saturday', false)).toBe(false);
    expect(normalizeForMatch('a  b\n c')).toBe('a b c');
  });
});

describe('post status roll-up', () => {
  it.each([
    [['published', 'published'], 'published'],
    [['published', 'failed'], 'partially_published'],
    [['published', 'needs_review'], 'partially_published'],
    [['failed', 'failed'], 'failed'],
    [['failed', 'needs_review'], 'needs_review'],
    [['published', 'scheduled'], 'publishing'],
    [['publishing', 'scheduled'], 'publishing'],
    [['published', 'cancelled'], 'published'],
    [['cancelled', 'cancelled'], 'cancelled'],
    // Deleted from its networks: counts like cancelled until nothing else is left.
    [['published', 'deleted'], 'published'],
    [['failed', 'deleted'], 'failed'],
    [['deleted', 'deleted'], 'deleted'],
    [['deleted', 'cancelled'], 'deleted'],
  ] as const)('%j → %s', (targets, expected) => {
    expect(rolledUpStatus('publishing', [...targets])).toBe(expected);
  });

  it('goes back to scheduled when every target waits again, and leaves drafts alone', () => {
    expect(rolledUpStatus('publishing', ['scheduled', 'scheduled'])).toBe('scheduled');
    expect(rolledUpStatus('draft', ['draft'])).toBe('draft');
  });
});

describe('looking for a part on the timeline', () => {
  it('does not take a timeline longer than it reads for a part that is absent', async () => {
    // Every page holds other posts and offers a next one: the part may be further on.
    let pages = 0;
    const server = http.createServer((req, res) => {
      pages += 1;
      const data = Array.from({ length: 100 }, (_, i) => ({
        id: String(2_000_000 - pages * 100 - i),
        text: `Another post ${String(pages)}-${String(i)}`,
      }));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data, meta: { next_token: `page${String(pages + 1)}` } }));
    });
    const port = await listen(server);
    const route = createXRoute({ STARLING_X_API_ORIGIN: `http://127.0.0.1:${String(port)}` });
    const client = new TwitterApi('token', { httpAgent: route.agent });
    const lookup = {
      userId: '42',
      text: 'The part',
      hasMedia: false,
      inReplyTo: null,
      since: now,
      excludeIds: new Set<string>(),
    };
    try {
      await expect(findPostedPart(client, lookup)).rejects.toThrow(/more than 300 times since/);
      // The same timeline ending within reach answers absent.
      pages = 1_000;
      server.removeAllListeners('request');
      server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: [{ id: '1', text: 'Other' }], meta: {} }));
      });
      expect(await findPostedPart(client, lookup)).toBeNull();
    } finally {
      route.agent.destroy();
    }
  });
});
