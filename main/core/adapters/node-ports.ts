// Ports for hosts that run the core in plain Node: the browser host, the CLI and tests.
import path from 'node:path';
import { uuidv7 } from 'uuidv7';
import { createXRoute } from '../platforms/x/x-agent.ts';
import type { Ports } from '../ports.ts';
import { createFileLogger } from './file-logger.ts';
import { createJsonFileStore } from './json-file-store.ts';
import { createPassphraseCipher } from './passphrase-cipher.ts';
import { systemClock } from './system-clock.ts';

export function createNodePorts(dataDir: string, overrides: Partial<Ports> = {}): Ports {
  const clock = overrides.clock ?? systemClock;
  return {
    clock,
    // Read when first asked (a new client's default zone): Intl's first use costs start-up.
    get localTimeZone() {
      return overrides.localTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    },
    logger: overrides.logger ?? createFileLogger(dataDir, () => clock.now()),
    cipher:
      overrides.cipher ?? createPassphraseCipher(dataDir, process.env.STARLING_VAULT_PASSPHRASE),
    preferences:
      overrides.preferences ?? createJsonFileStore(path.join(dataDir, 'preferences.json')),
    newId: overrides.newId ?? uuidv7,
    xRoute: overrides.xRoute ?? createXRoute(process.env),
    // Headless hosts have no browser of their own; the CLI passes one unless --no-browser.
    openUrl: overrides.openUrl ?? (() => Promise.resolve(false)),
    // The scheduler's defaults (real timers, a probe of X) apply when these are unset.
    ...(overrides.timers !== undefined && { timers: overrides.timers }),
    ...(overrides.network !== undefined && { network: overrides.network }),
    ...(overrides.pickMediaFiles !== undefined && { pickMediaFiles: overrides.pickMediaFiles }),
    ...(overrides.printPdf !== undefined && { printPdf: overrides.printPdf }),
    ...(overrides.pickCsvFile !== undefined && { pickCsvFile: overrides.pickCsvFile }),
  };
}
