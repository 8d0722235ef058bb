// Bulk scheduling from a CSV file. [Note: all-or-nothing import] Every row is read and
// checked before anything is written; a dry run stops there with a report per row. A
// real import writes every post in ONE transaction, or nothing when any row is wrong,
// unless the user asked for "the valid rows" (then the bad rows are reported, not written).
// Progress goes out per row checked and written; a cancel before the commit rolls it all
// back (and removes media it copied in), so a cancelled import has written nothing.
import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { ImportReport, ImportRowReport } from '../../../shared/data.ts';
import { plural } from '../../../shared/plural.ts';
import { failure } from '../../../shared/result.ts';
import { localTimeOf } from '../../../shared/schedule-time.ts';
import type { Schema } from '../db/schema.ts';
import type { EventBus } from '../events.ts';
import { createMediaLibrary, type ImportedMedia } from '../media/library.ts';
import type { Ports } from '../ports.ts';
import { silentOperation, yieldToEvents, type Operation } from '../progress/operations.ts';
import { serverTextLimit } from '../services/posts-checks.ts';
import { loadSummary } from '../services/posts-read.ts';
import {
  createBulkPostWriter,
  insertPostRows,
  scheduledPostRows,
  type PostRows,
} from '../services/posts-write.ts';
import { indexAccounts, type AccountRow } from './csv-accounts.ts';
import { undoDefusedCell } from './csv-cells.ts';
import { mapColumns } from './csv-columns.ts';
import { createMediaResolver } from './csv-media.ts';
import { createWallTimeReader } from './wall-times.ts';
import { readRow, type Lookups, type RowPlan } from './csv-rows.ts';

export interface CsvImportRequest {
  csv: string | Buffer;
  /** The CSV's folder, where media paths are read; null when only the text is known. */
  baseDir: string | null;
  clientId?: string | undefined;
  dryRun: boolean;
  validRowsOnly?: boolean | undefined;
}

/** Rows handled between two progress reports, each a chance to see a cancel. */
const rowsPerStep = 250;

/** The next `count` free queue-slot instants of an account, ascending (queue-slots.ts). */
export type QueueTimes = (accountId: string, from: number, count: number) => Promise<number[]>;

/** Posts announced one by one after an import; a bigger import only says how many. */
const announcedOneByOne = 200;

function parseRecords(
  parse: typeof import('csv-parse/sync').parse,
  csv: string | Buffer,
): string[][] {
  try {
    return parse(csv, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // Cells Starling's own export defused arrive as written (see csv-cells.ts).
      cast: (value: string) => undoDefusedCell(value),
    });
  } catch (error) {
    throw failure('VALIDATION', `The file is not valid CSV: ${(error as Error).message}`);
  }
}

async function loadLookups(
  db: Kysely<Schema>,
  clientId: string | undefined,
  now: number,
  baseDir: string | null,
): Promise<Lookups> {
  const clients = await db
    .selectFrom('clients')
    .select(['id', 'name', 'timezone', 'archived_at'])
    .execute();
  if (clientId !== undefined && !clients.some((c) => c.id === clientId)) {
    throw failure('NOT_FOUND', `No client has the id ${clientId}.`);
  }
  const accounts = await db
    .selectFrom('social_accounts')
    .select(['id', 'client_id', 'platform', 'handle', 'settings', 'status'])
    .execute();
  const campaigns = await db.selectFrom('campaigns').select(['id', 'client_id', 'name']).execute();
  const lookups: Lookups = {
    clients: new Map(
      clients.map((c) => [
        c.id,
        { id: c.id, name: c.name, timezone: c.timezone, archived: c.archived_at !== null },
      ]),
    ),
    ...indexAccounts(
      accounts.map((a): AccountRow => ({
        id: a.id,
        clientId: a.client_id,
        platform: a.platform,
        handle: a.handle,
        textLimit: serverTextLimit(a.settings),
        status: a.status,
      })),
    ),
    campaigns: new Map(),
    clientId,
    now,
    media: createMediaResolver(baseDir),
    wallTime: createWallTimeReader(),
  };
  for (const c of campaigns) {
    const byName = lookups.campaigns.get(c.client_id) ?? new Map<string, string>();
    byName.set(c.name.toLowerCase(), c.id);
    byName.set(c.id.toLowerCase(), c.id);
    lookups.campaigns.set(c.client_id, byName);
  }
  return lookups;
}

export function createCsvImport(deps: {
  db: Kysely<Schema>;
  /** The same database's handle, for the bulk insert (posts-write.ts). */
  sqlite?: Database.Database | undefined;
  dataDir: string;
  ports: Pick<Ports, 'clock' | 'newId'>;
  events: EventBus;
  /** Undefined until queue slots exist: rows without a time are then refused. */
  queueTimes?: QueueTimes | undefined;
}) {
  const { db, ports, events } = deps;
  const media = createMediaLibrary(db, deps.dataDir, ports);

  /**
   * Gives rows without a time their first account's next free queue slots, in file
   * order: one question per account, so the rows of one batch never share a slot.
   */
  async function fillQueueTimes(
    plans: { report: ImportRowReport; plan: RowPlan }[],
  ): Promise<void> {
    const byAccount = new Map<string, { report: ImportRowReport; plan: RowPlan }[]>();
    for (const item of plans.filter((p) => p.plan.time === null)) {
      const first = item.plan.accounts[0];
      if (first === undefined) continue;
      byAccount.set(first.id, [...(byAccount.get(first.id) ?? []), item]);
    }
    for (const [accountId, items] of byAccount) {
      const free =
        deps.queueTimes === undefined
          ? []
          : await deps.queueTimes(accountId, ports.clock.now(), items.length);
      for (const [index, item] of items.entries()) {
        const at = free[index];
        if (at === undefined) {
          item.report.ok = false;
          item.report.issues.push({
            column: null,
            message: `No date and time, and @${item.plan.accounts[0]?.handle ?? ''} has no free queue slot left for it: add posting slots to the account, or give the date and time.`,
          });
          continue;
        }
        const zone = item.plan.zone;
        item.plan.time = { instant: at, zone, localTime: localTimeOf(at, zone) };
        item.report.queued = true;
      }
    }
  }

  async function importMedia(
    plans: RowPlan[],
    op: Operation,
  ): Promise<{ ids: Map<string, string>; added: ImportedMedia[] }> {
    const ids = new Map<string, string>();
    const added: ImportedMedia[] = [];
    const files = new Set(plans.flatMap((p) => p.media.map((m) => `${p.clientId}\n${m.file}`)));
    try {
      for (const plan of plans) {
        for (const m of plan.media) {
          const key = `${plan.clientId}\n${m.file}`;
          if (ids.has(key)) continue;
          op.report('copying media', ids.size, files.size, 'files');
          op.throwIfCancelled();
          const imported = await media.importFile(m.file, plan.clientId, { signal: op.signal });
          added.push(imported);
          ids.set(key, imported.id);
        }
      }
    } catch (error) {
      await media.discard(added);
      throw error;
    }
    return { ids, added };
  }

  return {
    async run(request: CsvImportRequest, op: Operation = silentOperation): Promise<ImportReport> {
      // The library is loaded here, on first use, not with the core (vite.cli.config.ts).
      const { parse } = await import('csv-parse/sync');
      const records = parseRecords(parse, request.csv);
      const [header, ...body] = records;
      if (header === undefined) throw failure('VALIDATION', 'The CSV file is empty.');
      const columns = mapColumns(header);
      const lookups = await loadLookups(db, request.clientId, ports.clock.now(), request.baseDir);

      const rows: ImportRowReport[] = [];
      const good: { report: ImportRowReport; plan: RowPlan }[] = [];
      for (const [index, record] of body.entries()) {
        if (index % rowsPerStep === 0) {
          op.report('checking', index, body.length, 'rows');
          await yieldToEvents();
          op.throwIfCancelled();
        }
        const result = readRow(record, columns, lookups);
        const report: ImportRowReport = {
          row: index + 2,
          ok: result.ok,
          issues: result.ok ? [] : result.issues,
        };
        rows.push(report);
        if (result.ok) good.push({ report, plan: result.plan });
      }
      op.report('checking', body.length, body.length, 'rows');
      await fillQueueTimes(good);
      const ready = good.filter((g) => g.report.ok && g.plan.time !== null);
      for (const { report, plan } of ready) {
        const time = plan.time;
        if (time === null) continue;
        Object.assign(report, {
          handles: plan.accounts.map((a) => a.handle),
          clientId: plan.clientId,
          scheduledAt: time.instant,
          timezone: time.zone,
          localTime: time.localTime,
          parts: plan.parts.length,
          media: plan.media.length,
          firstLine: (plan.parts[0] ?? '').split('\n')[0]?.slice(0, 80) ?? '',
        });
      }
      const valid = ready.length;
      const report: ImportReport = {
        dryRun: request.dryRun,
        mode: request.validRowsOnly === true ? 'valid-rows' : 'all',
        columns: columns.columns,
        total: rows.length,
        valid,
        invalid: rows.length - valid,
        imported: 0,
        postIds: [],
        rows,
      };
      if (request.dryRun) return report;
      if (rows.length === 0) throw failure('VALIDATION', 'The CSV has a header but no rows.');
      if (report.invalid > 0 && request.validRowsOnly !== true) {
        throw failure(
          'VALIDATION',
          `${String(report.invalid)} of ${plural(report.total, 'row')} ${report.invalid === 1 ? 'has' : 'have'} errors, so nothing was imported. Fix ${report.invalid === 1 ? 'it' : 'them'}, or import only the valid rows.`,
          { details: { report } },
        );
      }
      if (valid === 0) {
        throw failure('VALIDATION', 'No row can be imported: every row has errors.', {
          details: { report },
        });
      }

      const plans = ready.map((r) => r.plan);
      const { ids, added } = await importMedia(plans, op);
      const at = ports.clock.now();
      const rowsOf = (plan: RowPlan): PostRows =>
        scheduledPostRows(
          {
            clientId: plan.clientId,
            campaignId: plan.campaignId,
            accountIds: plan.accounts.map((a) => a.id),
            parts: plan.parts.map((text, index) => ({
              text,
              media:
                index === 0
                  ? plan.media.map((m) => ({
                      mediaId: ids.get(`${plan.clientId}\n${m.file}`) ?? '',
                      altText: m.altText,
                    }))
                  : [],
            })),
          },
          plan.time ?? { instant: at, zone: plan.zone, localTime: localTimeOf(at, plan.zone) },
          ports.newId,
          at,
          { source: 'csv-import' },
        );
      const postIds: string[] = [];
      const cache = deps.sqlite?.pragma('cache_size', { simple: true }) as number | undefined;
      try {
        deps.sqlite?.pragma('cache_size = -262144');
        await db.transaction().execute(async (trx) => {
          const sqlite = deps.sqlite;
          if (sqlite === undefined) {
            op.report('writing', 0, plans.length, 'rows');
            const rows = plans.map(rowsOf);
            await insertPostRows(trx, rows);
            postIds.push(...rows.map((r) => r.postId));
            op.report('writing', plans.length, plans.length, 'rows');
            op.throwIfCancelled();
            op.setCancellable(false);
            return;
          }
          // In time order: the time-keyed indexes then grow at their end instead of
          // splitting pages all over, which roughly halves the write for a big file.
          const order = plans.map((_, i) => i);
          const instantOf = (i: number) => plans[i]?.time?.instant ?? at;
          order.sort((a, b) => instantOf(a) - instantOf(b));
          const write = createBulkPostWriter(trx, sqlite);
          postIds.length = plans.length;
          for (const [n, i] of order.entries()) {
            if (n % rowsPerStep === 0) {
              op.report('writing', n, plans.length, 'rows');
              // [Note: all-or-nothing import] A cancel seen here throws inside the
              // transaction, which rolls every row back.
              await yieldToEvents();
              op.throwIfCancelled();
            }
            const plan = plans[i];
            if (plan === undefined) continue;
            const rows = rowsOf(plan);
            write(rows);
            postIds[i] = rows.postId;
          }
          op.report('writing', plans.length, plans.length, 'rows');
          op.throwIfCancelled();
          // Committing now: from here the import can no longer be taken back.
          op.setCancellable(false);
        });
      } catch (error) {
        postIds.length = 0;
        await media.discard(added);
        throw error;
      } finally {
        if (cache !== undefined) deps.sqlite?.pragma(`cache_size = ${String(cache)}`);
      }
      report.imported = postIds.length;
      report.postIds = postIds;
      ready.forEach((r, i) => {
        r.report.postId = postIds[i];
      });
      events.emit('data:posts-imported', {
        count: postIds.length,
        clientIds: [...new Set(plans.map((p) => p.clientId))],
      });
      if (postIds.length <= announcedOneByOne) {
        for (const id of postIds) events.emit('post:saved', { post: await loadSummary(db, id) });
      }
      return report;
    },
  };
}
