// Streams bytes into the media folder under a temporary name while hashing them, so a
// file of any size is copied with a fixed amount of memory and named by its SHA-256.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppFailure, failure } from '../../../shared/result.ts';

export interface CopiedIn {
  /** The temporary file under media/; the caller renames or removes it. */
  temp: string;
  sha256: string;
  bytes: number;
}

export interface CopyOptions {
  name: string;
  /** Refuse beyond this many bytes (the copy stops and is removed). */
  maxBytes: number;
  /** Called every few megabytes and once at the end. */
  onProgress?: (bytesDone: number) => void;
}

const progressStepBytes = 8 * 1024 * 1024;

/** Prefix of temporary files; anything left with it after a crash is swept at start. */
export const incomingPrefix = '.incoming-';

export async function copyInto(
  folder: string,
  source: Readable,
  options: CopyOptions,
): Promise<CopiedIn> {
  fs.mkdirSync(folder, { recursive: true });
  const temp = path.join(folder, `${incomingPrefix}${randomUUID()}`);
  const hash = createHash('sha256');
  let bytes = 0;
  let reported = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > options.maxBytes) {
        done(
          failure(
            'VALIDATION',
            `${options.name} is larger than ${String(Math.round(options.maxBytes / 2 ** 30))} GB, more than the library takes.`,
          ),
        );
        return;
      }
      hash.update(chunk);
      if (bytes - reported >= progressStepBytes) {
        reported = bytes;
        options.onProgress?.(bytes);
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, fs.createWriteStream(temp, { flags: 'wx' }));
  } catch (error) {
    fs.rmSync(temp, { force: true });
    if (error instanceof AppFailure) throw error;
    throw failure(
      'VALIDATION',
      `${options.name} could not be read to the end (${(error as Error).message}). Nothing was imported.`,
    );
  }
  if (bytes === 0) {
    fs.rmSync(temp, { force: true });
    throw failure('VALIDATION', `${options.name} is empty. Nothing was imported.`);
  }
  options.onProgress?.(bytes);
  return { temp, sha256: hash.digest('hex'), bytes };
}
