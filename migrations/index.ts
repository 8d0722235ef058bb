// [Note: static migration list] Migrations are listed here by hand, not found by scanning
// a folder: bundles and asar archives have no folder to scan. Names sort in apply order.
import type { Migration } from 'kysely/migration';
import * as initial from './0001-initial.ts';
import * as xMediaUploads from './0002-x-media-uploads.ts';
import * as calendarColumns from './0004-calendar-columns.ts';
import * as metricPolling from './0006-metric-polling.ts';
import * as networks from './0007-networks.ts';
import * as altText from './0008-alt-text.ts';
import * as handOff from './0009-hand-off.ts';
import * as deleted from './0010-deleted.ts';
import * as refreshLeases from './0011-refresh-leases.ts';
import * as pendingRevocations from './0012-pending-revocations.ts';
import * as accountExpiry from './0013-account-expiry.ts';
import * as approval from './0014-approval.ts';
import * as documents from './0015-documents.ts';
import * as postSearch from './0016-post-search.ts';
import * as packetShownHash from './0018-packet-shown-hash.ts';
import * as leanMetricReadings from './0019-lean-metric-readings.ts';
import * as mediaRelay from './0022-media-relay.ts';
import * as leanPostIndexes from './0023-lean-post-indexes.ts';
import * as partContainers from './0024-part-containers.ts';
import * as searchByClient from './0025-search-by-client.ts';
import * as calendarHeld from './0026-calendar-held.ts';
import * as containersAsUploadNotes from './0027-containers-as-upload-notes.ts';
import * as claimIndexes from './0028-claim-indexes.ts';
import * as forgetFinishedWork from './0029-forget-finished-work.ts';
import * as searchHeld from './0030-search-held.ts';
import * as retriesWaiting from './0031-retries-waiting.ts';
import * as leanCalendarAndSearch from './0032-lean-calendar-and-search.ts';
import * as packedMetricReadings from './0033-packed-metric-readings.ts';
import * as eventLogByPost from './0034-event-log-by-post.ts';
import * as latestFiguresByTarget from './0035-latest-figures-by-target.ts';
import * as metricSeriesV2 from './0036-metric-series-v2.ts';
import * as eventLogByNumber from './0037-event-log-by-number.ts';
import * as metricSeriesRepacked from './0038-metric-series-repacked.ts';
import * as partsByNumber from './0039-parts-by-number.ts';
import * as accountsAndClientsByNumber from './0040-accounts-and-clients-by-number.ts';
import * as targetsByNumber from './0041-targets-by-number.ts';
import * as postsByNumber from './0042-posts-by-number.ts';
import * as remoteLinksByPrefix from './0043-remote-links-by-prefix.ts';
import * as searchWithoutLengths from './0044-search-without-lengths.ts';

export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-x-media-uploads': xMediaUploads,
  '0004-calendar-columns': calendarColumns,
  '0006-metric-polling': metricPolling,
  '0007-networks': networks,
  '0008-alt-text': altText,
  '0009-hand-off': handOff,
  '0010-deleted': deleted,
  '0011-refresh-leases': refreshLeases,
  '0012-pending-revocations': pendingRevocations,
  '0013-account-expiry': accountExpiry,
  '0014-approval': approval,
  '0015-documents': documents,
  '0016-post-search': postSearch,
  '0018-packet-shown-hash': packetShownHash,
  '0019-lean-metric-readings': leanMetricReadings,
  '0022-media-relay': mediaRelay,
  '0023-lean-post-indexes': leanPostIndexes,
  '0024-part-containers': partContainers,
  '0025-search-by-client': searchByClient,
  '0026-calendar-held': calendarHeld,
  '0027-containers-as-upload-notes': containersAsUploadNotes,
  '0028-claim-indexes': claimIndexes,
  '0029-forget-finished-work': forgetFinishedWork,
  '0030-search-held': searchHeld,
  '0031-retries-waiting': retriesWaiting,
  '0032-lean-calendar-and-search': leanCalendarAndSearch,
  '0033-packed-metric-readings': packedMetricReadings,
  '0034-event-log-by-post': eventLogByPost,
  '0035-latest-figures-by-target': latestFiguresByTarget,
  '0036-metric-series-v2': metricSeriesV2,
  '0037-event-log-by-number': eventLogByNumber,
  '0038-metric-series-repacked': metricSeriesRepacked,
  '0039-parts-by-number': partsByNumber,
  '0040-accounts-and-clients-by-number': accountsAndClientsByNumber,
  '0041-targets-by-number': targetsByNumber,
  '0042-posts-by-number': postsByNumber,
  '0043-remote-links-by-prefix': remoteLinksByPrefix,
  '0044-search-without-lengths': searchWithoutLengths,
};

/**
 * Migrations after which an upgrade compacts the file whatever it left free ([Note:
 * compaction after migrating]): they rebuild big tables in place, which reuses the old
 * pages and leaves the rebuilt indexes, filled in id order, a third empty. 0037 frees
 * 468 MB of a 3.4 GB million-post file (under the 512 MiB that would compact it) and its
 * compaction gives back about as much again. 0038 rewrites the metric series smaller in
 * place, which only a compaction turns into a smaller file; 0039 rebuilds the parts; 0040
 * rewrites every post and part shorter; 0041 and 0043 rebuild the targets, 0042 the posts and 0044 the search index.
 */
export const compactAfter: ReadonlySet<string> = new Set([
  '0037-event-log-by-number',
  '0038-metric-series-repacked',
  '0039-parts-by-number',
  '0040-accounts-and-clients-by-number',
  '0041-targets-by-number',
  '0042-posts-by-number',
  '0043-remote-links-by-prefix',
  '0044-search-without-lengths',
]);

/**
 * What each migration does, in the words the upgrade page shows ([Note: upgrade progress]
 * in shared/upgrade-progress.ts). A migration missing here is shown by its name.
 */
export const migrationDescriptions: Record<string, string> = {
  '0001-initial': 'Creating the database',
  '0002-x-media-uploads': 'Remembering media uploaded to X',
  '0004-calendar-columns': 'Preparing the calendar',
  '0006-metric-polling': 'Adding analytics',
  '0007-networks': 'Adding more networks',
  '0008-alt-text': 'Allowing longer alt text',
  '0009-hand-off': 'Adding posts a network holds until their time',
  '0010-deleted': 'Adding deleting published posts',
  '0011-refresh-leases': 'Sharing sign-in renewals between Starling processes',
  '0012-pending-revocations': 'Keeping sign-outs to try again',
  '0013-account-expiry': 'Rebuilding the media links of every post',
  '0014-approval': 'Adding client approval',
  '0015-documents': 'Allowing PDF documents',
  '0016-post-search': 'Building the search index',
  '0018-packet-shown-hash': 'Updating review packets',
  '0019-lean-metric-readings': 'Rewriting the analytics history',
  '0022-media-relay': 'Adding the media relay',
  '0023-lean-post-indexes': 'Slimming the post indexes',
  '0024-part-containers': 'Keeping media prepared by networks',
  '0025-search-by-client': 'Rebuilding the search index by client',
  '0026-calendar-held': 'Speeding up the calendar for imports',
  '0027-containers-as-upload-notes': 'Moving prepared media into each post’s history',
  '0028-claim-indexes': 'Indexing the posts waiting to be published',
  '0029-forget-finished-work': 'Removing finished jobs, finished metric polls and unused indexes',
  '0030-search-held': 'Speeding up the search index for imports',
  '0031-retries-waiting': 'Keeping posts in order behind a post being retried',
  '0032-lean-calendar-and-search': 'Slimming the calendar and search indexes',
  '0033-packed-metric-readings': 'Packing the analytics history',
  '0034-event-log-by-post': 'Keeping each post’s history together',
  '0035-latest-figures-by-target': 'Slimming the analytics figures',
  '0036-metric-series-v2': 'Marking the new analytics format',
  '0037-event-log-by-number': 'Slimming each post’s history',
  '0038-metric-series-repacked': 'Packing the analytics history tighter',
  '0039-parts-by-number': 'Slimming the posts’ threads',
  '0040-accounts-and-clients-by-number': 'Slimming the calendar and the search index',
  '0041-targets-by-number': 'Slimming the posts’ accounts',
  '0042-posts-by-number': 'Slimming the posts',
  '0043-remote-links-by-prefix': 'Slimming the posts’ links',
  '0044-search-without-lengths': 'Slimming the search index',
};
