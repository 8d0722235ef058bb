// The Pages a signed-in Facebook user granted, as accounts of their own, and the
// Instagram professional accounts linked to them (pages-api/getting-started: /me/accounts
// with each Page's token; instagram_business_account on each Page). A Page token read with
// the long-lived user token does not expire ([Note: Meta tokens]); an Instagram account
// keeps its Page's token. Adding Pages reads the list again first, so a Page the user did
// not grant refuses the whole call before anything is kept.
import { failure } from '../../../../shared/result.ts';
import type { Logger } from '../../ports.ts';
import type { ConnectedProfile, PagesPort, PlatformAccount } from '../port.ts';
import type { MetaPageCredentials } from '../meta/credentials.ts';
import type { GraphApi } from '../meta/graph.ts';
import type { MetaRoute } from '../meta/route.ts';
import type { MetaSessions } from '../meta/session.ts';
import { facebookPicture } from './picture.ts';

/** Tasks that let a person publish for a Page (Meta's Page roles as tasks). */
const postingTasks = ['CREATE_CONTENT', 'MANAGE'];

interface GrantedPage {
  id: string;
  name: string;
  token: string;
  tasks: string[];
  pictureUrl: string | null;
  instagram: { id: string; username: string; name: string; pictureUrl: string | null } | null;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

const maxPages = 20;

async function grantedPages(graph: GraphApi, token: string): Promise<GrantedPage[]> {
  const pages: GrantedPage[] = [];
  let after: string | null = null;
  for (let round = 0; round < maxPages; round += 1) {
    const answer = await graph.get(token, '/me/accounts', {
      fields:
        'id,name,access_token,tasks,picture,instagram_business_account{id,username,name,profile_picture_url}',
      limit: 100,
      ...(after === null ? {} : { after }),
    });
    const data = Array.isArray(answer.data) ? answer.data.map(record) : [];
    for (const page of data) {
      const id = text(page.id);
      const token = text(page.access_token);
      if (id === null || token === null) continue;
      const ig = record(page.instagram_business_account);
      const igId = text(ig.id);
      pages.push({
        id,
        name: text(page.name) ?? `Page ${id}`,
        token,
        tasks: Array.isArray(page.tasks) ? page.tasks.filter((t) => typeof t === 'string') : [],
        pictureUrl: facebookPicture.urlOf(page.picture),
        instagram:
          igId === null
            ? null
            : {
                id: igId,
                username: text(ig.username) ?? igId,
                name: text(ig.name) ?? text(ig.username) ?? igId,
                pictureUrl: text(ig.profile_picture_url),
              },
      });
    }
    const paging = record(answer.paging);
    const next = text(record(paging.cursors).after);
    if (text(paging.next) === null || next === null || data.length === 0) break;
    after = next;
  }
  return pages.sort((a, b) => a.name.localeCompare(b.name));
}

export interface PagesDeps {
  graph: GraphApi;
  sessions: MetaSessions;
  route: () => MetaRoute;
  logger: Logger;
}

export function createFacebookPages(deps: PagesDeps): PagesPort {
  async function userSession(account: PlatformAccount) {
    if (account.settings.kind !== 'user') {
      throw failure('VALIDATION', 'Pages are added from the Facebook account that signed in.');
    }
    return deps.sessions.user(account);
  }

  /** The user's tasks on the Page as one role, in the picker's words (pages-choice.ts). */
  const role = (page: GrantedPage) =>
    page.tasks.includes('MANAGE')
      ? 'ADMIN'
      : page.tasks.includes('CREATE_CONTENT')
        ? 'CONTENT_CREATOR'
        : 'NO_POSTING_ROLE';

  return {
    async list(account) {
      const session = await userSession(account);
      const pages = await session.call((token) => grantedPages(deps.graph, token));
      return pages.map((page) => ({
        id: page.id,
        name:
          page.instagram === null
            ? page.name
            : `${page.name} (+ Instagram @${page.instagram.username})`,
        handle: page.name,
        avatarUrl: page.pictureUrl,
        role: role(page),
        platformUserId: page.id,
      }));
    },

    async connect(account, pageIds) {
      const session = await userSession(account);
      const pages = await session.call((token) => grantedPages(deps.graph, token));
      const wanted = [...new Set(pageIds)];
      const foreign = wanted.filter((id) => {
        const page = pages.find((p) => p.id === id);
        return page === undefined || !page.tasks.some((t) => postingTasks.includes(t));
      });
      if (foreign.length > 0) {
        throw failure(
          'VALIDATION',
          `Facebook did not grant Starling the Page${foreign.length > 1 ? 's' : ''} ` +
            `${foreign.join(', ')} with a role that may post (pick ${foreign.length > 1 ? 'them' : 'it'} in ` +
            'Facebook’s dialog when connecting). Nothing was added.',
          { details: { issues: [{ path: ['pageIds'], message: 'Not a Page you granted.' }] } },
        );
      }
      const user = session.credentials;
      const kept: { profile: ConnectedProfile; credentials: MetaPageCredentials }[] = [];
      for (const id of wanted) {
        const page = pages.find((p) => p.id === id);
        if (page === undefined) continue;
        const credentials: MetaPageCredentials = {
          kind: 'oauth2',
          appId: user.appId,
          pageId: page.id,
          accessToken: page.token,
          expiresAt: null,
          reconnectBy: null,
          scope: user.scope,
          userId: user.userId,
        };
        kept.push({
          profile: {
            platform: 'facebook',
            platformUserId: page.id,
            handle: page.name,
            displayName: page.name,
            avatarUrl: await facebookPicture.fetch(deps.route(), page.pictureUrl, deps.logger),
            serviceUrl: null,
            settings: { kind: 'page', userId: user.userId, pageId: page.id },
          },
          credentials,
        });
        if (page.instagram !== null) {
          kept.push({
            profile: {
              platform: 'instagram',
              platformUserId: page.instagram.id,
              handle: page.instagram.username,
              displayName: page.instagram.name,
              avatarUrl: await facebookPicture.fetch(
                deps.route(),
                page.instagram.pictureUrl,
                deps.logger,
              ),
              serviceUrl: null,
              settings: {
                kind: 'instagram',
                userId: user.userId,
                pageId: page.id,
                username: page.instagram.username,
              },
            },
            credentials: { ...credentials },
          });
        }
      }
      return kept;
    },
  };
}
