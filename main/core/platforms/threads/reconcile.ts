// Looking a Threads part up after a publish whose answer was lost. Its container says
// whether it went out: anything but PUBLISHED means surely not (the same container is then
// published). A PUBLISHED one is looked for among the account's recent threads (or, for a
// later part, its replies), by text, time and the post it answers; the id found is adopted.
import { wholePart, type PartContext, type RemoteRef, type Unknowable } from '../port.ts';
import { graph } from './api.ts';
import { containerStatus, earlier, type ContainerDeps } from './containers.ts';
import type { OpenSession } from './session.ts';

/** Threads' clock and ours may differ a little; a post is looked for from a minute earlier. */
const slackMs = 60_000;

interface Listed {
  id?: unknown;
  text?: unknown;
  timestamp?: unknown;
  permalink?: unknown;
  replied_to?: { id?: unknown };
}

export async function findThreadsPart(
  deps: ContainerDeps & { openSession: OpenSession },
  context: PartContext,
  since: number,
  exclude: ReadonlySet<string>,
): Promise<RemoteRef | null | Unknowable> {
  // Never made: nothing can have been published.
  const container = earlier(context.uploads, wholePart, 0);
  if (container === null) return null;
  const session = await deps.openSession(context.account);
  const { status } = await containerStatus(deps.api, session, container);
  if (status !== 'PUBLISHED') return null;

  const reply = context.parent !== null;
  const body = await session.call((token) =>
    deps.api.get(
      graph(reply ? '/me/replies' : '/me/threads'),
      {
        fields: 'id,text,timestamp,permalink,replied_to',
        since: Math.floor((since - slackMs) / 1000),
        limit: 50,
      },
      token,
    ),
  );
  const items = (Array.isArray(body.data) ? body.data : []) as Listed[];
  const text = context.part.text.trim();
  const match = items.find(
    (item) =>
      typeof item.id === 'string' &&
      !exclude.has(item.id) &&
      (typeof item.text === 'string' ? item.text.trim() : '') === text &&
      (!reply || item.replied_to?.id === context.parent?.id) &&
      (typeof item.timestamp !== 'string' || Date.parse(item.timestamp) >= since - slackMs),
  );
  if (match !== undefined && typeof match.id === 'string') {
    return { id: match.id, ref: typeof match.permalink === 'string' ? match.permalink : null };
  }
  return {
    unknowable: true,
    reason:
      'Threads says this part was published, but it is not among the account’s recent ' +
      'posts yet, so Starling cannot record which one it is.',
    reviewUrl: `https://www.threads.net/@${context.account.handle}`,
  };
}
