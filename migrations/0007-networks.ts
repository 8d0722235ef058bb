// Networks beyond X (issue "Networks I"): accounts of any network, each with the server
// it lives on (a Bluesky PDS, a Mastodon instance) and its own settings; Bluesky's
// session as a kind of credential; apps registered per Mastodon instance; per-target
// options (visibility, content warning); and the extra reference some networks need to
// reply to a posted part (Bluesky's CID).
//
// The CHECKs change through rebuildWithCheck (see [Note: CHECK rebuilds]).
import { sql, type Kysely } from 'kysely';
import { rebuildWithCheck } from './rebuild-with-check.ts';

/** Every network the schema accepts; the app supports those with a platform folder. */
const networks = ['x', 'bluesky', 'mastodon', 'linkedin', 'facebook', 'instagram', 'threads'];
const quoted = (names: string[]) => names.map((n) => `'${n}'`).join(', ');

const statements = [
  // Where the account lives when the network has no fixed host: the PDS for Bluesky, the
  // instance for Mastodon (an origin, https:// or loopback http://). NULL for X.
  `ALTER TABLE social_accounts ADD COLUMN service_url TEXT`,
  // Network-specific account settings as a JSON object, validated by the network's folder
  // (Mastodon: the instance's character limit, the default visibility).
  `ALTER TABLE social_accounts ADD COLUMN settings TEXT NOT NULL DEFAULT '{}'
     CHECK (json_valid(settings) AND json_type(settings) = 'object')`,

  // Per target, the network's options for this post (Mastodon's visibility and content
  // warning), a JSON object validated by the network's folder.
  `ALTER TABLE post_targets ADD COLUMN options TEXT NOT NULL DEFAULT '{}'
     CHECK (json_valid(options) AND json_type(options) = 'object')`,

  // What a reply to the part must name besides its id (Bluesky: the record's CID).
  `ALTER TABLE post_target_parts ADD COLUMN remote_ref TEXT`,

  // An OAuth app registered on one server (Mastodon: once per instance, kept), its
  // secret encrypted by the vault like every token.
  `CREATE TABLE platform_apps (
    platform TEXT NOT NULL,
    origin TEXT NOT NULL,
    redirect_uri TEXT NOT NULL,
    client_id TEXT NOT NULL,
    secret_ciphertext BLOB NOT NULL,
    scopes TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (platform, origin, redirect_uri)
  ) STRICT`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await rebuildWithCheck(
    db,
    'social_accounts',
    `CHECK (platform IN ('x'))`,
    `CHECK (platform IN (${quoted(networks)}))`,
  );
  await rebuildWithCheck(
    db,
    'account_credentials',
    `CHECK (kind IN ('oauth2', 'oauth1'))`,
    `CHECK (kind IN ('oauth2', 'oauth1', 'session'))`,
  );
  for (const statement of statements) await sql.raw(statement).execute(db);
}
