// [Note: pasted address] Where a network will not send the browser back to a loopback
// listener (Threads, some Meta logins), it lands on the https address the user registered
// with their app, and the user pastes that address into Starling. This reads the answer
// out of it, after making sure it is the flow's redirect: the state is judged by the
// network's Signin, as for a loopback callback.

export type PastedQuery = { ok: true; value: URLSearchParams } | { ok: false; message: string };

/** Longer than any redirect with a code; a paste beyond it is something else. */
const maxAddressLength = 8_000;

/** Quotes or angle brackets a terminal or a chat app put around a copied address. */
const wrapping = /^[<"'`]+|[>"'`]+$/g;

const samePath = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/**
 * The query of `pasted` when it is an answer to a flow whose redirect is `redirectUri`
 * (same scheme, host, port and path; what follows `#`, such as Meta's `#_`, is ignored),
 * or why it is not, in words for the user.
 */
export function pastedQuery(pasted: string, redirectUri: string): PastedQuery {
  const text = pasted.trim().replace(wrapping, '');
  if (text === '') return { ok: false, message: 'Paste the address your browser shows.' };
  if (text.length > maxAddressLength) {
    return { ok: false, message: 'That is too long to be the address your browser shows.' };
  }
  const expected = new URL(redirectUri);
  // Address bars often hide the scheme; what was copied without one is read as the redirect's.
  const address = URL.parse(
    /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `${expected.protocol}//${text}`,
  );
  if (address === null) {
    return {
      ok: false,
      message: 'That is not a web address. Copy the whole address from your browser’s address bar.',
    };
  }
  if (
    address.protocol !== expected.protocol ||
    address.host !== expected.host ||
    !samePath(address.pathname, expected.pathname)
  ) {
    return {
      ok: false,
      message: `That is not the address the sign-in sends you back to (${expected.origin}${expected.pathname}). Copy the address your browser shows after you approved Starling.`,
    };
  }
  const query = address.searchParams;
  if (!query.has('code') && !query.has('error') && !query.has('oauth_verifier')) {
    return {
      ok: false,
      message:
        'That address has no sign-in code in it. Approve Starling in the browser first, then copy the address the page shows.',
    };
  }
  return { ok: true, value: query };
}
