// The 1,000,000-post dataset of `npm run bench -- --scale 1m`: five years of 10 clients
// with 4 accounts each (X, Bluesky, Mastodon, LinkedIn), posts in creation order with
// UUIDv7-shaped ids, threads, publish jobs and the post event log, and 20,000,000 metric
// readings on the sync's real cadence (read only while the desktop app runs, ~30% of
// the time). Built once into the user's cache folder, keyed by a hash of this generator and
// the migration list, so a changed generator or a new migration builds it afresh.
//
// How it is built fast and honestly: the database is created at migration 0012 (what a
// user had before issue 19's migrations), its secondary indexes and calendar triggers
// dropped, every row written with prepared statements in one transaction (rollback journal,
// no fsync), then the indexes and triggers created again from their own SQL and the
// calendar columns filled as migration 0004 fills them. Then the app's own openDatabase
// migrates it to the current version, timed step by step (quick check, pre-migrate
// backup, migrations), which is what a user upgrading a database this big sits through.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../main/core/db/open-database.ts';
import { migrations } from '../migrations/index.ts';
import { end, millionNow, millionPosts, start, writeRows } from './million-rows.ts';

export { millionNow, millionPosts, millionReadings } from './million-rows.ts';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
/** Schema the data is written against; later migrations are applied by the app. */
const buildAt = '0012-pending-revocations';

export interface MillionDataset {
  /** The cached data folder; copy it before any benchmark that writes. */
  dataDir: string;
  file: string;
  clientIds: string[];
  accountIds: string[];
  start: number;
  end: number;
  now: number;
  /** How the build went (only when built in this run). */
  build: BuildReport | null;
}

export interface BuildReport {
  writeMs: number;
  indexMs: number;
  posts: number;
  parts: number;
  targets: number;
  readings: number;
  /** Opening the built database with the current app: each migration step, in ms. */
  migrate: { step: string; ms: number; backupMs: number | null; compactMs?: number }[];
}

interface Manifest {
  clientIds: string[];
  accountIds: string[];
  build: BuildReport;
  /** The migrations applied to the cached database, with their sources' hashes. */
  migrations: Record<string, string>;
}

/** Bump when the way the rows are written or indexed (this file's build) changes. */
const buildVersion = 1;

const sha = (text: Buffer | string) => crypto.createHash('sha256').update(text).digest('hex');
const migrationsDir = path.join(import.meta.dirname, '..', 'migrations');

/** Each migration of the app with a hash of its source. */
function migrationHashes(): Record<string, string> {
  return Object.fromEntries(
    Object.keys(migrations).map((name) => [
      name,
      sha(fs.readFileSync(path.join(migrationsDir, `${name}.ts`))).slice(0, 16),
    ]),
  );
}

/**
 * The cache key: the generator (its rows, text and random helpers, this file's build
 * version) and the migrations it writes against. Later migrations are not in it: a new one
 * is applied to the cached database as the app would apply it ([Note: cached migrations]).
 */
export function datasetKey(): string {
  const hash = crypto.createHash('sha256').update(String(buildVersion));
  for (const file of ['million-rows.ts', 'million-text.ts', 'random.ts'])
    hash.update(fs.readFileSync(path.join(import.meta.dirname, file)));
  for (const [name, digest] of Object.entries(migrationHashes()))
    if (name <= buildAt) hash.update(digest);
  return hash.digest('hex').slice(0, 16);
}

export function cacheRoot(): string {
  const base =
    process.env.STARLING_BENCH_CACHE ??
    path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'starling-bench');
  return base;
}

/**
 * Holds the cache for this process while `run` builds or migrates it: two bench runs at
 * once (two engineers on one machine) would otherwise delete each other's build. A lock
 * left by a process that is gone is taken over.
 */
async function withCacheLock<T>(root: string, log: (line: string) => void, run: () => Promise<T>) {
  fs.mkdirSync(root, { recursive: true });
  const lock = path.join(root, 'lock');
  let told = false;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      const holder = Number(fs.readFileSync(lock, 'utf8'));
      let alive: boolean;
      try {
        process.kill(holder, 0);
        alive = Number.isInteger(holder) && holder > 0;
      } catch {
        alive = false;
      }
      if (!alive) {
        fs.rmSync(lock, { force: true });
        continue;
      }
      if (!told) log(`waiting for process ${String(holder)}, which is building the dataset…`);
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    }
  }
  try {
    return await run();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/** The cached dataset, built first when missing or made by another generator. */
export function millionDataset(
  log: (line: string) => void,
  posts = millionPosts,
): Promise<MillionDataset> {
  return withCacheLock(cacheRoot(), log, () => cachedDataset(log, posts));
}

async function cachedDataset(log: (line: string) => void, posts: number): Promise<MillionDataset> {
  const root = cacheRoot();
  // A smaller build (a smoke run of the generator) is cached under its own name.
  const dir = path.join(
    root,
    `${posts === millionPosts ? 'million' : `posts${String(posts)}`}-${datasetKey()}`,
  );
  const manifestFile = path.join(dir, 'manifest.json');
  let fresh = false;
  // [Note: cached migrations] A migration added since the build is applied to the cached
  // database (and timed, as a user's upgrade); one changed since it was applied means the
  // cache no longer is what the app would have made, so it is built again.
  const current = migrationHashes();
  if (fs.existsSync(manifestFile)) {
    const cached = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
    const changed = Object.entries(cached.migrations).some(([name, h]) => current[name] !== h);
    if (changed) fs.rmSync(dir, { recursive: true, force: true });
  }
  if (!fs.existsSync(manifestFile)) {
    fs.mkdirSync(root, { recursive: true });
    const kind = path.basename(dir).split('-')[0] ?? 'million';
    const others = () => fs.readdirSync(root).filter((n) => n.startsWith(`${kind}-`));
    // A build a stopped run left half-done is of no use to anyone.
    for (const old of others().filter((n) => n.endsWith('.building')))
      fs.rmSync(path.join(root, old), { recursive: true, force: true });
    const building = `${dir}.building`;
    fs.mkdirSync(building, { recursive: true });
    log(`building the ${String(posts)}-post dataset in ${dir} (once; cached)…`);
    const manifest = await build(building, posts, log);
    fs.writeFileSync(path.join(building, 'manifest.json'), JSON.stringify(manifest, null, 2));
    fs.renameSync(building, dir);
    // One cached dataset at a time (they are several GB each), but the previous one goes
    // only once this one is whole: a run stopped mid-build (an hour here) must not cost
    // the cache a reverted change would have found again.
    for (const old of others().filter((n) => n !== path.basename(dir)))
      fs.rmSync(path.join(root, old), { recursive: true, force: true });
    fresh = true;
  }
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  const pending = Object.keys(current).filter((name) => !(name in manifest.migrations));
  if (pending.length > 0) {
    log(`applying ${pending.join(', ')} to the cached dataset…`);
    manifest.build.migrate.push(...(await migrateSteps(dir, pending, log)));
    manifest.migrations = current;
    fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
    fresh = true;
  }
  return {
    dataDir: dir,
    file: path.join(dir, 'starling.db'),
    clientIds: manifest.clientIds,
    accountIds: manifest.accountIds,
    start,
    end,
    now: millionNow,
    build: fresh ? manifest.build : null,
  };
}

async function build(
  dataDir: string,
  posts: number,
  log: (line: string) => void,
): Promise<Manifest> {
  const early = Object.fromEntries(Object.entries(migrations).filter(([name]) => name <= buildAt));
  const opened = await openDatabase({
    dataDir,
    now: () => start,
    logger: silent,
    migrations: early,
  });
  await opened.db.destroy();
  const db = new Database(path.join(dataDir, 'starling.db'));
  // A rollback journal only keeps pages that existed before (a few): new pages are not copied.
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -524288');
  const deferred = db
    .prepare(
      "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND name NOT LIKE 'sqlite_%'",
    )
    .all() as { type: 'index' | 'trigger'; name: string; sql: string }[];
  for (const d of deferred) db.exec(`DROP ${d.type.toUpperCase()} "${d.name}"`);

  const written = performance.now();
  const counts = writeRows(db, posts);
  const writeMs = performance.now() - written;
  log(`  rows written in ${(writeMs / 1000).toFixed(0)} s; indexes and triggers…`);
  const indexed = performance.now();
  for (const d of deferred.filter((x) => x.type === 'index')) db.exec(d.sql);
  // The calendar columns, exactly as migration 0004 fills them, then its triggers.
  db.exec(`UPDATE posts SET
    cal_first_line = coalesce((SELECT substr(pp.text, 1, CASE WHEN instr(pp.text, char(10)) BETWEEN 1 AND 140 THEN instr(pp.text, char(10)) - 1 ELSE 140 END)
                               FROM post_parts pp WHERE pp.post_id = posts.id AND pp.position = 0), ''),
    cal_parts = (SELECT count(*) FROM post_parts pp WHERE pp.post_id = posts.id),
    cal_accounts = coalesce((SELECT group_concat(t.account_id || ' ' || a.handle, ',')
                             FROM post_targets t JOIN social_accounts a ON a.id = t.account_id
                             WHERE t.post_id = posts.id), '')`);
  for (const d of deferred.filter((x) => x.type === 'trigger')) db.exec(d.sql);
  const broken = db.pragma('foreign_key_check') as unknown[];
  if (broken.length > 0) throw new Error(`dataset has ${String(broken.length)} broken references`);
  db.pragma('journal_mode = WAL');
  db.close();
  const indexMs = performance.now() - indexed;
  log(`  indexed in ${(indexMs / 1000).toFixed(0)} s; migrating with the app…`);

  const later = Object.keys(migrations).filter((name) => name > buildAt);
  const migrate = await migrateSteps(dataDir, later, log);
  return {
    clientIds: counts.clientIds,
    accountIds: counts.accountIds,
    build: { writeMs, indexMs, ...counts.report, migrate },
    migrations: migrationHashes(),
  };
}

/** The app's own upgrade of the database, one openDatabase per migration, each timed. */
async function migrateSteps(
  dataDir: string,
  steps: string[],
  log: (line: string) => void,
): Promise<BuildReport['migrate']> {
  const migrate: BuildReport['migrate'] = [];
  for (const step of steps) {
    const seen: { backedUpAt: number | null; compactMs?: number } = { backedUpAt: null };
    const began = performance.now();
    const upTo = Object.fromEntries(Object.entries(migrations).filter(([name]) => name <= step));
    const next = await openDatabase({
      dataDir,
      now: () => millionNow,
      logger: {
        ...silent,
        info: (message, fields) => {
          if (message === 'database backed up before migrating')
            seen.backedUpAt = performance.now();
          // [Note: compaction after migrating]: the VACUUM that ends a step, when it ran.
          if (message === 'database compacted after migrating' && typeof fields?.ms === 'number')
            seen.compactMs = fields.ms;
        },
      },
      migrations: upTo,
    });
    const ms = performance.now() - began;
    await next.db.destroy();
    fs.rmSync(path.join(dataDir, 'backups'), { recursive: true, force: true });
    migrate.push({
      step,
      ms,
      backupMs: seen.backedUpAt === null ? null : seen.backedUpAt - began,
      ...(seen.compactMs !== undefined && { compactMs: seen.compactMs }),
    });
    log(`  ${step}: ${(ms / 1000).toFixed(1)} s`);
  }
  return migrate;
}
