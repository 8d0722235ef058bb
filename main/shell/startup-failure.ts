// What the user is told when Starling cannot start. A database from a newer Starling
// gets the core's own message (it names the file and says it was left untouched); a
// damaged database gets the core's explanation with the newest good backup and the way
// to restore it (the damaged file is never overwritten); anything else says where the
// log is. Pure, tested without Electron.
import path from 'node:path';
import { AppFailure } from '../../shared/result.ts';

export interface StartupFailureNotice {
  title: string;
  message: string;
  /** A damaged database: the newest backup that passed SQLite's check, to offer restoring. */
  restoreCandidate?: string;
}

export function startupFailureNotice(error: unknown, dataDir: string): StartupFailureNotice {
  if (error instanceof AppFailure && error.error.code === 'DATABASE_TOO_NEW') {
    return { title: 'Starling needs an update', message: error.error.message };
  }
  if (error instanceof AppFailure && error.error.code === 'DATABASE_CORRUPT') {
    const candidate = error.error.details?.newestGoodBackup;
    const kept = 'Your current database is kept under backups/damaged/ so nothing is lost.';
    if (typeof candidate === 'string') {
      return {
        title: 'Starling’s database is damaged',
        message: `${error.error.message}\n\nRestore ${path.basename(candidate)} now? ${kept}`,
        restoreCandidate: candidate,
      };
    }
    return { title: 'Starling’s database is damaged', message: error.error.message };
  }
  const reason = error instanceof AppFailure ? error.error.message : String(error);
  return {
    title: 'Starling could not start',
    message: `${reason}\n\nDetails are in ${path.join(dataDir, 'logs', 'starling.log')}.`,
  };
}
