// CSV import and export with Facebook Pages: a Page named with spaces written as one word
// (`facebook:Rye-&-Co`, or `fb:` for short, any case), a part over Starling's own limit
// refused, and an export that imports back to the same Page.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { expectOk, makeCore } from '../helpers/core.ts';
import { asCopies } from '../helpers/csv-copies.ts';
import { makeNetworkAccount } from '../helpers/network-account-rows.ts';
import { makeClient } from '../helpers/post-factories.ts';

describe('CSV with Facebook Pages', () => {
  it('imports by the Page’s name and Facebook’s rules, and exports back to the same Page', async () => {
    const core = await makeCore();
    const db = core.database.db;
    const clientId = await makeClient(db, { name: 'Rye & Co', timezone: 'Europe/Berlin' });
    const page = await makeNetworkAccount(db, clientId, {
      platform: 'facebook',
      handle: 'Rye & Co',
    });
    const csv =
      'text,account,when\n' +
      'Fresh rye at https://rye.example,fb:Rye-&-Co,2026-12-01 09:00\n' +
      `${'c'.repeat(10_001)},facebook:rye-&-co,2026-12-01 10:00\n`;
    const report = expectOk(await core.invoke('data:import-csv', { csv, dryRun: true }));
    expect(report.rows.map((r) => r.issues.map((i) => i.message))).toEqual([
      [],
      // Starling keeps a part to 10,000 characters, below Facebook's 63,206.
      [expect.stringMatching(/a part holds at most 10000/)],
    ]);
    const done = expectOk(
      await core.invoke('data:import-csv', { csv, dryRun: false, validRowsOnly: true }),
    );
    expect(done.imported).toBe(1);
    const exported = expectOk(await core.invoke('data:export', { format: 'csv' }));
    const rows = parse<Record<string, string>>(exported.content, { columns: true });
    expect(rows.map((r) => r.account)).toEqual(['facebook:Rye-&-Co']);
    const back = expectOk(
      await core.invoke('data:import-csv', { csv: asCopies(exported.content), dryRun: false }),
    );
    const detail = expectOk(await core.invoke('posts:get', { id: back.postIds[0] ?? '' }));
    expect(detail.targets.map((t) => t.accountId)).toEqual([page]);
  });
});
