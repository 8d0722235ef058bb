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
  /** Called every megabyte and once at the end (the operation throttles what it sends on). */
  onProgress?: (bytesDone: number) => void;
  /** Aborting stops the copy and removes the temporary file: CANCELLED. */
  signal?: AbortSignal | undefined;
}

const progressStepBytes = 1024 * 1024;

function cancelled(name: string) {
  return failure('CANCELLED', `The import of ${name} was cancelled; nothing was kept.`);
}

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
    if (options.signal?.aborted === true) throw cancelled(options.name);
    await pipeline(source, meter, fs.createWriteStream(temp, { flags: 'wx' }), {
      ...(options.signal !== undefined && { signal: options.signal }),
    });
  } catch (error) {
    fs.rmSync(temp, { force: true });
    if (error instanceof AppFailure) throw error;
    if (options.signal?.aborted === true) throw cancelled(options.name);
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

const bufferBytes = 4 * 1024 * 1024;

/**
 * The same for a file already open (a path the user named or picked), faster: three
 * reused buffers, so the next read, the write of this chunk and its hashing overlap and
 * memory stays at 12 MB however large the file. Reads to the end, whatever the size was.
 */
export async function copyHandleInto(
  folder: string,
  source: fs.promises.FileHandle,
  options: CopyOptions,
): Promise<CopiedIn> {
  fs.mkdirSync(folder, { recursive: true });
  const temp = path.join(folder, `${incomingPrefix}${randomUUID()}`);
  const out = await fs.promises.open(temp, 'wx');
  const hash = createHash('sha256');
  const buffers = [0, 1, 2].map(() => Buffer.allocUnsafe(bufferBytes));
  const bufferAt = (i: number) => buffers[i % buffers.length] ?? Buffer.alloc(0);
  let bytes = 0;
  let reported = 0;
  let writing: Promise<unknown> = Promise.resolve();
  try {
    let reading = source.read(bufferAt(0), 0, bufferBytes, 0);
    for (let i = 0; ; i += 1) {
      const { bytesRead } = await reading;
      if (bytesRead === 0) break;
      if (options.signal?.aborted === true) throw cancelled(options.name);
      const chunk = bufferAt(i).subarray(0, bytesRead);
      bytes += bytesRead;
      if (bytes > options.maxBytes) {
        throw failure(
          'VALIDATION',
          `${options.name} is larger than ${String(Math.round(options.maxBytes / 2 ** 30))} GB, more than the library takes.`,
        );
      }
      // The write of the previous chunk is done, so the buffer after this one is free.
      await writing;
      reading = source.read(bufferAt(i + 1), 0, bufferBytes, bytes);
      writing = writeAll(out, chunk);
      hash.update(chunk);
      if (bytes - reported >= progressStepBytes) {
        reported = bytes;
        options.onProgress?.(bytes);
      }
    }
    await writing;
    await out.close();
  } catch (error) {
    await writing.catch(() => undefined);
    await out.close().catch(() => undefined);
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

async function writeAll(out: fs.promises.FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await out.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}
