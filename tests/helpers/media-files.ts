// Real media files for tests, made on the spot: images and GIFs with sharp, a small
// valid MP4 written by mp4box, a small valid PDF written out by hand, and the broken kinds
// (cut off, empty, mislabelled).
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
export function mp4Bytes(durationMs = 2000, width = 320, height = 240, fps = 10): Buffer {
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
  const samples = Math.max(1, Math.round((durationMs / 1000) * fps));
  for (let i = 0; i < samples; i += 1) {
    const data = new Uint8Array(100).fill((seed + i) % 256);
    file.addSample(track, data, { duration: durationMs / samples, is_sync: i === 0 });
  }
  const stream = file.getBuffer();
  return Buffer.from(stream.buffer, 0, stream.byteLength);
}

/**
 * A small, complete PDF 1.4 of `pages` pages, each saying `text` and its number in
 * Helvetica: catalog, page tree, font, one page and content stream per page, and a
 * cross-reference table with the true byte offsets, so any PDF reader opens it.
 */
export function pdfBytes(pages = 1, text = 'Starling'): Buffer {
  seed += 1;
  const pageIds = Array.from({ length: pages }, (_, i) => 4 + i * 2);
  const objects: string[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${String(id)} 0 R`).join(' ')}] /Count ${String(pages)} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  for (let i = 0; i < pages; i += 1) {
    const shown = `${text} ${String(i + 1)} (${String(seed)})`.replace(/[()\\]/g, (c) => `\\${c}`);
    const content = `BT /F1 24 Tf 72 720 Td (${shown}) Tj ET`;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${String(5 + i * 2)} 0 R >>`,
      `<< /Length ${String(Buffer.byteLength(content, 'latin1'))} >>\nstream\n${content}\nendstream`,
    );
  }
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (const [index, body] of objects.entries()) {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${String(index + 1)} 0 obj\n${body}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${String(objects.length + 1)}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${String(objects.length + 1)} /Root 1 0 R >>\nstartxref\n${String(xref)}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Writes `bytes` as `name` in `dir` and returns the path. */
export function writeFile(dir: string, name: string, bytes: Buffer | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}
