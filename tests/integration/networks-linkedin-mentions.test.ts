// Mentioning a company page in a LinkedIn post (see [Note: mentions in text]): the page is
// found through the real core and the fake's Organization Lookup (by its address, its
// vanity name, or one of the member's own pages by name), the post goes out with
// LinkedIn's mention markup so the fake links it, a thread's comments carry the name, and
// a member connected without pages is told what to do instead of seeing an empty list.
import { describe, expect, it } from 'vitest';
import { mentionToken } from '../../shared/mentions.ts';
import { expectOk } from '../helpers/core.ts';
import { linkedinFixture } from './linkedin-fixture.ts';

describe('LinkedIn mentions', () => {
  it('finds pages by address, vanity name and (own pages) name, own pages first', async () => {
    const fx = await linkedinFixture({ page: true });
    const flour = fx.fake.addOrganization({ name: 'Acme Flour Co.', vanityName: 'acme-flour' });
    const find = async (query: string) =>
      expectOk(await fx.core.invoke('accounts:find-mentions', { accountId: fx.account.id, query }));
    const acme = {
      name: 'Acme Flour Co.',
      handle: 'acme-flour',
      ref: `urn:li:organization:${flour.id}`,
      own: false,
    };
    expect(await find('https://www.linkedin.com/company/acme-flour/posts/?feedView=all')).toEqual([
      acme,
    ]);
    expect(await find('ACME-FLOUR')).toEqual([acme]);
    // A name is tried as the vanity name LinkedIn would make of it.
    expect(await find('Acme Flour')).toEqual([acme]);
    expect(await find('nova')).toEqual([
      {
        name: 'Nova Bakery',
        handle: 'nova-bakery',
        ref: `urn:li:organization:${fx.organization?.id ?? ''}`,
        own: true,
      },
    ]);
    expect(await find('no such page')).toEqual([]);
    // The page account looks up with the member's grant it shares.
    const page = fx.page;
    if (page === null) throw new Error('no page');
    expect(
      expectOk(
        await fx.core.invoke('accounts:find-mentions', { accountId: page.id, query: 'acme-flour' }),
      ),
    ).toEqual([acme]);
  });

  it('tells a member connected without pages how to look pages up', async () => {
    const fx = await linkedinFixture();
    const result = await fx.core.invoke('accounts:find-mentions', {
      accountId: fx.account.id,
      query: 'acme',
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: expect.stringMatching(/Connect LinkedIn again with pages/u) as string,
      },
    });
    expect(fx.fake.ledger.requests().filter((r) => r.path === '/rest/organizations')).toEqual([]);
  });

  it('publishes a mention LinkedIn links, and the name in a comment', async () => {
    const fx = await linkedinFixture({ page: true });
    const flour = fx.fake.addOrganization({ name: 'Acme (UK) Flour', vanityName: 'acme-uk' });
    const ref = `urn:li:organization:${flour.id}`;
    const token = mentionToken(flour.name, ref);
    const { targetId } = await fx.post([
      `Our rye is milled by ${token} (thank you!) #bread`,
      `More about ${token} at the counter`,
    ]);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    const [post] = fx.posts();
    expect(post?.mentions).toEqual([ref]);
    expect(post?.displayedText).toBe('Our rye is milled by Acme (UK) Flour (thank you!) #bread');
    expect(post?.commentary).toContain(`@[Acme \\(UK\\) Flour](${ref})`);
    const comments = fx.fake.ledger.comments().filter((c) => c.postUrn === post?.urn);
    expect(comments.map((c) => c.text)).toEqual(['More about Acme (UK) Flour at the counter']);
  });
});
