// The rows a bulk write of posts carries ([Note: bulk rows] in bulk-rows.ts): the tables, in
// the order they are written, and each one's columns in the order its values are bound.

export type SqlValue = string | number | null;

/** The tables a batch writes, parents first, each with its columns in binding order. */
export const bulkColumns = {
  // seq, and post_seq in the parts, targets and events, are encoded as the post's place
  // in its batch, and made the post's number when written (numberPosts in bulk-rows.ts).
  posts: [
    'seq',
    'id',
    'client_seq',
    'campaign_id',
    'status',
    'scheduled_at',
    'timezone',
    'local_time',
    'published_at',
    'created_at',
    'updated_at',
    'cal_parts',
    'cal_accounts',
  ],
  post_parts: ['id', 'post_seq', 'position', 'text', 'search_client'],
  post_part_variants: ['part_id', 'account_id', 'text'],
  post_part_media: ['part_id', 'position', 'media_id', 'alt_text'],
  post_targets: [
    'id',
    'post_seq',
    'account_seq',
    'status',
    'options',
    'remote_id',
    'remote_url_prefix',
    'remote_url_full',
    'error_code',
    'error_message',
    'published_at',
    'created_at',
    'updated_at',
  ],
  publish_jobs: [
    'id',
    'kind',
    'target_id',
    'account_id',
    'status',
    'run_at',
    'attempts',
    'max_attempts',
    'lease_owner',
    'lease_expires_at',
    'last_error',
    'created_at',
    'updated_at',
  ],
  // Straight into the log (eventsInsert in bulk-rows.ts), not through the view's trigger.
  post_events: ['post_seq', 'target_id', 'type', 'detail', 'at'],
} as const;

export type BulkTable = keyof typeof bulkColumns;

export const bulkTables = Object.keys(bulkColumns) as BulkTable[];

/** Where post_part_media's media id sits in a row: the import fills it in late. */
export const mediaIdColumn = bulkColumns.post_part_media.indexOf('media_id');
export const mediaColumns = bulkColumns.post_part_media.length;

/** Each table's rows' values one after another, in bulkColumns order. */
export type RowBatch = Record<BulkTable, SqlValue[]>;
