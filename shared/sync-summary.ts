// What a metric sync read, in one sentence for the CLI and the analytics view's message:
// counts with their plurals, and why nothing was read when nothing was.
import type { SyncResult } from './analytics.ts';
import { plural } from './plural.ts';

export function syncSummary(r: SyncResult): string {
  if (r.postsRead > 0 || r.accountsRead > 0) {
    return `Read metrics of ${plural(r.postsRead, 'post')} and follower counts of ${plural(r.accountsRead, 'account')}.`;
  }
  if (r.problems.length > 0 || r.capReached) return 'Nothing was read.';
  if (r.recent !== undefined) {
    return `Nothing new to read: posts of the last ${plural(r.recent.days, 'day')} were read less than ${plural(r.recent.minutes, 'minute')} ago, and follower counts are read daily.`;
  }
  return 'Nothing was due.';
}
