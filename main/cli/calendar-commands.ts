// `starling calendar`, `starling campaigns …` and `starling slots …`: the calendar's
// range query by day, campaigns per client, and each account's weekly queue slots, through
// the same dispatch as the app. Times are shown in --timezone (default: this machine's).
import type { Command } from 'commander';
import { Temporal } from 'temporal-polyfill';
import {
  weekdayShort,
  type CalendarRange,
  type Campaign,
  type QueueSlotView,
} from '../../shared/calendar.ts';
import type { PostStatus } from '../../shared/posts.ts';
import { failure } from '../../shared/result.ts';
import { isValidTimeZone } from '../../shared/time-zones.ts';
import { accountNamer, type AccountName } from './account-names.ts';
import type { RunWithCore } from './clients-commands.ts';

const machineZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

function zoneOption(zone: string | undefined): string {
  const z = zone ?? machineZone();
  if (!isValidTimeZone(z)) {
    throw failure('VALIDATION', `Unknown time zone: ${z}. Use an IANA name such as Europe/Berlin.`);
  }
  return z;
}

/** [from, to) of a month (YYYY-MM) or of the week holding a date (YYYY-MM-DD), in `zone`. */
export function calendarSpan(
  opts: { month?: string; week?: string },
  zone: string,
  now: number,
): { from: number; to: number } {
  const start = (d: Temporal.PlainDate) => d.toZonedDateTime({ timeZone: zone }).epochMilliseconds;
  if (opts.week !== undefined) {
    let day: Temporal.PlainDate;
    try {
      day = Temporal.PlainDate.from(opts.week, { overflow: 'reject' });
    } catch {
      throw failure('VALIDATION', `--week takes a date like 2026-12-07, not "${opts.week}".`);
    }
    const monday = day.subtract({ days: day.dayOfWeek - 1 });
    return { from: start(monday), to: start(monday.add({ days: 7 })) };
  }
  let month: Temporal.PlainYearMonth;
  try {
    month =
      opts.month === undefined
        ? Temporal.Instant.fromEpochMilliseconds(now)
            .toZonedDateTimeISO(zone)
            .toPlainDate()
            .toPlainYearMonth()
        : Temporal.PlainYearMonth.from(opts.month, { overflow: 'reject' });
  } catch {
    throw failure('VALIDATION', `--month takes a month like 2026-12, not "${opts.month ?? ''}".`);
  }
  return {
    from: start(month.toPlainDate({ day: 1 })),
    to: start(month.add({ months: 1 }).toPlainDate({ day: 1 })),
  };
}

export function rangeText(range: CalendarRange, zone: string, name: AccountName): string {
  if (range.items.length === 0) return `No posts in this range (times in ${zone}).`;
  const lines: string[] = [`Times in ${zone}.`];
  let day = '';
  for (const item of range.items) {
    const z = Temporal.Instant.fromEpochMilliseconds(item.at).toZonedDateTimeISO(zone);
    const date = z.toPlainDate().toString();
    if (date !== day) {
      day = date;
      lines.push('', `${weekdayShort[z.dayOfWeek - 1] ?? ''} ${date}`);
    }
    const handles = item.accounts.map((a) => name(a.id, a.handle)).join(' ');
    const thread = item.parts > 1 ? ` [${String(item.parts)} parts]` : '';
    lines.push(
      `  ${hhmm(z.hour * 60 + z.minute)}  ${item.status.padEnd(11)} ${handles}  ${item.firstLine}${thread}  (${item.id})`,
    );
  }
  if (range.truncated) lines.push('', 'More posts match: filter by --client to see them all.');
  return lines.join('\n');
}

const campaignLine = (c: Campaign) =>
  `${c.id}  ${c.name}  ${c.startsOn ?? '…'} – ${c.endsOn ?? '…'}  ${c.color}${c.archivedAt === null ? '' : '  (archived)'}`;

const slotsText = (slots: QueueSlotView[]) =>
  slots.length === 0
    ? 'No queue slots.'
    : slots.map((s) => `${weekdayShort[s.weekday] ?? '?'} ${hhmm(s.minuteOfDay)}`).join('\n');

const dayWords: Record<string, number[]> = {
  mon: [0],
  tue: [1],
  wed: [2],
  thu: [3],
  fri: [4],
  sat: [5],
  sun: [6],
  weekdays: [0, 1, 2, 3, 4],
  weekend: [5, 6],
  daily: [0, 1, 2, 3, 4, 5, 6],
};

/** "mon 09:00", "weekdays 12:30", "daily 18:00" → weekly slots. */
export function parseSlot(text: string): { weekday: number; minuteOfDay: number }[] {
  const match = /^\s*([a-z]+)\s+(\d{1,2}):(\d{2})\s*$/i.exec(text);
  const days = match === null ? undefined : dayWords[(match[1] ?? '').toLowerCase().slice(0, 8)];
  const hour = Number(match?.[2]);
  const minute = Number(match?.[3]);
  if (match === null || days === undefined || hour > 23 || minute > 59) {
    throw failure(
      'VALIDATION',
      `Cannot read the slot "${text}": use a day (mon … sun, weekdays, weekend, daily) and a time, e.g. "weekdays 09:00".`,
    );
  }
  return days.map((weekday) => ({ weekday, minuteOfDay: hour * 60 + minute }));
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function addCalendarCommands(program: Command, run: RunWithCore): void {
  program
    .command('calendar')
    .description("list a month's (or a week's) posts by day, over all clients or filtered")
    .option('--month <YYYY-MM>', 'the month to show (default: this month)')
    .option('--week <YYYY-MM-DD>', 'show the week (Monday first) holding this date instead')
    .option('--timezone <iana>', "zone the days and times are read in (default: this machine's)")
    .option('--client <id>', "only this client's posts")
    .option('--account <id>', "only this account's posts")
    .option('--campaign <id>', "only this campaign's posts")
    .option('--status <status>', 'only posts in this status (repeatable)', collect)
    .action(
      (
        opts: {
          month?: string;
          week?: string;
          timezone?: string;
          client?: string;
          account?: string;
          campaign?: string;
          status?: string[];
        },
        cmd: Command,
      ) =>
        run(
          cmd,
          async (invoke, out, clock) => {
            const zone = zoneOption(opts.timezone);
            const span = calendarSpan(opts, zone, clock.now());
            const result = await invoke('calendar:range', {
              ...span,
              ...(opts.client !== undefined && { clientId: opts.client }),
              ...(opts.account !== undefined && { accountId: opts.account }),
              ...(opts.campaign !== undefined && { campaignId: opts.campaign }),
              ...(opts.status !== undefined && { statuses: opts.status as PostStatus[] }),
            });
            const name = await accountNamer(invoke);
            out.answer(result, (range) => rangeText(range, zone, name));
          },
          'reads',
        ),
    );

  const campaigns = program.command('campaigns').description("manage clients' campaigns");
  campaigns
    .command('list')
    .description('list campaigns by start date')
    .option('--client <id>', "only this client's")
    .option('--all', 'include archived campaigns')
    .action((opts: { client?: string; all?: boolean }, cmd: Command) =>
      run(
        cmd,
        async (invoke, out) => {
          const result = await invoke('campaigns:list', {
            ...(opts.client !== undefined && { clientId: opts.client }),
            ...(opts.all === true && { includeArchived: true }),
          });
          out.answer(result, (list) =>
            list.length === 0 ? 'No campaigns.' : list.map(campaignLine).join('\n'),
          );
        },
        'reads',
      ),
    );
  campaigns
    .command('add')
    .description('create a campaign for a client')
    .requiredOption('--client <id>', 'the client it belongs to')
    .requiredOption('--name <name>', 'campaign name (1-80 characters)')
    .option('--color <hex>', 'colour as #RRGGBB')
    .option('--from <YYYY-MM-DD>', 'first day')
    .option('--to <YYYY-MM-DD>', 'last day (inclusive)')
    .action(
      (
        opts: { client: string; name: string; color?: string; from?: string; to?: string },
        cmd: Command,
      ) =>
        run(cmd, async (invoke, out) => {
          const result = await invoke('campaigns:create', {
            clientId: opts.client,
            name: opts.name,
            ...(opts.color !== undefined && { color: opts.color }),
            ...(opts.from !== undefined && { startsOn: opts.from }),
            ...(opts.to !== undefined && { endsOn: opts.to }),
          });
          out.answer(result, (c) => `Created ${campaignLine(c)}`);
        }),
    );
  campaigns
    .command('edit')
    .description("change a campaign's name, colour or dates ('none' clears a date)")
    .argument('<id>', 'campaign id')
    .option('--name <name>', 'new name')
    .option('--color <hex>', 'colour as #RRGGBB')
    .option('--from <YYYY-MM-DD|none>', 'first day')
    .option('--to <YYYY-MM-DD|none>', 'last day (inclusive)')
    .action(
      (
        id: string,
        opts: { name?: string; color?: string; from?: string; to?: string },
        cmd: Command,
      ) =>
        run(cmd, async (invoke, out) => {
          const date = (d: string) => (d === 'none' ? null : d);
          const result = await invoke('campaigns:update', {
            id,
            ...(opts.name !== undefined && { name: opts.name }),
            ...(opts.color !== undefined && { color: opts.color }),
            ...(opts.from !== undefined && { startsOn: date(opts.from) }),
            ...(opts.to !== undefined && { endsOn: date(opts.to) }),
          });
          out.answer(result, (c) => `Saved ${campaignLine(c)}`);
        }),
    );
  campaigns
    .command('archive')
    .description('archive a campaign (its posts keep it)')
    .argument('<id>', 'campaign id')
    .action((id: string, _opts: unknown, cmd: Command) =>
      run(cmd, async (invoke, out) => {
        out.answer(await invoke('campaigns:archive', { id }), (c) => `Archived ${campaignLine(c)}`);
      }),
    );
  campaigns
    .command('assign')
    .description("put a post in one of its client's campaigns, or take it out with --none")
    .argument('<post-id>', 'post id')
    .option('--campaign <id>', 'the campaign')
    .option('--none', 'take the post out of its campaign')
    .action((postId: string, opts: { campaign?: string; none?: boolean }, cmd: Command) =>
      run(cmd, async (invoke, out) => {
        if ((opts.campaign === undefined) === (opts.none !== true)) {
          throw failure('VALIDATION', 'Give either --campaign ID or --none.');
        }
        const result = await invoke('posts:set-campaign', {
          postId,
          campaignId: opts.campaign ?? null,
        });
        out.answer(result, (p) =>
          p.campaignId === null
            ? `Post ${p.id} is in no campaign.`
            : `Post ${p.id} is in campaign ${p.campaignId}.`,
        );
      }),
    );

  const slots = program
    .command('slots')
    .description("an account's weekly queue slots, read in its client's time zone");
  slots
    .command('list')
    .argument('<account-id>', 'account id')
    .description("list an account's weekly slots")
    .action((accountId: string, _opts: unknown, cmd: Command) =>
      run(
        cmd,
        async (invoke, out) => {
          out.answer(await invoke('slots:list', { accountId }), slotsText);
        },
        'reads',
      ),
    );
  slots
    .command('set')
    .argument('<account-id>', 'account id')
    .description(
      'replace the weekly slots, e.g. --at "weekdays 09:00" --at "sat 11:30" (none: clear)',
    )
    .option(
      '--at <slot>',
      'day (mon … sun, weekdays, weekend, daily) and time (repeatable)',
      collect,
    )
    .action((accountId: string, opts: { at?: string[] }, cmd: Command) =>
      run(cmd, async (invoke, out) => {
        const wanted = (opts.at ?? []).flatMap(parseSlot);
        out.answer(await invoke('slots:replace', { accountId, slots: wanted }), slotsText);
      }),
    );
  slots
    .command('free')
    .argument('<account-id>', 'account id')
    .description('the free slots of the next 14 days (or --days N, at most 62)')
    .option('--days <n>', 'how many days ahead', (v) => Number(v))
    .option('--timezone <iana>', "zone the times are shown in (default: this machine's)")
    .action((accountId: string, opts: { days?: number; timezone?: string }, cmd: Command) =>
      run(
        cmd,
        async (invoke, out, clock) => {
          const zone = zoneOption(opts.timezone);
          const from = clock.now();
          const days = opts.days ?? 14;
          const result = await invoke('calendar:free-slots', {
            from,
            to: from + days * 86_400_000,
            accountId,
          });
          out.answer(result, (free) =>
            free.length === 0
              ? 'No free slots in that time.'
              : free
                  .map((f) => {
                    const z = Temporal.Instant.fromEpochMilliseconds(f.at).toZonedDateTimeISO(zone);
                    const when = `${weekdayShort[z.dayOfWeek - 1] ?? ''} ${z.toPlainDate().toString()} ${hhmm(z.hour * 60 + z.minute)}`;
                    return f.note === undefined ? when : `${when}  (${f.note})`;
                  })
                  .join('\n'),
          );
        },
        'reads',
      ),
    );
}
