// `starling relay test` in a child process, against a real S3 server (s3rver) in this one:
// the saved relay's steps on success, a non-zero exit naming the failed step, and a clear
// error when no relay is set or the vault is locked.
import { describe, expect, it } from 'vitest';
import { createPassphraseCipher } from '../../main/core/adapters/passphrase-cipher.ts';
import { startCli } from '../helpers/cli.ts';
import { expectOk, makeCore } from '../helpers/core.ts';
import { s3Keys, startS3, type S3Server } from '../helpers/s3-server.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { testPassphrase } from '../helpers/x-accounts.ts';

const env = { STARLING_VAULT_PASSPHRASE: testPassphrase };

/** A data folder with the relay saved, as the settings would leave it. */
async function savedRelay(s3: S3Server): Promise<string> {
  const dataDir = tempDataDir();
  const core = await makeCore({
    dataDir,
    ports: { cipher: createPassphraseCipher(dataDir, testPassphrase) },
  });
  core.clock.set(Date.now());
  const settings = { endpoint: s3.endpoint, region: s3.region, bucket: s3.bucket, ...s3Keys };
  expectOk(await core.invoke('relay:save', settings));
  await core.close();
  return dataDir;
}

describe('starling relay test', () => {
  it('prints each step of the saved relay and exits 0', async () => {
    const s3 = await startS3();
    const dataDir = await savedRelay(s3);
    const run = await startCli(['--data-dir', dataDir, 'relay', 'test'], env).exited;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^✓ put +Put a \d+-byte test object at starling-relay\/test-/m);
    expect(run.stdout).toMatch(/^✓ presign /m);
    expect(run.stdout).toMatch(/^✓ fetch +Fetched it through the link without keys/m);
    expect(run.stdout).toMatch(/^✓ delete +Deleted the test object\.$/m);
    expect(run.stdout).toMatch(/^! The endpoint is on this computer/m);
    expect(run.stdout).toMatch(/The media relay works\.$/m);
    expect(s3.keys()).toEqual([]);

    const json = await startCli(['--data-dir', dataDir, '--json', 'relay', 'test'], env).exited;
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: true,
      steps: [{ step: 'put' }, {}, {}, {}],
    });
    expect(json.stdout + json.stderr).not.toContain(s3Keys.secretAccessKey);
  });

  it('exits non-zero naming the step that failed', async () => {
    const s3 = await startS3();
    const dataDir = await savedRelay(s3);
    await s3.close();

    const run = await startCli(['--data-dir', dataDir, 'relay', 'test'], env).exited;
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^✗ put +Could not put the test object: nothing answers/m);
    expect(run.stdout).toMatch(/^- delete +Nothing to delete/m);
    expect(run.stderr).toMatch(/^starling: The media relay test failed at "put"/);

    const json = await startCli(['--data-dir', dataDir, '--json', 'relay', 'test'], env).exited;
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      error: { code: 'PLATFORM_REJECTED', details: { report: { ok: false } } },
    });
  });

  it('says plainly when no relay is set, or the vault is locked', async () => {
    const empty = tempDataDir();
    const none = await startCli(['--data-dir', empty, '--json', 'relay', 'test'], env).exited;
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(
      /No media relay is set up\. Add your S3-compatible bucket in Settings/,
    );
    expect(JSON.parse(none.stdout)).toMatchObject({ error: { code: 'NOT_FOUND' } });

    const s3 = await startS3();
    const dataDir = await savedRelay(s3);
    const locked = await startCli(['--data-dir', dataDir, 'relay', 'test'], {
      STARLING_VAULT_PASSPHRASE: '',
    }).exited;
    expect(locked.code).toBe(1);
    expect(locked.stderr).toMatch(/STARLING_VAULT_PASSPHRASE/);
  });
});
