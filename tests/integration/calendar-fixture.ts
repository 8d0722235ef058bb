// A calendar on a real database: two clients in different zones, three X accounts.
import { makeCore } from '../helpers/core.ts';
import { makeAccount, makeClient } from '../helpers/post-factories.ts';

export const day = (d: number, h = 9) => Date.UTC(2026, 11, d, h, 0);

export async function calendarSetup() {
  const core = await makeCore();
  const db = core.database.db;
  const acme = await makeClient(db, { name: 'Acme', timezone: 'Europe/Berlin' });
  const beta = await makeClient(db, { name: 'Beta', timezone: 'America/New_York' });
  const acmeX = await makeAccount(db, acme, { handle: 'acme' });
  const acmeDe = await makeAccount(db, acme, { handle: 'acme_de' });
  const betaX = await makeAccount(db, beta, { handle: 'beta' });
  return { core, db, acme, beta, acmeX, acmeDe, betaX };
}
