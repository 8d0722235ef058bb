// Demo data for looking at the app: a data folder seeded through the real core (migrated
// SQLite, the row factories) with clients, X/Bluesky/Mastodon accounts, a month of posts
// around `now`, media, a campaign, queue slots, analytics readings and a client who
// approves each post (a review packet sent, partly answered), and, given a fake Meta, a
// Facebook Page and an Instagram account with a post each (demo-meta.ts). "realistic" is what
// a freelancer's month looks like; "long" is the worst a person can reasonably type:
// 40-character names, 500-character posts, 60 posts on one day, a 25-part thread, and
// charts with one reading and with 1,000. Used by the layout e2e test and `npm run shots`.
import { createNodePorts } from '../../main/core/adapters/node-ports.ts';
import { createCore } from '../../main/core/create-core.ts';
import { addApproval } from './demo-approval.ts';
import type { FakeMeta } from '../fakes/meta-server/index.ts';
import { addClient, addExtras, addFollowers, addMedia } from './demo-clients.ts';
import { addMetaAccounts, type DemoMetaSeed } from './demo-meta.ts';
import { longClients, longText, realisticClients, texts } from './demo-content.ts';
import { addMonth, addPost, dayMs, hourMs } from './demo-posts.ts';

export type DemoContent = 'realistic' | 'long';

export interface DemoSeed {
  dataDir: string;
  clients: { id: string; name: string }[];
  /** Start (ms) of the local day holding 60 posts ("long" only), for the week view. */
  busyDay: number | null;
  /** The client whose followers chart has one reading, and the one with 1,000 ("long"). */
  oneReadingClient: string | null;
  thousandReadingsClient: string | null;
  /** The longest thread (3 parts, or 25 for "long") and its part count. */
  threadPostId: string | null;
  threadParts: number;
  /** The first client's first account, without the @. */
  firstAccountHandle: string;
  /** The first client's Facebook Page and Instagram account, when seeded with a fake Meta. */
  meta: DemoMetaSeed | null;
}

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

export async function seedDemo(
  dataDir: string,
  /** `meta`: a fake Meta to connect the first client's Page and Instagram account to. */
  options: { content: DemoContent; now?: number; meta?: FakeMeta },
): Promise<DemoSeed> {
  const now = options.now ?? Date.now();
  const long = options.content === 'long';
  const ports = createNodePorts(dataDir, {
    clock: { now: () => now },
    logger: silent,
    localTimeZone: 'Europe/Berlin',
  });
  const core = await createCore({ dataDir, host: 'cli', ports });
  const db = core.database.db;
  // A throw-away folder: no need to wait for the disk on each of a few thousand inserts.
  core.database.sqlite.pragma('synchronous = OFF');
  try {
    const clients = [];
    for (const spec of long ? longClients : realisticClients)
      clients.push(await addClient(db, spec, now));
    const seed: DemoSeed = {
      dataDir,
      clients: clients.map(({ id, name }) => ({ id, name })),
      busyDay: null,
      oneReadingClient: null,
      thousandReadingsClient: null,
      threadPostId: null,
      threadParts: 0,
      firstAccountHandle: (long ? longClients : realisticClients)[0]?.accounts[0]?.handle ?? '',
      meta: null,
    };
    const first = clients[0];
    if (first === undefined) throw new Error('no clients to seed');
    await addMedia(core, dataDir, first.id, long);
    await addExtras(db, first.id, first.accounts[0] ?? '', long, now);
    if (options.meta !== undefined) {
      seed.meta = await addMetaAccounts(core, options.meta, {
        dataDir,
        clientId: first.id,
        long,
        now,
      });
    }
    if (!long) {
      for (const [i, client] of clients.entries()) {
        await addMonth(db, client, i, now, false);
        for (const [j, account] of client.accounts.entries()) {
          await addFollowers(db, account, now, 30, 1200 + i * 800 + j * 300);
        }
      }
      seed.threadParts = 3;
      seed.threadPostId = await addPost(db, {
        clientId: first.id,
        accountIds: first.accounts,
        parts: [
          'Our bread, start to finish: a thread. 🧵',
          'Midnight: the starter gets fed and the dough is mixed.',
          '5 am: shaping, then into the oven. Doors open at 7.',
        ],
        at: Math.floor(now / dayMs) * dayMs + 3 * dayMs + 9 * hourMs,
        now,
      });
      await addApproval(core, first.id, now);
      return seed;
    }
    const [, oneReading, thousand] = clients;
    await addMonth(db, first, 0, now, true);
    for (const [j, account] of first.accounts.entries()) {
      await addFollowers(db, account, now, 30, 123_456 + j * 1000);
    }
    // 60 posts in one day (tomorrow), every 12 minutes from 08:00 Berlin.
    const busyDay = Math.floor(now / dayMs) * dayMs + dayMs;
    for (let i = 0; i < 60; i += 1) {
      await addPost(db, {
        clientId: first.id,
        accountIds: first.accounts.slice(0, 1 + (i % 3)),
        parts: [
          i % 5 === 0 ? longText(500, i) : `${texts[i % texts.length] ?? ''} (${String(i + 1)}/60)`,
        ],
        at: busyDay + 7 * hourMs + i * 12 * 60_000,
        now,
      });
    }
    seed.busyDay = busyDay;
    seed.threadParts = 25;
    seed.threadPostId = await addPost(db, {
      clientId: first.id,
      accountIds: first.accounts,
      parts: Array.from(
        { length: 25 },
        (_, i) => `${String(i + 1)}/25 ${longText(i % 4 === 0 ? 280 : 120, i)}`,
      ),
      at: busyDay + 2 * dayMs + 10 * hourMs,
      now,
    });
    if (oneReading !== undefined) {
      const account = oneReading.accounts[0] ?? '';
      await addFollowers(db, account, now, 1, 42);
      await addPost(db, {
        clientId: oneReading.id,
        accountIds: [account],
        parts: [longText(260, 3)],
        at: now - 5 * hourMs,
        now,
        readings: 1,
      });
      seed.oneReadingClient = oneReading.id;
    }
    if (thousand !== undefined) {
      const account = thousand.accounts[0] ?? '';
      await addFollowers(db, account, now, 1000, 98_765_432);
      await addPost(db, {
        clientId: thousand.id,
        accountIds: [account],
        parts: [longText(500, 5)],
        at: now - 20 * dayMs,
        now,
        readings: 1000,
      });
      seed.thousandReadingsClient = thousand.id;
    }
    await addApproval(core, first.id, now);
    return seed;
  } finally {
    await core.close();
  }
}
