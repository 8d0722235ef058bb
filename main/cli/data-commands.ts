// `starling import|export|backup …`: bulk CSV scheduling, exports and backups.
// The CSV import reads the file here so media paths resolve next to it; restore runs
// without a core, because it swaps the database file the core would hold open.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { BackupInfo, ExportFormat, ImportReport } from '../../shared/data.ts';
import { csvImportMaxBytes, exportFormats } from '../../shared/data.ts';
import { plural } from '../../shared/plural.ts';
import { AppFailure, failure } from '../../shared/result.ts';
import { parseRangeBound } from '../../shared/schedule-time.ts';
import { replaceFile } from '../core/adapters/replace-file.ts';
import { defaultDataDir } from '../core/data-dir.ts';
import type { Clock } from '../core/ports.ts';
import { accountNamer, type AccountName } from './account-names.ts';
import type { RunWithCore } from './clients-commands.ts';
import type { OpenCore } from './main.ts';
import { createOutput } from './output.ts';
import { withProgress } from './progress.ts';

const machineZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Rows shown one by one in the human report; a larger file shows its problems only. */
const rowsShown = 200;

const day = (instant: number) => new Date(instant).toISOString().slice(0, 10);

/** The accepted rows in one line: how many per client, over which days, how many queued. */
function acceptedText(report: ImportReport): string {
  const { byClient, from, to, queued } = report.accepted;
  if (from === null || to === null) return '';
  const clients = Object.keys(byClient).length;
  return (
    `${plural(report.valid, 'post')} for ${plural(clients, 'client')}, ` +
    `${from === to ? `on ${day(from)}` : `from ${day(from)} to ${day(to)}`} (UTC)` +
    (queued > 0 ? `, ${String(queued)} in queue slots` : '') +
    '.'
  );
}

export function reportText(report: ImportReport, name: AccountName, withVerdict = true): string {
  const lines: string[] = [];
  // [Note: bounded import report] A small file lists every row; a big one its problems.
  const showAll = report.total <= rowsShown;
  for (const row of report.rows) {
    if (row.ok && showAll) {
      const when = `${(row.localTime ?? '').replace('T', ' ')} ${row.timezone ?? ''}`;
      lines.push(
        `row ${String(row.row)}: ${report.dryRun ? 'would schedule' : 'scheduled'} ` +
          `${(row.handles ?? []).map((h, i) => name(row.accountIds?.[i], h)).join(' ')} at ${when}${row.queued === true ? ' (queue slot)' : ''}` +
          ((row.parts ?? 1) > 1 ? `, thread of ${String(row.parts)}` : '') +
          `${(row.media ?? 0) > 0 ? `, ${String(row.media)} media` : ''}: ${row.firstLine ?? ''}`,
      );
    }
    for (const issue of row.issues) {
      lines.push(
        `row ${String(row.row)}${issue.column === null ? '' : `, column "${issue.column}"`}: ${issue.message}`,
      );
    }
  }
  if (report.refusedUnlisted > 0) {
    lines.push(
      `… and ${plural(report.refusedUnlisted, 'more row')} with errors, not listed: fix these first.`,
    );
  }
  if (!showAll && report.valid > 0) lines.push(acceptedText(report));
  const verdict = report.dryRun
    ? `Dry run: ${String(report.valid)} of ${plural(report.total, 'row')} can be imported, ${String(report.invalid)} ${report.invalid === 1 ? 'has' : 'have'} errors. Nothing was written.`
    : `Imported ${plural(report.imported, 'post')}` +
      (report.invalid > 0
        ? `; ${plural(report.invalid, 'row')} with errors ${report.invalid === 1 ? 'was' : 'were'} left out.`
        : '.');
  return [...lines, ...(withVerdict ? [verdict] : [])].join('\n');
}

/** The file's path once it is known to be a file within the import's size limit. */
function checkCsvFile(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw failure('VALIDATION', `${file}: no such file.`);
  }
  if (!stat.isFile()) throw failure('VALIDATION', `${file} is not a file.`);
  if (stat.size > csvImportMaxBytes) {
    throw failure('VALIDATION', `${file} is larger than 64 MB: split it into smaller files.`);
  }
  return path.resolve(file);
}

const backupLine = (b: BackupInfo) =>
  `${new Date(b.createdAt).toISOString().replace('T', ' ').slice(0, 19)} UTC  ${b.kind.padEnd(11)}  ${String(Math.ceil(b.bytes / 1024)).padStart(8)} KB  ${b.name}`;

/** Writes a file the user named, never over an existing one unless --force. */
function writeOut(file: string, content: string, force: boolean): void {
  if (!force && fs.existsSync(file)) {
    throw failure(
      'VALIDATION',
      `${file} already exists: choose another --out, or add --force to replace it.`,
    );
  }
  replaceFile(file, content);
}

/** `clock` is the one the core runs on; restore, which opens no core, reads it directly. */
export function addDataCommands(
  program: Command,
  run: RunWithCore,
  openCore: OpenCore,
  clock: Clock,
): void {
  const importCmd = program.command('import').description('import posts from a file');
  importCmd
    .command('csv')
    .description('schedule posts from a CSV file (see the README for its columns)')
    .argument('<file>', 'the CSV file; media paths in it are read relative to its folder')
    .option('--client <id>', "only this client's accounts")
    .option('--dry-run', 'report per row what would happen, write nothing')
    .option(
      '--valid-rows-only',
      'import the valid rows and report the others (default: all or nothing)',
    )
    .action(
      async (
        file: string,
        opts: { client?: string; dryRun?: boolean; validRowsOnly?: boolean },
        cmd: Command,
      ) => {
        // Streamed from disk by the import's worker thread, never read here whole.
        const csvFile = checkCsvFile(file);
        const { core, out } = await openCore(cmd);
        try {
          try {
            const report = await withProgress(core, { json: out.json }, (operation) =>
              core.files.importCsv(
                {
                  file: csvFile,
                  baseDir: path.dirname(csvFile),
                  clientId: opts.client,
                  dryRun: opts.dryRun === true,
                  validRowsOnly: opts.validRowsOnly === true,
                },
                operation,
              ),
            );
            const name = await accountNamer(core.invoke);
            out.result(report, () => reportText(report, name));
          } catch (error) {
            const report = error instanceof AppFailure ? error.error.details?.report : undefined;
            if (report !== undefined && !out.json) {
              const name = await accountNamer(core.invoke);
              process.stderr.write(`${reportText(report as ImportReport, name, false)}\n`);
            }
            throw error;
          }
        } finally {
          await core.close();
        }
      },
    );

  program
    .command('export')
    .description('export scheduled posts as CSV, JSON or an ICS calendar')
    .argument('<format>', 'csv, json or ics')
    .requiredOption('--out <file>', 'file to write')
    .option('--client <id>', "only this client's posts")
    .option('--from <when>', "from this date or time (in this machine's zone)")
    .option('--to <when>', 'before this time; a date includes that whole day')
    .option('--force', 'replace --out if it exists')
    .action(
      (
        format: string,
        opts: { out: string; client?: string; from?: string; to?: string; force?: boolean },
        cmd: Command,
      ) =>
        run(cmd, async (invoke, out) => {
          if (!(exportFormats as readonly string[]).includes(format)) {
            out.error({
              code: 'VALIDATION',
              message: `Export as csv, json or ics, not "${format}".`,
            });
            return;
          }
          const zone = machineZone();
          const result = await invoke('data:export', {
            format: format as ExportFormat,
            ...(opts.client !== undefined && { clientId: opts.client }),
            ...(opts.from !== undefined && { from: parseRangeBound(opts.from, zone, 'start') }),
            ...(opts.to !== undefined && { to: parseRangeBound(opts.to, zone, 'end') }),
          });
          if (!result.ok) {
            out.error(result.error);
            return;
          }
          writeOut(opts.out, result.value.content, opts.force === true);
          const summary = { file: path.resolve(opts.out), format, posts: result.value.posts };
          out.result(
            summary,
            () => `Exported ${plural(summary.posts, 'post')} to ${summary.file}.`,
          );
        }),
    );

  const backup = program.command('backup').description('back up and restore the database');
  backup
    .command('create')
    .description("back up the database now (SQLite's online backup; safe while the app runs)")
    .action(async (_opts: unknown, cmd: Command) => {
      const { core, out } = await openCore(cmd);
      try {
        const result = await withProgress(core, { json: out.json }, (operation) =>
          core.invoke('backups:create', { operation }),
        );
        out.answer(result, (b) => `Backed up to ${b.file}`);
      } finally {
        await core.close();
      }
    });
  backup
    .command('list')
    .description('list backups, newest first')
    .action((_opts: unknown, cmd: Command) =>
      run(
        cmd,
        async (invoke, out) => {
          out.answer(await invoke('backups:list', {}), (list) =>
            list.length === 0
              ? 'No backups yet. Make one with: starling backup create'
              : list.map(backupLine).join('\n'),
          );
        },
        'reads',
      ),
    );
  backup
    .command('restore')
    .description(
      'replace the database with a backup (close the app first); the current one is kept as a backup',
    )
    .argument(
      '<file>',
      'a backup file, its name from "starling backup list", or "newest" (the newest good one)',
    )
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const globals = cmd.optsWithGlobals<{ dataDir?: string; json?: boolean }>();
      const out = createOutput(globals.json === true);
      const dataDir = globals.dataDir ?? defaultDataDir();
      const now = clock.now();
      // The database code is loaded only by the one command that runs without a core.
      const [{ createFileLogger }, { resolveBackup, restoreBackup }, { newestGoodBackup }] =
        await Promise.all([
          import('../core/adapters/file-logger.ts'),
          import('../core/data/backups-service.ts'),
          import('../core/db/open-database.ts'),
        ]);
      const newest = file === 'newest' ? newestGoodBackup(dataDir) : null;
      if (file === 'newest' && newest === null) {
        throw failure(
          'NOT_FOUND',
          "No backup in the backups folder passes SQLite's check: nothing to restore.",
        );
      }
      const result = await restoreBackup({
        dataDir,
        backup: newest ?? resolveBackup(dataDir, file),
        now,
        logger: createFileLogger(dataDir, () => clock.now()),
      });
      out.result(
        result,
        () =>
          `Restored ${result.restored}.` +
          (result.keptAs === null ? '' : `\nThe database it replaced is kept as ${result.keptAs}.`),
      );
    });

  const archive = program
    .command('archive')
    .description('move one client (rows and media) to another machine as a zip');
  archive
    .command('export')
    .description("write a client's data and media to one archive")
    .requiredOption('--client <id>', 'the client to export')
    .requiredOption('--out <file>', 'the .zip to write (must not exist)')
    .action(async (opts: { client: string; out: string }, cmd: Command) => {
      const { core, out } = await openCore(cmd);
      try {
        const summary = await withProgress(core, { json: out.json }, (operation) =>
          core.files.exportArchive({ clientId: opts.client, out: opts.out }, operation),
        );
        out.result(
          summary,
          () =>
            `Exported ${summary.name}: ${plural(summary.posts, 'post')}, ${plural(summary.accounts, 'account')}, ${plural(summary.media, 'media file')} to ${summary.file}.`,
        );
      } finally {
        await core.close();
      }
    });
  archive
    .command('import')
    .description('add a client from an archive (new ids; accounts must be reconnected)')
    .argument('<file>', 'a .zip written by "starling archive export"')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const { core, out } = await openCore(cmd);
      try {
        const summary = await withProgress(core, { json: out.json }, (operation) =>
          core.files.importArchive(file, operation),
        );
        out.result(
          summary,
          () =>
            `Imported ${summary.name} (id ${summary.clientId}): ${plural(summary.posts, 'post')}, ${plural(summary.accounts, 'account')} to reconnect, ${plural(summary.media, 'media file')}.`,
        );
      } finally {
        await core.close();
      }
    });
}
