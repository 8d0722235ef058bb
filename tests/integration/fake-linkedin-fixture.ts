// Helpers for the fake LinkedIn's own tests (fake-linkedin-*.test.ts): a fake per test,
// plain HTTP that keeps the Host header LinkedIn would see (as the origin override does),
// sign-in through the consent page, and a member who administers a company page.
import http from 'node:http';
import { onTestFinished } from 'vitest';
import {
  startFakeLinkedIn,
  type FakeLinkedIn,
  type FakeLinkedInOptions,
  type LinkedInProduct,
} from '../fakes/linkedin-server/index.ts';

export const clientId = '86starlingtest';
export const clientSecret = 'starling-test-secret';
export const redirectUri = 'http://127.0.0.1:4567/callback';
/** The fake clock starts on 1 March 2026, so 202603 is the newest active version. */
export const clockStart = Date.UTC(2026, 2, 1, 9, 0, 0);
export const version = '202603';
export const memberScopes = ['openid', 'profile', 'email', 'w_member_social'];
export const pageScopes = [
  'r_organization_social',
  'w_organization_social',
  'rw_organization_admin',
];

export async function fakeLinkedIn(
  options: FakeLinkedInOptions & { products?: LinkedInProduct[]; refreshTokens?: boolean } = {},
): Promise<FakeLinkedIn> {
  const { products, refreshTokens, ...rest } = options;
  const fake = await startFakeLinkedIn({ startAt: clockStart, ...rest });
  onTestFinished(() => fake.close());
  fake.registerApp({
    clientId,
    clientSecret,
    redirectUris: [redirectUri],
    name: 'Starling',
    ...(products === undefined ? {} : { products }),
    ...(refreshTokens === undefined ? {} : { refreshTokens }),
  });
  return fake;
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json(): Record<string, unknown>;
}

/** One HTTP request to the fake on loopback, with the Host header of the real service. */
export function call(
  fake: FakeLinkedIn,
  opts: {
    method?: string;
    host?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: fake.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { host: opts.host ?? 'api.linkedin.com', ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: () => JSON.parse(text) as Record<string, unknown>,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** An API call with a member token and the headers every /rest call carries. */
export function api(
  fake: FakeLinkedIn,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return call(fake, {
    method,
    path,
    headers: {
      authorization: `Bearer ${token}`,
      'linkedin-version': version,
      'x-restli-protocol-version': '2.0.0',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** PUT bytes to a signed upload URL, reached the way the origin override reaches it. */
export function upload(fake: FakeLinkedIn, url: string, bytes: Buffer): Promise<Answer> {
  const target = new URL(url);
  return call(fake, {
    method: 'PUT',
    host: target.host,
    path: `${target.pathname}${target.search}`,
    headers: { 'content-type': 'application/octet-stream' },
    body: bytes,
  });
}

/** The authorize URL a client builds, on LinkedIn's real host. */
export function authorizeUrl(
  scopes: string[],
  state = 'state-123',
  extra: Record<string, string> = {},
) {
  const url = new URL('https://www.linkedin.com/oauth/v2/authorization');
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    state,
    scope: scopes.join(' '),
    ...extra,
  }).toString();
  return url.toString();
}

export function tokenRequest(fake: FakeLinkedIn, form: Record<string, string>): Promise<Answer> {
  return call(fake, {
    method: 'POST',
    host: 'www.linkedin.com',
    path: '/oauth/v2/accessToken',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

/** Signs in through the consent page and exchanges the code. */
export async function signIn(fake: FakeLinkedIn, scopes: string[] = memberScopes) {
  const callback = new URL(await fake.approve(authorizeUrl(scopes)));
  const code = callback.searchParams.get('code') ?? '';
  const answer = await tokenRequest(fake, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    client_id: clientId,
    client_secret: clientSecret,
  });
  return { callback, answer, token: String(answer.json().access_token) };
}

/** A member who administers one company page, with tokens for both. */
export function memberWithPage(fake: FakeLinkedIn) {
  fake.setProducts(clientId, ['sign-in-openid', 'share', 'community-management']);
  const member = fake.addMember({
    givenName: 'Ada',
    familyName: 'Byron',
    email: 'ada@example.test',
  });
  const page = fake.addOrganization({
    name: 'Acme Coffee',
    vanityName: 'acme-coffee',
    followers: 42,
  });
  fake.grantRole(member.id, page.id);
  const { accessToken } = fake.issueTokens(member.id, { scopes: [...memberScopes, ...pageScopes] });
  return { member, page, token: accessToken };
}

export function textPost(author: string, commentary: string, extra: Record<string, unknown> = {}) {
  return {
    author,
    commentary,
    visibility: 'PUBLIC',
    distribution: {
      feedDistribution: 'MAIN_FEED',
      targetEntities: [],
      thirdPartyDistributionChannels: [],
    },
    lifecycleState: 'PUBLISHED',
    isReshareDisabledByAuthor: false,
    ...extra,
  };
}

/** Initialises an image (or document) for `owner`, uploads bytes, and returns its URN. */
export async function uploadedAsset(
  fake: FakeLinkedIn,
  token: string,
  owner: string,
  kind: 'images' | 'documents' = 'images',
): Promise<string> {
  const init = await api(fake, token, 'POST', `/rest/${kind}?action=initializeUpload`, {
    initializeUploadRequest: { owner },
  });
  const value = init.json().value as Record<string, string>;
  await upload(fake, value.uploadUrl ?? '', Buffer.from(`bytes of ${kind}`));
  return value.image ?? value.document ?? '';
}
