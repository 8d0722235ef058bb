// Meta's Graph errors sorted into what the publisher does next (meta/outcomes.ts), and
// its usage headers read into a back-off (meta/usage.ts), from the shapes Meta documents
// in graph-api/guides/error-handling and graph-api/overview/rate-limiting.
import { describe, expect, it } from 'vitest';
import { GraphError } from '../../main/core/platforms/meta/graph.ts';
import { metaNoAnswer } from '../../main/core/platforms/meta/http.ts';
import { classifyMetaError } from '../../main/core/platforms/meta/outcomes.ts';
import {
  createUsageWatch,
  defaultPauseMs,
  MetaBackOff,
  parseUsage,
} from '../../main/core/platforms/meta/usage.ts';

const now = Date.UTC(2026, 11, 4, 12);

function graphError(
  status: number,
  fields: Partial<{ code: number; subcode: number; transient: boolean; userMessage: string }>,
  headers: Record<string, string> = {},
) {
  return new GraphError(
    status,
    {
      code: fields.code ?? null,
      subcode: fields.subcode ?? null,
      type: 'OAuthException',
      transient: fields.transient ?? false,
      message: 'Meta says no',
      userMessage: fields.userMessage ?? null,
    },
    headers,
  );
}

describe('classifying Graph errors', () => {
  it('asks for a reconnect on 190, naming the subcode in words', () => {
    const outcome = classifyMetaError(graphError(400, { code: 190, subcode: 460 }), now);
    expect(outcome).toEqual({
      kind: 'auth',
      reason: 'the Facebook password was changed.',
      reconnect: true,
    });
  });

  it('retries throttling when Meta estimates, else after a share of the hour', () => {
    const buc = JSON.stringify({
      '1234': [
        {
          type: 'pages',
          call_count: 100,
          total_cputime: 3,
          total_time: 4,
          estimated_time_to_regain_access: 7,
        },
      ],
    });
    const withEstimate = classifyMetaError(
      graphError(400, { code: 80001 }, { 'x-business-use-case-usage': buc }),
      now,
    );
    expect(withEstimate).toMatchObject({ kind: 'retryable', retryAt: now + 7 * 60_000 });
    for (const code of [4, 17, 32, 613]) {
      expect(classifyMetaError(graphError(400, { code }), now)).toMatchObject({
        kind: 'retryable',
        retryAt: now + defaultPauseMs,
      });
    }
  });

  it('refuses a missing permission in words that say what to do', () => {
    for (const code of [10, 200, 299]) {
      const outcome = classifyMetaError(graphError(403, { code }), now);
      expect(outcome.kind).toBe('rejected');
      expect(outcome.kind === 'rejected' && outcome.message).toMatch(/connect Facebook again/);
    }
  });

  it('retries transient errors and server errors', () => {
    expect(classifyMetaError(graphError(500, { code: 2, transient: true }), now).kind).toBe(
      'retryable',
    );
    expect(classifyMetaError(graphError(400, { code: 1 }), now).kind).toBe('retryable');
    expect(classifyMetaError(graphError(400, { code: 100, transient: true }), now).kind).toBe(
      'retryable',
    );
  });

  it('says a duplicate is one, and gives other refusals Meta’s words for people', () => {
    expect(classifyMetaError(graphError(400, { code: 506 }), now).kind).toBe('duplicate');
    expect(
      classifyMetaError(graphError(400, { code: 100, userMessage: 'The link is broken.' }), now),
    ).toMatchObject({ kind: 'rejected', message: 'The link is broken.' });
  });

  it('calls a lost answer ambiguous only when the request was sent', () => {
    expect(classifyMetaError(metaNoAnswer('ECONNRESET', true), now).kind).toBe('ambiguous');
    expect(classifyMetaError(metaNoAnswer('ECONNREFUSED', false), now).kind).toBe('retryable');
  });
});

describe('usage headers', () => {
  it('reads X-App-Usage and each business use case, taking the most spent figure', () => {
    const usage = parseUsage(
      {
        'x-app-usage': '{"call_count":28,"total_time":25,"total_cputime":31}',
        'x-business-use-case-usage': JSON.stringify({
          '99': [
            {
              type: 'pages',
              call_count: 5,
              total_cputime: 1,
              total_time: 2,
              estimated_time_to_regain_access: 0,
            },
          ],
        }),
      },
      now,
    );
    expect(usage).toEqual([
      { scope: 'app', percent: 31, regainAt: null, type: null },
      { scope: '99', percent: 5, regainAt: null, type: 'pages' },
    ]);
    expect(parseUsage({ 'x-app-usage': 'not json' }, now)).toEqual([]);
  });

  it('backs off a scope near 100% until Meta’s estimate, and not other Pages', () => {
    let at = now;
    const watch = createUsageWatch(() => at);
    watch.note({
      'x-business-use-case-usage': JSON.stringify({
        '99': [
          {
            type: 'pages',
            call_count: 95,
            total_cputime: 1,
            total_time: 2,
            estimated_time_to_regain_access: 3,
          },
        ],
      }),
    });
    expect(watch.pause(['99'])).toEqual({ scope: '99', percent: 95, until: now + 3 * 60_000 });
    expect(watch.pause(['42'])).toBeNull();
    at += 3 * 60_000;
    expect(watch.pause(['99'])).toBeNull();
  });

  it('backs every Page off when the app’s own usage is near its limit', () => {
    const watch = createUsageWatch(() => now);
    watch.note({ 'x-app-usage': '{"call_count":92,"total_time":1,"total_cputime":1}' });
    const pause = watch.pause(['42']);
    expect(pause).toEqual({ scope: 'app', percent: 92, until: now + defaultPauseMs });
    expect(
      classifyMetaError(new MetaBackOff(pause ?? { scope: '', percent: 0, until: 0 }), now),
    ).toMatchObject({ kind: 'retryable', retryAt: now + defaultPauseMs });
    watch.note({ 'x-app-usage': '{"call_count":40,"total_time":1,"total_cputime":1}' });
    expect(watch.pause(['42'])).toBeNull();
  });
});
