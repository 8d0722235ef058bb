// A throwaway data folder for the composer's benchmarks (removed when the process exits).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function tempBenchDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'starling-bench-composer-'));
  process.on('exit', () => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}
