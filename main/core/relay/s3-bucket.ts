// The relay's bucket through the AWS SDK v3 S3 client and presigner. Loaded only when the
// relay is used (media-relay.ts imports it dynamically): the SDK is large, and a command
// that only reads never needs it.
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { RelayTarget } from './relay-settings.ts';

export interface BucketOptions {
  /** 1 for the settings' test (one clear answer, fast); more when publishing. */
  maxAttempts: number;
  /** Per request, once connected; a large video needs long. */
  requestTimeoutMs: number;
}

export interface ListedObject {
  key: string;
  lastModified: number;
}

export interface RelayBucket {
  put(key: string, body: Uint8Array | Readable, length: number, contentType: string): Promise<void>;
  /** A GET URL anyone may fetch until `expiresInS` after `signedAt` (ms). */
  presignGet(key: string, expiresInS: number, signedAt: number): Promise<string>;
  delete(key: string): Promise<void>;
  /** Every object under `prefix`, page by page. */
  list(prefix: string): AsyncGenerator<ListedObject>;
  close(): void;
}

export function openBucket(target: RelayTarget, options: BucketOptions): RelayBucket {
  const client = new S3Client({
    endpoint: target.endpoint,
    region: target.region,
    forcePathStyle: target.pathStyle,
    credentials: {
      accessKeyId: target.keys.accessKeyId,
      secretAccessKey: target.keys.secretAccessKey,
    },
    maxAttempts: options.maxAttempts,
    // Checksums only where S3 requires them: several S3-compatible services refuse the
    // SDK's newer default (CRC32 trailers in aws-chunked bodies) on uploads.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: { connectionTimeout: 10_000, requestTimeout: options.requestTimeoutMs },
  });
  const Bucket = target.bucket;

  return {
    async put(key, body, length, contentType) {
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: key,
          Body: body,
          ContentLength: length,
          ContentType: contentType,
          // The relay is a courier, not a cache: nobody should keep a copy longer than needed.
          CacheControl: 'no-store',
        }),
      );
    },

    presignGet(key, expiresInS, signedAt) {
      return getSignedUrl(client, new GetObjectCommand({ Bucket, Key: key }), {
        expiresIn: expiresInS,
        signingDate: new Date(signedAt),
      });
    },

    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },

    async *list(prefix) {
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket,
            Prefix: prefix,
            ...(token !== undefined && { ContinuationToken: token }),
          }),
        );
        for (const item of page.Contents ?? []) {
          if (item.Key === undefined || item.LastModified === undefined) continue;
          yield { key: item.Key, lastModified: item.LastModified.getTime() };
        }
        token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
      } while (token !== undefined);
    },

    close() {
      client.destroy();
    },
  };
}
