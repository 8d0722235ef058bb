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
        done(tooLarge(options.name, options.maxBytes));
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
 * The same for a file the user named or picked, already open, faster: the kernel copies
 * the file (copy_file_range through fs.copyFile, no bytes through this process) while
 * this thread hashes it through two reused 4 MB buffers, the next read overlapping this
 * chunk's hashing. On two cores that takes about as long as hashing alone.
 *
 * [Note: copy beside the hash] The copy and the hash read the file separately, so they
 * could see different bytes if it changed meanwhile. Afterwards the handle must still be
 * the file the path names, unchanged since `opened` was taken (same inode, size and
 * change time, which every write and every timestamp change moves), and the copy must
 * hold exactly the bytes hashed; otherwise nothing is kept. The kernel copy cannot be
 * interrupted: a cancel takes effect when it returns (under a second per GB here).
 */
export async function copyFileInto(
  folder: string,
  file: string,
  source: fs.promises.FileHandle,
  opened: fs.BigIntStats,
  options: CopyOptions,
): Promise<CopiedIn> {
  const { name, maxBytes, signal } = options;
  if (opened.size > BigInt(maxBytes)) throw tooLarge(name, maxBytes);
  fs.mkdirSync(folder, { recursive: true });
  const temp = path.join(folder, `${incomingPrefix}${randomUUID()}`);
  const copying = fs.promises.copyFile(file, temp, fs.constants.COPYFILE_EXCL);
  // Settled here so a failed hash never leaves the copy's rejection unhandled.
  const copied = copying.then(
    () => null,
    (error: unknown) => error as Error,
  );
  const hash = createHash('sha256');
  const buffers = [Buffer.allocUnsafe(bufferBytes), Buffer.allocUnsafe(bufferBytes)] as const;
  let bytes = 0;
  let reported = 0;
  try {
    let reading = source.read(buffers[0], 0, bufferBytes, 0);
    for (let i = 0; ; i += 1) {
      const { bytesRead } = await reading;
      if (bytesRead === 0) break;
      if (signal?.aborted === true) throw cancelled(name);
      bytes += bytesRead;
      if (bytes > maxBytes) throw tooLarge(name, maxBytes);
      const chunk = buffers[i % 2 === 0 ? 0 : 1].subarray(0, bytesRead);
      reading = source.read(buffers[i % 2 === 0 ? 1 : 0], 0, bufferBytes, bytes);
      hash.update(chunk);
      if (bytes - reported >= progressStepBytes) {
        reported = bytes;
        options.onProgress?.(bytes);
      }
    }
    const copyError = await copied;
    if (copyError !== null) throw copyError;
    if (signal?.aborted === true) throw cancelled(name);
    if (bytes === 0) throw failure('VALIDATION', `${name} is empty. Nothing was imported.`);
    await requireUnchanged(name, file, source, opened, temp, bytes);
  } catch (error) {
    await copied;
    fs.rmSync(temp, { force: true });
    if (error instanceof AppFailure) throw error;
    throw failure(
      'VALIDATION',
      `${name} could not be read to the end (${(error as Error).message}). Nothing was imported.`,
    );
  }
  options.onProgress?.(bytes);
  return { temp, sha256: hash.digest('hex'), bytes };
}

function tooLarge(name: string, maxBytes: number) {
  return failure(
    'VALIDATION',
    `${name} is larger than ${String(Math.round(maxBytes / 2 ** 30))} GB, more than the library takes.`,
  );
}

/** See [Note: copy beside the hash]. */
async function requireUnchanged(
  name: string,
  file: string,
  source: fs.promises.FileHandle,
  opened: fs.BigIntStats,
  temp: string,
  bytes: number,
): Promise<void> {
  const [now, named, copy] = await Promise.all([
    source.stat({ bigint: true }),
    fs.promises.stat(file, { bigint: true }),
    fs.promises.stat(temp, { bigint: true }),
  ]);
  const same = (a: fs.BigIntStats) =>
    a.dev === opened.dev &&
    a.ino === opened.ino &&
    a.size === opened.size &&
    a.ctimeNs === opened.ctimeNs;
  if (!same(now) || !same(named) || copy.size !== BigInt(bytes) || opened.size !== BigInt(bytes)) {
    throw failure(
      'VALIDATION',
      `${name} changed while it was being imported. Nothing was imported; import it again once it is saved.`,
    );
  }
}
