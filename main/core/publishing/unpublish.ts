// Deleting a published post from its networks, network-free: each chosen target's posted
// parts are removed through its network's `remove`, the last part first (so a delete that
// stops half-way never leaves replies standing without the post they answer), and each
// removal is committed as it happens (posts/removal.ts). A target whose every part is
// gone becomes 'deleted'; one that stopped keeps its status, the parts still up, and the
// reason, and deleting again resumes where it stopped. The post stays in Starling with
// its history, its text to reuse, and the metrics read before it went.
import type { Kysely } from 'kysely';
import type { PostStatus, TargetStatus, UnpublishFailure } from '../../../shared/posts.ts';
import type { Platform } from '../../../shared/accounts.ts';
import { failure } from '../../../shared/result.ts';
import { postSeqOf } from '../db/post-numbers.ts';
import type { Schema } from '../db/schema.ts';
import type { CallOutcome, PlatformAccount, PlatformModule } from '../platforms/port.ts';
import type { PublishEvent } from '../posts/lifecycle.ts';
import { createRemovalLifecycle } from '../posts/removal.ts';
import type { Clock, Logger } from '../ports.ts';
import { platformAccount } from './plan.ts';

/** Targets with parts on their network: a whole thread, or one that stopped half-way. */
const deletable: readonly TargetStatus[] = ['published', 'needs_review'];

export interface UnpublishDeps {
  db: Kysely<Schema>;
  platformFor: (platform: Platform) => PlatformModule;
  clock: Clock;
  logger: Logger;
  onEvent: (event: PublishEvent) => void;
}

export interface UnpublishReport {
  /** The targets deleted now. */
  deleted: string[];
  failures: UnpublishFailure[];
}

/** A failed removal in words for the user, from the network's own classification. */
function reasonOf(
  outcome: CallOutcome,
  label: string,
): { message: string; retryAt: number | null } {
  switch (outcome.kind) {
    case 'retryable':
      return {
        message: `${label} did not take the delete (${outcome.reason}); try again${outcome.retryAt === null ? ' later' : ''}.`,
        retryAt: outcome.retryAt,
      };
    case 'auth':
      return {
        message: outcome.reconnect
          ? `${label} refused the account's sign-in: reconnect it, then delete again.`
          : outcome.reason,
        retryAt: null,
      };
    case 'ambiguous':
      return {
        message: `${label} did not answer (${outcome.reason}); delete again to make sure.`,
        retryAt: null,
      };
    case 'rejected':
    case 'duplicate':
      return { message: `${label} refused the delete: ${outcome.message}`, retryAt: null };
  }
}

export function createUnpublisher(deps: UnpublishDeps) {
  const now = () => deps.clock.now();
  const removal = createRemovalLifecycle(deps.db, now, deps.onEvent);
  // Two deletes of one target in this process would race each other's commits.
  const running = new Set<string>();

  async function removeTarget(
    postId: string,
    targetId: string,
    account: PlatformAccount,
  ): Promise<UnpublishFailure | null> {
    const network = deps.platformFor(account.platform);
    const fail = async (message: string, retryAt: number | null) => {
      await removal.removeFailed(postId, targetId, message);
      deps.logger.warn('unpublish: stopped', {
        postId,
        targetId,
        network: account.platform,
        message,
      });
      return { targetId, accountId: account.id, handle: account.handle, message, retryAt };
    };
    for (const { partId, remote } of await removal.partsToRemove(targetId)) {
      let removed: boolean;
      try {
        removed = await network.publish.remove(account, remote);
      } catch (error) {
        const reason = reasonOf(network.publish.classify(error, now()), network.label);
        return fail(reason.message, reason.retryAt);
      }
      await removal.partRemoved(postId, targetId, partId, remote.id, !removed);
    }
    await removal.removed(postId, targetId);
    deps.logger.info('unpublish: deleted', { postId, targetId, network: account.platform });
    return null;
  }

  return {
    /**
     * Deletes the post from the given accounts (every account it went out on when none
     * are named). Refuses before any network is called when nothing can be deleted.
     */
    async unpublish(postId: string, accountIds: string[] | null): Promise<UnpublishReport> {
      const post = await deps.db
        .selectFrom('posts')
        .select(['status'])
        .where('id', '=', postId)
        .executeTakeFirst();
      if (post === undefined) throw failure('NOT_FOUND', `No post ${postId}.`);
      const rows = await deps.db
        .selectFrom('post_targets as t')
        .innerJoin('social_accounts as a', 'a.seq', 't.account_seq')
        .selectAll('a')
        .select(['t.id as targetId', 't.status as targetStatus'])
        .where('t.post_seq', '=', postSeqOf(postId))
        .orderBy('t.id')
        .execute();
      const named = accountIds === null ? null : new Set(accountIds);
      for (const id of named ?? []) {
        if (!rows.some((r) => r.id === id)) {
          throw failure('VALIDATION', `Account ${id} is not one this post was made for.`);
        }
      }
      const chosen = rows.filter((r) => named === null || named.has(r.id));
      const targets = chosen.filter((r) => deletable.includes(r.targetStatus));
      if (targets.length === 0) throw failure('CONFLICT', nothingToDelete(post.status, chosen));
      if (targets.some((t) => running.has(t.targetId))) {
        throw failure('CONFLICT', 'This post is being deleted already.');
      }
      const report: UnpublishReport = { deleted: [], failures: [] };
      for (const target of targets) running.add(target.targetId);
      try {
        for (const target of targets) {
          const failed = await removeTarget(postId, target.targetId, platformAccount(target));
          if (failed === null) report.deleted.push(target.targetId);
          else report.failures.push(failed);
        }
      } finally {
        for (const target of targets) running.delete(target.targetId);
      }
      return report;
    },
  };
}

export type Unpublisher = ReturnType<typeof createUnpublisher>;

function nothingToDelete(
  status: PostStatus,
  chosen: { handle: string; targetStatus: TargetStatus }[],
): string {
  if (chosen.length > 0 && chosen.every((t) => t.targetStatus === 'deleted')) {
    return 'This post is already deleted from those accounts.';
  }
  return `Nothing to delete: this post is ${status.replace('_', ' ')} and has gone out on none of those accounts.`;
}
