// Three networks on one client: fake X, Bluesky and Mastodon servers whose clocks follow
// the real one, a core on a fresh data folder pointed at them, and one account on each
// connected through the real connect flows. Closed when the test finishes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { addClient } from '../helpers/x-accounts.ts';
import {
  blueskyNetwork,
  followRealTime,
  mastodonNetwork,
  realTimeCore,
  xNetwork,
} from './soak-networks.ts';

export async function threeNetworks() {
  const x = await xNetwork();
  const bluesky = await blueskyNetwork();
  const mastodon = await mastodonNetwork();
  const networks = [x, bluesky, mastodon];
  const stopFollowing = followRealTime(networks);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'starling-together-'));
  const core = await realTimeCore(dataDir, x.origin);
  onTestFinished(async () => {
    stopFollowing();
    await core.close();
    for (const network of networks) await network.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const clientId = await addClient(core);
  const ids = [];
  for (const network of networks) {
    ids.push((await network.connect(core, 0, clientId)).account.id);
  }
  return { core, x, bluesky, mastodon, clientId, accountIds: ids, dataDir };
}
