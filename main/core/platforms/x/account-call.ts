// Calling X as one account: the client comes from XClients (fresh tokens); after a 401 the
// tokens are refreshed once through XClients and the call is made again. Shared by the
// publisher and the metrics fetch.
import type { TwitterApi } from 'twitter-api-v2';
import { isUnauthorized } from './outcomes.ts';
import type { XClients } from './x-clients.ts';

export type AccountCall = <T>(fn: (client: TwitterApi) => Promise<T>) => Promise<T>;

export function accountCall(xClients: XClients, accountId: string): AccountCall {
  let client: TwitterApi | null = null;
  let refreshed = false;
  return async (fn) => {
    client ??= await xClients.forAccount(accountId);
    try {
      return await fn(client);
    } catch (error) {
      if (!isUnauthorized(error) || refreshed) throw error;
      refreshed = true;
      client = await xClients.afterUnauthorized(accountId, client);
      return fn(client);
    }
  };
}
