// A real core for tests of a network other than X, on a fresh data folder (or `dataDir`):
// a passphrase vault, a fake clock that starts where the fake network's does, and
// processing waits that move both clocks instead of sleeping. The network's own route is
// set by its helper (an origin override) before this is called.
import { onTestFinished } from 'vitest';
import { createNodePorts } from '../../main/core/adapters/node-ports.ts';
import { createPassphraseCipher } from '../../main/core/adapters/passphrase-cipher.ts';
import { createCore } from '../../main/core/create-core.ts';
import { createXRoute } from '../../main/core/platforms/x/x-agent.ts';
import type { FakeClock } from '../fakes/http-kit/types.ts';
import { fakeClock, recordEvents, recordingLogger } from './core.ts';
import { tempDataDir } from './temp-dir.ts';
import { testPassphrase, type XTestCore } from './x-accounts.ts';

export async function makeNetworkCore(
  fake: { clock: FakeClock },
  options: { dataDir?: string } = {},
): Promise<XTestCore> {
  const dataDir = options.dataDir ?? tempDataDir();
  const clock = fakeClock(fake.clock.now());
  const logger = recordingLogger();
  const advance = (ms: number) => {
    clock.advance(ms);
    fake.clock.advance(ms);
  };
  const ports = createNodePorts(dataDir, {
    clock,
    logger,
    localTimeZone: 'Europe/Berlin',
    cipher: createPassphraseCipher(dataDir, testPassphrase),
    // X is never called here; its route only has to exist.
    xRoute: createXRoute({}),
  });
  const core = await createCore({
    dataDir,
    host: 'cli',
    ports,
    tuning: {
      sleep: (ms) => {
        advance(ms);
        return Promise.resolve();
      },
    },
  });
  onTestFinished(() => core.close());
  const seen = recordEvents(core.events);
  return { ...core, dataDir, clock, logger, seen, advance };
}
