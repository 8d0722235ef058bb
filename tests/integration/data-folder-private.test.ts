// [Note: private data folder] Drafts, backups, logs and review pages are this user's
// alone: a data folder Starling makes, or finds empty, is 0700; an existing folder of
// other things keeps its mode. And the log never holds a credential, however deeply a
// field carries one.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger } from '../../main/core/adapters/file-logger.ts';
import { makeCore } from '../helpers/core.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const modeOf = (dir: string) => fs.statSync(dir).mode & 0o777;

describe.skipIf(process.platform === 'win32')('the data folder', () => {
  it('is made readable by its user only', async () => {
    const dataDir = path.join(tempDataDir(), 'new', 'starling');
    const core = await makeCore({ dataDir });
    await core.close();
    expect(modeOf(dataDir)).toBe(0o700);

    // The log can be the first write of a start: it makes the folder private too.
    const logged = path.join(tempDataDir(), 'logged');
    createFileLogger(logged, () => 0).info('hello');
    expect(modeOf(logged)).toBe(0o700);
  });

  it('is tightened when Starling finds it empty', async () => {
    const empty = tempDataDir();
    fs.chmodSync(empty, 0o755);
    await (await makeCore({ dataDir: empty })).close();
    expect(modeOf(empty)).toBe(0o700);
  });

  it('keeps the mode of an existing folder of other things (--data-dir /tmp)', async () => {
    const shared = tempDataDir();
    fs.writeFileSync(path.join(shared, 'notes.txt'), 'not Starling’s');
    fs.chmodSync(shared, 0o755);
    await (await makeCore({ dataDir: shared })).close();
    await (await makeCore({ dataDir: shared })).close();
    expect(modeOf(shared)).toBe(0o755);
  });
});

describe('the log', () => {
  it('redacts fields named like credentials at any depth', () => {
    const dataDir = tempDataDir();
    createFileLogger(dataDir, () => 0).warn('refresh failed', {
      accessToken: 'top-secret-1',
      request: { headers: { Authorization: 'Bearer top-secret-2' }, url: '/2/tweets' },
      tries: [{ refresh_token: 'top-secret-3', status: 400 }],
    });
    const line = fs.readFileSync(path.join(dataDir, 'logs', 'starling.log'), 'utf8');
    expect(line).not.toMatch(/top-secret/);
    expect(JSON.parse(line)).toMatchObject({
      accessToken: '[redacted]',
      request: { headers: { Authorization: '[redacted]' }, url: '/2/tweets' },
      tries: [{ refresh_token: '[redacted]', status: 400 }],
    });
  });
});
