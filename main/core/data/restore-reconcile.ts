// After a restore, nothing that went out since the backup goes out again.
//
// [Note: restore reconciliation] A backup is the database as it was when it was taken. A
// post published after that (or handed to its network to hold until its time, or
// cancelled) is still "scheduled" in it, with its publish job pending: restored, the
// scheduler would publish it a second time within its grace, and hand a held post over a
// second time. Nothing on the network side could catch it, since the restored rows hold
// neither the sent parts nor the keys a look-up needs.
//
// So the restore (backups-service.ts) writes a marker naming the database it replaced
// before it swaps the files in, and the core, opening the restored file (migrated like any
// other) and before its scheduler starts, reads the replaced database and carries forward,
// per target waiting in the restored one, what that database knew happened since:
// - sent (published, or deleted from the network since): its outcome, remote ids and
//   sent thread parts; its publish job goes, as a published target's does;
// - stopped for the user to look at (needs review): the same, with the reason;
// - under way, part of a thread sent, or sent without an answer a look-up could settle:
//   needs review ("could not confirm"), with the parts known sent, so the user marks it
//   published or sends the rest;
// - held by its network: the hold, so the hand-off moves or takes back that one;
// - cancelled by the user: cancelled again, a held one keeping its hold and its job so
//   the hand-off takes it back, as posts.cancel leaves it.
// Each such target gets a `target.restored` event and its post's status is rolled up
// again. Posts made after the backup are not in it, and nothing of theirs can go twice.
// A second restore before the next start keeps the first one's marker: the database the
// first replaced is the one that knows.
//
// Where there is no record to read (the replaced database cannot be read, was moved
// aside as damaged, or never held the post: a database made afresh before restoring onto
// a new machine), nothing tells what went out since. Every target the backup has waiting
// whose time has come stops for review instead of being sent: the user checks the account
// and marks it published or sends it. (A hold handed to the network since cannot be found
// that way: the log says so.)
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { RestoreSummary } from '../../../shared/data.ts';
import type { Schema } from '../db/schema.ts';
import { createPostWriter } from '../posts/post-writer.ts';
import { remoteUrlColumns } from '../db/remote-urls.ts';
import type { TargetStatus } from '../posts/rolled-up-status.ts';
import type { Logger } from '../ports.ts';
import { unchecked } from '../services/posts-review.ts';
import { readReplaced, type Known, type SentPart } from './restore-replaced-read.ts';

const markerName = 'restore-reconcile.json';

/** Where the marker lives: beside the database it is about. */
export const restoreMarker = (dataDir: string): string => path.join(dataDir, markerName);

interface Marker {
  /** The database the first restore replaced: the newest record of what went out. */
  replaced: string | null;
  /** It was moved aside as damaged: rows missing from it prove nothing. */
  damaged: boolean;
  at: number;
}

/**
 * Written (and synced, with its folder) by the restore before it swaps the files, so that
 * a restore interrupted after the swap is still reconciled at the next start. A second
 * restore before any start keeps the first one's marker: the database that one replaced,
 * not the backup copy the second replaces, knows what went out.
 */
export function markRestore(
  dataDir: string,
  replaced: string | null,
  at: number,
  damaged = false,
): void {
  const file = restoreMarker(dataDir);
  if (fs.existsSync(file)) return;
  const marker: Marker = { replaced, damaged, at };
  const fd = fs.openSync(file, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(marker));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  syncFolder(dataDir);
}

/** Takes the marker back when the swap it announced did not happen. */
export function unmarkRestore(dataDir: string): void {
  fs.rmSync(restoreMarker(dataDir), { force: true });
}

/** Makes a new entry in `dir` durable (where the platform can open a folder). */
function syncFolder(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Windows cannot open a folder for syncing; its rename is durable on its own.
  }
}

/** A target the restored database still has waiting. */
interface Waiting {
  id: string;
  post_id: string;
  status: TargetStatus;
  scheduled_at: number | null;
}

export interface RestoreReconciled {
  /** The replaced database read, or null when there was none or it could not be read. */
  replaced: string | null;
  /** Targets given the replaced database's outcome, by the status they now have. */
  carried: Partial<Record<TargetStatus, number>>;
  /** Targets stopped for review because nothing could tell whether they went out. */
  unknown: number;
  /** The posts changed, for the UI to show again. */
  posts: string[];
  /** What the user is told of it (the app's notice after a restore). */
  summary: RestoreSummary;
}

const underWayMessage =
  'Restored from a backup while this was being published: Starling cannot tell whether it went out. Check the account, then mark it as published or send it again.';
const unreadableMessage =
  'Restored from a backup, with no readable record of what went out since it was taken: Starling cannot tell whether this went out meanwhile. Check the account, then mark it as published or send it again.';

type Step =
  | { kind: 'outcome'; known: Known }
  | { kind: 'under way'; known: Known }
  | { kind: 'held'; known: Known }
  | { kind: 'cancelled'; known: Known };

/** What to carry forward for one waiting target, or null when it did not go anywhere. */
function stepFor(known: Known | undefined, sentParts: number): Step | null {
  if (known === undefined) return null;
  switch (known.status) {
    case 'published':
    case 'deleted':
    case 'needs_review':
      return { kind: 'outcome', known };
    case 'publishing':
      return { kind: 'under way', known };
    case 'cancelled':
      return { kind: 'cancelled', known };
    default:
      // A send the network never answered and a look-up could not settle (send-part.ts):
      // it may be out, and the restored rows no longer say so.
      if (sentParts > 0 || known.error_code === 'UNCONFIRMED') return { kind: 'under way', known };
      return known.hold_key !== null ? { kind: 'held', known } : null;
  }
}

/** A settled target's waiting job goes, as settle-outcome.ts deletes a published one's. */
async function dropPublishJobs(trx: Transaction<Schema>, targetId: string) {
  await trx
    .deleteFrom('publish_jobs')
    .where('target_id', '=', targetId)
    .where('kind', '=', 'publish')
    .where('status', 'in', ['pending', 'running'])
    .execute();
}

/** The thread parts the replaced database knew sent, in place of the restored ones. */
async function copyParts(trx: Transaction<Schema>, targetId: string, parts: readonly SentPart[]) {
  await trx.deleteFrom('post_target_parts').where('target_id', '=', targetId).execute();
  for (const part of parts) {
    // A part the backup does not have (it cannot be edited once scheduled) is left out.
    await sql`INSERT INTO post_target_parts
        (target_id, part_id, remote_id, posted_at, remote_ref, removed_at)
      SELECT ${part.target_id}, ${part.part_id}, ${part.remote_id}, ${part.posted_at},
        ${part.remote_ref}, ${part.removed_at}
      WHERE EXISTS (SELECT 1 FROM post_parts WHERE id = ${part.part_id})`.execute(trx);
  }
}

function holdOf(known: Known) {
  return {
    hold_key: known.hold_key,
    hold_id: known.hold_id,
    hold_at: known.hold_at,
    hold_digest: known.hold_digest,
    hold_refused: known.hold_refused,
  };
}

async function apply(
  trx: Transaction<Schema>,
  target: Waiting,
  step: Step,
  parts: readonly SentPart[],
  at: number,
): Promise<TargetStatus> {
  let status: TargetStatus = target.status;
  if (step.kind === 'outcome' || step.kind === 'under way') {
    const { known } = step;
    status = step.kind === 'outcome' ? known.status : 'needs_review';
    await trx
      .updateTable('post_targets')
      .set({
        status,
        remote_id: known.remote_id,
        ...(await remoteUrlColumns(trx, known.remote_url, known.remote_id)),
        published_at: known.published_at,
        error_code: step.kind === 'outcome' ? known.error_code : unchecked,
        error_message: step.kind === 'outcome' ? known.error_message : underWayMessage,
        attempts: known.attempts,
        ...holdOf(known),
        updated_at: at,
      })
      .where('id', '=', target.id)
      .execute();
    await copyParts(trx, target.id, parts);
    await dropPublishJobs(trx, target.id);
  } else if (step.kind === 'held') {
    await trx
      .updateTable('post_targets')
      .set({ ...holdOf(step.known), updated_at: at })
      .where('id', '=', target.id)
      .execute();
  } else {
    // Cancelled as posts.cancel leaves it: a held one keeps its hold and its job, through
    // which the hand-off takes the post back from its network.
    status = 'cancelled';
    await trx
      .updateTable('post_targets')
      .set({ status, ...holdOf(step.known), updated_at: at })
      .where('id', '=', target.id)
      .execute();
    await copyParts(trx, target.id, parts);
    if (step.known.hold_key === null) {
      await trx
        .updateTable('publish_jobs')
        .set({ status: 'cancelled', updated_at: at })
        .where('target_id', '=', target.id)
        .where('status', '=', 'pending')
        .execute();
    }
  }
  return status;
}

function readMarker(file: string): { replaced: string | null } {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Marker>;
    // A damaged database's missing rows prove nothing: it is not read.
    const trusted = typeof parsed.replaced === 'string' && parsed.damaged !== true;
    return { replaced: trusted ? (parsed.replaced ?? null) : null };
  } catch {
    // A torn marker still says a restore happened; what it replaced is unknown.
    return { replaced: null };
  }
}

/**
 * Reconciles a just-restored database with the one it replaced, once, if the restore
 * left its marker ([Note: restore reconciliation]); null when there was nothing to do.
 * Runs before the scheduler starts; the marker goes only once the changes are committed.
 */
export async function reconcileRestore(options: {
  db: Kysely<Schema>;
  dataDir: string;
  now: number;
  logger: Logger;
}): Promise<RestoreReconciled | null> {
  const { db, dataDir, now, logger } = options;
  const marker = restoreMarker(dataDir);
  if (!fs.existsSync(marker)) return null;
  const { replaced } = readMarker(marker);

  const waiting = (await db
    .selectFrom('post_targets as t')
    .innerJoin('posts as p', 'p.seq', 't.post_seq')
    .select(['t.id', 'p.id as post_id', 't.status', 'p.scheduled_at'])
    .where('t.status', 'in', ['scheduled', 'publishing', 'failed', 'missed', 'needs_review'])
    .execute()) as Waiting[];

  let read: ReturnType<typeof readReplaced> | null = null;
  if (replaced !== null && waiting.length > 0) {
    try {
      read = readReplaced(replaced, waiting);
    } catch (error) {
      logger.warn('restore: the replaced database could not be read', {
        file: replaced,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  const result: RestoreReconciled = {
    replaced: read === null ? null : replaced,
    carried: {},
    unknown: 0,
    posts: [],
    summary: {
      updated: 0,
      review: 0,
      firstReviewAt: null,
      reviewStatuses: [],
      // Every waiting post was in the record (with nothing waiting, there was nothing to
      // tell); a post missing from it may have been handed to its network meanwhile.
      recordRead:
        read === null
          ? replaced !== null && waiting.length === 0
          : waiting.every((t) => read.posts.has(t.post_id)),
    },
  };
  const review = new Set<string>();
  const needsReview = (target: Waiting) => {
    review.add(target.post_id);
    const at = target.scheduled_at;
    const first = result.summary.firstReviewAt;
    if (at !== null && (first === null || at < first)) result.summary.firstReviewAt = at;
  };
  // The lifecycle's own writer appends the events and rolls each post's status up.
  const writer = createPostWriter(
    db,
    () => now,
    () => undefined,
  );
  await writer.write(async (trx, events) => {
    const touched = new Set<string>();
    for (const target of waiting) {
      if (read?.posts.has(target.post_id) === true) {
        const parts = read.parts.get(target.id) ?? [];
        const step = stepFor(read.known.get(target.id), parts.length);
        if (step === null) continue;
        const status = await apply(trx, target, step, parts, now);
        result.carried[status] = (result.carried[status] ?? 0) + 1;
        if (status === 'needs_review') needsReview(target);
        await writer.append(trx, target.post_id, target.id, 'target.restored', {
          from: target.status,
          to: status,
          held: step.kind === 'held',
        });
        touched.add(target.post_id);
      } else if (
        (target.status === 'scheduled' || target.status === 'publishing') &&
        target.scheduled_at !== null &&
        target.scheduled_at <= now
      ) {
        await trx
          .updateTable('post_targets')
          .set({
            status: 'needs_review',
            error_code: unchecked,
            error_message: unreadableMessage,
            updated_at: now,
          })
          .where('id', '=', target.id)
          .execute();
        await dropPublishJobs(trx, target.id);
        await writer.append(trx, target.post_id, target.id, 'target.restored', {
          from: target.status,
          to: 'needs_review',
          unknown: true,
        });
        result.unknown += 1;
        needsReview(target);
        touched.add(target.post_id);
      }
    }
    for (const postId of touched) await writer.rollUp(trx, postId, events);
    result.posts = [...touched];
    result.summary.review = review.size;
    result.summary.updated = touched.size - review.size;
    // A post with a target to review may roll up as partly published or publishing: the
    // calendar list the notice opens filters on these (post statuses, not targets').
    if (review.size > 0) {
      const rolled = await trx
        .selectFrom('posts')
        .select('status')
        .distinct()
        .where('id', 'in', [...review])
        .execute();
      result.summary.reviewStatuses = rolled.map((r) => r.status).sort();
    }
  });
  fs.rmSync(marker, { force: true });
  if (result.unknown > 0) {
    logger.warn(
      'restore: posts due since the backup stop for review; a post handed to its network to hold since the backup cannot be found',
      { unknown: result.unknown },
    );
  }
  logger.info('restore reconciled', {
    replaced: result.replaced,
    carried: result.carried,
    unknown: result.unknown,
    posts: result.posts.length,
  });
  return result;
}
