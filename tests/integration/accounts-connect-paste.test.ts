// One connect flow, two ways back ([Note: pasted address]): the loopback callback and the
// address the user pastes (accounts:paste-address), against the fake X server. A pasted
// address goes through the same state check; a wrong one is refused while the flow keeps
// waiting; the first good answer wins and the other way then finds nothing to finish.
import { describe, expect, it } from 'vitest';
import { expectOk } from '../helpers/core.ts';
import {
  addClient,
  flowOutcome,
  followRedirect,
  makeXCore,
  startConnect,
  startX,
} from '../helpers/x-accounts.ts';

async function approvedFlow() {
  const fake = await startX();
  const core = await makeXCore(fake);
  const clientId = await addClient(core);
  const user = fake.addUser({ username: 'pastedbakery' });
  const { flow } = await startConnect(core, fake, clientId);
  return { fake, core, clientId, user, flow };
}

describe('a connect flow answered by a pasted address', () => {
  it('connects from the pasted address, and the loopback callback then finds nothing to finish', async () => {
    const { fake, core, clientId, user, flow } = await approvedFlow();
    expect(flow.awaitsPaste).toBe(false);
    const outcome = flowOutcome(core, flow.flowId);
    const redirect = await fake.approve(flow.authorizeUrl, { userId: user.id });

    const account = expectOk(
      await core.invoke('accounts:paste-address', { flowId: flow.flowId, address: redirect }),
    );
    expect(account).toMatchObject({ clientId, handle: 'pastedbakery', status: 'active' });
    expect(await outcome).toMatchObject({ ok: true, account: { id: account.id } });
    // The code was redeemed once; the listener is gone with the flow.
    expect(fake.ledger.requests().filter((r) => r.path === '/2/oauth2/token')).toHaveLength(1);
    await expect(followRedirect(redirect)).rejects.toThrow();

    const again = await core.invoke('accounts:paste-address', {
      flowId: flow.flowId,
      address: redirect,
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('refuses a wrong state, another address and an address without a code, and keeps waiting', async () => {
    const { fake, core, user, flow } = await approvedFlow();
    const outcome = flowOutcome(core, flow.flowId);
    const redirect = new URL(await fake.approve(flow.authorizeUrl, { userId: user.id }));
    const paste = (address: string) =>
      core.invoke('accounts:paste-address', { flowId: flow.flowId, address });

    const forged = new URL(redirect);
    forged.searchParams.set('state', 'not-the-state-starling-sent-aaaaaaaaaaaaaaa');
    const stateless = new URL(redirect);
    stateless.searchParams.delete('state');
    const elsewhere = new URL(redirect.search, 'https://elsewhere.example/callback');
    const codeless = new URL(redirect);
    codeless.searchParams.delete('code');
    for (const [address, words] of [
      [forged.href, 'the state does not match'],
      [stateless.href, 'still waiting'],
      [elsewhere.href, `not the address the sign-in sends you back to (${flow.redirectUri})`],
      [codeless.href, 'no sign-in code'],
      ['nonsense', 'not the address'],
    ] as const) {
      const refused = await paste(address);
      expect(refused.ok).toBe(false);
      if (!refused.ok) {
        expect(refused.error.code).toBe('VALIDATION');
        expect(refused.error.message).toContain(words);
      }
    }
    expect(core.seen.filter((s) => s.event.startsWith('account:'))).toEqual([]);
    expect(fake.ledger.requests().filter((r) => r.path === '/2/oauth2/token')).toEqual([]);

    // Still waiting: the loopback way back finishes it, and a paste is then too late.
    expect((await followRedirect(redirect.href)).status).toBe(200);
    expect(await outcome).toMatchObject({ ok: true, account: { platformUserId: user.id } });
    expect(await paste(redirect.href)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('ends the flow on a pasted denial, as on a loopback one', async () => {
    const { fake, core, user, flow } = await approvedFlow();
    const outcome = flowOutcome(core, flow.flowId);
    const redirect = await fake.approve(flow.authorizeUrl, { userId: user.id, deny: true });
    const refused = await core.invoke('accounts:paste-address', {
      flowId: flow.flowId,
      address: redirect,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'PLATFORM_REJECTED', details: { reason: 'denied' } },
    });
    expect(await outcome).toMatchObject({ ok: false, error: { details: { reason: 'denied' } } });
    expect(expectOk(await core.invoke('accounts:list', {}))).toEqual([]);
  });

  it('refuses a paste for a flow that does not exist', async () => {
    const { core } = await approvedFlow();
    expect(
      await core.invoke('accounts:paste-address', {
        flowId: 'no-such-flow',
        address: 'http://127.0.0.1:1/callback?code=c&state=s',
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
