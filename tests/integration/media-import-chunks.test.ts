// Importing a named file through its 4 MB buffers (copy-in.ts copyHandleInto): a file of
// several reads lands byte for byte under its SHA-256, with progress to the last byte; a
// cancel after the first read keeps no row and no file.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mediaFilePath } from '../../main/core/media/media-paths.ts';
import { expectOk, makeCore } from '../helpers/core.ts';
import { makeClientInput } from '../helpers/factories.ts';
import { mp4Bytes, writeFile } from '../helpers/media-files.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

/** An MP4 followed by a `free` box of varied bytes, `mib` MiB in all. */
function bigVideo(mib: number): Buffer {
  const head = mp4Bytes();
  const free = Buffer.alloc(mib * 2 ** 20 - head.length);
  free.writeUInt32BE(free.length, 0);
  free.write('free', 4, 'latin1');
  for (let i = 8; i < free.length; i += 1) free[i] = (i * 2654435761) >>> 24;
  return Buffer.concat([head, free]);
}

async function setup() {
  const core = await makeCore();
  const client = expectOk(await core.invoke('clients:create', makeClientInput({ name: 'Mill' })));
  const files = tempDataDir('starling-media-copy-');
  const left = () => {
    const dir = path.join(core.dataDir, 'media');
    return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  };
  const listed = async () => expectOk(await core.invoke('media:list', { clientId: client.id }));
  return { core, clientId: client.id, files, left, listed };
}

describe('importing a named file', () => {
  it('stores a file of several reads byte for byte under its SHA-256', async () => {
    const { core, clientId, files, listed } = await setup();
    const bytes = bigVideo(11);
    const file = writeFile(files, 'long.mp4', bytes);
    const progress: number[] = [];
    const imported = await core.media.importFile(file, clientId, {
      onProgress: (done) => progress.push(done),
    });

    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(imported.sha256).toBe(sha256);
    expect(fs.readFileSync(mediaFilePath(core.dataDir, sha256)).equals(bytes)).toBe(true);
    expect(await listed()).toMatchObject([{ kind: 'video', bytes: bytes.length }]);
    expect(progress.at(-1)).toBe(bytes.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('keeps nothing when cancelled after the first read', async () => {
    const { core, clientId, files, left, listed } = await setup();
    const file = writeFile(files, 'cancelled.mp4', bigVideo(9));
    const abort = new AbortController();
    const importing = core.media.importFile(file, clientId, {
      signal: abort.signal,
      onProgress: () => {
        abort.abort();
      },
    });

    await expect(importing).rejects.toMatchObject({ error: { code: 'CANCELLED' } });
    expect(await listed()).toEqual([]);
    expect(left()).toEqual([]);
  });
});
