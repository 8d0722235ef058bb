// The fake LinkedIn's post finder (GET /rest/posts?q=author) over real HTTP, as Starling's
// lookup of an unconfirmed page post reads it: newest first by sortBy, LAST_MODIFIED (the
// default, where a post edited on LinkedIn moves up) or CREATED.
import { describe, expect, it } from 'vitest';
import { api, fakeLinkedIn, memberWithPage, textPost } from './fake-linkedin-fixture.ts';

describe('fake LinkedIn: posts by author', () => {
  it('lists a page’s posts by their last change or their creation, newest first', async () => {
    const fake = await fakeLinkedIn();
    const { page, token } = memberWithPage(fake);
    const urns: string[] = [];
    for (const text of ['Older', 'Newer']) {
      const created = await api(fake, token, 'POST', '/rest/posts', textPost(page.urn, text));
      urns.push(String(created.headers['x-restli-id']));
      fake.clock.advance(60_000);
    }
    fake.editPost(urns[0] ?? '', 'Older, corrected');
    const listed = async (sortBy: string) =>
      (
        await api(
          fake,
          token,
          'GET',
          `/rest/posts?q=author&author=${encodeURIComponent(page.urn)}&sortBy=${sortBy}`,
        )
      ).json() as { elements?: { commentary: string; lifecycleStateInfo: unknown }[] };
    const byChange = await listed('LAST_MODIFIED');
    expect(byChange.elements?.map((p) => p.commentary)).toEqual(['Older, corrected', 'Newer']);
    expect(byChange.elements?.[0]?.lifecycleStateInfo).toEqual({ isEditedByAuthor: true });
    expect((await listed('CREATED')).elements?.map((p) => p.commentary)).toEqual([
      'Newer',
      'Older, corrected',
    ]);
    expect(await listed('NEWEST')).toMatchObject({ status: 400 });
  });
});
