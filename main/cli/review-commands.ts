// `starling review …`: send posts to a client for approval as one HTML packet (and its
// PDF), record the reply that comes back (a reply file, or the pasted code on stdin), and
// list the packets sent with where each post stands. The same channels as the app.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import {
  reviewLimits,
  type ReviewImportResult,
  type ReviewPacketView,
} from '../../shared/approval.ts';
import { failure } from '../../shared/result.ts';
import { localTimeOf, parseRangeBound } from '../../shared/schedule-time.ts';
import { replaceFile } from '../core/adapters/replace-file.ts';
import type { RunWithCore } from './clients-commands.ts';
import { textTable } from './text-table.ts';

interface SendOptions {
  client: string;
  post?: string[];
  from?: string;
  to?: string;
  out: string;
  pdf?: string;
  force?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Refuses before anything is made: a folder that is missing, a file in the way. */
function checkOut(file: string, force: boolean): void {
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(dir)) throw failure('VALIDATION', `The folder ${dir} does not exist.`);
  if (!force && fs.existsSync(file)) {
    throw failure('VALIDATION', `${file} already exists: choose another file, or add --force.`);
  }
}

const tooBig = () =>
  failure(
    'VALIDATION',
    `This reply is over ${String(reviewLimits.replyMaxBytes / 1024)} KB: a review reply is much smaller. Nothing was recorded.`,
  );

/** The reply's text, never reading more than the limit allows (a file, or `-` for stdin). */
async function readReply(source: string): Promise<string> {
  if (source === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > reviewLimits.replyMaxBytes) throw tooBig();
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(source);
  } catch {
    throw failure('VALIDATION', `${source}: no such file.`);
  }
  if (!stat.isFile()) throw failure('VALIDATION', `${source} is not a file.`);
  if (stat.size > reviewLimits.replyMaxBytes) throw tooBig();
  return fs.readFileSync(source, 'utf8');
}

function importText(r: ReviewImportResult): string {
  const line = (p: { firstLine: string; postId: string }) =>
    `"${p.firstLine === '' ? p.postId : p.firstLine}"`;
  const word = (d: string) => (d === 'approved' ? 'approved' : 'changes requested');
  return [
    `Reply to packet ${r.packetId}:`,
    ...r.applied.map((p) => `  recorded  ${word(p.decision)}: ${line(p)}`),
    ...r.unchanged.map((p) => `  already   ${word(p.decision)}: ${line(p)}`),
    ...r.refused.map((p) => `  REFUSED   ${line(p)}: ${p.reason}`),
  ].join('\n');
}

function listText(packets: ReviewPacketView[]): string {
  if (packets.length === 0)
    return 'No review packets sent yet. Send one with: starling review send';
  const rows = packets.map((p) => [
    p.id,
    p.clientName,
    new Date(p.createdAt).toISOString().replace('T', ' ').slice(0, 16),
    String(p.posts.length),
    String(p.posts.filter((x) => x.decision === 'approved').length),
    String(p.posts.filter((x) => x.decision === 'changes_requested').length),
    String(p.pending),
    p.filePath,
  ]);
  return textTable(
    ['PACKET', 'CLIENT', 'SENT (UTC)', 'POSTS', 'APPROVED', 'CHANGES', 'WAITING', 'FILE'],
    rows,
  );
}

export function addReviewCommands(program: Command, run: RunWithCore): void {
  const review = program.command('review').description('client approval by review packets');

  review
    .command('send')
    .description('write a review packet (one HTML file) of a client’s posts')
    .requiredOption('--client <id>', 'the client whose posts to send')
    .option('--post <id>', 'a post to include (repeat for more)', collect)
    .option('--from <date>', 'posts from this day or time (client’s zone)')
    .option('--to <date>', 'posts up to this day (included) or time')
    .requiredOption('--out <file>', 'where to write the packet (.html)')
    .option('--pdf <file>', 'also write the packet as a PDF (needs Chromium outside the app)')
    .option('--force', 'replace --out and --pdf if they exist')
    .action((opts: SendOptions, cmd: Command) =>
      run(cmd, async (invoke, out) => {
        const force = opts.force === true;
        checkOut(opts.out, force);
        if (opts.pdf !== undefined) checkOut(opts.pdf, force);
        const client = await invoke('clients:get', { id: opts.client });
        if (!client.ok) {
          out.error(client.error);
          return;
        }
        const zone = client.value.timezone;
        const sent = await invoke('review:send', {
          clientId: opts.client,
          ...(opts.post !== undefined && { postIds: opts.post }),
          ...(opts.from !== undefined && { from: parseRangeBound(opts.from, zone, 'start') }),
          ...(opts.to !== undefined && { to: parseRangeBound(opts.to, zone, 'end') }),
        });
        if (!sent.ok) {
          out.error(sent.error);
          return;
        }
        const { packet, html } = sent.value;
        replaceFile(opts.out, html);
        let pdf: string | null = null;
        if (opts.pdf !== undefined) {
          const printed = await invoke('review:export-pdf', { id: packet.id });
          if (!printed.ok) {
            out.error({
              ...printed.error,
              message: `The packet was written to ${path.resolve(opts.out)}, but not its PDF: ${printed.error.message}`,
            });
            return;
          }
          replaceFile(opts.pdf, Buffer.from(printed.value.content, 'base64'));
          pdf = path.resolve(opts.pdf);
        }
        const file = path.resolve(opts.out);
        out.result({ packet, file, pdf }, () =>
          [
            `Wrote review packet ${packet.id} for ${packet.clientName}: ${String(packet.posts.length)} post${packet.posts.length === 1 ? '' : 's'}, as of ${localTimeOf(packet.createdAt, zone).replace('T', ' ')}.`,
            `  ${file}`,
            ...(pdf === null ? [] : [`  ${pdf}`]),
            'Send it to your client; record their reply with: starling review import FILE (or - and paste it)',
          ].join('\n'),
        );
      }),
    );

  review
    .command('import')
    .description('record a client’s reply: the reply file, or - to paste the code')
    .argument('<file>', 'the reply file, or - to read the code from stdin')
    .action((source: string, _opts: unknown, cmd: Command) =>
      run(cmd, async (invoke, out) => {
        const result = await invoke('review:import', { reply: await readReply(source) });
        out.answer(result, importText);
        // Refused posts are named; like a partial unpublish, the command says it fell short.
        if (result.ok && result.value.refused.length > 0) process.exitCode = 1;
      }),
    );

  review
    .command('list')
    .description('review packets sent, and where each post stands')
    .option('--client <id>', 'one client’s packets')
    .action((opts: { client?: string }, cmd: Command) =>
      run(
        cmd,
        async (invoke, out) => {
          out.answer(
            await invoke('review:list', {
              ...(opts.client !== undefined && { clientId: opts.client }),
            }),
            listText,
          );
        },
        'reads',
      ),
    );
}
