// `starling media …` as a process on a real data folder: import (type from the bytes,
// stored once), list with search and kind, show, fit, delete, and refusals that write nothing.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MediaAsset } from '../../shared/media.ts';
import { runCli } from '../helpers/cli.ts';
import { imageBytes, mp4Bytes, writeFile } from '../helpers/media-files.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

function setup() {
  const dataDir = tempDataDir();
  const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);
  const client = cli('--json', 'clients', 'add', '--name', 'Bakery').json() as { id: string };
  return { dataDir, cli, clientId: client.id, files: tempDataDir('starling-media-src-') };
}

describe('starling media', () => {
  it('imports, lists, shows, fits and deletes', async () => {
    const { dataDir, cli, clientId, files } = setup();
    const photo = writeFile(files, 'Shop front.jpg', await imageBytes('jpeg', 800, 600));
    const clip = writeFile(files, 'tour.mp4', mp4Bytes(4000, 640, 360));
    const imported = cli('--json', 'media', 'import', photo, clip, photo, '--client', clientId);
    expect(imported.status, imported.stderr).toBe(0);
    const [image, video, again] = imported.json() as MediaAsset[];
    expect(image).toMatchObject({ name: 'Shop front.jpg', kind: 'image', width: 800 });
    expect(video).toMatchObject({ kind: 'video', durationMs: 4000, width: 640, height: 360 });
    expect(again?.id).toBe(image?.id);
    const blobs = fs.readdirSync(path.join(dataDir, 'media')).filter((n) => !n.includes('.'));
    expect(blobs).toHaveLength(2);

    const listed = cli('media', 'list', '--client', clientId);
    expect(listed.stdout).toMatch(/ID\s+KIND\s+SIZE\s+PIXELS\s+LENGTH\s+USED\s+NAME/);
    expect(listed.stdout).toContain('640×360');
    expect(listed.stdout).toContain('4.0 s');
    const gifs = cli('--json', 'media', 'list', '--client', clientId, '--kind', 'video');
    expect((gifs.json() as MediaAsset[]).map((m) => m.name)).toEqual(['tour.mp4']);
    const found = cli('--json', 'media', 'list', '--client', clientId, '--search', 'front');
    expect((found.json() as MediaAsset[]).map((m) => m.id)).toEqual([image?.id]);

    const shown = cli('media', 'show', image?.id ?? '');
    expect(shown.stdout).toContain('image (image/jpeg)');
    expect(shown.stdout).toContain('used by   no post');

    const fitted = cli('--json', 'media', 'fit', image?.id ?? '', '--aspect', '16:9');
    expect(fitted.status, fitted.stderr).toBe(0);
    expect(fitted.json()).toMatchObject({ name: 'Shop front (16x9).jpg', width: 800, height: 450 });

    const deleted = cli('media', 'delete', video?.id ?? '');
    expect(deleted.stdout).toContain('Deleted media');
    expect((cli('--json', 'media', 'list', '--client', clientId).json() as unknown[]).length).toBe(
      2,
    );
  });

  it('refuses bad files and bad options with a message, writing nothing', async () => {
    const { dataDir, cli, clientId, files } = setup();
    const text = writeFile(files, 'photo.png', 'not an image at all\n'.repeat(10));
    const refused = cli('--json', 'media', 'import', text, '--client', clientId);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('photo.png is not a file type Starling recognises');
    expect(refused.json()).toMatchObject({ error: { code: 'VALIDATION' } });

    const good = writeFile(files, 'ok.png', await imageBytes());
    const partly = cli('media', 'import', good, path.join(files, 'gone.png'), '--client', clientId);
    expect(partly.status).toBe(1);
    expect(partly.stderr).toContain('gone.png: no such file. (ok.png imported before it and kept)');

    expect(cli('media', 'list', '--client', clientId, '--kind', 'audio').stderr).toContain(
      'Kind must be image, gif, video or document, for a PDF.',
    );
    expect(cli('media', 'import', good, '--client', 'nope').stderr).toContain(
      'No client has the id nope.',
    );
    expect(cli('media', 'fit', 'nope', '--aspect', '3:2').stderr).toContain(
      'Aspect must be original, 16:9, 1:1 or 4:5.',
    );
    const left = fs.readdirSync(path.join(dataDir, 'media'));
    expect(left.filter((n) => n.startsWith('.incoming-'))).toEqual([]);
    expect(left.filter((n) => !n.includes('.'))).toHaveLength(1);
  });
});
