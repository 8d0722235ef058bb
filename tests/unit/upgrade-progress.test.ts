// [Note: upgrade progress] The words the upgrade page and the CLI show: every migration
// has its own plain description (a new one without shows its file name to the user), and
// each phase reads as a person would say it, with the share done only where it is known.
import { describe, expect, it } from 'vitest';
import { migrationDescriptions, migrations } from '../../migrations/index.ts';
import { upgradePercent, upgradePhaseText } from '../../shared/upgrade-progress.ts';

describe('upgrade progress words', () => {
  it('describes every migration, each differently', () => {
    expect(Object.keys(migrationDescriptions).sort()).toEqual(Object.keys(migrations).sort());
    const words = Object.values(migrationDescriptions);
    expect(new Set(words).size).toBe(words.length);
  });

  it('says the step and its share only where they are known', () => {
    const step = { index: 2, count: 3, description: 'Building the search index' };
    expect(upgradePhaseText({ phase: 'migrating', step, fraction: 1 / 3 })).toBe(
      'Step 2 of 3: Building the search index',
    );
    expect(upgradePercent({ phase: 'migrating', step, fraction: 1 / 3 })).toBe(33);
    expect(upgradePhaseText({ phase: 'checking', step: null, fraction: null })).toBe(
      'Checking your data for damage',
    );
    expect(upgradePercent({ phase: 'compacting', step: null, fraction: null })).toBeNull();
    expect(upgradePercent({ phase: 'backing-up', step: null, fraction: 0.999 })).toBe(99);
    expect(upgradePercent({ phase: 'backing-up', step: null, fraction: 1 })).toBe(100);
  });
});
