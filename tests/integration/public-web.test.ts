// [Note: public pages only] A page Starling reads for a link card, and the picture it
// names, come from the public web only: a literal private address, a host name that
// resolves to one, and a redirect to one are refused before any connection; only the
// account's own server (trustedOrigin) may be private.
import { describe, expect, it } from 'vitest';
import { getPublic, isPrivateAddress } from '../../main/core/adapters/public-web.ts';
import { localServer } from '../helpers/local-server.ts';

const get = (address: string, trustedOrigin?: string) =>
  getPublic(address, {
    accept: 'text/html',
    signal: AbortSignal.timeout(5_000),
    ...(trustedOrigin !== undefined && { trustedOrigin }),
  });

describe('reading a page from the public web', () => {
  it('knows the private and special addresses, however they are written', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.5',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '[::1]',
      '::',
      'fe80::1',
      'fd12:3456::1',
      '::ffff:127.0.0.1',
      '[::ffff:7f00:1]',
      '::ffff:c0a8:101',
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['8.8.8.8', '151.101.1.69', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });

  it('refuses this machine by address or by name, and never connects', async () => {
    const camera = await localServer((res) => res.end('snapshot'));
    await expect(get(`${camera.origin}/snapshot.jpg`)).rejects.toThrow(/not a public address/);
    await expect(get(`http://localhost:${String(camera.port)}/snapshot.jpg`)).rejects.toThrow(
      /not a public address/,
    );
    await expect(get(`http://[::ffff:7f00:1]:${String(camera.port)}/snapshot.jpg`)).rejects.toThrow(
      /not a public address/,
    );
    expect(camera.asked).toEqual([]);
  });

  it('reads the trusted origin, but not where it redirects on this machine', async () => {
    const camera = await localServer((res) => res.end('snapshot'));
    const server = await localServer((res) => {
      res.writeHead(302, { location: `${camera.origin}/snapshot.jpg` }).end();
    });
    const page = await localServer((res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<title>Hi</title>');
    });
    const { response, url } = await get(`${page.origin}/p`, page.origin);
    expect(response.status).toBe(200);
    expect(url).toBe(`${page.origin}/p`);
    expect(await response.text()).toBe('<title>Hi</title>');

    await expect(get(`${server.origin}/go`, server.origin)).rejects.toThrow(/not a public address/);
    expect(server.asked).toEqual(['/go']);
    expect(camera.asked).toEqual([]);
  });
});
