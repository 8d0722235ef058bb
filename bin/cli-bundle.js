// Whether out/cli (vite.cli.config.ts) may run in place of the sources: it must exist and be
// newer than every file it was built from, as listed in out/cli/inputs.json. Plain
// JavaScript: bin/starling.js and scripts/bootstrap.js read it before any TypeScript runs.
import fs from 'node:fs';
import path from 'node:path';

/** The bundle's entry, or null when it is missing or older than one of its inputs. */
export function freshCliBundle(root) {
  const entry = path.join(root, 'out', 'cli', 'main.js');
  try {
    const built = fs.statSync(entry).mtimeMs;
    const inputs = JSON.parse(
      fs.readFileSync(path.join(root, 'out', 'cli', 'inputs.json'), 'utf8'),
    );
    // About 250 stats: a millisecond or two, far less than running from the sources costs.
    for (const input of inputs) {
      if (fs.statSync(path.join(root, input)).mtimeMs > built) return null;
    }
    return entry;
  } catch {
    // Missing, half-written or listing a file that is gone: the sources are the truth.
    return null;
  }
}
