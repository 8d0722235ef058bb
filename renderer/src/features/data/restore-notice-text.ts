// What the app says after a restore ([Note: restore reconciliation]): the first start
// brought the restored posts up to date, and the user should know what it could not tell.
import type { RestoreSummary } from '../../../../shared/data.ts';
import { plural } from '../../../../shared/plural.ts';

/** The notice's sentences; empty when the restore changed nothing worth saying. */
export function restoreNoticeText(summary: RestoreSummary): string[] {
  const lines: string[] = [];
  if (summary.review > 0) {
    const one = summary.review === 1;
    lines.push(
      `${plural(summary.review, 'post')} may or may not have gone out after the backup was taken: ` +
        `on ${one ? 'an account' : 'some accounts'} Starling cannot tell. Check the account, then mark ${one ? 'it' : 'each'} as published or send it again.`,
    );
  }
  if (summary.updated > 0) {
    lines.push(
      `${plural(summary.updated, 'post')} ${summary.updated === 1 ? 'was' : 'were'} brought up to date with what happened after the backup was taken, so nothing is sent twice.`,
    );
  }
  if (!summary.recordRead) {
    lines.push(
      'There was no readable record of what happened after the backup: posts a network was holding for a later time since then are not known here. Check each network’s own scheduled posts.',
    );
  }
  return lines;
}
