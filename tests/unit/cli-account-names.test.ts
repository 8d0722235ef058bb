// The terminal names accounts as the app does: an @ before @-handles only, so a Facebook
// Page or a LinkedIn member reads as its name (shownHandle in shared/networks/index.ts).
import { describe, expect, it } from 'vitest';
import type { SocialAccount } from '../../shared/accounts.ts';
import type { PostSummary, PostTargetView } from '../../shared/posts.ts';
import { describeAccount } from '../../main/cli/accounts-commands.ts';
import { postLine } from '../../main/cli/posts-format.ts';
import { accountLabel } from '../../main/core/data/csv-accounts.ts';

const target = (platform: PostTargetView['platform'], handle: string) =>
  ({ id: `t-${handle}`, accountId: `a-${handle}`, handle, platform }) as PostTargetView;

describe('accounts named in the terminal', () => {
  it('puts an @ before an X handle and none before a Page name', () => {
    const post = {
      id: 'p1',
      status: 'scheduled',
      timezone: 'Europe/Berlin',
      localTime: '2026-12-05T10:00',
      targets: [target('x', 'brightbakes'), target('facebook', 'Bright Bakery')],
    } as PostSummary;
    expect(postLine('Scheduled', post)).toBe(
      'Scheduled post p1: scheduled, 2026-12-05 10:00 Europe/Berlin → @brightbakes, Bright Bakery',
    );
  });

  it('describes a LinkedIn member by name, once, and an import names a Page likewise', () => {
    const member = {
      id: 'a1',
      clientId: 'c1',
      platform: 'linkedin',
      handle: 'Ada Baker',
      displayName: 'Ada Baker',
      serviceUrl: null,
      status: 'active',
      authKind: 'oauth2',
    } as SocialAccount;
    expect(describeAccount(member).split('\n')[0]).toBe('Ada Baker');
    expect(accountLabel({ platform: 'facebook', handle: 'Bright Bakery' })).toBe(
      'Bright Bakery (Facebook)',
    );
    expect(accountLabel({ platform: 'bluesky', handle: 'bright.bsky.social' })).toBe(
      '@bright.bsky.social (Bluesky)',
    );
  });
});
