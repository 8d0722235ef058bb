// Plays the browser for a fake's approve(): loads the authorize page, answers the consent
// form (posted back to the page's own path), then follows the redirect to the client's
// redirect_uri so a waiting loopback server receives its callback, as it would when a
// person clicks Allow. A redirect from the first page (an error the client can act on,
// or consent the user gave before) is followed at once.
export async function answerConsent(
  name: string,
  origin: string,
  authorizeUrl: string,
  deny: boolean,
): Promise<string> {
  return follow(await consentLocation(name, origin, authorizeUrl, deny));
}

/**
 * Where the consent sends the browser, not followed: the address a person copies from the
 * address bar to paste into Starling ([Note: pasted address]).
 */
export async function consentLocation(
  name: string,
  origin: string,
  authorizeUrl: string,
  deny: boolean,
): Promise<string> {
  const target = new URL(authorizeUrl);
  const page = await fetch(`${origin}${target.pathname}${target.search}`, { redirect: 'manual' });
  const text = await page.text();
  const early = page.headers.get('location');
  if (page.status === 302 && early !== null) return early;
  const requestId = /name="request_id" value="([^"]+)"/.exec(text)?.[1];
  if (page.status !== 200 || requestId === undefined) {
    const reason = /<p id="(?:error|signed-out)">([^<]*)<\/p>/.exec(text)?.[1] ?? text;
    throw new Error(`${name} authorize page answered ${page.status}: ${reason}`);
  }
  const answer = await fetch(`${origin}${target.pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request_id: requestId, decision: deny ? 'deny' : 'allow' }),
    redirect: 'manual',
  });
  await answer.arrayBuffer();
  const location = answer.headers.get('location');
  if (answer.status !== 302 || location === null) {
    throw new Error(`${name} consent answered ${answer.status} without a redirect`);
  }
  return location;
}

/** Visits a loopback callback; a browser shows an error page when nothing listens, so do we. */
async function follow(location: string): Promise<string> {
  // Only loopback: tests run offline, and a real redirect URI elsewhere is not ours to call.
  if (!/^http:\/\/(?:127\.\d+\.\d+\.\d+|localhost|\[::1\])(?::\d+)?\//.test(location)) {
    return location;
  }
  try {
    const callback = await fetch(location, { redirect: 'manual' });
    await callback.arrayBuffer();
  } catch {
    // Nothing listening on the redirect URI: the URL is still where the browser went.
  }
  return location;
}
