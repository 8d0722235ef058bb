// Company pages a post may mention ([Note: mentions in text]). LinkedIn's Organization
// Lookup finds a page by its vanity name (GET /rest/organizations?q=vanityName), the last
// part of its address, and needs rw_organization_admin, so only a member connected with
// pages (or one of their pages) can look up. The member's own pages match by name too,
// and come first: they are what a freelancer mentions most (the client's other brands).
import type { MentionCandidate } from '../../../../shared/mentions.ts';
import { failure } from '../../../../shared/result.ts';
import type { MentionsPort } from '../port.ts';
import { LinkedInHttpError, type LinkedInApi } from './api.ts';
import { jsonOf } from '../http-exchange.ts';
import { pagesOf, record } from './pages.ts';
import type { OpenSession } from './session.ts';

const lookupScope = 'rw_organization_admin';

/** linkedin.com/company/acme-bakery/ (or showcase/, school/) → acme-bakery. */
const address = /linkedin\.com\/(?:company|showcase|school)\/([^/?#\s]+)/iu;

/**
 * The vanity names `query` may stand for: the one in a page's address, or the query as
 * typed and as LinkedIn forms vanity names from a name (lower case, words joined by -).
 */
export function vanityNamesOf(query: string): string[] {
  const trimmed = query.trim();
  const fromAddress = address.exec(trimmed)?.[1];
  if (fromAddress !== undefined) {
    try {
      return [decodeURIComponent(fromAddress)];
    } catch {
      return [fromAddress];
    }
  }
  const bare = trimmed.replace(/^@/u, '');
  if (bare === '') return [];
  const joined = bare.toLowerCase().replace(/\s+/gu, '-');
  return [...new Set([bare, joined])].filter((v) => !/[/?#\s]/u.test(v));
}

export function createLinkedInMentions(deps: {
  api: LinkedInApi;
  openSession: OpenSession;
}): MentionsPort {
  return {
    async find(account, query) {
      const session = await deps.openSession(account);
      if (!session.scopes.has(lookupScope)) {
        throw failure(
          'VALIDATION',
          'LinkedIn looks up company pages only for members connected with pages. Connect ' +
            'LinkedIn again with pages (your LinkedIn app needs the Community Management ' +
            'API product) to mention one.',
        );
      }
      const wanted = query.trim().toLowerCase();
      const names = vanityNamesOf(query);
      const found = new Map<string, MentionCandidate>();
      for (const page of await pagesOf(deps.api, session)) {
        const matches =
          page.name.toLowerCase().includes(wanted) ||
          names.some((n) => n.toLowerCase() === page.handle.toLowerCase());
        if (matches) {
          found.set(page.id, {
            name: page.name,
            handle: page.handle,
            ref: page.platformUserId,
            own: true,
          });
        }
      }
      for (const vanity of names) {
        const answer = await session
          .call(
            (token) =>
              deps.api.rest(
                token,
                'GET',
                `/organizations?q=vanityName&vanityName=${encodeURIComponent(vanity)}`,
              ),
            'page',
          )
          .catch((error: unknown) => {
            // LinkedIn answers a vanity name it does not know with 404 on some versions.
            if (error instanceof LinkedInHttpError && error.status === 404) return null;
            throw error;
          });
        const elements = answer === null ? [] : record(jsonOf(answer)).elements;
        for (const element of Array.isArray(elements) ? elements : []) {
          const org = record(element);
          const id = typeof org.id === 'number' || typeof org.id === 'string' ? String(org.id) : '';
          if (!/^\d+$/u.test(id) || found.has(id)) continue;
          const name = typeof org.localizedName === 'string' ? org.localizedName : '';
          if (name === '') continue;
          found.set(id, {
            name,
            handle: typeof org.vanityName === 'string' ? org.vanityName : vanity,
            ref: `urn:li:organization:${id}`,
            own: false,
          });
        }
      }
      return [...found.values()];
    },
  };
}
