// `npm run race`: the race of [Note: refresh leases] for 10 minutes (the browser host
// publishing, `starling daemon` and a loop of `starling analytics sync` on one folder,
// 30-second tokens, token endpoints failing now and then), printing the counts; exits 1
// on any refresh token presented twice, any reconnect needed, or any post lost or doubled.
import { runRace } from '../tests/integration/race-scenario.ts';

const report = await runRace({
  durationMs: 10 * 60_000,
  accounts: 3,
  postsPerAccount: 20,
  log: (line) => {
    process.stdout.write(`race: ${line}\n`);
  },
});
const { problems, ...counts } = report;
for (const [name, value] of Object.entries(counts)) {
  const shown = typeof value === 'number' ? String(value) : JSON.stringify(value);
  process.stdout.write(`${name.padEnd(16)} ${shown}\n`);
}
for (const problem of problems) process.stdout.write(`PROBLEM: ${problem}\n`);
const ok =
  problems.length === 0 &&
  report.needsReauth === 0 &&
  report.duplicates === 0 &&
  report.lost === 0 &&
  report.refreshReuses.x === 0 &&
  report.refreshReuses.bluesky === 0;
process.stdout.write(ok ? 'race: OK\n' : 'race: FAILED\n');
process.exitCode = ok ? 0 : 1;
