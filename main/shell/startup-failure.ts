// What the user is told when Starling cannot start. A database from a newer Starling
// gets the core's own message (it names the file and says it was left untouched);
// anything else says where the log is. Pure, tested without Electron.
import path from 'node:path';
import { AppFailure } from '../../shared/result.ts';

export interface StartupFailureNotice {
  title: string;
  message: string;
}

export function startupFailureNotice(error: unknown, dataDir: string): StartupFailureNotice {
  if (error instanceof AppFailure && error.error.code === 'DATABASE_TOO_NEW') {
    return { title: 'Starling needs an update', message: error.error.message };
  }
  const reason = error instanceof AppFailure ? error.error.message : String(error);
  return {
    title: 'Starling could not start',
    message: `${reason}\n\nDetails are in ${path.join(dataDir, 'logs', 'starling.log')}.`,
  };
}
