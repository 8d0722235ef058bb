// The first-run checklist's steps, read from what exists in the core (never from clicks):
// an active client, an account of an active client, a post that was scheduled.
import type { SocialAccount } from '../../../../shared/accounts.ts';
import type { Client } from '../../../../shared/clients.ts';
import type { PostStatus } from '../../../../shared/posts.ts';

export interface FirstRunFacts {
  clients: readonly Client[];
  accounts: readonly SocialAccount[];
  /** The first post that was ever scheduled (any status past draft), if there is one. */
  scheduled: boolean;
}

export interface FirstRunSteps {
  /** The first active client by name: where an account is connected. */
  client: Client | null;
  /** An account of an active client. */
  account: SocialAccount | null;
  posted: boolean;
  doneCount: number;
  allDone: boolean;
}

/**
 * Statuses a post reaches only by being scheduled. A draft was never scheduled; a
 * cancelled post may have been, but the step is about one still on its way or gone out.
 */
export const scheduledStatuses: readonly PostStatus[] = [
  'scheduled',
  'publishing',
  'published',
  'partially_published',
  'failed',
  'needs_review',
  'missed',
  'deleted',
];

export function firstRunSteps({ clients, accounts, scheduled }: FirstRunFacts): FirstRunSteps {
  const active = clients.filter((c) => c.archivedAt === null);
  const activeIds = new Set(active.map((c) => c.id));
  const account = accounts.find((a) => activeIds.has(a.clientId)) ?? null;
  const done = [active.length > 0, account !== null, scheduled];
  const doneCount = done.filter(Boolean).length;
  return {
    client: active[0] ?? null,
    account,
    posted: scheduled,
    doneCount,
    allDone: doneCount === done.length,
  };
}
