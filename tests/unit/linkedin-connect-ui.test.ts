// The plain rules behind Connect LinkedIn and the account list: the app form's checks
// (linkedin-app.ts), the pages picker's role words and first choice (pages-choice.ts), and
// what the account list says about a sign-in that ends (account-notice.ts).
import { describe, expect, it } from 'vitest';
import type { NetworkPage } from '../../shared/accounts.ts';
import { accountNotice } from '../../renderer/src/features/accounts/account-notice.ts';
import {
  isLinkedInPage,
  linkedInAppIssue,
} from '../../renderer/src/features/accounts/networks/linkedin-app.ts';
import { initialPageChoice, roleWords } from '../../renderer/src/features/accounts/pages-choice.ts';

const day = 24 * 60 * 60_000;
const now = Date.UTC(2026, 11, 4, 9, 0);
const fixedDay = (instant: number) => new Date(instant).toISOString().slice(0, 10);

const page = (id: string, accountId: string | null = null): NetworkPage => ({
  id,
  name: `Page ${id}`,
  handle: `page-${id}`,
  avatarUrl: null,
  role: 'ADMINISTRATOR',
  accountId,
});

describe('LinkedIn app form', () => {
  it('asks for a Client ID and checks it and a typed secret by the shared schema', () => {
    const saved = { fromEnvironment: false };
    expect(linkedInAppIssue('clientId', ' ', saved)).toBe(
      'Paste the Client ID of your LinkedIn app.',
    );
    expect(linkedInAppIssue('clientId', 'no!', null)).toMatch(/^The Client ID looks wrong/);
    expect(linkedInAppIssue('clientId', '86starlingtestapp', saved)).toBeNull();
    // Empty keeps the saved secret (or none, for an app LinkedIn lets use PKCE alone).
    expect(linkedInAppIssue('clientSecret', '', saved)).toBeNull();
    expect(linkedInAppIssue('clientSecret', 'short', saved)).toBe(
      'The client secret looks too short.',
    );
  });

  it('checks nothing when the app comes from the environment', () => {
    expect(linkedInAppIssue('clientId', '', { fromEnvironment: true })).toBeNull();
  });

  it('tells a company page from a member by its URN', () => {
    expect(isLinkedInPage('urn:li:organization:90000001')).toBe(true);
    expect(isLinkedInPage('urn:li:person:abc')).toBe(false);
  });
});

describe('pages picker', () => {
  it('names roles in words', () => {
    expect(roleWords('ADMINISTRATOR')).toBe('Administrator');
    expect(roleWords('CONTENT_ADMINISTRATOR')).toBe('Content administrator');
    expect(roleWords('')).toBe('Member');
  });

  it('ticks the pages connected already, or the only page', () => {
    expect([...initialPageChoice([page('1')])]).toEqual(['1']);
    expect([...initialPageChoice([page('1'), page('2')])]).toEqual([]);
    expect([...initialPageChoice([page('1'), page('2', 'acc-2'), page('3', 'acc-3')])]).toEqual([
      '2',
      '3',
    ]);
  });
});

describe('account notice', () => {
  const account = (credentialsExpireAt: number | null, status = 'active' as const) => ({
    status,
    statusReason: null,
    credentialsExpireAt,
  });

  it('says nothing for an active account far from its end', () => {
    expect(accountNotice(account(now + 30 * day), now, fixedDay)).toEqual({
      status: 'active',
      note: null,
      reconnect: false,
    });
  });

  it('asks to reconnect soon from 7 days before, naming the day', () => {
    expect(accountNotice(account(now + 3 * day), now, fixedDay)).toEqual({
      status: 'ending',
      note: 'Sign-in ends in 3 days (2026-12-07). Reconnect before then to keep posting.',
      reconnect: true,
    });
  });

  it('reads as needing reconnecting once the end has passed, before the core marks it', () => {
    expect(accountNotice(account(now - day), now, fixedDay)).toMatchObject({
      status: 'needs_reauth',
      note: 'Sign-in has ended (2026-12-03). Reconnect to keep posting; its posts wait until then.',
      reconnect: true,
    });
  });

  it('shows why the core marked an account', () => {
    expect(
      accountNotice(
        {
          status: 'needs_reauth',
          statusReason: 'LinkedIn signed Starling out.',
          credentialsExpireAt: null,
        },
        now,
        fixedDay,
      ),
    ).toEqual({ status: 'needs_reauth', note: 'LinkedIn signed Starling out.', reconnect: true });
  });
});
