// The Instagram account that connecting Facebook makes (meta's real flow against the fake:
// the user's sign-in, then the Page and its linked Instagram account picked) publishes
// through the registry's Instagram module with the Page's token from the vault, and the
// relay on s3rver is empty afterwards.
import { describe, expect, it } from 'vitest';
import { instagramState } from '../fakes/meta-server/instagram-state.ts';
import { expectOk } from '../helpers/core.ts';
import { imageBytes } from '../helpers/media-files.ts';
import { connectFacebook, startMeta } from '../helpers/meta-accounts.ts';
import { makeMediaAsset } from '../helpers/post-factories.ts';
import { s3Keys, startS3 } from '../helpers/s3-server.ts';
import { networkPublishing } from './network-publish-fixture.ts';

describe('Instagram: an account added by connecting Facebook', () => {
  it('publishes an image with the linked Page’s token', async () => {
    // The real clock: s3rver checks the presigned links against it.
    const fake = await startMeta({ startAt: Date.now() });
    const user = fake.addUser({ name: 'Ada Baker' });
    const fbPage = fake.addPage(user.id, { name: 'Rye & Co' });
    const ig = fake.linkInstagram(fbPage.id, { username: 'ryeandco' });
    const { core, clientId, account } = await connectFacebook({ fake, user });
    const added = expectOk(
      await core.invoke('accounts:add-pages', { accountId: account.id, pageIds: [fbPage.id] }),
    );
    const instagram = added.find((a) => a.platform === 'instagram');
    if (instagram === undefined) throw new Error('no Instagram account was added');
    expect(instagram).toMatchObject({ platformUserId: ig.id, handle: 'ryeandco' });

    const s3 = await startS3();
    expectOk(
      await core.invoke('relay:save', {
        endpoint: s3.endpoint,
        region: s3.region,
        bucket: s3.bucket,
        ...s3Keys,
      }),
    );
    const publishing = networkPublishing(core, clientId);
    const assetId = await makeMediaAsset(publishing.db, core.dataDir, {
      bytes: await imageBytes('jpeg', 64, 64),
      kind: 'image',
      mime: 'image/jpeg',
      clientId,
    });
    const { targetId } = await publishing.post(instagram.id, [
      { text: 'Rye from the new oven', media: [{ assetId, alt: 'A rye loaf' }] },
    ]);

    expect(await publishing.publish(targetId)).toMatchObject({ kind: 'published' });
    const media = [...instagramState(fake.store).media.values()];
    expect(media).toMatchObject([{ igUserId: ig.id, caption: 'Rye from the new oven' }]);
    expect(s3.keys()).toEqual([]);
  });
});
