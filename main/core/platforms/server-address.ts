// [Note: server addresses] The one rule for a server the user names (a Bluesky PDS, a
// Mastodon instance, one in a client archive): https://, or plain http:// only on this
// computer (how tests reach their fakes); no user name or password in it. Answers the
// origin Starling will call.
import { failure } from '../../../shared/result.ts';

const loopbackHosts = new Set(['127.0.0.1', '[::1]', 'localhost']);

export const isLoopbackUrl = (url: URL): boolean => loopbackHosts.has(url.hostname.toLowerCase());

/** Whether `url` may be called: https://, or http:// on this computer. */
export const isAllowedServer = (url: URL): boolean =>
  url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackUrl(url));

/**
 * The origin of the server at `input` (a bare host means https://), or VALIDATION in words
 * a person can act on. `what` names it in messages ("server", "instance").
 */
export function checkServerAddress(input: string, what: string, example: string): string {
  const address = input.trim();
  let parsed: URL;
  try {
    parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(address) ? address : `https://${address}`);
  } catch {
    throw failure('VALIDATION', `"${address}" is not a web address. Use e.g. ${example}.`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw failure('VALIDATION', `The ${what} address must not contain a user name or password.`);
  }
  if (isAllowedServer(parsed)) return parsed.origin;
  if (parsed.protocol === 'http:') {
    throw failure(
      'VALIDATION',
      `${parsed.host} must be reached over https:// (plain http:// is accepted only for a ` +
        `${what} on this computer). Use https://${parsed.host}.`,
    );
  }
  throw failure('VALIDATION', `The ${what} address must start with https:// (got ${address}).`);
}
