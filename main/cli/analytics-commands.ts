// `starling analytics …`: one metric sync pass (`sync`), and reports for a client over a
// range (`export`: CSV of posts with their latest metrics, or a PDF printed by Chromium).
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { SyncResult } from '../../shared/analytics.ts';
import { failure } from '../../shared/result.ts';
import { plural } from '../../shared/plural.ts';
import { parseRangeBound } from '../../shared/schedule-time.ts';
import { syncSummary } from '../../shared/sync-summary.ts';
import { replaceFile } from '../core/adapters/replace-file.ts';
import type { RunWithCore } from './clients-commands.ts';
import type { OpenCore } from './main.ts';
import { withProgress } from './progress.ts';

export function syncText(r: SyncResult): string {
  const lines = [
    `${syncSummary(r)} (${plural(r.reads, 'X read')}; today ${String(r.readsToday)} of ${String(r.readCap)}).`,
  ];
  if (r.deleted > 0) {
    lines.push(
      `${plural(r.deleted, 'post')} ${r.deleted === 1 ? 'was' : 'were'} deleted on X and ${r.deleted === 1 ? 'is' : 'are'} no longer read.`,
    );
  }
  if (r.capReached) lines.push(`Today's read cap is used up; the rest is read after 00:00 UTC.`);
  for (const p of r.problems) lines.push(`Account ${p.accountId}: ${p.message}`);
  return lines.join('\n');
}

/** Writes the file next to its destination first, so a failed write leaves nothing half-done. */
function writeNew(out: string, bytes: Buffer, force: boolean): void {
  const dir = path.dirname(path.resolve(out));
  if (!fs.existsSync(dir)) throw failure('VALIDATION', `The folder ${dir} does not exist.`);
  if (!force && fs.existsSync(out)) {
    throw failure('CONFLICT', `${out} already exists; choose another --out or add --force.`);
  }
  replaceFile(out, bytes);
}

export function addAnalyticsCommands(program: Command, run: RunWithCore, openCore: OpenCore): void {
  const analytics = program.command('analytics').description('metrics from X and client reports');

  analytics
    .command('sync')
    .description(
      "read from the networks now: what is due, and the last 7 days' posts not read in 15 minutes",
    )
    .option('--account <id>', 'only this account')
    .option('--due-only', 'only what is due, as the background sync does (for scripts)')
    .action(async (opts: { account?: string; dueOnly?: boolean }, cmd: Command) => {
      const { core, out } = await openCore(cmd);
      try {
        const result = await withProgress(core, { json: out.json }, (operation) =>
          core.invoke('analytics:sync-now', {
            ...(opts.account !== undefined && { accountId: opts.account }),
            ...(opts.dueOnly === true && { dueOnly: true }),
            operation,
          }),
        );
        out.answer(result, syncText);
      } finally {
        await core.close();
      }
    });

  analytics
    .command('export')
    .description("a client's report over a range: CSV of posts with their latest metrics, or PDF")
    .requiredOption('--client <id>', 'client id')
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD in the client time zone, or ISO)')
    .requiredOption('--to <date>', 'last day, included (YYYY-MM-DD, or ISO)')
    .requiredOption('--format <format>', 'csv or pdf')
    .requiredOption('--out <file>', 'file to write')
    .option('--account <id>', 'only this account of the client')
    .option('--force', 'replace --out if it exists')
    .action(
      (
        opts: {
          client: string;
          from: string;
          to: string;
          format: string;
          out: string;
          account?: string;
          force?: boolean;
        },
        cmd: Command,
      ) =>
        run(cmd, async (invoke, out) => {
          if (opts.format !== 'csv' && opts.format !== 'pdf') {
            throw failure('VALIDATION', `--format must be csv or pdf, not ${opts.format}.`);
          }
          if (opts.force !== true && fs.existsSync(opts.out)) {
            throw failure(
              'CONFLICT',
              `${opts.out} already exists; choose another --out or add --force.`,
            );
          }
          const client = await invoke('clients:get', { id: opts.client });
          if (!client.ok) {
            out.error(client.error);
            return;
          }
          const zone = client.value.timezone;
          const report = await invoke('analytics:export-report', {
            clientId: opts.client,
            ...(opts.account !== undefined && { accountId: opts.account }),
            from: parseRangeBound(opts.from, zone, 'start'),
            to: parseRangeBound(opts.to, zone, 'end'),
            format: opts.format,
          });
          if (!report.ok) {
            out.error(report.error);
            return;
          }
          const file = report.value;
          const bytes = Buffer.from(file.content, file.encoding === 'base64' ? 'base64' : 'utf8');
          writeNew(opts.out, bytes, opts.force === true);
          out.result(
            {
              file: path.resolve(opts.out),
              bytes: bytes.length,
              format: opts.format,
              mime: file.mime,
            },
            () =>
              `Wrote ${path.resolve(opts.out)} (${String(bytes.length)} bytes, ${opts.format.toUpperCase()}).`,
          );
        }),
    );
}
