// Where a media asset's bytes live: content-addressed files `<dataDir>/media/<sha256>`,
// one file however many clients' libraries hold the asset.
import fs from 'node:fs';
import path from 'node:path';
import { failure } from '../../../shared/result.ts';

export const mediaFolderName = 'media';

const sha256Pattern = /^[0-9a-f]{64}$/;

export const mediaDir = (dataDir: string): string => path.join(dataDir, mediaFolderName);

/** The file of an asset; refuses anything but a lowercase hex SHA-256 (no path tricks). */
export function mediaFilePath(dataDir: string, sha256: string): string {
  if (!sha256Pattern.test(sha256)) {
    throw failure('VALIDATION', `Not a SHA-256 media name: ${sha256}`);
  }
  return path.join(mediaDir(dataDir), sha256);
}

/** The thumbnail of an asset, shared like its bytes: `<dataDir>/media/<sha256>.thumb.webp`. */
export function thumbnailFilePath(dataDir: string, sha256: string): string {
  return `${mediaFilePath(dataDir, sha256)}${thumbnailSuffix}`;
}

export const thumbnailSuffix = '.thumb.webp';

/** Removes an asset's bytes and thumbnail: only once no library row names them. */
export function removeStoredFiles(dataDir: string, sha256: string): void {
  fs.rmSync(mediaFilePath(dataDir, sha256), { force: true });
  fs.rmSync(thumbnailFilePath(dataDir, sha256), { force: true });
}
