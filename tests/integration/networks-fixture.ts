// Three networks on one client: fake X, Bluesky and Mastodon servers whose clocks follow
// the real one, a core on a fresh data folder pointed at them, and one account on each
// connected through the real connect flows. Closed when the test finishes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { createNodePorts } from '../../main/core/adapters/node-ports.ts';
import { createPassphraseCipher } from '../../main/core/adapters/passphrase-cipher.ts';
import { createCore } from '../../main/core/create-core.ts';
import { createXRoute } from '../../main/core/platforms/x/x-agent.ts';
import { recordingLogger } from '../helpers/core.ts';
import { addClient, testPassphrase, type XTestCore } from '../helpers/x-accounts.ts';
import { blueskyNetwork, mastodonNetwork, xNetwork } from './soak-networks.ts';

export async function threeNetworks() {
  const x = await xNetwork();
  const bluesky = await blueskyNetwork();
  const mastodon = await mastodonNetwork();
  const networks = [x, bluesky, mastodon];
  const pump = setInterval(() => {
    for (const network of networks) network.follow(Date.now());
  }, 20);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'starling-together-'));
  const logger = recordingLogger();
  const core = await createCore({
    dataDir,
    host: 'cli',
    ports: createNodePorts(dataDir, {
      logger,
      localTimeZone: 'Europe/Berlin',
      cipher: createPassphraseCipher(dataDir, testPassphrase),
      xRoute: createXRoute({ STARLING_X_API_ORIGIN: x.origin }),
    }),
  });
  onTestFinished(async () => {
    clearInterval(pump);
    await core.close();
    for (const network of networks) await network.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const setup: XTestCore = {
    ...core,
    dataDir,
    clock: { now: () => Date.now(), set: () => undefined, advance: () => undefined },
    logger,
    seen: [],
    advance: () => undefined,
  };
  const clientId = await addClient(setup);
  const ids = [];
  for (const network of networks) {
    ids.push((await network.connect(setup, 0, clientId)).account.id);
  }
  return { core, x, bluesky, mastodon, clientId, accountIds: ids, dataDir };
}
