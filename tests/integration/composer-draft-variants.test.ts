// A draft's own text per account: the editor keeps the text of an account it unticked, so
// a save names accounts beyond the ticked ones. Text for one of the client's accounts is
// kept; text for an account removed since, or of another client (the editor was on it
// before), can never be used by this draft and is left out, so the save goes through.
import { describe, expect, it } from 'vitest';
import { expectOk, makeCore } from '../helpers/core.ts';
import { makeAccount, makeClient } from '../helpers/post-factories.ts';

describe('a draft’s text per account', () => {
  it('keeps an unticked account’s own text, and leaves out text no account of the client can use', async () => {
    const core = await makeCore();
    const db = core.database.db;
    const clientId = await makeClient(db, { timezone: 'Europe/Berlin' });
    const a = await makeAccount(db, clientId, { handle: 'bakery' });
    const b = await makeAccount(db, clientId, { handle: 'bakery_de' });
    const stranger = await makeAccount(db, await makeClient(db), { handle: 'stranger' });
    const kept = expectOk(
      await core.invoke('drafts:save', {
        clientId,
        accountIds: [a],
        parts: [{ text: 'Shared', variants: { [b]: 'Only for the German account' } }],
      }),
    );
    expect(kept.parts[0]?.variants).toEqual({ [b]: 'Only for the German account' });

    // Before, a removed account's text failed every save on its foreign key (an internal
    // error), and another client's was written with this client's draft.
    const saved = expectOk(
      await core.invoke('drafts:save', {
        id: kept.id,
        clientId,
        accountIds: [a],
        parts: [
          { text: 'Shared', variants: { [b]: 'Still German', [stranger]: 'Not theirs' } },
          { text: 'Two', variants: { 'removed-account': 'Gone with it' } },
        ],
        baseUpdatedAt: kept.updatedAt,
      }),
    );
    expect(saved.parts.map((p) => p.variants)).toEqual([{ [b]: 'Still German' }, {}]);
    const rows = await db.selectFrom('post_part_variants').select('account_id').execute();
    expect(rows.map((r) => r.account_id)).toEqual([b]);
  });
});
