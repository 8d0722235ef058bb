// The calendar's CLI commands on a real data folder, run in-process through commander the
// way bin/starling runs them (main/cli/main.ts does not list them yet: see the report).
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNodePorts } from '../../main/core/adapters/node-ports.ts';
import { createCore } from '../../main/core/create-core.ts';
import type { Clock } from '../../main/core/ports.ts';
import { addCalendarCommands, calendarSpan, parseSlot } from '../../main/cli/calendar-commands.ts';
import { createOutput } from '../../main/cli/output.ts';
import { AppFailure } from '../../shared/result.ts';
import { makeCore } from '../helpers/core.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Runs `starling …args` in-process; answers what it printed on stdout. */
async function starling(dataDir: string, args: string[], clock?: Clock): Promise<string> {
  let printed = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    printed += String(chunk);
    return true;
  });
  const program = new Command('starling')
    .option('--json')
    .exitOverride()
    .configureOutput({ outputError: () => undefined });
  const json = args.includes('--json');
  addCalendarCommands(program, async (_cmd, work) => {
    const core = await createCore({
      dataDir,
      host: 'cli',
      ports: createNodePorts(dataDir, {
        logger: silent,
        localTimeZone: 'Europe/Berlin',
        ...(clock !== undefined && { clock }),
      }),
    });
    try {
      await work(core.invoke, createOutput(json), core.clock);
    } finally {
      await core.close();
    }
  });
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error;
    createOutput(json).error(error.error);
  } finally {
    spy.mockRestore();
  }
  return printed;
}

afterEach(() => {
  process.exitCode = 0;
});

async function seeded() {
  const dataDir = tempDataDir();
  const core = await makeCore({ dataDir });
  const db = core.database.db;
  const client = await makeClient(db, { name: 'Acme', timezone: 'Europe/Berlin' });
  const account = await makeAccount(db, client, { handle: 'acme' });
  const post = await makePost(db, {
    clientId: client,
    accountIds: [account],
    parts: ['Advent opening\nline two', 'more'],
    scheduledAt: Date.UTC(2026, 11, 7, 8, 0),
  });
  await core.close();
  return { dataDir, client, account, postId: post.postId };
}

describe('starling calendar, campaigns, slots', () => {
  it('lists a month by day in a zone, as text and as JSON', async () => {
    const { dataDir, postId } = await seeded();
    const text = await starling(dataDir, [
      'calendar',
      '--month',
      '2026-12',
      '--timezone',
      'America/New_York',
    ]);
    expect(text).toContain('Times in America/New_York.');
    expect(text).toContain('Mon 2026-12-07');
    expect(text).toContain(`03:00  scheduled   @acme  Advent opening [2 parts]  (${postId})`);
    const json = JSON.parse(
      await starling(dataDir, ['--json', 'calendar', '--week', '2026-12-09']),
    ) as {
      items: { id: string }[];
    };
    expect(json.items.map((i) => i.id)).toEqual([postId]);
    const empty = await starling(dataDir, ['calendar', '--month', '2027-01', '--status', 'failed']);
    expect(empty).toContain('No posts in this range');
  });

  it('creates, assigns and archives a campaign', async () => {
    const { dataDir, client, postId } = await seeded();
    const made = JSON.parse(
      await starling(dataDir, [
        '--json',
        'campaigns',
        'add',
        '--client',
        client,
        '--name',
        'Advent',
        '--from',
        '2026-12-01',
        '--to',
        '2026-12-24',
      ]),
    ) as { id: string };
    expect(
      await starling(dataDir, ['campaigns', 'assign', postId, '--campaign', made.id]),
    ).toContain(`is in campaign ${made.id}`);
    const filtered = JSON.parse(
      await starling(dataDir, ['--json', 'calendar', '--month', '2026-12', '--campaign', made.id]),
    ) as { items: { id: string }[] };
    expect(filtered.items.map((i) => i.id)).toEqual([postId]);
    expect(await starling(dataDir, ['campaigns', 'edit', made.id, '--to', 'none'])).toContain(
      '2026-12-01 – …',
    );
    expect(await starling(dataDir, ['campaigns', 'archive', made.id])).toContain('(archived)');
    expect(await starling(dataDir, ['campaigns', 'list'])).toBe('No campaigns.\n');
  });

  it('sets an account’s week from words, lists it, and refuses what it cannot read', async () => {
    const { dataDir, account } = await seeded();
    const set = await starling(dataDir, [
      'slots',
      'set',
      account,
      '--at',
      'weekdays 09:00',
      '--at',
      'sat 11:30',
    ]);
    expect(set.trim().split('\n')).toEqual([
      'Mon 09:00',
      'Tue 09:00',
      'Wed 09:00',
      'Thu 09:00',
      'Fri 09:00',
      'Sat 11:30',
    ]);
    expect(await starling(dataDir, ['slots', 'list', account])).toBe(set);
    const refused = await starling(dataDir, [
      '--json',
      'slots',
      'set',
      account,
      '--at',
      'someday 9',
    ]);
    expect(JSON.parse(refused)).toMatchObject({
      error: { code: 'VALIDATION', message: expect.stringContaining('Cannot read the slot') },
    });
    expect(await starling(dataDir, ['slots', 'list', account])).toBe(set);
  });

  it("takes this month from the core's clock, not the machine's", async () => {
    const { dataDir, postId } = await seeded();
    const inDecember = { now: () => Date.UTC(2026, 11, 15, 12) };
    const december = JSON.parse(
      await starling(dataDir, ['--json', 'calendar', '--timezone', 'Europe/Berlin'], inDecember),
    ) as { items: { id: string }[] };
    expect(december.items.map((i) => i.id)).toEqual([postId]);
    const inJanuary = { now: () => Date.UTC(2027, 0, 15, 12) };
    expect(
      await starling(dataDir, ['calendar', '--timezone', 'Europe/Berlin'], inJanuary),
    ).toContain('No posts in this range');
  });

  it('reads spans and slot words', () => {
    expect(calendarSpan({ month: '2027-03' }, 'Europe/Berlin', 0)).toEqual({
      from: Date.UTC(2027, 1, 28, 23),
      to: Date.UTC(2027, 2, 31, 22),
    });
    expect(() => calendarSpan({ month: '2027-13' }, 'Europe/Berlin', 0)).toThrow('--month');
    expect(parseSlot('Daily 18:05')).toHaveLength(7);
    expect(() => parseSlot('mon 24:00')).toThrow('Cannot read the slot');
  });
});
