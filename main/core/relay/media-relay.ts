// The media relay (issue "Networks III", item 3): Instagram and Threads take media only as
// public URLs, so a file is put in the user's own bucket under an unguessable key, the
// network gets a presigned GET URL that lives at most an hour, and the object is deleted
// once fetched (release) or, whatever happens, by the sweep a day later.
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import {
  relayLimits,
  relayPrefix,
  type RelayInfo,
  type RelaySaved,
  type RelaySettings,
  type RelayTestReport,
} from '../../../shared/relay.ts';
import { failure } from '../../../shared/result.ts';
import type { Schema } from '../db/schema.ts';
import { checkServerAddress } from '../platforms/server-address.ts';
import type { Cipher, Clock, Logger } from '../ports.ts';
import { checkRelay } from './relay-check.ts';
import { explainBucketError } from './relay-errors.ts';
import { createRelaySettings, type RelayTarget } from './relay-settings.ts';
import type { BucketOptions, RelayBucket } from './s3-bucket.ts';

/** A file to relay: on disk (media library) or in memory. */
export type RelayFile = { contentType: string } & ({ path: string } | { bytes: Uint8Array });

export interface RelayObject {
  key: string;
  /** Anyone holding it can GET the object until expiresAt; hand it only to the network. */
  url: string;
  expiresAt: number;
}

export interface SweepResult {
  deleted: number;
  /** Relay objects younger than a day, left for their release. */
  kept: number;
}

export interface MediaRelayDeps {
  db: Kysely<Schema>;
  cipher: Cipher;
  clock: Clock;
  logger: Logger;
  randomBytes?: (size: number) => Uint8Array;
  /** How the test fetches the signed link; tests may route it. */
  fetch?: typeof fetch;
  /** Per-request timeout when publishing (default 10 min: a Reel can be large). */
  putTimeoutMs?: number;
}

const notSet = () =>
  failure(
    'NOT_FOUND',
    'No media relay is set up. Add your S3-compatible bucket in Settings → Media relay first.',
  );

const extensions: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'video/mp4': '.mp4',
  'video/quicktime': '.mov',
};

export function createMediaRelay(deps: MediaRelayDeps) {
  const settings = createRelaySettings(deps);
  const random = deps.randomBytes ?? ((size: number) => nodeRandomBytes(size));
  const fetcher = deps.fetch ?? globalThis.fetch;
  // The SDK is loaded on first use only (see the header of s3-bucket.ts).
  let loading: Promise<typeof import('./s3-bucket.ts')> | null = null;
  async function open(target: RelayTarget, options: BucketOptions): Promise<RelayBucket> {
    loading ??= import('./s3-bucket.ts');
    return (await loading).openBucket(target, options);
  }
  const forTest: BucketOptions = { maxAttempts: 1, requestTimeoutMs: 20_000 };
  const forWork: BucketOptions = { maxAttempts: 3, requestTimeoutMs: deps.putTimeoutMs ?? 600_000 };

  /** 128 random bits, as lowercase hex: the key cannot be guessed or listed by anyone else. */
  const newName = () => Buffer.from(random(16)).toString('hex');

  async function saved(): Promise<RelayTarget> {
    const target = await settings.target();
    if (target === null) throw notSet();
    return target;
  }

  /** The settings as typed, with the saved keys where the form left them out. */
  async function resolve(input: RelaySettings): Promise<RelayTarget> {
    const endpoint = checkServerAddress(
      input.endpoint,
      'endpoint',
      'https://s3.eu-central-1.amazonaws.com',
    );
    let keys =
      input.accessKeyId !== undefined && input.secretAccessKey !== undefined
        ? { accessKeyId: input.accessKeyId, secretAccessKey: input.secretAccessKey }
        : null;
    if (keys === null) {
      // The saved keys sign only for the saved server: a form (or a compromised window)
      // naming another endpoint must give keys of its own, or Starling would sign
      // requests with the saved ones to any host it is told.
      const current = await settings.target();
      const sameServer =
        current !== null && new URL(current.endpoint).origin === new URL(endpoint).origin;
      if (!sameServer) {
        throw failure(
          'VALIDATION',
          current === null
            ? 'Enter the access key id and the secret access key.'
            : 'A new endpoint needs its access key id and secret access key entered again.',
          { details: { issues: [{ path: ['accessKeyId'], message: 'Enter the access key id.' }] } },
        );
      }
      keys = current.keys;
    }
    return {
      endpoint,
      region: input.region,
      bucket: input.bucket,
      pathStyle: input.pathStyle,
      keys,
    };
  }

  async function check(target: RelayTarget): Promise<RelayTestReport> {
    const bucket = await open(target, forTest);
    try {
      return await checkRelay({
        bucket,
        target,
        name: `test-${newName()}`,
        now: () => deps.clock.now(),
        fetch: fetcher,
      });
    } finally {
      bucket.close();
    }
  }

  async function withBucket<T>(work: (bucket: RelayBucket, target: RelayTarget) => Promise<T>) {
    const target = await saved();
    const bucket = await open(target, forWork);
    try {
      return await work(bucket, target);
    } finally {
      bucket.close();
    }
  }

  return {
    describe: (): Promise<RelayInfo | null> => settings.describe(),

    /** Whether a relay is set (the composer says why media needs one when it is not). */
    isSet: async (): Promise<boolean> => (await settings.describe()) !== null,

    /** Runs the test on `input` (keys left out: the saved ones), or on the saved relay. */
    async test(input?: RelaySettings): Promise<RelayTestReport> {
      return check(input === undefined ? await saved() : await resolve(input));
    },

    /**
     * Keeps the relay only once its test passed: settings that cannot relay a file are
     * refused with the test's words (VALIDATION, the report in details), and nothing is kept.
     */
    async save(input: RelaySettings): Promise<RelaySaved> {
      const target = await resolve(input);
      const report = await check(target);
      if (!report.ok) {
        const failed = report.steps.find((s) => s.outcome === 'failed');
        throw failure('VALIDATION', `The relay was not saved. ${failed?.message ?? ''}`.trim(), {
          details: { report },
        });
      }
      await settings.save(target);
      deps.logger.info('media relay saved', { endpoint: target.endpoint, bucket: target.bucket });
      const relay = await settings.describe();
      if (relay === null) throw new Error('The relay just saved is missing.');
      return { relay, report };
    },

    async forget(): Promise<void> {
      await settings.forget();
      deps.logger.info('media relay forgotten');
    },

    /**
     * Puts `file` in the bucket under `starling-relay/` + 128 random bits and answers a GET
     * URL that lives `lifetimeS` (at most an hour, the default). NOT_FOUND without a relay.
     */
    async put(file: RelayFile, options: { lifetimeS?: number } = {}): Promise<RelayObject> {
      const lifetimeS = Math.max(
        1,
        Math.min(
          relayLimits.urlLifetimeMaxS,
          Math.floor(options.lifetimeS ?? relayLimits.urlLifetimeMaxS),
        ),
      );
      const key = `${relayPrefix}${newName()}${extensions[file.contentType] ?? ''}`;
      return withBucket(async (bucket, target) => {
        try {
          if ('bytes' in file) {
            await bucket.put(key, file.bytes, file.bytes.byteLength, file.contentType);
          } else {
            const { size } = await fs.promises.stat(file.path);
            await bucket.put(key, fs.createReadStream(file.path), size, file.contentType);
          }
        } catch (error) {
          throw explainBucketError(error, target, 'put the file in the media relay');
        }
        const signedAt = deps.clock.now();
        const url = await bucket.presignGet(key, lifetimeS, signedAt);
        return { key, url, expiresAt: signedAt + lifetimeS * 1000 };
      });
    },

    /** Deletes a relay object once its network fetched it. Only relay keys are touched. */
    async release(key: string): Promise<void> {
      if (!key.startsWith(relayPrefix) || key.length === relayPrefix.length) {
        throw failure('VALIDATION', `${key} is not a media relay object.`);
      }
      await withBucket(async (bucket, target) => {
        try {
          await bucket.delete(key);
        } catch (error) {
          throw explainBucketError(error, target, 'delete the file from the media relay');
        }
      });
    },

    /**
     * Deletes every relay object older than a day, whatever became of its post; other keys
     * in the bucket are never listed or touched. null when no relay is set.
     */
    async sweep(): Promise<SweepResult | null> {
      if ((await settings.describe()) === null) return null;
      return withBucket(async (bucket, target) => {
        const before = deps.clock.now() - relayLimits.sweepAgeMs;
        const result = { deleted: 0, kept: 0 };
        try {
          for await (const object of bucket.list(relayPrefix)) {
            if (!object.key.startsWith(relayPrefix)) continue;
            if (object.lastModified >= before) {
              result.kept += 1;
              continue;
            }
            await bucket.delete(object.key);
            result.deleted += 1;
          }
        } catch (error) {
          throw explainBucketError(error, target, 'sweep the media relay');
        }
        return result;
      });
    },
  };
}

export type MediaRelay = ReturnType<typeof createMediaRelay>;
