// A file replaced whole: written aside in the same folder, then renamed over the old one,
// so a reader (or a crash) sees the old file or the new one, never half of either.
//
// The aside file's name is random and made new (`wx`): two writers at once (the CLI and
// the app, two CLI runs) each rename a whole file of their own, and a link someone left at
// a predictable name (`file.1234.partial`, the process id) is never followed, which could
// have written over the link's target. A failed write or rename takes the aside file back.
import crypto from 'node:crypto';
import fs from 'node:fs';

export function replaceFile(
  file: string,
  content: string | Uint8Array,
  options: { mode?: number } = {},
): void {
  const aside = `${file}.${crypto.randomBytes(6).toString('hex')}.partial`;
  try {
    fs.writeFileSync(aside, content, { flag: 'wx', mode: options.mode ?? 0o666 });
    fs.renameSync(aside, file);
  } catch (error) {
    // Not ours to remove if the name was taken; and a failed removal must not hide why.
    if ((error as { code?: unknown }).code !== 'EEXIST') {
      try {
        fs.rmSync(aside, { force: true });
      } catch {
        // The write's own error says more.
      }
    }
    throw error;
  }
}
