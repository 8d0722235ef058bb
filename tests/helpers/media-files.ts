// Real media files for tests, made on the spot: images and GIFs with sharp, a small
// valid MP4 written by mp4box, and the broken kinds (cut off, empty, mislabelled).
import fs from 'node:fs';
import path from 'node:path';
import { createFile } from 'mp4box';
import sharp from 'sharp';

let seed = 0;

/** A JPEG/PNG/WebP/GIF of the given size whose pixels differ on every call. */
export async function imageBytes(
  format: 'jpeg' | 'png' | 'webp' | 'gif' = 'png',
  width = 64,
  height = 48,
): Promise<Buffer> {
  seed += 1;
  const base = sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: (seed * 53) % 256, g: (seed * 97) % 256, b: (seed * 151) % 256 },
    },
  });
  return base.toFormat(format).toBuffer();
}

/** Incompressible pixels, so a large PNG really is large. */
export async function noisyPng(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  let x = 2463534242 + seed++;
  for (let i = 0; i < pixels.length; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    pixels[i] = x & 0xff;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** A small but complete MP4 (fragmented, one H.264 track) lasting `durationMs`. */
export function mp4Bytes(durationMs = 2000, width = 320, height = 240): Buffer {
  seed += 1;
  const file = createFile();
  const track = file.addTrack({
    type: 'avc1',
    width,
    height,
    timescale: 1000,
    duration: durationMs,
    avcDecoderConfigRecord: new Uint8Array([1, 0x42, 0xc0, 0x1e, 0xff, 0xe0, 0, 0]).buffer,
  });
  const samples = Math.max(1, Math.round(durationMs / 100));
  for (let i = 0; i < samples; i += 1) {
    const data = new Uint8Array(100).fill((seed + i) % 256);
    file.addSample(track, data, { duration: durationMs / samples, is_sync: i === 0 });
  }
  const stream = file.getBuffer();
  return Buffer.from(stream.buffer, 0, stream.byteLength);
}

/** Writes `bytes` as `name` in `dir` and returns the path. */
export function writeFile(dir: string, name: string, bytes: Buffer | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}
