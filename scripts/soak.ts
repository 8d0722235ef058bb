// `npm run soak`: the soak scenario at full size (≥ 300 posts, 4 accounts on each of X,
// Bluesky, Mastodon and LinkedIn (two members, two company pages), ≥ 5 SIGKILLs of the
// daemon process), printing the counts; exits 1 on any problem.
import { runSoak } from '../tests/integration/soak-scenario.ts';

const report = await runSoak({
  posts: 320,
  accounts: 4,
  spreadMs: 60_000,
  kills: 8,
  settleMs: 60_000,
  log: (line) => {
    process.stdout.write(`soak: ${line}\n`);
  },
});
const { problems, faults, ...counts } = report;
for (const [name, value] of Object.entries(counts)) {
  const shown = typeof value === 'number' ? String(value) : JSON.stringify(value);
  process.stdout.write(`${name.padEnd(18)} ${shown}\n`);
}
process.stdout.write(`faults injected    ${JSON.stringify(faults)}\n`);
for (const problem of problems) process.stdout.write(`PROBLEM: ${problem}\n`);
const ok = problems.length === 0 && report.duplicates === 0 && report.lost === 0;
process.stdout.write(ok ? 'soak: OK\n' : 'soak: FAILED\n');
process.exitCode = ok ? 0 : 1;
