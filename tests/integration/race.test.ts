// The race of [Note: refresh leases], short: the browser host publishing, the daemon and
// a loop of `analytics sync` on one folder, 30-second tokens, token endpoints failing now
// and then. `npm run race` runs it for 10 minutes.
import { describe, expect, it } from 'vitest';
import { runRace } from './race-scenario.ts';

describe('three processes on one folder with 30-second tokens', () => {
  it('presents no refresh token twice, needs no reconnect, and posts everything once', async () => {
    const report = await runRace({ durationMs: 40_000, accounts: 2, postsPerAccount: 4 });
    console.log(`race: ${JSON.stringify(report)}`);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({
      needsReauth: 0,
      duplicates: 0,
      lost: 0,
      refreshReuses: { x: 0, bluesky: 0 },
      published: report.posts,
    });
    // The race really happened: many refreshes, faults and sync runs.
    expect(report.tokenCalls.x).toBeGreaterThan(5);
    expect(report.tokenCalls.bluesky).toBeGreaterThan(5);
    expect(report.syncRuns).toBeGreaterThan(3);
    expect(report.tokenFaults).toBeGreaterThan(3);
  }, 500_000);
});
