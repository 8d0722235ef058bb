// `starling review …` as a process on a real data folder: send a packet (HTML and PDF),
// list it, record a reply from a file and from stdin; a 5 MB reply file is refused unread
// and a host without a PDF printer says so, keeping the HTML packet.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeReply } from '../../main/core/approval/reply-code.ts';
import type { ReviewImportResult, ReviewPacketView } from '../../shared/approval.ts';
import { packetToken } from '../helpers/approval.ts';
import { binPath, runCli } from '../helpers/cli.ts';
import { dumpDatabase, makeCore } from '../helpers/core.ts';
import { makeAccount } from '../helpers/post-factories.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

async function setup() {
  const dataDir = tempDataDir();
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    runCli(['--data-dir', dataDir, ...args], env);
  const added = cli([
    '--json',
    'clients',
    'add',
    '--name',
    'Bakery',
    '--timezone',
    'Europe/Berlin',
  ]);
  const clientId = (added.json() as { id: string }).id;
  expect(cli(['clients', 'update', clientId, '--require-approval', 'true']).status).toBe(0);
  const core = await makeCore({ dataDir });
  const account = await makeAccount(core.database.db, clientId, { handle: 'bakery' });
  const schedule = (text: string, at: string) => {
    const run = cli([
      '--json',
      'posts',
      'schedule',
      '--account',
      account,
      '--at',
      at,
      '--text',
      text,
    ]);
    expect(run.status, run.stderr).toBe(0);
    return (run.json() as { id: string }).id;
  };
  const posts = [schedule('Rye at nine', '2030-12-01 09:00'), schedule('Buns', '2030-12-02 09:00')];
  return { dataDir, cli, core, clientId, posts };
}

describe('starling review', () => {
  it('sends a packet as HTML and PDF, lists it, and records replies from a file and stdin', async () => {
    const { dataDir, cli, clientId, posts } = await setup();
    const html = path.join(dataDir, 'packet.html');
    const pdf = path.join(dataDir, 'packet.pdf');
    const sent = cli([
      '--json',
      'review',
      'send',
      '--client',
      clientId,
      '--from',
      '2030-12-01',
      '--to',
      '2030-12-02',
      '--out',
      html,
      '--pdf',
      pdf,
    ]);
    expect(sent.status, sent.stderr).toBe(0);
    const { packet } = sent.json() as { packet: ReviewPacketView; file: string };
    expect(packet.posts.map((p) => p.postId)).toEqual(posts);
    const page = fs.readFileSync(html, 'utf8');
    expect(page).toContain('Rye at nine');
    expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Not over an existing file without --force.
    const again = cli(['review', 'send', '--client', clientId, '--out', html]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists/);

    const listed = cli(['--json', 'review', 'list', '--client', clientId]);
    expect(listed.json()).toEqual([expect.objectContaining({ id: packet.id, pending: 2 })]);
    expect(cli(['review', 'list']).stdout).toMatch(/WAITING[\s\S]*Bakery/);

    const [rye, buns] = packet.posts;
    const reply = (post: typeof rye, a: 'approved' | 'changes_requested', c = '') =>
      encodeReply({
        p: packet.id,
        t: packetToken(page),
        n: 'Anna',
        d: [{ i: post?.sentPostId ?? '', h: post?.versionHash ?? '', a, c }],
      });
    const file = path.join(dataDir, 'reply.txt');
    fs.writeFileSync(file, `Starling review reply\n\n${reply(rye, 'approved')}\n`);
    const imported = cli(['--json', 'review', 'import', file]);
    expect(imported.status, imported.stderr).toBe(0);
    expect((imported.json() as ReviewImportResult).applied).toEqual([
      expect.objectContaining({ postId: rye?.postId, decision: 'approved' }),
    ]);

    const piped = spawnSync(
      process.execPath,
      [binPath, '--data-dir', dataDir, 'review', 'import', '-'],
      { input: reply(buns, 'changes_requested', 'Say which buns.'), encoding: 'utf8' },
    );
    expect(piped.status, piped.stderr).toBe(0);
    expect(piped.stdout).toMatch(/recorded +changes requested: "Buns"/);
    const shown = cli(['--json', 'posts', 'list', '--client', clientId]).json();
    expect(shown).toEqual([
      expect.objectContaining({ approval: 'approved', needsApproval: false }),
      expect.objectContaining({ approval: 'changes_requested', needsApproval: true }),
    ]);
  });

  it('refuses a 5 MB reply unread, and says where no PDF can be printed', async () => {
    const { dataDir, cli, core, clientId } = await setup();
    const big = path.join(dataDir, 'big.txt');
    fs.writeFileSync(big, 'SR1.'.padEnd(5 * 1024 * 1024, 'A'));
    const before = dumpDatabase(core);
    const refused = cli(['review', 'import', big]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/over 256 KB.*Nothing was recorded/);
    expect(dumpDatabase(core)).toEqual(before);

    const html = path.join(dataDir, 'packet.html');
    const noPdf = cli(
      ['review', 'send', '--client', clientId, '--out', html, '--pdf', path.join(dataDir, 'p.pdf')],
      { STARLING_CHROMIUM: path.join(dataDir, 'no-such-chromium') },
    );
    expect(noPdf.status).toBe(1);
    expect(noPdf.stderr).toMatch(/not its PDF: A PDF of the packet needs Chromium/);
    expect(fs.existsSync(html)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'p.pdf'))).toBe(false);
  });
});
