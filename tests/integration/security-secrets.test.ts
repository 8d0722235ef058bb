// Secrets stay secret (security issue, item 4): after a real publishing run — an account
// connected through OAuth 2, tokens refreshed, a thread and a post published by
// `starling daemon` — no access or refresh token, no
// Authorization header and not the vault passphrase appears in any file of the data
// folder (database, WAL, logs, backups, preferences), in exports (CSV, JSON, ICS) or a
// client archive, in the daemon's or the CLI's output, in any push event or in any answer
// a renderer can ask for.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import yauzl from 'yauzl';
import { runCli } from '../helpers/cli.ts';
import { spawnDaemon } from '../helpers/daemon.ts';
import { makeJob, findJob } from '../helpers/job-factories.ts';
import { makePost } from '../helpers/post-factories.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { analyticsCases } from './ipc-cases/analytics.ts';
import { calendarCases } from './ipc-cases/calendar.ts';
import { dataCases } from './ipc-cases/data.ts';
import { mediaCases } from './ipc-cases/media.ts';
import { connectX, testPassphrase } from '../helpers/x-accounts.ts';

/** The uncompressed entries of a zip (tokens could hide in deflated bytes). */
function zipEntries(file: string): Promise<{ name: string; bytes: Buffer }[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error !== null) {
        reject(error);
        return;
      }
      const entries: { name: string; bytes: Buffer }[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError !== null) {
            reject(streamError);
            return;
          }
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.push({ name: entry.fileName, bytes: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => {
        resolve(entries);
      });
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** A logged request body's fields: the fake logs form bodies as JSON. */
function fieldsOf(body: string | undefined): Map<string, string> {
  try {
    const parsed = JSON.parse(body ?? '') as unknown;
    if (parsed === null || typeof parsed !== 'object') return new Map();
    return new Map(
      Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  } catch {
    return new Map(new URLSearchParams(body ?? ''));
  }
}

/** Tokens and headers X saw from Starling: the values that must never leak. */
function secretsSeenBy(requests: { authorization?: string; body?: string }[]): Set<string> {
  const secrets = new Set<string>();
  for (const { authorization, body } of requests) {
    if (authorization !== undefined) {
      secrets.add(authorization);
      const bearer = /^Bearer (.+)$/.exec(authorization)?.[1];
      if (bearer !== undefined) secrets.add(bearer);
    }
    for (const field of ['refresh_token', 'code_verifier', 'code']) {
      const value = fieldsOf(body).get(field);
      if (value !== undefined && value.length >= 16) secrets.add(value);
    }
  }
  return secrets;
}

describe('secrets after a publishing run', () => {
  it('appear in no file, log, output, event or IPC answer', async () => {
    const { core, fake, clientId, account, user } = await connectX();
    const db = core.database.db;
    const now = Date.now();
    const thread = await makePost(db, {
      clientId,
      accountIds: [account.id],
      parts: ['Secrets one', 'Secrets two'],
    });
    const single = await makePost(db, { clientId, accountIds: [account.id], parts: ['Secrets'] });
    const jobs = [
      await makeJob(db, { targetId: thread.targets[account.id] ?? '', runAt: now }),
      await makeJob(db, { targetId: single.targets[account.id] ?? '', runAt: now }),
    ];
    // The daemon runs on the real clock, hours past the fake one the account was
    // connected on: its access token has expired and is refreshed first.
    const daemon = spawnDaemon(core.dataDir, {
      STARLING_X_API_ORIGIN: fake.origin,
      STARLING_VAULT_PASSPHRASE: testPassphrase,
    });
    onTestFinished(() => {
      daemon.child.kill('SIGKILL');
    });
    await vi.waitFor(
      async () => {
        for (const job of jobs) expect(await findJob(db, job)).toBeUndefined();
      },
      { timeout: 60_000, interval: 200 },
    );
    daemon.child.kill('SIGTERM');
    await daemon.exited;
    expect(fake.ledger.tweets().filter((t) => t.authorId === user.id)).toHaveLength(3);

    const requests = fake.ledger.requests();
    expect(requests.some((r) => fieldsOf(r.body).get('grant_type') === 'refresh_token')).toBe(true);
    const secrets = secretsSeenBy(requests);
    secrets.add(testPassphrase);
    // At least the first and the refreshed access token, a refresh token, the passphrase.
    expect(secrets.size).toBeGreaterThanOrEqual(4);

    const env = { STARLING_VAULT_PASSPHRASE: testPassphrase, STARLING_X_API_ORIGIN: fake.origin };
    // What leaves the data folder on purpose: exports, a client archive, a backup.
    const out = tempDataDir('starling-out-');
    const outputs = ['csv', 'json', 'ics'].map((format) => path.join(out, `posts.${format}`));
    const archive = path.join(out, 'client.zip');
    const cli = [
      ...['csv', 'json', 'ics'].map((format, i) =>
        runCli(['--data-dir', core.dataDir, 'export', format, '--out', outputs[i] ?? ''], env),
      ),
      runCli(
        ['--data-dir', core.dataDir, 'archive', 'export', '--client', clientId, '--out', archive],
        env,
      ),
      runCli(['--data-dir', core.dataDir, '--json', 'backup', 'create'], env),
      runCli(['--data-dir', core.dataDir, '--json', 'posts', 'show', thread.postId], env),
      runCli(['--data-dir', core.dataDir, 'posts', 'show', single.postId], env),
      runCli(['--data-dir', core.dataDir, '--json', 'accounts', 'list'], env),
    ];
    const ctx = {
      clientId,
      accountId: account.id,
      port: 0,
      postId: thread.postId,
      failedPostId: '',
    };
    const answers = await Promise.all([
      core.invoke('accounts:list', {}),
      core.invoke('posts:get', { id: thread.postId }),
      core.invoke('posts:list', {}),
      core.invoke('vault:get-status', {}),
      core.invoke('settings:get-preferences', {}),
      core.invoke('app:get-info', {}),
      // The features' reads, with the payloads their dispatch cases use.
      ...(['calendar:range', 'campaigns:list'] as const).map((channel) =>
        core.dispatch(channel, calendarCases[channel].valid(ctx)),
      ),
      core.dispatch('media:list', mediaCases['media:list'].valid(ctx)),
      ...(['analytics:get-dashboard', 'analytics:get-usage'] as const).map((channel) =>
        core.dispatch(channel, analyticsCases[channel].valid(ctx)),
      ),
      ...(['data:export', 'backups:list'] as const).map((channel) =>
        core.dispatch(channel, dataCases[channel].valid(ctx)),
      ),
    ]);
    expect(answers.every((a) => a.ok)).toBe(true);
    for (const run of cli) expect(run.status, run.stderr).toBe(0);

    const haystacks: { where: string; bytes: Buffer }[] = [
      ...filesUnder(core.dataDir).map((file) => ({
        where: path.relative(core.dataDir, file),
        bytes: fs.readFileSync(file),
      })),
      { where: 'daemon stdout', bytes: Buffer.from(JSON.stringify(daemon.lines)) },
      { where: 'daemon stderr', bytes: Buffer.from(daemon.stderr()) },
      ...outputs.map((file) => ({ where: path.basename(file), bytes: fs.readFileSync(file) })),
      ...(await zipEntries(archive)).map(({ name, bytes }) => ({
        where: `archive ${name}`,
        bytes,
      })),
      ...cli.map((run, i) => ({
        where: `cli ${String(i)}`,
        bytes: Buffer.from(run.stdout + run.stderr),
      })),
      { where: 'push events', bytes: Buffer.from(JSON.stringify(core.seen)) },
      { where: 'IPC answers', bytes: Buffer.from(JSON.stringify(answers)) },
      { where: 'core log', bytes: Buffer.from(JSON.stringify(core.logger.entries)) },
    ];
    // The run did write what we search: the database, its log, a backup, the archive's rows.
    expect(haystacks.map((h) => h.where)).toEqual(
      expect.arrayContaining([
        'starling.db',
        path.join('logs', 'starling.log'),
        'archive starling-client.json',
        expect.stringMatching(/^backups/),
      ]),
    );
    const leaks = haystacks.flatMap(({ where, bytes }) =>
      [...secrets]
        .filter((secret) => bytes.includes(Buffer.from(secret)))
        .map((secret) => `${where}: ${secret.slice(0, 6)}…`),
    );
    expect(leaks).toEqual([]);
  }, 120_000);
});
