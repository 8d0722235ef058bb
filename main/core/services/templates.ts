// Templates and hashtag groups: a client's reusable text and sets of hashtags, inserted
// from the composer. Both are small per-client lists with the same create/update/delete.
import type { Kysely } from 'kysely';
import type { HashtagGroup, Template } from '../../../shared/compose-inputs.ts';
import type { ParsedInput } from '../../../shared/ipc/contract.ts';
import { failure } from '../../../shared/result.ts';
import type { Schema } from '../db/schema.ts';
import type { Ports } from '../ports.ts';

async function assertClient(db: Kysely<Schema>, clientId: string): Promise<void> {
  const row = await db
    .selectFrom('clients')
    .select('id')
    .where('id', '=', clientId)
    .executeTakeFirst();
  if (row === undefined) throw failure('NOT_FOUND', `No client has the id ${clientId}.`);
}

/** NOT_FOUND for a missing row; VALIDATION when an update would move it to another client. */
function assertSameClient(
  row: { client_id: string | null } | undefined,
  clientId: string,
  what: string,
  id: string,
): void {
  if (row === undefined) throw failure('NOT_FOUND', `No ${what} has the id ${id}.`);
  if (row.client_id !== clientId) {
    throw failure('VALIDATION', `This ${what} belongs to another client: make a new one instead.`);
  }
}

function parseHashtags(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function createTemplatesService(db: Kysely<Schema>, ports: Pick<Ports, 'clock' | 'newId'>) {
  const now = () => ports.clock.now();

  const template = (r: Schema['templates'] & { client_id: string | null }): Template => ({
    id: r.id,
    clientId: r.client_id ?? '',
    name: r.name,
    body: r.body,
    updatedAt: r.updated_at,
  });
  const group = (r: Schema['hashtag_groups']): HashtagGroup => ({
    id: r.id,
    clientId: r.client_id ?? '',
    name: r.name,
    hashtags: parseHashtags(r.hashtags),
    updatedAt: r.updated_at,
  });

  return {
    async listTemplates({ clientId }: ParsedInput<'templates:list'>): Promise<Template[]> {
      await assertClient(db, clientId);
      const rows = await db
        .selectFrom('templates')
        .selectAll()
        .where('client_id', '=', clientId)
        .orderBy('name')
        .execute();
      return rows.map(template);
    },

    async saveTemplate(input: ParsedInput<'templates:save'>): Promise<Template> {
      await assertClient(db, input.clientId);
      const at = now();
      const id = input.id ?? ports.newId();
      if (input.id === undefined) {
        await db
          .insertInto('templates')
          .values({
            id,
            client_id: input.clientId,
            name: input.name,
            body: input.body,
            created_at: at,
            updated_at: at,
          })
          .execute();
      } else {
        const row = await db
          .selectFrom('templates')
          .select('client_id')
          .where('id', '=', id)
          .executeTakeFirst();
        assertSameClient(row, input.clientId, 'template', id);
        await db
          .updateTable('templates')
          .set({ name: input.name, body: input.body, updated_at: at })
          .where('id', '=', id)
          .execute();
      }
      return template(
        await db.selectFrom('templates').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
      );
    },

    async deleteTemplate(id: string): Promise<{ id: string }> {
      const result = await db.deleteFrom('templates').where('id', '=', id).executeTakeFirst();
      if (result.numDeletedRows === 0n) throw failure('NOT_FOUND', `No template has the id ${id}.`);
      return { id };
    },

    async listGroups({ clientId }: ParsedInput<'hashtag-groups:list'>): Promise<HashtagGroup[]> {
      await assertClient(db, clientId);
      const rows = await db
        .selectFrom('hashtag_groups')
        .selectAll()
        .where('client_id', '=', clientId)
        .orderBy('name')
        .execute();
      return rows.map(group);
    },

    async saveGroup(input: ParsedInput<'hashtag-groups:save'>): Promise<HashtagGroup> {
      await assertClient(db, input.clientId);
      const at = now();
      const id = input.id ?? ports.newId();
      // The same tag twice adds nothing: keep the first spelling.
      const seen = new Set<string>();
      const hashtags = input.hashtags.filter((h) => {
        const key = h.toLowerCase();
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      if (input.id === undefined) {
        await db
          .insertInto('hashtag_groups')
          .values({
            id,
            client_id: input.clientId,
            name: input.name,
            hashtags: JSON.stringify(hashtags),
            created_at: at,
            updated_at: at,
          })
          .execute();
      } else {
        const row = await db
          .selectFrom('hashtag_groups')
          .select('client_id')
          .where('id', '=', id)
          .executeTakeFirst();
        assertSameClient(row, input.clientId, 'hashtag group', id);
        await db
          .updateTable('hashtag_groups')
          .set({ name: input.name, hashtags: JSON.stringify(hashtags), updated_at: at })
          .where('id', '=', id)
          .execute();
      }
      return group(
        await db
          .selectFrom('hashtag_groups')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow(),
      );
    },

    async deleteGroup(id: string): Promise<{ id: string }> {
      const result = await db.deleteFrom('hashtag_groups').where('id', '=', id).executeTakeFirst();
      if (result.numDeletedRows === 0n)
        throw failure('NOT_FOUND', `No hashtag group has the id ${id}.`);
      return { id };
    },
  };
}
