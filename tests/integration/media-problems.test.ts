// A media library file's own problems (library-listing.ts problemsOf): by the rules of the
// networks the file can go to, the client's, on a real data folder with real files.
import { describe, expect, it } from 'vitest';
import { expectOk, makeCore } from '../helpers/core.ts';
import { makeClientInput } from '../helpers/factories.ts';
import { imageBytes, mp4Bytes, writeFile } from '../helpers/media-files.ts';
import { makeAccount } from '../helpers/post-factories.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

async function setup() {
  const core = await makeCore();
  const clientId = expectOk(
    await core.invoke('clients:create', makeClientInput({ name: 'Bakery' })),
  ).id;
  return { core, clientId, files: tempDataDir('starling-media-src-') };
}

describe("a file's problems in the library", () => {
  it("are the client's networks' (the first network's while it has none)", async () => {
    const { core, clientId, files } = await setup();
    const png = await core.media.importFile(
      writeFile(files, 'shop.png', await imageBytes('png', 64, 48)),
      clientId,
    );
    const problems = async () => expectOk(await core.invoke('media:get', { id: png.id })).problems;
    // X takes a PNG.
    expect(await problems()).toEqual([]);
    // On Instagram, which takes only JPEG, it cannot go out as it is.
    const account = await makeAccount(core.database.db, clientId);
    await core.database.db
      .updateTable('social_accounts')
      .set({ platform: 'instagram' })
      .where('id', '=', account)
      .execute();
    expect(await problems()).toEqual(['shop.png is image/png; Instagram takes image/jpeg.']);
  });

  it('says when a video’s length could not be read', async () => {
    const { core, clientId, files } = await setup();
    const video = await core.media.importFile(
      writeFile(files, 'tour.mp4', mp4Bytes(2500, 320, 240)),
      clientId,
    );
    await core.database.db
      .updateTable('media_assets')
      .set({ duration_ms: null })
      .where('id', '=', video.id)
      .execute();
    expect(expectOk(await core.invoke('media:get', { id: video.id })).problems).toEqual([
      'tour.mp4: its length could not be read; re-export it as MP4.',
    ]);
  });
});
