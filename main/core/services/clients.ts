// Clients: create, edit, archive. Input arrives already validated by dispatch; this
// module owns the rules that need the database (unknown ids, duplicate names).
import type { Kysely, Selectable } from 'kysely';
import { clientLimits, clientPalette, type Client } from '../../../shared/clients.ts';
import type { ParsedInput } from '../../../shared/ipc/contract.ts';
import { failure } from '../../../shared/result.ts';
import type { ClientsTable, Schema } from '../db/schema.ts';
import type { Ports } from '../ports.ts';
import { releaseApprovalHolds } from '../approval/approval-holds.ts';
import { wakeHandOffs } from './hand-off-jobs.ts';

type Row = Omit<Selectable<ClientsTable>, 'seq'>;

const toClient = (row: Row): Client => ({
  id: row.id,
  name: row.name,
  color: row.color,
  timezone: row.timezone,
  notes: row.notes,
  graceMinutes: row.grace_minutes,
  requireApproval: row.require_approval === 1,
  archivedAt: row.archived_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function createClientsService(db: Kysely<Schema>, ports: Ports) {
  async function get(id: string): Promise<Client> {
    const row = await db.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) throw failure('NOT_FOUND', `No client has the id ${id}.`);
    return toClient(row);
  }

  async function assertNameFree(name: string, exceptId?: string): Promise<void> {
    let query = db
      .selectFrom('clients')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
      .where('archived_at', 'is', null);
    if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
    if ((await query.executeTakeFirst()) !== undefined) {
      throw failure('CONFLICT', `A client named "${name}" already exists.`, {
        details: { issues: [{ path: ['name'], message: 'Another active client has this name.' }] },
      });
    }
  }

  return {
    get,

    async list(input: ParsedInput<'clients:list'>): Promise<Client[]> {
      let query = db.selectFrom('clients').selectAll();
      if (input.includeArchived !== true) query = query.where('archived_at', 'is', null);
      const rows = await query.orderBy('archived_at').orderBy('name').execute();
      return rows.map(toClient);
    },

    async create(input: ParsedInput<'clients:create'>): Promise<Client> {
      await assertNameFree(input.name);
      const count = await db
        .selectFrom('clients')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const now = ports.clock.now();
      const row: Row = {
        id: ports.newId(),
        name: input.name,
        color: input.color ?? clientPalette[count.n % clientPalette.length] ?? clientPalette[0],
        timezone: input.timezone ?? ports.localTimeZone,
        notes: input.notes ?? '',
        grace_minutes: input.graceMinutes ?? clientLimits.graceMinutesDefault,
        require_approval: input.requireApproval === true ? 1 : 0,
        archived_at: null,
        created_at: now,
        updated_at: now,
      };
      await db.insertInto('clients').values(row).execute();
      return toClient(row);
    },

    async update(input: ParsedInput<'clients:update'>): Promise<Client> {
      const current = await get(input.id);
      if (input.name !== undefined && current.archivedAt === null) {
        await assertNameFree(input.name, input.id);
      }
      await db
        .updateTable('clients')
        .set({
          ...(input.name !== undefined && { name: input.name }),
          ...(input.color !== undefined && { color: input.color }),
          ...(input.timezone !== undefined && { timezone: input.timezone }),
          ...(input.notes !== undefined && { notes: input.notes }),
          ...(input.graceMinutes !== undefined && { grace_minutes: input.graceMinutes }),
          ...(input.requireApproval !== undefined && {
            require_approval: input.requireApproval ? 1 : 0,
          }),
          updated_at: ports.clock.now(),
        })
        .where('id', '=', input.id)
        .execute();
      // No longer required: the posts held for it go out now (within their grace window).
      if (input.requireApproval === false && current.requireApproval) {
        await releaseApprovalHolds(db, { clientId: input.id }, ports.clock.now());
      }
      // Required now, posts their networks hold unapproved are taken back; no longer
      // required, they may be handed over.
      if (
        input.requireApproval !== undefined &&
        input.requireApproval !== current.requireApproval
      ) {
        await wakeHandOffs(db, { clientId: input.id }, ports.clock.now());
      }
      return get(input.id);
    },

    async archive(id: string): Promise<Client> {
      const current = await get(id);
      if (current.archivedAt !== null) return current;
      const now = ports.clock.now();
      await db
        .updateTable('clients')
        .set({ archived_at: now, updated_at: now })
        .where('id', '=', id)
        .execute();
      return get(id);
    },

    async unarchive(id: string): Promise<Client> {
      const current = await get(id);
      if (current.archivedAt === null) return current;
      await assertNameFree(current.name, id);
      await db
        .updateTable('clients')
        .set({ archived_at: null, updated_at: ports.clock.now() })
        .where('id', '=', id)
        .execute();
      return get(id);
    },
  };
}

export type ClientsService = ReturnType<typeof createClientsService>;
