// POST /api/v1/apps (one registration per instance gives a client id and secret) and
// GET /api/v1/apps/verify_credentials. Redirect URIs follow doorkeeper's rules.
import type { FakeRequest } from '../http-kit/request.ts';
import { randomSecret } from './ids.ts';
import { scopesSupported } from './instance.ts';
import { list, readBody, text, unparsable } from './params.ts';
import { apiError, json, validationFailed, type Reply } from './replies.ts';
import type { Route } from './router.ts';
import type { AppRecord, Store } from './store.ts';

export const oobRedirectUri = 'urn:ietf:wg:oauth:2.0:oob';

export function parseScopes(value: string | undefined): string[] {
  const scopes = (value ?? '').split(/[\s+]+/).filter((s) => s !== '');
  return scopes.length === 0 ? ['read'] : [...new Set(scopes)];
}

function isAbsoluteUri(uri: string): boolean {
  if (uri === oobRedirectUri) return true;
  try {
    const url = new URL(uri);
    return url.hash === '' && url.protocol !== 'localhost:';
  } catch {
    return false;
  }
}

function isLoopbackIp(url: URL): boolean {
  return /^127(?:\.\d{1,3}){3}$/.test(url.hostname) || url.hostname === '[::1]';
}

/**
 * Doorkeeper compares redirect URIs exactly, except that two loopback IP literals may
 * differ in port (RFC 8252 §7.3): an app registered with http://127.0.0.1/callback
 * may ask for http://127.0.0.1:53124/callback. `localhost` gets no such exemption.
 */
export function redirectMatches(requested: string, registered: string): boolean {
  if (requested === registered) return true;
  try {
    const a = new URL(requested);
    const b = new URL(registered);
    if (!isLoopbackIp(a) || !isLoopbackIp(b)) return false;
    a.port = '';
    b.port = '';
    return a.toString() === b.toString();
  } catch {
    return false;
  }
}

export function applicationView(app: AppRecord) {
  return {
    id: app.id,
    name: app.name,
    website: app.website,
    scopes: app.scopes,
    redirect_uri: app.redirectUris.join('\n'),
    redirect_uris: app.redirectUris,
    vapid_key:
      'BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=',
  };
}

function register(store: Store, req: FakeRequest): Reply {
  const body = readBody(req);
  if (body === null) return apiError(400, unparsable);
  const name = text(body.params, 'client_name')?.trim() ?? '';
  // A string may hold several URIs, one per line; JSON and forms may send a list.
  const redirectUris = list(body.params, 'redirect_uris')
    .flatMap((uri) => uri.split(/\r?\n/))
    .map((uri) => uri.trim())
    .filter((uri) => uri !== '');
  const scopes = parseScopes(text(body.params, 'scopes'));
  const errors: string[] = [];
  if (name === '') errors.push("Name can't be blank");
  if (redirectUris.length === 0) errors.push("Redirect URI can't be blank");
  else if (!redirectUris.every(isAbsoluteUri)) errors.push('Redirect URI must be an absolute URI.');
  if (!scopes.every((s) => scopesSupported.includes(s))) {
    errors.push("Scopes doesn't match configured on the server.");
  }
  if (errors.length > 0) return validationFailed(...errors);
  const website = text(body.params, 'website') ?? '';
  const app: AppRecord = {
    id: String(563_400 + Number(store.nextSerial())),
    name,
    website: website === '' ? null : website,
    clientId: randomSecret(32),
    clientSecret: randomSecret(32),
    redirectUris,
    scopes,
    createdAt: store.clock.now(),
  };
  store.apps.set(app.clientId, app);
  return json(200, {
    ...applicationView(app),
    client_id: app.clientId,
    client_secret: app.clientSecret,
  });
}

export function appRoutes(store: Store): Route[] {
  return [
    { kind: 'open', method: 'POST', pattern: '/api/v1/apps', handle: (r) => register(store, r) },
    {
      kind: 'user',
      method: 'GET',
      pattern: '/api/v1/apps/verify_credentials',
      scopes: [],
      appToken: true,
      handle: (_r, principal) => {
        const app = store.apps.get(principal.clientId);
        return app === undefined
          ? apiError(404, 'Record not found')
          : json(200, applicationView(app));
      },
    },
  ];
}
