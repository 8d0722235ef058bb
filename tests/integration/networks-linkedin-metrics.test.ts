// LinkedIn metrics through the analytics sync: a company page's share statistics and
// follower count become snapshots (a post without activity reads as true zeros, once
// LinkedIn confirms it still exists), a personal profile is never read and says why
// instead of showing zeros, and a page role without statistics is named in words. Then
// removing accounts revokes their tokens, but not while a page still uses its member's.
import { describe, expect, it } from 'vitest';
import { memberMetricsUnavailable } from '../../main/core/platforms/linkedin/metrics.ts';
import { dumpDatabase, expectOk } from '../helpers/core.ts';
import { connectLinkedIn, testLinkedInApp } from '../helpers/linkedin-accounts.ts';
import { linkedinFixture, type LinkedInFixture } from './linkedin-fixture.ts';

const hour = 60 * 60_000;

async function published(fx: LinkedInFixture, text: string, to = fx.account) {
  const { targetId } = await fx.post([text], to);
  const outcome = await fx.publish(targetId);
  if (outcome.kind !== 'published') throw new Error(`not published: ${JSON.stringify(outcome)}`);
  return { targetId, urn: outcome.remoteId, url: outcome.url };
}

function snapshots(fx: LinkedInFixture, targetId: string) {
  return fx.db
    .selectFrom('post_metric_snapshots')
    .selectAll()
    .where('target_id', '=', targetId)
    .execute();
}

const range = (fx: LinkedInFixture) => ({
  clientId: fx.clientId,
  from: fx.core.clock.now() - 24 * hour,
  to: fx.core.clock.now() + hour,
});

describe('LinkedIn metrics', () => {
  it('reads a page’s share statistics and followers; a post without activity is zeros', async () => {
    const fx = await linkedinFixture({ page: true });
    const page = fx.page;
    if (page === null || fx.organization === null) throw new Error('no page');
    const busy = await published(fx, 'Our new sourdough', page);
    const quiet = await published(fx, 'A quiet one', page);
    fx.fake.setShareStatistics(busy.urn, {
      impressionCount: 900,
      clickCount: 40,
      likeCount: 25,
      commentCount: 6,
      shareCount: 3,
    });
    fx.fake.setFollowers(fx.organization.id, 321);
    fx.core.advance(hour);

    const result = expectOk(await fx.core.invoke('analytics:sync-now', { accountId: page.id }));
    expect(result).toMatchObject({ postsRead: 2, accountsRead: 1, problems: [] });
    expect(await snapshots(fx, busy.targetId)).toEqual([
      expect.objectContaining({
        impressions: 900,
        clicks: 40,
        likes: 25,
        replies: 6,
        reposts: 3,
        quotes: 0,
        bookmarks: 0,
        profile_visits: null,
      }),
    ]);
    expect(await snapshots(fx, quiet.targetId)).toEqual([
      expect.objectContaining({ impressions: 0, likes: 0, clicks: 0 }),
    ]);
    const dashboard = expectOk(
      await fx.core.invoke('analytics:get-dashboard', { ...range(fx), accountId: page.id }),
    );
    expect(dashboard.summary).toMatchObject({
      posts: 2,
      postsRead: 2,
      impressions: 900,
      followers: 321,
    });
    // Each top post links to where LinkedIn published it, not to another network.
    expect(busy.url).toMatch(/^https:\/\/www\.linkedin\.com\//);
    expect(dashboard.topByImpressions.map((t) => t.url)).toEqual([busy.url, quiet.url]);
  });

  it('never reads a personal profile, and says so instead of showing zeros', async () => {
    const fx = await linkedinFixture({ page: true });
    const mine = await published(fx, 'From my own profile');
    fx.core.advance(hour);
    const result = expectOk(await fx.core.invoke('analytics:sync-now', {}));
    expect(result.problems).toEqual([]);
    expect(await snapshots(fx, mine.targetId)).toEqual([]);
    expect(dumpDatabase(fx.core).account_metric_snapshots).toEqual([
      expect.objectContaining({ account_id: fx.page?.id }),
    ]);
    const reads = fx.fake.ledger.requests().filter((r) => r.path.includes('Statistics'));
    expect(reads).toEqual([]);

    const dashboard = expectOk(await fx.core.invoke('analytics:get-dashboard', range(fx)));
    expect(dashboard.accounts.find((a) => a.id === fx.account.id)?.metricsUnavailable).toBe(
      memberMetricsUnavailable,
    );
    expect(dashboard.accounts.find((a) => a.id === fx.page?.id)?.metricsUnavailable).toBeNull();
    expect(dashboard.summary.posts).toBe(0);
    const refresh = await fx.core.invoke('analytics:refresh-post', { targetId: mine.targetId });
    expect(refresh).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: memberMetricsUnavailable },
    });
  });

  it('names what the app or the page role lacks when LinkedIn refuses the statistics', async () => {
    const fx = await linkedinFixture();
    const org = fx.fake.addOrganization({ name: 'Content Only' });
    fx.fake.grantRole(fx.member.id, org.id, { role: 'CONTENT_ADMINISTRATOR' });
    // Connect again with pages, then add the page the member may post for but not measure.
    const reconnected = await linkedinFixtureReconnect(fx);
    const [page] = expectOk(
      await fx.core.invoke('accounts:add-pages', { accountId: reconnected, pageIds: [org.id] }),
    );
    if (page === undefined) throw new Error('no page');
    await published(fx, 'Posted, not measured', page);
    fx.core.advance(hour);
    const result = expectOk(await fx.core.invoke('analytics:sync-now', { accountId: page.id }));
    expect(result.problems).toEqual([
      {
        accountId: page.id,
        message: expect.stringContaining(
          'Add the Community Management API product to your LinkedIn app',
        ) as unknown,
      },
    ]);
  });
});

/** The fixture's member connected again, now with pages; returns the account id. */
async function linkedinFixtureReconnect(fx: LinkedInFixture): Promise<string> {
  const again = await connectLinkedIn({
    fake: fx.fake,
    core: fx.core,
    clientId: fx.clientId,
    member: fx.member,
    pages: true,
  });
  return again.account.id;
}

describe('removing LinkedIn accounts', () => {
  it('revokes a member’s tokens only once no page still acts with them', async () => {
    const fx = await linkedinFixture({ page: true });
    const page = fx.page;
    if (page === null) throw new Error('no page');
    const revokes = () => fx.fake.ledger.requests().filter((r) => r.path === '/oauth/v2/revoke');

    expectOk(await fx.core.invoke('accounts:remove', { id: fx.account.id }));
    expect(revokes()).toHaveLength(0);
    // The page still posts with the member's grant.
    expect(await published(fx, 'Still here', page)).toMatchObject({ urn: expect.any(String) });

    const used = fx.fake.ledger
      .requests()
      .filter((r) => r.path === '/rest/posts')
      .at(-1)
      ?.authorization?.replace('Bearer ', '');
    expectOk(await fx.core.invoke('accounts:remove', { id: page.id }));
    expect(revokes().map((r) => r.status)).toEqual([200]);
    const form = new URLSearchParams(revokes()[0]?.body ?? '');
    expect(form.get('token')).toBe(used);
    expect(form.get('client_id')).toBe(testLinkedInApp.clientId);
    expect(JSON.stringify(fx.core.logger.entries)).not.toContain(used);
  });
});
