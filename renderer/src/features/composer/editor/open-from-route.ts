// What the editor opens with: `#/composer?post=ID` when that post is a draft (other posts
// are shown by the view, not loaded into a new one), `#/composer?account=ID&at=ISO` (a new
// post for that account at that time, from the calendar's free slots), else the last draft.
import { useEffect, useRef } from 'react';
import type { SocialAccount } from '../../../../../shared/accounts.ts';
import { localTimeOf } from '../../../../../shared/schedule-time.ts';
import { getBridge } from '../../../bridge/bridge.ts';
import { useClients } from '../../clients/clients-store.ts';
import { rememberedDraftId, useEditor } from './editor-store.ts';

function routeQuery(): URLSearchParams {
  const hash = window.location.hash;
  const at = hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
}

async function openPost(id: string, asDraft: boolean): Promise<boolean> {
  // Back on the composer with this draft still in the editor: what it holds (perhaps a
  // save refused because the draft changed elsewhere, or one still on its way) stays.
  if (asDraft && useEditor.getState().draftId === id) return true;
  const result = await getBridge().invoke('posts:get', { id });
  if (!result.ok) return false;
  if (asDraft && result.value.status !== 'draft') return false;
  useEditor.getState().open(result.value);
  return true;
}

export function useOpenFromRoute(accounts: SocialAccount[]) {
  const done = useRef(false);
  const clients = useClients((s) => s.clients);
  useEffect(() => {
    if (done.current) return;
    const query = routeQuery();
    const postId = query.get('post');
    const accountId = query.get('account');
    const at = query.get('at');
    if (accountId !== null) {
      // Needs the accounts and clients loaded to know the client and its zone.
      const account = accounts.find((a) => a.id === accountId);
      const client = clients.find((c) => c.id === account?.clientId);
      if (account === undefined || client === undefined) return;
      done.current = true;
      const editor = useEditor.getState();
      editor.reset();
      editor.setClient(client.id);
      editor.toggleAccount(account.id, true);
      const instant = at === null ? Number.NaN : Date.parse(at);
      if (!Number.isNaN(instant)) {
        const [date = '', time = ''] = localTimeOf(instant, client.timezone).split('T');
        editor.setWhen(date, time);
      }
      return;
    }
    done.current = true;
    if (postId !== null) {
      // Only drafts open here: loading a scheduled post into a new one would schedule it twice.
      void openPost(postId, true);
      return;
    }
    const remembered = rememberedDraftId();
    if (remembered !== null) void openPost(remembered, true);
  }, [accounts, clients]);
}
