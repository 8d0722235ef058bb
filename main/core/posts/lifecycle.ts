// The post lifecycle, network-free: the one place that writes a target's progress. Each
// write is one short transaction that appends to the post's event log and rolls the
// post's status up from its targets. A part's remote id is committed before the next
// part is sent; that commit is what makes a thread resume.
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { RemoteRef, UploadNote } from '../platforms/port.ts';
import { createPostWriter, type PublishEvent } from './post-writer.ts';

export type { PublishEvent } from './post-writer.ts';

/** What the log says about one part's earlier attempts on this target. */
export interface PartHistory {
  /** When the first attempt to send it began. */
  firstSentAt: number;
  /**
   * The last attempt may have reached the network: it was sent and then the process
   * stopped, or it ended ambiguous. Such a part is looked for before it is sent again.
   */
  unresolved: boolean;
  /** The remote identity chosen before the first attempt (see PartContext.key), if any. */
  key: string | null;
  /** What its attempts uploaded (PartContext.uploads), oldest first. */
  uploads: UploadNote[];
}

/** A step of a hand-off, as lifecycle.handOff writes it. */
export type HandOffChange =
  | { kind: 'sending'; key: string; at: number; digest: string; look: string }
  | { kind: 'held'; holdId: string; at: number }
  | { kind: 'moved'; at: number }
  | { kind: 'cleared'; reason: string; refused: boolean };

export function createPostLifecycle(
  db: Kysely<Schema>,
  now: () => number,
  onEvent: (event: PublishEvent) => void,
) {
  const { append, write, rollUp, setTarget } = createPostWriter(db, now, onEvent);

  return {
    /**
     * Marks the target as publishing and counts the attempt; null, changing nothing, when
     * the post is no longer to be sent now. The publisher read the post a few awaits
     * before this, and a cancel or a new time may have landed in between (posts.ts cancels
     * and moves only jobs not yet claimed, trusting the run to see it): the write itself
     * checks, so a cancelled post is never set publishing again and sent.
     */
    async begin(postId: string, targetId: string): Promise<number | null> {
      let attempt: number | null = null;
      await write(async (trx, events) => {
        const at = now();
        const row = await trx
          .updateTable('post_targets')
          .set((eb) => ({
            status: 'publishing',
            attempts: eb('attempts', '+', 1),
            updated_at: at,
          }))
          .where('id', '=', targetId)
          .where('status', 'not in', ['cancelled', 'published', 'missed', 'deleted'])
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('posts')
                .select('posts.id')
                .whereRef('posts.seq', '=', 'post_targets.post_seq')
                .where('posts.status', '!=', 'cancelled')
                .where((eb) =>
                  eb.or([
                    eb('posts.scheduled_at', 'is', null),
                    eb('posts.scheduled_at', '<=', at + 1000),
                  ]),
                ),
            ),
          )
          .returning('attempts')
          .executeTakeFirst();
        if (row === undefined) return;
        attempt = row.attempts;
        events.push(await append(trx, postId, targetId, 'target.publishing', { attempt }));
        await rollUp(trx, postId, events);
      });
      return attempt;
    },

    async postedParts(targetId: string): Promise<Map<string, RemoteRef>> {
      const rows = await db
        .selectFrom('post_target_parts')
        .select(['part_id', 'remote_id', 'remote_ref'])
        .where('target_id', '=', targetId)
        .execute();
      return new Map(rows.map((r) => [r.part_id, { id: r.remote_id, ref: r.remote_ref }]));
    },

    async partHistory(postId: string, targetId: string): Promise<Map<string, PartHistory>> {
      const rows = await db
        .selectFrom('post_events')
        .select(['type', 'detail', 'at'])
        .where('post_id', '=', postId)
        .where('target_id', '=', targetId)
        .where('type', 'in', [
          'part.sending',
          'part.failed',
          'media.uploaded',
          'part.posted',
          'target.reconciled',
          'target.resent',
        ])
        .orderBy('id')
        .execute();
      const history = new Map<string, PartHistory>();
      for (const row of rows) {
        // The user chose to send again what the network could not confirm (posts.retry).
        if (row.type === 'target.resent') {
          for (const entry of history.values()) entry.unresolved = false;
          continue;
        }
        const detail = JSON.parse(row.detail) as {
          partId?: string;
          ambiguous?: boolean;
          key?: string;
        } & Partial<Omit<UploadNote, 'position' | 'relayKey'>> & {
            position?: unknown;
            relayKey?: unknown;
          };
        if (detail.partId === undefined) continue;
        const entry = history.get(detail.partId) ?? {
          firstSentAt: row.at,
          unresolved: false,
          key: null,
          uploads: [],
        };
        if (row.type === 'media.uploaded') {
          const { assetId, remoteMediaId, expiresAt, position, relayKey } = detail;
          if (typeof assetId === 'string' && typeof remoteMediaId === 'string') {
            entry.uploads.push({
              assetId,
              remoteMediaId,
              expiresAt: expiresAt ?? null,
              ...(typeof position === 'number' ? { position } : {}),
              ...(typeof relayKey === 'string' ? { relayKey } : {}),
            });
          }
          history.set(detail.partId, entry);
          continue;
        }
        entry.key ??= detail.key ?? null;
        if (row.type === 'part.sending') entry.unresolved = true;
        else if (row.type === 'part.failed') entry.unresolved = detail.ambiguous === true;
        else entry.unresolved = false;
        history.set(detail.partId, entry);
      }
      return history;
    },

    /**
     * Appended and committed before the request leaves: a crash after it is detectable,
     * and the part's remote identity (`key`) is on disk before its first attempt.
     */
    async sending(
      postId: string,
      targetId: string,
      part: { id: string; position: number },
      key: string | null,
    ) {
      await write(async (trx, events) => {
        events.push(
          await append(trx, postId, targetId, 'part.sending', {
            partId: part.id,
            position: part.position,
            ...(key === null ? {} : { key }),
          }),
        );
      });
    },

    async partFailed(
      postId: string,
      targetId: string,
      partId: string,
      detail: { outcome: string; ambiguous: boolean; reason: string },
    ) {
      await write(async (trx, events) => {
        events.push(await append(trx, postId, targetId, 'part.failed', { partId, ...detail }));
      });
    },

    /** Records a part's remote id, sent now or found on the network by reconciliation. */
    async partPosted(
      postId: string,
      targetId: string,
      part: { id: string; position: number },
      remote: RemoteRef,
      via: 'posted' | 'reconciled',
    ) {
      const remoteId = remote.id;
      await write(async (trx, events) => {
        await trx
          .insertInto('post_target_parts')
          .values({
            target_id: targetId,
            part_id: part.id,
            remote_id: remoteId,
            remote_ref: remote.ref,
            posted_at: now(),
          })
          .onConflict((oc) => oc.columns(['target_id', 'part_id']).doNothing())
          .execute();
        const type = via === 'posted' ? 'part.posted' : 'target.reconciled';
        events.push(
          await append(trx, postId, targetId, type, {
            partId: part.id,
            position: part.position,
            remoteId,
          }),
        );
      });
    },

    async mediaUploaded(postId: string, targetId: string, detail: Record<string, unknown>) {
      await write(async (trx, events) => {
        events.push(await append(trx, postId, targetId, 'media.uploaded', detail));
      });
    },

    async published(postId: string, targetId: string, remoteId: string, url: string) {
      await write(async (trx, events) => {
        const first = await trx
          .selectFrom('post_target_parts')
          .select('posted_at')
          .where('target_id', '=', targetId)
          .where('remote_id', '=', remoteId)
          .executeTakeFirst();
        await setTarget(trx, targetId, {
          status: 'published',
          remote_id: remoteId,
          remote_url: url,
          published_at: first?.posted_at ?? now(),
          error_code: null,
          error_message: null,
        });
        events.push(await append(trx, postId, targetId, 'target.published', { remoteId, url }));
        await rollUp(trx, postId, events);
      });
    },

    /**
     * Leaves the target for the scheduler to run again (`retry`), to hold until the
     * account is reconnected (`held`), or to mark missed unsent past its grace window
     * (`not-sent`), with the reason shown to the user meanwhile.
     */
    async paused(
      postId: string,
      targetId: string,
      kind: 'retry' | 'held' | 'not-sent',
      error: { code: string; message: string; retryAt?: number | null },
    ) {
      await write(async (trx, events) => {
        await setTarget(trx, targetId, {
          status: 'scheduled',
          error_code: error.code,
          error_message: error.message,
        });
        events.push(
          await append(trx, postId, targetId, `target.${kind}`, {
            code: error.code,
            message: error.message,
            ...(error.retryAt == null ? {} : { retryAt: error.retryAt }),
          }),
        );
        await rollUp(trx, postId, events);
      });
    },

    /** `paused` for a run that stopped on an unexpected error, knowing only the target. */
    async pausedTarget(targetId: string, error: { code: string; message: string }) {
      const row = await db
        .selectFrom('post_targets as t')
        .innerJoin('posts as p', 'p.seq', 't.post_seq')
        .select(['p.id as post_id', 't.status'])
        .where('t.id', '=', targetId)
        .executeTakeFirst();
      if (row?.status !== 'publishing') return;
      await this.paused(row.post_id, targetId, 'retry', error);
    },

    /**
     * A final failure. A thread that stopped after some parts went out needs a person to
     * look (`needs_review`); the first part's link is kept so they can.
     */
    async failed(
      postId: string,
      targetId: string,
      error: { code: string; message: string },
      firstPart: { remoteId: string; url: string } | null,
    ) {
      await write(async (trx, events) => {
        await setTarget(trx, targetId, {
          status: firstPart === null ? 'failed' : 'needs_review',
          error_code: error.code,
          error_message: error.message,
          remote_id: firstPart?.remoteId ?? null,
          remote_url: firstPart?.url ?? null,
        });
        events.push(await append(trx, postId, targetId, 'target.failed', error));
        await rollUp(trx, postId, events);
      });
    },

    /**
     * [Note: unknowable parts] A part may be on the network, and the network offers no way
     * to look it up: a person must look (`needs_review`), at `reviewUrl` (the author's
     * activity page) unless a part is known to be out. Retrying then sends it again
     * (`target.resent`); posts.markPublished says it went out.
     */
    async needsReview(
      postId: string,
      targetId: string,
      error: { code: string; message: string },
      firstPart: { remoteId: string; url: string } | null,
      reviewUrl: string | null,
    ) {
      await write(async (trx, events) => {
        await setTarget(trx, targetId, {
          status: 'needs_review',
          error_code: error.code,
          error_message: error.message,
          remote_id: firstPart?.remoteId ?? null,
          remote_url: firstPart?.url ?? reviewUrl,
        });
        events.push(
          await append(trx, postId, targetId, 'target.needs-review', { ...error, reviewUrl }),
        );
        await rollUp(trx, postId, events);
      });
    },

    /**
     * The network's own copy of the target ([Note: hand-off] in publishing/hand-off.ts):
     * being handed over (its key committed before the request), held under the
     * network's id, moved to a new time, or taken back (`refused`: the network would
     * not hold it, so Starling publishes it itself).
     */
    async handOff(postId: string, targetId: string, change: HandOffChange) {
      await write(async (trx, events) => {
        const values =
          change.kind === 'sending'
            ? {
                hold_key: change.key,
                hold_at: change.at,
                hold_digest: change.digest,
                hold_id: null,
              }
            : change.kind === 'held'
              ? { hold_id: change.holdId }
              : change.kind === 'moved'
                ? { hold_at: change.at }
                : {
                    hold_key: null,
                    hold_id: null,
                    hold_at: null,
                    hold_digest: null,
                    hold_refused: change.refused ? change.reason : null,
                  };
        await trx
          .updateTable('post_targets')
          .set({ ...values, updated_at: now() })
          .where('id', '=', targetId)
          .execute();
        const { kind, ...detail } = change;
        events.push(await append(trx, postId, targetId, `hand-off.${kind}`, detail));
      });
    },

    /** The network refused the account's credentials even after a refresh: reconnect. */
    async accountNeedsReauth(accountId: string, reason: string) {
      await db
        .updateTable('social_accounts')
        .set({ status: 'needs_reauth', status_reason: reason, updated_at: now() })
        .where('id', '=', accountId)
        .where('status', '=', 'active')
        .execute();
    },
  };
}

export type PostLifecycle = ReturnType<typeof createPostLifecycle>;
