// [Note: browser host token] `starling serve` prints http://127.0.0.1:PORT/#token=…. The
// token is moved from the address bar into this tab's sessionStorage, so a reload keeps
// working but the token does not linger in history, screenshots or a copied URL.

const storageKey = 'starling.socketToken';

interface TokenEnv {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
}

/** Splits "#/route?token=x" or "#token=x" into the route and the token. */
export function parseHash(hash: string): { route: string; token: string | null } {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const question = body.indexOf('?');
  let route = '';
  let query: string;
  if (body.startsWith('/')) {
    route = question === -1 ? body : body.slice(0, question);
    query = question === -1 ? '' : body.slice(question + 1);
  } else {
    query = body;
  }
  const token = new URLSearchParams(query).get('token');
  return { route, token: token === null || token === '' ? null : token };
}

/** Takes the token out of the address bar (remembering it) or falls back to the saved one. */
export function takeSocketToken(env: TokenEnv): string | null {
  const { route, token } = parseHash(env.location.hash);
  if (token !== null) {
    try {
      env.storage?.setItem(storageKey, token);
    } catch {
      // Storage can be disabled; the token still works until the next reload.
    }
    const hash = route === '' ? '' : `#${route}`;
    env.history.replaceState(
      env.history.state,
      '',
      env.location.pathname + env.location.search + hash,
    );
    return token;
  }
  try {
    return env.storage?.getItem(storageKey) ?? null;
  } catch {
    return null;
  }
}
