// Campaigns: a client's named, coloured date range that posts can belong to (at most one
// each, posts.campaign_id). Input arrives validated by dispatch; this module owns the
// rules that need the database (unknown ids, archived clients, the post's client).
import type { Kysely, Selectable } from 'kysely';
import type { Campaign } from '../../../shared/calendar.ts';
import { clientPalette } from '../../../shared/clients.ts';
import type { ParsedInput } from '../../../shared/ipc/contract.ts';
import type { PostSummary } from '../../../shared/posts.ts';
import { failure } from '../../../shared/result.ts';
import type { CampaignsTable, Schema } from '../db/schema.ts';
import type { EventBus } from '../events.ts';
import type { Ports } from '../ports.ts';
import { loadSummary } from './posts-read.ts';

type Row = Selectable<CampaignsTable>;

const toCampaign = (row: Row): Campaign => ({
  id: row.id,
  clientId: row.client_id,
  name: row.name,
  color: row.color,
  startsOn: row.starts_on,
  endsOn: row.ends_on,
  archivedAt: row.archived_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Posts that have gone out (or are going) keep the campaign they went out under. */
const settled = ['publishing', 'published', 'partially_published'];

export function createCampaignsService(
  db: Kysely<Schema>,
  ports: Pick<Ports, 'clock' | 'newId'>,
  events: EventBus,
) {
  async function get(id: string): Promise<Campaign> {
    const row = await db
      .selectFrom('campaigns')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (row === undefined) throw failure('NOT_FOUND', `No campaign has the id ${id}.`);
    return toCampaign(row);
  }

  function saved(campaign: Campaign): Campaign {
    events.emit('campaign:saved', { campaign });
    return campaign;
  }

  return {
    get,

    async list(input: ParsedInput<'campaigns:list'>): Promise<Campaign[]> {
      let query = db.selectFrom('campaigns').selectAll();
      if (input.clientId !== undefined) query = query.where('client_id', '=', input.clientId);
      if (input.includeArchived !== true) query = query.where('archived_at', 'is', null);
      const rows = await query.orderBy('starts_on').orderBy('name').execute();
      return rows.map(toCampaign);
    },

    async create(input: ParsedInput<'campaigns:create'>): Promise<Campaign> {
      const client = await db
        .selectFrom('clients')
        .select(['id', 'archived_at'])
        .where('id', '=', input.clientId)
        .executeTakeFirst();
      if (client === undefined)
        throw failure('NOT_FOUND', `No client has the id ${input.clientId}.`);
      if (client.archived_at !== null) {
        throw failure('VALIDATION', 'This client is archived: unarchive it to plan a campaign.');
      }
      const count = await db
        .selectFrom('campaigns')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('client_id', '=', input.clientId)
        .executeTakeFirstOrThrow();
      const now = ports.clock.now();
      const row: Row = {
        id: ports.newId(),
        client_id: input.clientId,
        name: input.name,
        color: input.color ?? clientPalette[(count.n + 3) % clientPalette.length] ?? '#7c3aed',
        starts_on: input.startsOn ?? null,
        ends_on: input.endsOn ?? null,
        archived_at: null,
        created_at: now,
        updated_at: now,
      };
      await db.insertInto('campaigns').values(row).execute();
      return saved(toCampaign(row));
    },

    async update(input: ParsedInput<'campaigns:update'>): Promise<Campaign> {
      const current = await get(input.id);
      const startsOn = input.startsOn === undefined ? current.startsOn : input.startsOn;
      const endsOn = input.endsOn === undefined ? current.endsOn : input.endsOn;
      if (startsOn !== null && endsOn !== null && startsOn > endsOn) {
        throw failure(
          'VALIDATION',
          `The campaign would end (${endsOn}) before it starts (${startsOn}): change one of the dates.`,
          { details: { issues: [{ path: ['endsOn'], message: 'Ends before it starts.' }] } },
        );
      }
      await db
        .updateTable('campaigns')
        .set({
          ...(input.name !== undefined && { name: input.name }),
          ...(input.color !== undefined && { color: input.color }),
          starts_on: startsOn,
          ends_on: endsOn,
          updated_at: ports.clock.now(),
        })
        .where('id', '=', input.id)
        .execute();
      return saved(await get(input.id));
    },

    async archive(id: string): Promise<Campaign> {
      const current = await get(id);
      if (current.archivedAt !== null) return current;
      const now = ports.clock.now();
      await db
        .updateTable('campaigns')
        .set({ archived_at: now, updated_at: now })
        .where('id', '=', id)
        .execute();
      return saved(await get(id));
    },

    /** Puts a post in a campaign of its own client (or none); emits post:saved. */
    async setPostCampaign(input: ParsedInput<'posts:set-campaign'>): Promise<PostSummary> {
      const post = await db
        .selectFrom('posts as p')
        .innerJoin('clients as c', 'c.seq', 'p.client_seq')
        .select(['c.id as client_id', 'p.status', 'p.campaign_id'])
        .where('p.id', '=', input.postId)
        .executeTakeFirst();
      if (post === undefined) throw failure('NOT_FOUND', `No post has the id ${input.postId}.`);
      if (post.campaign_id === input.campaignId) return loadSummary(db, input.postId);
      if (settled.includes(post.status)) {
        throw failure(
          'CONFLICT',
          `This post is ${post.status.replace('_', ' ')}: the campaign it went out under stays.`,
        );
      }
      if (input.campaignId !== null) {
        const campaign = await get(input.campaignId);
        if (campaign.clientId !== post.client_id) {
          throw failure('VALIDATION', `The campaign "${campaign.name}" belongs to another client.`);
        }
        if (campaign.archivedAt !== null) {
          throw failure('VALIDATION', `The campaign "${campaign.name}" is archived.`);
        }
      }
      // A draft's updated_at is the version an open composer saves over (drafts.ts
      // checkBase), and the composer never writes the campaign: moving the draft into a
      // campaign (the command line does) must not make its next autosave a conflict.
      await db
        .updateTable('posts')
        .set({
          campaign_id: input.campaignId,
          ...(post.status !== 'draft' && { updated_at: ports.clock.now() }),
        })
        .where('id', '=', input.postId)
        .execute();
      const summary = await loadSummary(db, input.postId);
      events.emit('post:saved', { post: summary });
      return summary;
    },
  };
}

export type CampaignsService = ReturnType<typeof createCampaignsService>;
