// The Graph API as one Instagram account calls it: the linked Page's token (the shared Meta
// session, which marks the account needs_reauth on code 190) and the shared client, with
// the account's own usage scopes, so a Page near Meta's limit waits before sending.
import type { GraphApi, GraphParams } from '../meta/graph.ts';
import type { MetaSessions } from '../meta/session.ts';
import type { PlatformAccount } from '../port.ts';

export interface IgGraph {
  get(path: string, params?: GraphParams): Promise<Record<string, unknown>>;
  post(path: string, params: GraphParams): Promise<Record<string, unknown>>;
  remove(path: string): Promise<Record<string, unknown>>;
}

export type OpenGraph = (account: PlatformAccount) => Promise<IgGraph>;

/** The Page the account is linked to, from its settings (empty when an old row lacks it). */
const pageOf = (account: PlatformAccount): string =>
  typeof account.settings.pageId === 'string' ? account.settings.pageId : '';

/** What X-Business-Use-Case-Usage may name for the account: itself or its Page. */
export const usageScopes = (account: PlatformAccount): string[] =>
  [account.platformUserId, pageOf(account)].filter((s) => s !== '');

export function createOpenGraph(api: GraphApi, sessions: MetaSessions): OpenGraph {
  return async (account) => {
    const session = await sessions.page(account);
    const scopes = usageScopes(account);
    return {
      get: (path, params) => session.call((token) => api.get(token, path, params), scopes),
      post: (path, params) => session.call((token) => api.post(token, path, params), scopes),
      remove: (path) => session.call((token) => api.remove(token, path), scopes),
    };
  };
}
