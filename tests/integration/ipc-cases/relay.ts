// Dispatch cases for the media relay's channels: a record over them, so a channel added to
// shared/ipc/channels/relay.ts without cases here fails to compile. A real S3 server
// (s3rver, tests/helpers/s3-server.ts) stands for the user's bucket.
import { expect } from 'vitest';
import type { relayChannels } from '../../../shared/ipc/channels/relay.ts';
import { s3Keys, startS3 } from '../../helpers/s3-server.ts';
import type { ChannelCases, Ctx } from './types.ts';

/** Starts a bucket and sets the core's clock to the real time its signatures need. */
const withBucket: ChannelCases['prepare'] = async ({ core }) => {
  core.clock.set(Date.now());
  const s3 = await startS3();
  return { endpoint: s3.endpoint, bucket: s3.bucket };
};

const settings = (ctx: Ctx) => ({
  endpoint: ctx.made?.endpoint ?? '',
  region: 'us-east-1',
  bucket: ctx.made?.bucket ?? '',
  pathStyle: true,
  ...s3Keys,
});

const badSettings = [
  {},
  { endpoint: 'http://127.0.0.1:9', region: 'us-east-1', bucket: 'b' },
  { endpoint: 'http://127.0.0.1:9', region: 'us east', bucket: 'b', ...s3Keys },
  { endpoint: 'http://127.0.0.1:9', region: 'us-east-1', bucket: '-b-', ...s3Keys },
  { endpoint: 'http://127.0.0.1:9', region: 'us-east-1', bucket: 'b', accessKeyId: 'A' },
  { endpoint: 'ftp://example.com', region: 'us-east-1', bucket: 'b', ...s3Keys },
  { endpoint: 'http://example.com', region: 'us-east-1', bucket: 'b', ...s3Keys },
  { endpoint: 'http://127.0.0.1:9', region: 'us-east-1', bucket: 'b', ...s3Keys, acl: 'x' },
];

export const relayCases: Record<keyof typeof relayChannels, ChannelCases> = {
  'relay:get': {
    valid: () => ({}),
    check: (v) => {
      expect(v).toEqual({ relay: null });
    },
    invalid: [{ extra: 1 }, 'x'],
  },
  'relay:test': {
    prepare: withBucket,
    valid: (ctx) => ({ settings: settings(ctx) }),
    check: (v) => {
      expect(v).toMatchObject({ ok: true });
      expect(JSON.stringify(v)).not.toContain(s3Keys.secretAccessKey);
    },
    invalid: [
      { settings: {} },
      { settings: 'x' },
      { other: 1 },
      ...badSettings.map((s) => ({ settings: s })),
    ],
  },
  'relay:save': {
    prepare: withBucket,
    valid: settings,
    check: (v, ctx) => {
      expect(v).toMatchObject({
        relay: { endpoint: ctx.made?.endpoint, bucket: ctx.made?.bucket, hasKeys: true },
        report: { ok: true },
      });
      expect(JSON.stringify(v)).not.toContain(s3Keys.secretAccessKey);
    },
    invalid: badSettings,
  },
  'relay:forget': {
    valid: () => ({}),
    check: (v) => {
      expect(v).toEqual({ relay: null });
    },
    invalid: [{ extra: 1 }],
  },
};
