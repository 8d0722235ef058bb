// Where a network's handle is a name (a Facebook Page's, a LinkedIn member's), the core's
// refusals and the CLI's calendar and import lines name the account without an "@", as
// the app does; an X handle keeps its "@" ([Note: network rules], shownHandle).
import { describe, expect, it } from 'vitest';
import { accountNamer } from '../../main/cli/account-names.ts';
import { rangeText } from '../../main/cli/calendar-commands.ts';
import { reportText } from '../../main/cli/data-commands.ts';
import { expectOk, makeCore } from '../helpers/core.ts';
import { makeNetworkAccount } from '../helpers/network-account-rows.ts';
import { makeClient } from '../helpers/post-factories.ts';

const hour = 60 * 60_000;

async function setup() {
  const core = await makeCore();
  const db = core.database.db;
  const clientId = await makeClient(db, { name: 'Rye & Co', timezone: 'Europe/Berlin' });
  const otherId = await makeClient(db, { name: 'Crumb', timezone: 'Europe/Berlin' });
  const page = await makeNetworkAccount(db, clientId, { platform: 'facebook', handle: 'Rye & Co' });
  const x = await makeNetworkAccount(db, clientId, { platform: 'x', handle: 'ryeandco' });
  const member = await makeNetworkAccount(db, clientId, {
    platform: 'linkedin',
    handle: 'Ada Baker',
    status: 'disconnected',
  });
  return { core, clientId, otherId, page, x, member };
}

describe('accounts whose handle is a name', () => {
  it('are refused by name, without an @, when scheduling, saving a draft or reading metrics', async () => {
    const { core, clientId, otherId, page, member } = await setup();
    const schedule = (forClient: string, accountId: string) =>
      core.invoke('posts:schedule', {
        clientId: forClient,
        accountIds: [accountId],
        parts: [{ text: 'Rye on Fridays' }],
        when: core.clock.now() + hour,
      });
    expect(await schedule(otherId, page)).toMatchObject({
      ok: false,
      error: { message: 'Rye & Co belongs to another client.' },
    });
    expect(await schedule(clientId, member)).toMatchObject({
      ok: false,
      error: { message: 'Ada Baker is disconnected: reconnect it first.' },
    });
    const draft = await core.invoke('drafts:save', {
      clientId: otherId,
      accountIds: [page],
      localTime: '2026-12-01T09:00',
      parts: [{ text: 'Rye on Fridays' }],
    });
    expect(draft).toMatchObject({
      ok: false,
      error: { message: 'Rye & Co belongs to another client: untick it.' },
    });
    expect(await core.invoke('analytics:refresh-account', { accountId: member })).toMatchObject({
      ok: false,
      error: { message: 'Ada Baker needs reconnecting before its metrics can be read.' },
    });
  });

  it('are named without an @ in the CLI’s calendar lines and CSV import report', async () => {
    const { core, clientId, page, x } = await setup();
    const at = core.clock.now() + hour;
    expectOk(
      await core.invoke('posts:schedule', {
        clientId,
        accountIds: [page, x],
        parts: [{ text: 'Rye on Fridays' }],
        when: at,
      }),
    );
    const name = await accountNamer(core.invoke);
    const range = expectOk(await core.invoke('calendar:range', { from: at - hour, to: at + hour }));
    const line = rangeText(range, 'Europe/Berlin', name).split('\n').at(-1) ?? '';
    // Accounts in id order, as the calendar keeps them: the Page was made first.
    expect(line).toContain(' Rye & Co @ryeandco  Rye on Fridays');

    const csv =
      'text,account,when\n' +
      'Seeded rye,fb:Rye-&-Co,2026-12-01 09:00\n' +
      'Disconnected,linkedin:Ada-Baker,2026-12-01 10:00\n';
    const report = expectOk(await core.invoke('data:import-csv', { csv, dryRun: true }));
    const text = reportText(report, name);
    expect(text).toContain('row 2: would schedule Rye & Co at 2026-12-01 09:00 Europe/Berlin');
    expect(text).toContain(
      'row 3, column "account": Ada Baker is disconnected: reconnect it first.',
    );
    expect(text).not.toContain('@Rye');
    expect(text).not.toContain('@Ada');
  });
});
