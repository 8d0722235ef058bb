// The media feature's benchmarks (see ../types.ts); joined in ../benchmarks.ts.
// media-import-1gib: a 1 GiB MP4 (a real moov, then a 1 GiB `free` box written out as
// bytes) imported into the library, against `cp` of the same file in the same run, with
// the process's resident memory sampled throughout the import.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFile } from 'mp4box';
import { createNodePorts } from '../../main/core/adapters/node-ports.ts';
import { createCore } from '../../main/core/create-core.ts';
import type { Benchmark } from '../types.ts';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const mebibyte = 1024 * 1024;
const fileBytes = 1024 * mebibyte;
const runs = 5;

/** A 10 s H.264 header (no real frames needed: nothing here decodes video). */
function videoHeader(): Buffer {
  const file = createFile();
  const track = file.addTrack({
    type: 'avc1',
    width: 1920,
    height: 1080,
    timescale: 1000,
    duration: 10_000,
    avcDecoderConfigRecord: new Uint8Array([1, 0x42, 0xc0, 0x1e, 0xff, 0xe0, 0, 0]).buffer,
  });
  file.addSample(track, new Uint8Array(64), { duration: 10_000, is_sync: true });
  const stream = file.getBuffer();
  return Buffer.from(stream.buffer, 0, stream.byteLength);
}

/**
 * Writes the header and a `free` box that fills the file to 1 GiB, with varied bytes
 * (not a sparse file: cp and the import both really read and write every byte).
 */
function writeBigVideo(file: string): void {
  const header = videoHeader();
  const freeBytes = fileBytes - header.length;
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, header);
    const box = Buffer.alloc(8);
    box.writeUInt32BE(freeBytes, 0);
    box.write('free', 4, 'latin1');
    fs.writeSync(fd, box);
    const chunk = Buffer.alloc(8 * mebibyte);
    for (let i = 0; i < chunk.length; i += 1) chunk[i] = (i * 2654435761) >>> 24;
    let left = freeBytes - 8;
    while (left > 0) {
      const n = Math.min(left, chunk.length);
      fs.writeSync(fd, chunk, 0, n);
      chunk[n % chunk.length] = (chunk[n % chunk.length] ?? 0) ^ 0x5a;
      left -= n;
    }
  } finally {
    fs.closeSync(fd);
  }
}

function hashFile(file: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(4 * mebibyte);
  const fd = fs.openSync(file, 'r');
  try {
    let n: number;
    while ((n = fs.readSync(fd, buffer)) > 0) hash.update(buffer.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * Writes every dirty page out before a timed step, so none of them pays for the kernel
 * flushing what the step before it wrote (the 1 GiB source this benchmark writes first,
 * the previous run's copy) on the same two CPUs: each starts from the same clean cache.
 */
function settleDisk(): void {
  execFileSync('sync');
}

export const mediaBenchmarks: Benchmark[] = [
  {
    name: 'media-import-1gib',
    description:
      'import a 1 GiB MP4 into the library (hash, copy, sniff, probe, record) vs cp of the same file and vs SHA-256 of it alone; RSS growth during the import',
    async run() {
      const work = fs.mkdtempSync(path.join(os.tmpdir(), 'starling-bench-media-'));
      const dataDir = path.join(work, 'data');
      const source = path.join(work, 'big-video.mp4');
      const copy = path.join(work, 'copy.mp4');
      fs.mkdirSync(dataDir);
      const core = await createCore({
        dataDir,
        host: 'cli',
        ports: createNodePorts(dataDir, { logger: silent }),
      });
      try {
        writeBigVideo(source);
        const client = await core.invoke('clients:create', { name: 'Bench' });
        if (!client.ok) throw new Error(client.error.message);
        const clientId = client.value.id;
        // Warm up: load sharp, mp4box and file-type, so their code is not counted as growth.
        const small = path.join(work, 'small.mp4');
        fs.writeFileSync(small, videoHeader());
        await core.media.importFile(small, clientId);

        const importSeconds: number[] = [];
        const hashSeconds: number[] = [];
        const cpSeconds: number[] = [];
        const ratios: number[] = [];
        const floorRatios: number[] = [];
        const growth: number[] = [];
        for (let run = 0; run < runs; run += 1) {
          // cp first, with sparse detection and reflinks off: it must copy every byte too.
          settleDisk();
          let started = performance.now();
          execFileSync('cp', ['--sparse=never', '--reflink=never', source, copy]);
          const cp = (performance.now() - started) / 1000;
          fs.rmSync(copy);

          const gc = (globalThis as { gc?: () => void }).gc;
          gc?.();
          settleDisk();
          const baseline = process.memoryUsage.rss();
          let peak = baseline;
          const sampler = setInterval(() => {
            peak = Math.max(peak, process.memoryUsage.rss());
          }, 20);
          started = performance.now();
          const imported = await core.media.importFile(source, clientId);
          const seconds = (performance.now() - started) / 1000;
          clearInterval(sampler);
          peak = Math.max(peak, process.memoryUsage.rss());
          await core.media.remove(imported.id);

          // The floor: SHA-256 of the same bytes alone, one thread (content addressing needs it).
          settleDisk();
          started = performance.now();
          hashFile(source);
          hashSeconds.push((performance.now() - started) / 1000);

          cpSeconds.push(cp);
          importSeconds.push(seconds);
          ratios.push(seconds / cp);
          floorRatios.push(seconds / (hashSeconds.at(-1) ?? Number.NaN));
          growth.push((peak - baseline) / mebibyte);
        }
        return {
          unit: 's',
          samples: importSeconds,
          extra: [
            { name: 'cp of the same file', unit: 's', samples: cpSeconds },
            { name: 'SHA-256 of the file alone', unit: 's', samples: hashSeconds },
            // Throughput ≥ 0.5 × cp's is the same as taking at most twice cp's time.
            {
              name: 'import ÷ cp time',
              unit: '×',
              samples: ratios,
              target: { stat: 'median', atMost: 2 },
            },
            // Issue 19: the floor is the hash every byte needs, which cp does not pay.
            {
              name: 'import ÷ SHA-256 alone (the floor)',
              unit: '×',
              samples: floorRatios,
              target: { stat: 'median', atMost: 1.3 },
            },
            {
              name: 'RSS growth during import',
              unit: 'MB',
              samples: growth,
              target: { stat: 'max', atMost: 64 },
            },
          ],
        };
      } finally {
        await core.close();
        fs.rmSync(work, { recursive: true, force: true });
      }
    },
  },
];
