// The fake LinkedIn's publishing over real HTTP: image, multi-image, video-in-parts and
// document posts, little-text commentary kept as sent, comments, delete, share statistics,
// bad input that stores nothing, daily quotas and faults (a post stored whose answer is lost).
import { describe, expect, it } from 'vitest';
import {
  api,
  fakeLinkedIn,
  memberWithPage,
  textPost,
  upload,
  uploadedAsset,
} from './fake-linkedin-fixture.ts';

describe('fake LinkedIn: posts, media and metrics', () => {
  it('posts an image with alt text and keeps the little text exactly as sent', async () => {
    const fake = await fakeLinkedIn();
    const { member, token } = memberWithPage(fake);
    const init = await api(fake, token, 'POST', '/rest/images?action=initializeUpload', {
      initializeUploadRequest: { owner: member.urn },
    });
    const value = init.json().value as Record<string, unknown>;
    expect(value).toEqual({
      uploadUrlExpiresAt: expect.any(Number),
      uploadUrl: expect.stringMatching(/^https:\/\/www\.linkedin\.com\/dms-uploads\//),
      image: expect.stringMatching(/^urn:li:image:C4E10AQ/),
    });
    const image = String(value.image);
    const status = async () =>
      (await api(fake, token, 'GET', `/rest/images/${encodeURIComponent(image)}`)).json().status;
    expect(await status()).toBe('WAITING_UPLOAD');
    expect((await upload(fake, String(value.uploadUrl), Buffer.from('png bytes'))).status).toBe(
      201,
    );
    expect([await status(), await status()]).toEqual(['PROCESSING', 'AVAILABLE']);

    const commentary =
      'Beans \\(fresh\\) \\#notatag {hashtag|#|coffee} @[Acme](urn:li:organization:1)';
    const created = await api(
      fake,
      token,
      'POST',
      '/rest/posts',
      textPost(member.urn, commentary, {
        content: { media: { id: image, altText: 'A cup of coffee' } },
      }),
    );
    expect(created.status).toBe(201);
    const urn = created.headers['x-restli-id'];
    expect(urn).toMatch(/^urn:li:share:\d{19}$/);
    expect(created.text).toBe('');
    expect(fake.ledger.posts()).toMatchObject([
      {
        urn,
        author: member.urn,
        commentary,
        kind: 'image',
        mediaUrns: [image],
        altTexts: { [image]: 'A cup of coffee' },
        linkedInVersion: '202603',
        restliProtocolVersion: '2.0.0',
      },
    ]);
    // One unescaped reserved character loses the rest of the text, as on LinkedIn.
    expect(fake.ledger.posts()[0]?.displayedText).toBe('Beans (fresh) #notatag #coffee Acme');
    const careless = await api(
      fake,
      token,
      'POST',
      '/rest/posts',
      textPost(member.urn, 'Fresh (today) beans'),
    );
    expect(
      fake.ledger.posts().find((p) => p.urn === careless.headers['x-restli-id'])?.displayedText,
    ).toBe('Fresh ');
  });

  it('posts 2–20 images as a page and refuses other counts', async () => {
    const fake = await fakeLinkedIn();
    const { page, token } = memberWithPage(fake);
    const images: string[] = [];
    for (let i = 0; i < 3; i += 1) images.push(await uploadedAsset(fake, token, page.urn));
    const multi = (ids: string[]) =>
      textPost(page.urn, 'Our new roastery', {
        content: {
          multiImage: { images: ids.map((id, i) => ({ id, altText: `Photo ${i + 1}` })) },
        },
      });
    const created = await api(fake, token, 'POST', '/rest/posts', multi(images));
    expect(created.headers['x-restli-id']).toMatch(/^urn:li:ugcPost:\d+$/);
    expect(fake.ledger.posts()[0]).toMatchObject({ kind: 'multiImage', mediaUrns: images });
    const one = await api(fake, token, 'POST', '/rest/posts', multi(images.slice(0, 1)));
    const many = await api(
      fake,
      token,
      'POST',
      '/rest/posts',
      multi(Array.from({ length: 21 }, () => images[0] ?? '')),
    );
    expect([one.status, many.status]).toEqual([422, 422]);
    expect(one.json().message).toBe(
      'ERROR :: /content/multiImage/images :: array size 1 is not between 2 and 20\n',
    );
    expect(fake.ledger.posts()).toHaveLength(1);
  });

  it('uploads a video in parts, finalizes with the etags in order and waits for AVAILABLE', async () => {
    const fake = await fakeLinkedIn({ videoPartBytes: 1024, videoProcessingSteps: 2 });
    const { member, token } = memberWithPage(fake);
    const bytes = Buffer.alloc(2500, 7);
    const init = await api(fake, token, 'POST', '/rest/videos?action=initializeUpload', {
      initializeUploadRequest: {
        owner: member.urn,
        fileSizeBytes: bytes.length,
        uploadCaptions: false,
        uploadThumbnail: false,
      },
    });
    const value = init.json().value as {
      video: string;
      uploadToken: string;
      uploadInstructions: { uploadUrl: string; firstByte: number; lastByte: number }[];
    };
    expect(value.uploadInstructions.map((p) => [p.firstByte, p.lastByte])).toEqual([
      [0, 1023],
      [1024, 2047],
      [2048, 2499],
    ]);
    const etags: string[] = [];
    for (const part of value.uploadInstructions) {
      const put = await upload(
        fake,
        part.uploadUrl,
        bytes.subarray(part.firstByte, part.lastByte + 1),
      );
      etags.push(String(put.headers.etag));
    }
    const finalize = (ids: string[]) =>
      api(fake, token, 'POST', '/rest/videos?action=finalizeUpload', {
        finalizeUploadRequest: {
          video: value.video,
          uploadToken: value.uploadToken,
          uploadedPartIds: ids,
        },
      });
    expect((await finalize([...etags].reverse())).status).toBe(400);
    expect((await finalize(etags)).status).toBe(200);
    const status = async () =>
      (await api(fake, token, 'GET', `/rest/videos/${encodeURIComponent(value.video)}`)).json()
        .status;
    expect([await status(), await status(), await status()]).toEqual([
      'PROCESSING',
      'PROCESSING',
      'AVAILABLE',
    ]);
    expect(fake.media.get(value.video)?.data.equals(bytes)).toBe(true);
    const created = await api(
      fake,
      token,
      'POST',
      '/rest/posts',
      textPost(member.urn, 'Roasting day', {
        content: { media: { id: value.video, title: 'Roasting day' } },
      }),
    );
    expect(created.headers['x-restli-id']).toMatch(/^urn:li:ugcPost:/);
  });

  it('posts a document with its title, comments on it, deletes it', async () => {
    const fake = await fakeLinkedIn();
    const { member, page, token } = memberWithPage(fake);
    const document = await uploadedAsset(fake, token, page.urn, 'documents');
    const untitled = await api(
      fake,
      token,
      'POST',
      '/rest/posts',
      textPost(page.urn, 'Menu', { content: { media: { id: document } } }),
    );
    expect(untitled.status).toBe(422);
    const created = await api(
      fake,
      token,
      'POST',
      '/rest/posts',
      textPost(page.urn, 'Menu', { content: { media: { id: document, title: 'Menu.pdf' } } }),
    );
    const urn = String(created.headers['x-restli-id']);
    const path = `/rest/socialActions/${encodeURIComponent(urn)}/comments`;
    const comment = await api(fake, token, 'POST', path, {
      actor: page.urn,
      object: urn,
      message: { text: 'Part 2 of 2' },
    });
    expect(comment.status).toBe(201);
    expect(comment.json()).toMatchObject({
      actor: page.urn,
      object: urn,
      message: { text: 'Part 2 of 2' },
    });
    expect(fake.ledger.comments()).toMatchObject([
      { postUrn: urn, actor: page.urn, text: 'Part 2 of 2', createdBy: member.id },
    ]);
    expect((await api(fake, token, 'GET', path)).json().elements).toHaveLength(1);

    const postPath = `/rest/posts/${encodeURIComponent(urn)}`;
    expect((await api(fake, token, 'GET', postPath)).json()).toMatchObject({
      id: urn,
      commentary: 'Menu',
    });
    expect((await api(fake, token, 'DELETE', postPath)).status).toBe(204);
    expect((await api(fake, token, 'GET', postPath)).status).toBe(404);
    // Deleting again is not an error: LinkedIn documents DELETE as idempotent.
    expect((await api(fake, token, 'DELETE', postPath)).status).toBe(204);
    expect((await api(fake, token, 'DELETE', '/rest/posts/urn%3Ali%3Ashare%3A1')).status).toBe(404);
  });

  it('keeps member posts unreadable to a member app', async () => {
    const fake = await fakeLinkedIn();
    const { member, token } = memberWithPage(fake);
    const created = await api(fake, token, 'POST', '/rest/posts', textPost(member.urn, 'Hello'));
    const read = await api(
      fake,
      token,
      'GET',
      `/rest/posts/${encodeURIComponent(String(created.headers['x-restli-id']))}`,
    );
    expect(read.json()).toMatchObject({
      status: 403,
      message: 'Not enough permissions to access: partnerApiPostsExternal.GET.20260301',
    });
  });

  it('reports share statistics for page posts and followers, and no member statistics', async () => {
    const fake = await fakeLinkedIn();
    const { member, page, token } = memberWithPage(fake);
    const urns: string[] = [];
    for (const text of ['One', 'Two']) {
      urns.push(
        String(
          (await api(fake, token, 'POST', '/rest/posts', textPost(page.urn, text))).headers[
            'x-restli-id'
          ],
        ),
      );
    }
    fake.setShareStatistics(urns[0] ?? '', {
      impressionCount: 200,
      clickCount: 10,
      likeCount: 6,
      commentCount: 3,
      shareCount: 1,
    });
    const list = `List(${urns.map(encodeURIComponent).join(',')})`;
    const stats = await api(
      fake,
      token,
      'GET',
      `/rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=${encodeURIComponent(page.urn)}&shares=${list}`,
    );
    // The post with no activity yet is left out, not reported as zeros.
    expect(stats.json().elements).toEqual([
      {
        organizationalEntity: page.urn,
        share: urns[0],
        totalShareStatistics: {
          impressionCount: 200,
          uniqueImpressionsCount: 0,
          clickCount: 10,
          likeCount: 6,
          commentCount: 3,
          shareCount: 1,
          engagement: 0.1,
        },
      },
    ]);
    fake.setFollowers(page.id, 1234);
    const followers = await api(
      fake,
      token,
      'GET',
      `/rest/networkSizes/${encodeURIComponent(page.urn)}?edgeType=COMPANY_FOLLOWED_BY_MEMBER`,
    );
    expect(followers.json()).toEqual({ firstDegreeSize: 1234 });
    const memberStats = await api(
      fake,
      token,
      'GET',
      `/rest/memberCreatorPostAnalytics?q=entity&entity=(share:${encodeURIComponent(urns[0] ?? '')})&queryType=IMPRESSION`,
    );
    expect(memberStats.json()).toMatchObject({ status: 403, code: 'ACCESS_DENIED' });
    const notAdmin = fake.addOrganization();
    fake.grantRole(member.id, notAdmin.id, { role: 'CONTENT_ADMINISTRATOR' });
    const refused = await api(
      fake,
      token,
      'GET',
      `/rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=${encodeURIComponent(notAdmin.urn)}`,
    );
    expect(refused.status).toBe(403);
  });

  it('refuses bad input and stores nothing', async () => {
    const fake = await fakeLinkedIn();
    const { member, token } = memberWithPage(fake);
    const stranger = fake.addOrganization({ name: 'Not Mine' });
    const waiting = String(
      (
        (
          await api(fake, token, 'POST', '/rest/images?action=initializeUpload', {
            initializeUploadRequest: { owner: member.urn },
          })
        ).json().value as Record<string, unknown>
      ).image,
    );
    const tries = [
      textPost(member.urn, 'x'.repeat(3001)),
      textPost(stranger.urn, 'Hello'),
      { ...textPost(member.urn, 'Hello'), distribution: undefined },
      textPost(member.urn, 'Hello', { content: { media: { id: waiting } } }),
    ];
    const answers = [];
    for (const body of tries)
      answers.push((await api(fake, token, 'POST', '/rest/posts', body)).json());
    expect(answers).toMatchObject([
      { status: 400, code: 'FIELD_LENGTH_TOO_LONG' },
      {
        status: 403,
        code: 'ACCESS_DENIED',
        message: 'Not enough permissions to access: partnerApiPostsExternal.CREATE.20260301',
      },
      {
        status: 422,
        message:
          'ERROR :: /distribution :: field is required but not found and has no default value\n',
      },
      { status: 400, code: 'MEDIA_ASSET_WAITING_UPLOAD' },
    ]);
    expect(
      (await api(fake, token, 'POST', '/rest/posts', textPost(member.urn, 'x'.repeat(3000))))
        .status,
    ).toBe(201);
    expect(fake.ledger.posts()).toHaveLength(1);
  });

  it('stores a post whose answer is lost, and answers faults and quotas as LinkedIn does', async () => {
    const fake = await fakeLinkedIn({ dailyLimits: { 'POST /rest/posts': 2 } });
    const { member, token } = memberWithPage(fake);
    fake.fault({ method: 'POST', path: '/rest/posts', kind: 'drop-after-record' });
    await expect(
      api(fake, token, 'POST', '/rest/posts', textPost(member.urn, 'Lost answer')),
    ).rejects.toThrow();
    expect(fake.ledger.posts()).toMatchObject([{ commentary: 'Lost answer' }]);
    expect(fake.ledger.requests().at(-1)).toMatchObject({
      path: '/rest/posts',
      status: 201,
      delivered: false,
    });

    fake.fault({ method: 'POST', path: '/rest/posts', kind: 'status', status: 503 });
    fake.fault({ method: 'POST', path: '/rest/posts', kind: 'reset' });
    expect((await api(fake, token, 'POST', '/rest/posts', textPost(member.urn, 'a'))).status).toBe(
      503,
    );
    await expect(
      api(fake, token, 'POST', '/rest/posts', textPost(member.urn, 'b')),
    ).rejects.toThrow();
    expect((await api(fake, token, 'POST', '/rest/posts', textPost(member.urn, 'c'))).status).toBe(
      201,
    );
    const throttled = await api(fake, token, 'POST', '/rest/posts', textPost(member.urn, 'd'));
    expect(throttled.json()).toEqual({
      status: 429,
      serviceErrorCode: 101,
      code: 'TOO_MANY_REQUESTS',
      message: 'Resource level throttle MEMBER DAY limit for calls to this resource is reached.',
    });
    fake.clock.advance(24 * 60 * 60 * 1000);
    expect((await api(fake, token, 'POST', '/rest/posts', textPost(member.urn, 'e'))).status).toBe(
      201,
    );
    expect(fake.ledger.posts().map((p) => p.commentary)).toEqual(['Lost answer', 'c', 'e']);
  });
});
