// Reads what X checks in an MP4/MOV without loading it: the top-level boxes must tile the
// file exactly (a cut-off download does not), and the `moov` box alone (read by offset and
// handed to mp4box) gives the duration and the picture size.
import fs from 'node:fs/promises';
import { createFile, MP4BoxBuffer, type Movie } from 'mp4box';

export interface VideoFacts {
  durationMs: number;
  width: number | null;
  height: number | null;
}

interface Box {
  type: string;
  start: number;
  size: number;
}

/** moov boxes beyond this are not a plausible video header; refuse rather than load them. */
const maxMoovBytes = 64 * 1024 * 1024;

/** The top-level boxes, or a reason the file is not a whole ISO media file. */
async function topLevelBoxes(handle: fs.FileHandle, fileSize: number): Promise<Box[] | string> {
  const boxes: Box[] = [];
  const header = Buffer.alloc(16);
  let offset = 0;
  while (offset < fileSize) {
    if (fileSize - offset < 8) return 'it ends in the middle of a box (truncated)';
    await handle.read(header, 0, 16, offset);
    let size = header.readUInt32BE(0);
    const type = header.toString('latin1', 4, 8);
    if (size === 1) {
      if (fileSize - offset < 16) return 'it ends in the middle of a box (truncated)';
      size = Number(header.readBigUInt64BE(8));
    } else if (size === 0) {
      size = fileSize - offset; // "to the end of the file"
    }
    if (size < 8) return 'a box has an impossible size (damaged file)';
    if (offset + size > fileSize) return `its ${type} box runs past the end (truncated)`;
    boxes.push({ type, start: offset, size });
    offset += size;
    if (boxes.length > 100_000) return 'it has too many boxes to be a video';
  }
  return boxes;
}

async function readBox(handle: fs.FileHandle, box: Box): Promise<ArrayBuffer> {
  const bytes = new Uint8Array(box.size);
  await handle.read(bytes, 0, box.size, box.start);
  return bytes.buffer;
}

/** Duration and size of an MP4/MOV; throws an Error whose message says what is wrong. */
export async function probeMp4(file: string): Promise<VideoFacts> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const boxes = await topLevelBoxes(handle, size);
    if (typeof boxes === 'string') throw new Error(`not a complete video: ${boxes}`);
    const moov = boxes.find((b) => b.type === 'moov');
    if (moov === undefined) throw new Error('not a complete video: it has no moov (index) box');
    if (moov.size > maxMoovBytes) throw new Error('its moov box is implausibly large');
    const ftyp = boxes.find((b) => b.type === 'ftyp');
    const movie = await new Promise<Movie>((resolve, reject) => {
      const parser = createFile();
      parser.onReady = resolve;
      parser.onError = (_module: string, message: string) => {
        reject(new Error(message));
      };
      void (async () => {
        for (const box of ftyp === undefined ? [moov] : [ftyp, moov]) {
          parser.appendBuffer(MP4BoxBuffer.fromArrayBuffer(await readBox(handle, box), box.start));
        }
        parser.flush();
        reject(new Error('its moov box could not be read (damaged file)'));
      })().catch(reject);
    });
    const video = movie.tracks.find((t) => t.video !== undefined);
    const durationMs =
      movie.timescale > 0 && movie.duration > 0
        ? Math.round((movie.duration / movie.timescale) * 1000)
        : Math.round(
            Math.max(
              0,
              ...movie.tracks.map((t) => (t.timescale > 0 ? t.duration / t.timescale : 0)),
            ) * 1000,
          );
    return {
      durationMs,
      width: video?.video?.width ?? video?.track_width ?? null,
      height: video?.video?.height ?? video?.track_height ?? null,
    };
  } finally {
    await handle.close();
  }
}
