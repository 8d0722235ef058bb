// The media relay: the user's own S3-compatible bucket, where Starling puts a file for a
// network that only fetches media from a public URL (Instagram, Threads). What crosses to
// the renderer says which bucket is set and whether keys are kept, never the keys.
import { z } from 'zod';
import { lazySchema } from './lazy-schema.ts';

/** Where relay objects live in the bucket; the sweep touches nothing else. */
export const relayPrefix = 'starling-relay/';

export const relayLimits = {
  /** A presigned URL lives at most this long (seconds). */
  urlLifetimeMaxS: 3600,
  /** The sweep deletes relay objects older than this (ms). */
  sweepAgeMs: 24 * 60 * 60 * 1000,
} as const;

const trimmed = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${what}.`)
    .max(max, `The ${what} is longer than ${String(max)} characters.`);

/** What the settings form sends; both keys left out keep the saved keys. */
export const relaySettingsInput = lazySchema(() =>
  z
    .strictObject({
      /** e.g. https://s3.eu-central-1.amazonaws.com, https://ACCOUNT.r2.cloudflarestorage.com */
      endpoint: trimmed(300, 'endpoint'),
      region: trimmed(64, 'region').regex(
        /^[a-z0-9-]+$/i,
        'The region is a word like eu-central-1, us-east-1 or auto.',
      ),
      bucket: trimmed(255, 'bucket name').regex(
        /^[a-z0-9][a-z0-9._-]*[a-z0-9]$/i,
        'A bucket name has letters, digits, dots and hyphens, and starts and ends with a letter or digit.',
      ),
      /** Bucket in the path (endpoint/bucket/key), as most S3-compatible services want. */
      pathStyle: z.boolean().default(true),
      accessKeyId: trimmed(256, 'access key id').optional(),
      secretAccessKey: z
        .string()
        .min(1, 'Enter the secret access key.')
        .max(256, 'The secret access key is longer than 256 characters.')
        .optional(),
    })
    .refine((s) => (s.accessKeyId === undefined) === (s.secretAccessKey === undefined), {
      message:
        'Enter both the access key id and the secret access key, or neither to keep the saved ones.',
      path: ['secretAccessKey'],
    }),
);

export type RelaySettingsInput = z.input<typeof relaySettingsInput>;
export type RelaySettings = z.output<typeof relaySettingsInput>;

/** The test's input: other settings to try, or none for the saved ones. */
export const relayTestInput = lazySchema(() =>
  z.strictObject({ settings: relaySettingsInput.optional() }),
);

/** The saved relay as the settings show it. */
export interface RelayInfo {
  endpoint: string;
  region: string;
  bucket: string;
  pathStyle: boolean;
  /** Keys are kept in the vault (always true once saved; the keys never leave it). */
  hasKeys: boolean;
  savedAt: number;
}

export type RelayStepName = 'put' | 'presign' | 'fetch' | 'delete';

export interface RelayTestStep {
  step: RelayStepName;
  outcome: 'passed' | 'failed' | 'skipped';
  /** The outcome in words a person can act on. */
  message: string;
}

export interface RelayTestReport {
  ok: boolean;
  steps: RelayTestStep[];
  /** Things that work here but not for a network (e.g. an endpoint only this computer reaches). */
  warnings: string[];
}

/** What relay:save answers: the relay now kept, and the test that let it be kept. */
export interface RelaySaved {
  relay: RelayInfo;
  report: RelayTestReport;
}
