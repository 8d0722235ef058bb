// Dispatch cases for the media feature's channels: a record over them, so a channel
// added to shared/ipc/channels/media.ts without cases here fails to compile.
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { mediaChannels } from '../../../shared/ipc/channels/media.ts';
import type { TestCore } from '../../helpers/core.ts';
import { imageBytes, writeFile } from '../../helpers/media-files.ts';
import { tempDataDir } from '../../helpers/temp-dir.ts';
import type { ChannelCases, Ctx } from './types.ts';

/** Imports a 400×300 PNG into the setup's client; its id is `made.mediaId`. */
async function anImage({ core, clientId }: Ctx & { core: TestCore }) {
  const file = writeFile(tempDataDir(), 'shop.png', await imageBytes('png', 400, 300));
  return { mediaId: (await core.media.importFile(file, clientId)).id };
}

const mediaOf = (ctx: Ctx) => ctx.made?.['mediaId'] ?? '';
const badIds = [{}, { id: '' }, { id: 7 }, { id: 'm'.repeat(65) }, { id: 'm', extra: 1 }];

export const mediaCases: Record<keyof typeof mediaChannels, ChannelCases> = {
  'media:list': {
    prepare: anImage,
    valid: ({ clientId }) => ({ clientId, search: 'SHOP', kind: 'image' }),
    check: (value, ctx) => {
      expect(value).toEqual([
        expect.objectContaining({ id: mediaOf(ctx), name: 'shop.png', width: 400, height: 300 }),
      ]);
    },
    invalid: [
      {},
      { clientId: '' },
      { clientId: 'c', kind: 'audio' },
      { clientId: 'c', search: 's'.repeat(201) },
      { clientId: 'c', path: '/etc/passwd' },
    ],
  },
  'media:get': {
    prepare: anImage,
    valid: (ctx) => ({ id: mediaOf(ctx) }),
    check: (value) => {
      expect(value).toMatchObject({ kind: 'image', mime: 'image/png', uses: [] });
    },
    invalid: badIds,
  },
  'media:delete': {
    prepare: anImage,
    valid: (ctx) => ({ id: mediaOf(ctx) }),
    invalid: badIds,
  },
  'media:fit': {
    prepare: anImage,
    valid: (ctx) => ({ id: mediaOf(ctx), aspect: '1:1' }),
    check: (value) => {
      expect(value).toMatchObject({ width: 300, height: 300, name: 'shop (1x1).png' });
    },
    invalid: [{ id: 'm' }, { id: 'm', aspect: '3:2' }, { aspect: '1:1' }, { id: 'm', aspect: 1 }],
  },
  'media:pick-and-import': {
    // The desktop dialog, stood in by a function that returns what a user picked.
    ports: {
      pickMediaFiles: async () => {
        const dir = tempDataDir();
        return [writeFile(dir, 'picked.webp', await imageBytes('webp'))];
      },
    },
    valid: ({ clientId }) => ({ clientId }),
    check: (value) => {
      expect(value).toEqual([expect.objectContaining({ name: 'picked.webp', mime: 'image/webp' })]);
    },
    // A window cannot name a path: only the dialog's choice is imported.
    invalid: [
      {},
      { clientId: '' },
      { clientId: 'c', path: path.join(os.homedir(), '.ssh/id_rsa') },
    ],
  },
};
