// Posts for LinkedIn refused before anything is written, in words that say what to change:
// commentary over 3,000 characters, a comment over 1,250 or with media, a 21st image, media
// LinkedIn does not combine.
import { describe, expect, it } from 'vitest';
import type { PostScheduleInput } from '../../shared/posts.ts';
import { dumpDatabase } from '../helpers/core.ts';
import { connectLinkedIn } from '../helpers/linkedin-accounts.ts';
import { makeMediaAsset, pngBytes } from '../helpers/post-factories.ts';

describe('LinkedIn posts refused at scheduling', () => {
  it('refuses what LinkedIn would refuse, naming it, and writes nothing', async () => {
    const { core, clientId, account } = await connectLinkedIn();
    const images = [];
    for (let i = 0; i < 21; i += 1) {
      images.push(
        await makeMediaAsset(core.database.db, core.dataDir, {
          bytes: pngBytes(),
          kind: 'image',
          mime: 'image/png',
          clientId,
          width: 4,
          height: 4,
        }),
      );
    }
    const video = await makeMediaAsset(core.database.db, core.dataDir, {
      bytes: pngBytes(4096),
      kind: 'video',
      mime: 'video/mp4',
      clientId,
      durationMs: 8000,
    });
    const before = dumpDatabase(core);
    const when = { at: '2026-12-24 09:00', timezone: 'Europe/Berlin' };
    const schedule = (parts: PostScheduleInput['parts']) =>
      core.invoke('posts:schedule', { clientId, accountIds: [account.id], parts, when });
    const media = (ids: string[]) => ids.map((mediaId) => ({ mediaId, altText: 'A loaf' }));

    const cases: [PostScheduleInput['parts'], RegExp][] = [
      [[{ text: 'a'.repeat(3001) }], /The post for @Ada Baker is 1 character over LinkedIn's 3000/],
      [
        [{ text: 'The post' }, { text: 'b'.repeat(1251) }],
        /Part 2 for @Ada Baker is 1 character over LinkedIn's 1250/,
      ],
      [[{ text: 'Too many', media: media(images) }], /A part takes at most 20 media/],
      [
        [{ text: 'The post' }, { text: 'A comment', media: media([images[1] ?? '']) }],
        /Part 2: LinkedIn posts a thread's later parts as comments, which carry text only/,
      ],
      [
        [{ text: 'Mixed', media: media([images[0] ?? '', video]) }],
        /mixes media LinkedIn does not combine: use up to 20 images, or one GIF, or one video/,
      ],
    ];
    for (const [parts, message] of cases) {
      const result = await schedule(parts);
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(!result.ok && result.error.message).toMatch(message);
    }
    expect(dumpDatabase(core)).toEqual(before);

    // Twenty images is a post LinkedIn takes.
    const fits = await schedule([{ text: 'Twenty', media: media(images.slice(0, 20)) }]);
    expect(fits).toMatchObject({ ok: true });
  });
});
