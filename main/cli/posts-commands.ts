// `starling posts …`: schedule, list, show, cancel, reschedule, retry, unpublish, through the same
// dispatch as the app. `schedule` reads its parts in argument order (--text, --thread,
// and the --media/--alt that follow each), stores --media files as plain copies, and
// takes those copies back if the schedule is refused.
import type { Command } from 'commander';
import type { PostScheduleInput, PostStatus } from '../../shared/posts.ts';
import { failure } from '../../shared/result.ts';
import { parseRangeBound } from '../../shared/schedule-time.ts';
import type { ImportedMedia } from '../core/media/library.ts';
import type { RunWithCore } from './clients-commands.ts';
import type { OpenCore } from './main.ts';
import { postLine, postPage, postsTable, unpublishLines } from './posts-format.ts';
import { addSearchCommand } from './search-commands.ts';

type Step =
  | { kind: 'text' | 'thread'; value: string }
  | { kind: 'media'; value: string }
  | { kind: 'alt'; value: string };

interface DraftPart {
  text: string;
  media: { path: string; alt?: string }[];
}

const scheduleHelp = `
Parts and media are read in the order given:
  --text starts the post; each --thread adds the next part of the thread.
  Each --media attaches a file to the part written just before it (up to 4 images,
  or 1 GIF, or 1 video per part), and --alt gives alt text to the --media right
  before it. The --account options may be on different networks (X, Bluesky,
  Mastodon); the text and media must suit each of them (Bluesky: 300 characters,
  no GIF; Mastodon: the instance's own limit).

WHEN is ISO 8601 with an offset (2026-03-30T09:00+02:00) or a wall time
(2026-03-30 09:00) read in --timezone, by default the client's time zone. A wall
time that a daylight-saving change skips or repeats is refused with the choices.

Example:
  starling posts schedule --account ACC --at "2026-03-30 09:00" \\
    --text "We open at nine" --media shop.jpg --alt "The shop front" \\
    --thread "Fresh bread all morning"`;

/** Builds the parts from the options in the order they were given. */
export function partsFromSteps(steps: Step[]): DraftPart[] {
  const parts: DraftPart[] = [];
  for (const step of steps) {
    const last = parts.at(-1);
    switch (step.kind) {
      case 'text':
        if (parts.length > 0) {
          throw failure('VALIDATION', 'Give --text once, before any --thread.');
        }
        parts.push({ text: step.value, media: [] });
        break;
      case 'thread':
        if (last === undefined) throw failure('VALIDATION', '--thread needs a --text before it.');
        parts.push({ text: step.value, media: [] });
        break;
      case 'media':
        if (last === undefined) {
          throw failure('VALIDATION', '--media attaches to the part before it: give --text first.');
        }
        last.media.push({ path: step.value });
        break;
      case 'alt': {
        const media = last?.media.at(-1);
        if (media === undefined || media.alt !== undefined) {
          throw failure('VALIDATION', '--alt describes the --media right before it.');
        }
        media.alt = step.value;
        break;
      }
    }
  }
  if (parts.length === 0) throw failure('VALIDATION', 'Give the post text with --text.');
  return parts;
}

const machineZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function addPostsCommands(program: Command, run: RunWithCore, openCore: OpenCore): void {
  const posts = program.command('posts').description('schedule and manage posts');

  const steps: Step[] = [];
  const step = (kind: Step['kind']) => (value: string) => {
    steps.push({ kind, value });
    return value;
  };
  posts
    .command('schedule')
    .description('schedule a post (or a thread) to one or more accounts of a client')
    .requiredOption(
      '--account <id>',
      'account to publish to, on any network (repeat for several)',
      collect,
    )
    .requiredOption('--at <when>', 'when to publish (see below)')
    .option('--timezone <iana>', "time zone of a wall-time --at (default: the client's)")
    .option('--text <text>', 'text of the post (its first part)', step('text'))
    .option('--thread <text>', 'the next part of the thread (repeatable)', step('thread'))
    .option('--media <path>', 'image, GIF or video for the part before it', step('media'))
    .option('--alt <text>', 'alt text for the --media before it', step('alt'))
    .option('--campaign <id>', 'campaign of the client to file the post under')
    .addHelpText('after', scheduleHelp)
    .action(
      async (
        opts: { account: string[]; at: string; timezone?: string; campaign?: string },
        cmd: Command,
      ) => {
        const { core, out } = await openCore(cmd);
        const imported: ImportedMedia[] = [];
        try {
          const parts = partsFromSteps(steps);
          const accounts = await core.invoke('accounts:list', {});
          const list = accounts.ok ? accounts.value : [];
          const first = list.find((a) => a.id === opts.account[0]);
          if (first === undefined) {
            throw failure(
              'NOT_FOUND',
              `No account has the id ${opts.account[0] ?? ''}. See: starling accounts list`,
            );
          }
          const input: PostScheduleInput = {
            clientId: first.clientId,
            accountIds: opts.account,
            parts: [],
            when: {
              at: opts.at,
              ...(opts.timezone !== undefined && { timezone: opts.timezone }),
            },
            ...(opts.campaign !== undefined && { campaignId: opts.campaign }),
          };
          for (const part of parts) {
            const media = [];
            for (const m of part.media) {
              const asset = await core.media.importFile(m.path, first.clientId);
              imported.push(asset);
              media.push({ mediaId: asset.id, ...(m.alt !== undefined && { altText: m.alt }) });
            }
            input.parts.push({ text: part.text, ...(media.length > 0 && { media }) });
          }
          const result = await core.invoke('posts:schedule', input);
          if (!result.ok) await core.media.discard(imported);
          out.answer(result, (post) => postLine('Scheduled', post));
        } catch (error) {
          await core.media.discard(imported);
          throw error;
        } finally {
          await core.close();
        }
      },
    );

  posts
    .command('list')
    .description('list posts by scheduled time')
    .option('--from <when>', "from this date or time (dates and wall times in this machine's zone)")
    .option('--to <when>', 'before this time; a date includes that whole day')
    .option(
      '--status <status>',
      'only posts in this status (scheduled, published, failed, missed …)',
    )
    .option('--client <id>', "only this client's posts")
    .action(
      (opts: { from?: string; to?: string; status?: string; client?: string }, cmd: Command) =>
        run(
          cmd,
          async (invoke, out) => {
            const zone = machineZone();
            const input = {
              ...(opts.from !== undefined && { from: parseRangeBound(opts.from, zone, 'start') }),
              ...(opts.to !== undefined && { to: parseRangeBound(opts.to, zone, 'end') }),
              ...(opts.status !== undefined && { status: opts.status as PostStatus }),
              ...(opts.client !== undefined && { clientId: opts.client }),
            };
            out.answer(await invoke('posts:list', input), postsTable);
          },
          'reads',
        ),
    );

  addSearchCommand(posts, run);

  posts
    .command('show')
    .description('show a post: targets, remote ids and URLs, attempts, errors, event log')
    .argument('<id>', 'post id')
    .action((id: string, _opts: unknown, cmd: Command) =>
      run(
        cmd,
        async (invoke, out) => {
          out.answer(await invoke('posts:get', { id }), postPage);
        },
        'reads',
      ),
    );

  posts
    .command('cancel')
    .description('cancel a post that has not gone out')
    .argument('<id>', 'post id')
    .action((id: string, _opts: unknown, cmd: Command) =>
      run(cmd, async (invoke, out) => {
        out.answer(await invoke('posts:cancel', { id }), (p) => postLine('Cancelled', p));
      }),
    );

  posts
    .command('reschedule')
    .description('move a post to another time (failed or missed posts are scheduled again)')
    .argument('<id>', 'post id')
    .requiredOption('--at <when>', 'ISO 8601 with an offset, or a wall time in --timezone')
    .option('--timezone <iana>', "time zone of a wall-time --at (default: the post's)")
    .action((id: string, opts: { at: string; timezone?: string }, cmd: Command) =>
      run(cmd, async (invoke, out) => {
        const when = {
          at: opts.at,
          ...(opts.timezone !== undefined && { timezone: opts.timezone }),
        };
        out.answer(await invoke('posts:reschedule', { id, when }), (p) =>
          postLine('Rescheduled', p),
        );
      }),
    );

  posts
    .command('retry')
    .description('try failed, missed or needs-review accounts of a post again now')
    .argument('<id>', 'post id')
    .action((id: string, _opts: unknown, cmd: Command) =>
      run(cmd, async (invoke, out) => {
        out.answer(await invoke('posts:retry', { id }), (p) => postLine('Retrying', p));
      }),
    );

  posts
    .command('unpublish')
    .description('delete a published post from its networks (Starling keeps it, as deleted)')
    .argument('<id>', 'post id')
    .option(
      '--account <id>',
      'delete it only from this account (repeat for several; default: every account)',
      collect,
    )
    .action((id: string, opts: { account?: string[] }, cmd: Command) =>
      run(cmd, async (invoke, out) => {
        const result = await invoke('posts:unpublish', {
          id,
          ...(opts.account !== undefined && { accountIds: opts.account }),
        });
        out.answer(result, unpublishLines);
        // Some accounts still have it: a script must not take that for done.
        if (result.ok && result.value.failures.length > 0) process.exitCode = 1;
      }),
    );
}
