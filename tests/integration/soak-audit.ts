// The soak's audit: every network's ledger read back against what Starling recorded.
// Nothing twice (same text by the same author), nothing lost (every target in a final
// state, or waiting with a reason), threads whole and in order, no post on a network that
// Starling has no record of; and a needs_review target's part in doubt on its network at
// most once, with nothing after it sent.
import type { XTestCore } from '../helpers/x-accounts.ts';
import type { SoakReport } from './soak-scenario.ts';
import type { LedgerPost, SoakNetwork, SoakNetworkName } from './soak-networks.ts';
import { postSeqOf } from '../../main/core/db/post-numbers.ts';

export type Audit = Omit<
  SoakReport,
  'posts' | 'accounts' | 'targets' | 'threads' | 'withMedia' | 'kills' | 'faults'
>;

interface TargetPart {
  position: number;
  text: string;
  remote_id: string | null;
}

export async function audit(
  db: XTestCore['database']['db'],
  networks: SoakNetwork[],
  accounts: { id: string; userId: string; network: SoakNetworkName }[],
): Promise<Audit> {
  const problems: string[] = [];
  const users = new Set(accounts.map((a) => `${a.network}\u0000${a.userId}`));
  const accountOf = new Map(accounts.map((a) => [a.id, a]));
  const onNetworks: Record<string, number> = {};
  const posts: LedgerPost[] = [];
  // Parts Starling holds no id of are found by network, author and text.
  const byText = new Map<string, LedgerPost[]>();
  const textKey = (network: string, author: string, text: string) =>
    `${network}\u0000${author}\u0000${text}`;
  let duplicates = 0;
  for (const network of networks) {
    const mine = network.posts().filter((p) => users.has(`${network.name}\u0000${p.author}`));
    onNetworks[network.name] = mine.length;
    posts.push(...mine);
    for (const p of mine) {
      if (p.kind !== undefined) {
        const kind = `${network.name} ${p.kind}`;
        onNetworks[kind] = (onNetworks[kind] ?? 0) + 1;
      }
      const key = textKey(network.name, p.author, p.text);
      byText.set(key, [...(byText.get(key) ?? []), p]);
    }
    const twice = [...byText.entries()].filter(
      ([key, found]) => key.startsWith(`${network.name}\u0000`) && found.length > 1,
    ).length;
    if (twice > 0) problems.push(`${String(twice)} texts on ${network.name} twice`);
    duplicates += twice;
  }
  const byId = new Map(posts.map((p) => [p.id, p]));

  const targets = await db
    .selectFrom('post_targets as t')
    .innerJoin('posts as p', 'p.seq', 't.post_seq')
    .innerJoin('social_accounts as a', 'a.seq', 't.account_seq')
    .select([
      't.id',
      'p.id as post_id',
      'a.id as account_id',
      't.status',
      't.error_code',
      't.error_message',
    ])
    .execute();
  const recorded = new Set(
    (await db.selectFrom('post_target_parts').select('remote_id').execute()).map(
      (r) => r.remote_id,
    ),
  );
  const missedEvents = new Set(
    (
      await db
        .selectFrom('post_events')
        .select('target_id')
        .where('type', '=', 'target.missed')
        .execute()
    ).map((e) => e.target_id),
  );
  const counts = {
    published: 0,
    failed: 0,
    missed: 0,
    needsReview: 0,
    reviewOnNetwork: 0,
    reviewNotOnNetwork: 0,
    waitingWithReason: 0,
    linedUpBehindLimit: 0,
  };
  // An account's posts queued behind one waiting out a rate limit wait with it.
  const rateLimited = new Set(
    targets
      .filter((t) => t.status === 'scheduled' && t.error_code === 'RATE_LIMITED')
      .map((t) => t.account_id),
  );
  const pending = new Set(
    (
      await db
        .selectFrom('publish_jobs')
        .select('target_id')
        .where('kind', '=', 'publish')
        .where('status', '=', 'pending')
        .execute()
    ).map((j) => j.target_id),
  );
  /** Posts on a network that are a needs_review target's part in doubt. */
  const inDoubt = new Set<string>();
  let lost = 0;
  let brokenThreads = 0;

  /**
   * Checks parts as Starling recorded them against the network, each the reply to (or
   * LinkedIn comment after) the one before; the last good remote id, or null if broken.
   */
  const chain = (targetId: string, author: string, parts: TargetPart[]) => {
    let previous: string | null = null;
    for (const part of parts) {
      const remote = part.remote_id === null ? undefined : byId.get(part.remote_id);
      if (remote?.text !== part.text || remote.parentId !== previous || remote.author !== author) {
        brokenThreads += 1;
        problems.push(`target ${targetId}: part ${String(part.position)} wrong on its network`);
        return null;
      }
      previous = remote.id;
    }
    return previous;
  };

  for (const target of targets) {
    const account = accountOf.get(target.account_id);
    if (account === undefined) throw new Error(`target ${target.id} on an unknown account`);
    const parts = await db
      .selectFrom('post_parts as p')
      .leftJoin('post_target_parts as tp', (join) =>
        join.onRef('tp.part_id', '=', 'p.id').on('tp.target_id', '=', target.id),
      )
      .select(['p.position', 'p.text', 'tp.remote_id'])
      .where('p.post_seq', '=', postSeqOf(target.post_id))
      .orderBy('p.position')
      .execute();
    switch (target.status) {
      case 'published':
        counts.published += 1;
        chain(target.id, account.userId, parts);
        break;
      case 'needs_review': {
        counts.needsReview += 1;
        if (target.error_message === null) {
          lost += 1;
          problems.push(`target ${target.id}: needs_review without a reason`);
        }
        // [Note: unknowable parts] The parts before the one in doubt are recorded and on
        // the network; the one in doubt is there once or not at all; none after it went.
        const doubt = parts.findIndex((p) => p.remote_id === null);
        const confirmed = doubt === -1 ? parts : parts.slice(0, doubt);
        const previous = chain(target.id, account.userId, confirmed);
        const unsure = doubt === -1 ? undefined : parts[doubt];
        if (unsure === undefined) break;
        const found = byText.get(textKey(account.network, account.userId, unsure.text)) ?? [];
        for (const p of found) inDoubt.add(p.id);
        if (found.length === 0) counts.reviewNotOnNetwork += 1;
        else counts.reviewOnNetwork += 1;
        if (found.length === 1 && found[0]?.parentId !== previous) {
          brokenThreads += 1;
          problems.push(`target ${target.id}: the part in doubt is on its network out of place`);
        }
        for (const later of parts.slice(doubt + 1)) {
          if (byText.has(textKey(account.network, account.userId, later.text))) {
            brokenThreads += 1;
            problems.push(
              `target ${target.id}: part ${String(later.position)} went out after one in doubt`,
            );
          }
        }
        break;
      }
      case 'failed':
        counts.failed += 1;
        if (target.error_message === null) {
          lost += 1;
          problems.push(`target ${target.id}: failed without a reason`);
        }
        break;
      case 'missed':
        counts.missed += 1;
        if (!missedEvents.has(target.id)) lost += 1;
        break;
      default:
        if (target.status === 'scheduled' && target.error_message !== null) {
          counts.waitingWithReason += 1;
        } else if (
          target.status === 'scheduled' &&
          pending.has(target.id) &&
          rateLimited.has(target.account_id)
        ) {
          counts.linedUpBehindLimit += 1;
        } else {
          lost += 1;
          problems.push(`target ${target.id} (${account.network}): left ${target.status}`);
        }
    }
  }
  const unrecorded = posts.filter((p) => !recorded.has(p.id) && !inDoubt.has(p.id)).length;
  if (unrecorded > 0) problems.push(`${String(unrecorded)} posts on a network without a record`);
  return {
    ...counts,
    duplicates,
    lost,
    brokenThreads,
    unrecorded,
    onNetworks,
    problems,
  };
}
