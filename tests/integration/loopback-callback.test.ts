// The loopback listener a browser sign-in comes back to serves every network that signs in
// through the user's own app: what it says names the network signing in, not X.
import { describe, expect, it, onTestFinished } from 'vitest';
import { listenForCallback } from '../../main/core/services/loopback-callback.ts';
import { freePort } from '../helpers/x-accounts.ts';

describe('the loopback callback listener', () => {
  it('names the network signing in on a stray address and on a port in use', async () => {
    const port = await freePort();
    const listener = await listenForCallback(port, 'LinkedIn', () =>
      Promise.resolve({ status: 200, title: 'Done', message: 'Go back to Starling.' }),
    );
    onTestFinished(() => listener.close());

    const stray = await fetch(`http://127.0.0.1:${String(port)}/favicon.ico`);
    expect(stray.status).toBe(404);
    expect(await stray.text()).toContain('Starling is waiting for LinkedIn to send you back');

    await expect(
      listenForCallback(port, 'LinkedIn', () =>
        Promise.resolve({ status: 200, title: 'Done', message: '' }),
      ),
    ).rejects.toMatchObject({
      error: {
        code: 'CONFLICT',
        message: expect.stringMatching(
          /in use by another program, so LinkedIn cannot send you back.*your LinkedIn app's callback URLs/s,
        ),
      },
    });
  });
});
