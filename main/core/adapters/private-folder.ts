// [Note: private data folder] The data folder holds clients' drafts, backups, logs and the
// review pages (each with its packet's reply token): readable by this user only. A folder
// Starling makes is made 0700, and so is one it finds empty (as a launcher or Electron
// may leave the app's folder before the first start). A folder that already holds other
// things keeps its mode, database or not: `--data-dir /tmp` must not close /tmp to
// everyone else. Account tokens are encrypted either way; Windows folders are private by
// their ACLs, so nothing is changed there.
import fs from 'node:fs';

export function ensurePrivateFolder(dir: string): void {
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return;
  }
  if (process.platform === 'win32') return;
  if ((fs.statSync(dir).mode & 0o077) !== 0 && fs.readdirSync(dir).length === 0) {
    fs.chmodSync(dir, 0o700);
  }
}
