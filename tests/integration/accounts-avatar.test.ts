// Connecting an account keeps its profile picture locally: fetched through the X route
// (the fake serves pbs.twimg.com's paths), shrunk to a 96 px WebP, stored as a data: URL
// the page's CSP can show. A picture that cannot be had leaves the connect untouched.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { connectX, startX } from '../helpers/x-accounts.ts';

describe('account pictures', () => {
  it('are kept as a small WebP data: URL when an account connects', async () => {
    const { account } = await connectX();
    expect(account.avatarUrl).toMatch(/^data:image\/webp;base64,/);
    const bytes = Buffer.from((account.avatarUrl ?? '').split(',')[1] ?? '', 'base64');
    expect(await sharp(bytes).metadata()).toMatchObject({ format: 'webp', width: 96, height: 96 });
  });

  it('leave the remote address, and the connect intact, when the picture cannot be fetched', async () => {
    const fake = await startX();
    const { account } = await connectX({
      fake,
      user: { profileImageUrl: 'https://pbs.twimg.com/missing.jpg' },
    });
    expect(account.status).toBe('active');
    expect(account.avatarUrl).toBe('https://pbs.twimg.com/missing.jpg');
  });
});
