// The `starling` CLI as a process: global options, the clients commands, and bad input
// answered with a message, a non-zero exit, a JSON error with --json, and no write.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const pkg = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8'),
) as { version: string };

function addClient(dataDir: string, ...extra: string[]) {
  const run = runCli([
    '--data-dir',
    dataDir,
    '--json',
    'clients',
    'add',
    '--name',
    'Acme Coffee',
    '--timezone',
    'Europe/Berlin',
    ...extra,
  ]);
  expect(run.status, run.stderr).toBe(0);
  return run.json() as {
    id: string;
    name: string;
    timezone: string;
    color: string;
    notes: string;
    archivedAt: number | null;
  };
}

describe('starling CLI', () => {
  it('prints its version and help', () => {
    const version = runCli(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);
    const help = runCli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--data-dir/);
    expect(help.stdout).toMatch(/clients/);
    expect(runCli(['clients', 'add', '--help']).stdout).toMatch(/--timezone/);
  });

  it('adds, lists, updates and archives clients, with JSON output', () => {
    const dataDir = tempDataDir();
    const created = addClient(dataDir, '--color', '#0EA5E9', '--notes', 'Roastery in Kreuzberg');
    expect(created).toMatchObject({
      name: 'Acme Coffee',
      timezone: 'Europe/Berlin',
      color: '#0ea5e9',
      notes: 'Roastery in Kreuzberg',
      archivedAt: null,
    });
    expect(fs.existsSync(path.join(dataDir, 'starling.db'))).toBe(true);

    const updated = runCli([
      '--data-dir',
      dataDir,
      'clients',
      'update',
      created.id,
      '--name',
      'Acme Roasters',
      '--json',
    ]);
    expect(updated.status, updated.stderr).toBe(0);
    expect(updated.json()).toMatchObject({
      id: created.id,
      name: 'Acme Roasters',
      timezone: 'Europe/Berlin',
    });

    const listed = runCli(['--data-dir', dataDir, '--json', 'clients', 'list']);
    expect(listed.json()).toEqual([
      expect.objectContaining({ id: created.id, name: 'Acme Roasters' }),
    ]);

    const archived = runCli(['--data-dir', dataDir, '--json', 'clients', 'archive', created.id]);
    expect(archived.status).toBe(0);
    expect(archived.json()).toMatchObject({ archivedAt: expect.any(Number) });
    expect(runCli(['--data-dir', dataDir, '--json', 'clients', 'list']).json()).toEqual([]);
    expect(
      runCli(['--data-dir', dataDir, '--json', 'clients', 'list', '--all']).json(),
    ).toHaveLength(1);
  });

  it('prints readable text without --json', () => {
    const dataDir = tempDataDir();
    const created = addClient(dataDir);
    const listed = runCli(['--data-dir', dataDir, 'clients', 'list']);
    expect(listed.stdout).toMatch(/NAME\s+TIME ZONE/);
    expect(listed.stdout).toContain(created.id);
    expect(listed.stdout).toContain('Acme Coffee');
  });

  it('takes the data folder from STARLING_DATA_DIR', () => {
    const dataDir = tempDataDir();
    const run = runCli(['clients', 'add', '--name', 'From env'], { STARLING_DATA_DIR: dataDir });
    expect(run.status, run.stderr).toBe(0);
    expect(runCli(['--data-dir', dataDir, '--json', 'clients', 'list']).json()).toEqual([
      expect.objectContaining({ name: 'From env' }),
    ]);
  });

  const badInputs: [string, (id: string) => string[], RegExp][] = [
    ['an empty name', () => ['clients', 'add', '--name', ''], /Name cannot be empty/],
    ['an over-long name', () => ['clients', 'add', '--name', 'n'.repeat(81)], /at most 80/],
    [
      'an unknown time zone',
      () => ['clients', 'add', '--name', 'B', '--timezone', 'Europe/Atlantis'],
      /Unknown time zone/,
    ],
    ['a bad colour', () => ['clients', 'add', '--name', 'B', '--color', 'teal'], /#RRGGBB/],
    ['a duplicate name', () => ['clients', 'add', '--name', 'acme coffee'], /already exists/],
    [
      'an unknown id',
      () => ['clients', 'update', 'no-such-id', '--name', 'B'],
      /No client has the id no-such-id/,
    ],
    ['an unknown id to archive', () => ['clients', 'archive', 'no-such-id'], /No client/],
    ['an update with nothing to change', (id) => ['clients', 'update', id], /Nothing to change/],
    [
      'an unknown option',
      () => ['clients', 'add', '--name', 'B', '--colour', '#000000'],
      /Unknown option '--colour'/,
    ],
    ['an unknown command', () => ['clients', 'delete', 'x'], /unknown command|too many arguments/i],
    ['a missing required option', () => ['clients', 'add'], /--name/],
  ];

  it.each(badInputs)(
    'refuses %s: stderr, non-zero exit, JSON error, nothing written',
    (_what, args, message) => {
      const dataDir = tempDataDir();
      const existing = addClient(dataDir);
      const before = runCli(['--data-dir', dataDir, '--json', 'clients', 'list', '--all']).stdout;

      const run = runCli(['--data-dir', dataDir, '--json', ...args(existing.id)]);
      expect(run.status).not.toBe(0);
      expect(run.stderr).toMatch(message);
      const body = run.json() as { error: { code: string; message: string } };
      expect(body.error.code).toMatch(/^[A-Z_]+$/);
      expect(body.error.message).toMatch(message);

      const plain = runCli(['--data-dir', dataDir, ...args(existing.id)]);
      expect(plain.status).not.toBe(0);
      expect(plain.stdout).toBe('');
      expect(plain.stderr).toMatch(message);

      expect(runCli(['--data-dir', dataDir, '--json', 'clients', 'list', '--all']).stdout).toBe(
        before,
      );
    },
  );

  it('refuses a database from a newer version with a clear error', async () => {
    const dataDir = tempDataDir();
    addClient(dataDir);
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(path.join(dataDir, 'starling.db'));
    raw
      .prepare(
        "INSERT INTO kysely_migration (name, timestamp) VALUES ('9999-next', '2030-01-01T00:00:00.000Z')",
      )
      .run();
    raw.close();
    const run = runCli(['--data-dir', dataDir, '--json', 'clients', 'list']);
    expect(run.status).toBe(1);
    expect(run.json()).toMatchObject({ error: { code: 'DATABASE_TOO_NEW' } });
    expect(run.stderr).toMatch(/newer version of Starling/);
  });
});

describe('starling text count', () => {
  it.each([
    ['hello', 5, true],
    ['read https://example.com/a/very/long/path/that/is/still/one/link', 28, true],
    ['日本語', 6, true],
    ['👍🏽 ok', 5, true],
    ['a'.repeat(280), 280, true],
    ['a'.repeat(281), 281, false],
    ['', 0, false],
  ])('counts %j as X does', (text, weightedLength, valid) => {
    const run = runCli(['--json', 'text', 'count', '--text', text]);
    expect(run.status).toBe(0);
    // Today's fields, and the ones every network has.
    expect(run.json()).toEqual({
      weightedLength,
      valid,
      network: 'x',
      length: weightedLength,
      limit: 280,
    });
  });

  it('says how far over the limit a text is', () => {
    const run = runCli(['text', 'count', '--text', 'a'.repeat(290)]);
    expect(run.stdout).toMatch(/290\/280: 10 over the limit/);
  });

  it("counts Bluesky's graphemes and a Mastodon instance's own limit", () => {
    // 301 graphemes: a family emoji is one grapheme of eight UTF-16 units.
    const family = `${'a'.repeat(290)}${'👨‍👩‍👧'.repeat(11)}`;
    const bluesky = runCli(['--json', 'text', 'count', '--network', 'bluesky', '--text', family]);
    expect(bluesky.status, bluesky.stderr).toBe(0);
    expect(bluesky.json()).toEqual({ network: 'bluesky', length: 301, limit: 300, valid: false });
    const plain = runCli(['text', 'count', '--network', 'bluesky', '--text', family]);
    expect(plain.stdout).toBe('301/300: 1 over the Bluesky limit\n');

    // A URL counts 23 on Mastodon however long it is; this instance allows 1000.
    const text = `${'b'.repeat(700)} https://example.com/${'c'.repeat(100)}`;
    const mastodon = runCli([
      '--json',
      'text',
      'count',
      '--network',
      'mastodon',
      '--limit',
      '1000',
      '--text',
      text,
    ]);
    expect(mastodon.json()).toEqual({ network: 'mastodon', length: 724, limit: 1000, valid: true });
    const byDefault = runCli(['text', 'count', '--network', 'mastodon', '--text', text]);
    expect(byDefault.stdout).toBe('724/500: 224 over the Mastodon limit\n');
  });

  it('refuses a network it does not know, and a --limit the network does not have', () => {
    const unknown = runCli(['--json', 'text', 'count', '--network', 'myspace', '--text', 'hi']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Allowed choices are x, bluesky, mastodon/);
    const limit = runCli([
      'text',
      'count',
      '--network',
      'bluesky',
      '--limit',
      '500',
      '--text',
      'hi',
    ]);
    expect(limit.status).toBe(1);
    expect(limit.stderr).toContain(
      "--limit is a Mastodon instance's own limit; Bluesky allows 300",
    );
    expect(limit.stdout).toBe('');
  });
});
