// What an upgrade of the user's database is doing while the app opens: the full check,
// the backup before migrating, each migration, the check of the migrated data, the
// compaction. [Note: upgrade progress] The core reports it (db/open-database.ts) only when
// a migration is pending; the browser host and the desktop app show it on the upgrade page
// (renderer/upgrade.html), the CLI as lines on stderr. One shape and one wording for all.

export type UpgradePhase = 'checking' | 'backing-up' | 'migrating' | 'verifying' | 'compacting';

export interface UpgradeStep {
  /** 1-based: the migration running now. */
  index: number;
  count: number;
  /** Plain words for what it does ("Building the search index"). */
  description: string;
}

export interface UpgradeProgress {
  phase: UpgradePhase;
  /** Only while migrating. */
  step: UpgradeStep | null;
  /**
   * The share of this phase done, 0–1, where it can be known honestly: pages copied by the
   * backup, migrations finished. Null where SQLite cannot say (a check, VACUUM).
   */
  fraction: number | null;
}

/** Where the upgrade page asks its host for the status, on the page's own origin. */
export const upgradeStatusPath = '/api/upgrade';

/** What the upgrade page gets from its host (GET upgradeStatusPath). */
export type UpgradeStatus =
  { state: 'upgrading'; progress: UpgradeProgress | null } | { state: 'ready' };

const phaseWords: Record<UpgradePhase, string> = {
  checking: 'Checking your data for damage',
  'backing-up': 'Backing up your data before changing it',
  migrating: 'Upgrading your data',
  verifying: 'Checking the upgraded data',
  compacting: 'Giving freed space back to the disk',
};

/** "Checking your data for damage", "Step 3 of 5: Building the search index". */
export function upgradePhaseText(p: UpgradeProgress): string {
  if (p.phase === 'migrating' && p.step !== null) {
    return `Step ${String(p.step.index)} of ${String(p.step.count)}: ${p.step.description}`;
  }
  return phaseWords[p.phase];
}

/** The share done as a whole percent, or null when it is not known. */
export function upgradePercent(p: UpgradeProgress): number | null {
  return p.fraction === null ? null : Math.min(100, Math.max(0, Math.floor(p.fraction * 100)));
}

export const upgradeTitle = 'Upgrading your Starling data…';
export const upgradeAdvice =
  'This may take several minutes for a big archive. Do not close Starling meanwhile: it opens by itself when the upgrade is done.';
