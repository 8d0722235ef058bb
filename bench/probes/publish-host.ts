// Probe run in a process of its own by bench/scheduler-punctuality.ts: Starling's core on
// an existing data folder, publishing what falls due on the real clock, so that the
// network fakes the bench times it against (in the bench's process) take none of its CPU.
//   publish-host.ts DATA_DIR X_ORIGIN
// The other networks' origins come from the environment (STARLING_*_API_ORIGIN). Prints
// "ready" once the scheduler runs; looks at the clock at once on each "check" line (posts
// the bench scheduled meanwhile, as a post made by the CLI is seen by the app's next
// look); publishes until its standard input closes, then stops
// the scheduler, closes the core and prints one JSON document: the posts still waiting for
// a network's posting limit, per network, the CPU time it spent from the first "check"
// (user and system, ms: a figure other work on the machine barely moves, unlike the
// delays), and the warnings and errors it logged.
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import { createNodePorts } from '../../main/core/adapters/node-ports.ts';
import { createPassphraseCipher } from '../../main/core/adapters/passphrase-cipher.ts';
import { createCore } from '../../main/core/create-core.ts';
import { createXRoute } from '../../main/core/platforms/x/x-agent.ts';
import { testPassphrase } from '../../tests/helpers/x-accounts.ts';

const [dataDir, xOrigin] = process.argv.slice(2);
if (dataDir === undefined || xOrigin === undefined) {
  throw new Error('usage: publish-host.ts DATA_DIR X_ORIGIN');
}
const logged: { level: string; message: string }[] = [];
const cipher = createPassphraseCipher(dataDir, testPassphrase);
// As in an app that has been running: its vault key derived (scrypt, once a process) and
// the network libraries it loads on first use loaded, rather than both on the thread
// that publishes the burst's first posts.
cipher.encrypt('warm');
await import('twitter-api-v2');
await import('../../main/core/platforms/bluesky/implementation.ts');
const ports = createNodePorts(dataDir, {
  logger: {
    info: () => undefined,
    warn: (message) => logged.push({ level: 'warn', message }),
    error: (message) => logged.push({ level: 'error', message }),
  },
  localTimeZone: 'Europe/Berlin',
  cipher,
  xRoute: createXRoute({ STARLING_X_API_ORIGIN: xOrigin }),
});
const core = await createCore({ dataDir, host: 'cli', ports });
// As the app's startBackground does: a big database's start-up check holds writes.
await core.database.verified;
await core.scheduler.start();
process.stdout.write('ready\n');
let cpuFrom: NodeJS.CpuUsage | null = null;
for await (const line of createInterface({ input: process.stdin })) {
  if (line !== 'check') continue;
  cpuFrom ??= process.cpuUsage();
  void core.scheduler.checkNow();
}
const cpu = process.cpuUsage(cpuFrom ?? undefined);
await core.scheduler.stop();
// Posts beyond a network's posting limit wait for its window by design.
const paced = await sql<{ platform: string; n: number }>`
  SELECT a.platform, count(*) AS n FROM post_targets t
  JOIN social_accounts a ON a.seq = t.account_seq
  WHERE t.status = 'scheduled' AND t.error_code = 'RATE_LIMITED'
  GROUP BY a.platform`.execute(core.database.db);
await core.close();
process.stdout.write(
  `${JSON.stringify({
    paced: Object.fromEntries(paced.rows.map((r) => [r.platform, r.n])),
    cpuMs: (cpu.user + cpu.system) / 1000,
    logged,
  })}\n`,
);
