// "Delete from networks": asks which of the accounts a post went out on it should be
// deleted from (all ticked), says that it cannot be undone and that Starling keeps the
// post, and reports each account that still has it with the network's reason.
import { useState } from 'react';
import type { PostDetail } from '../../../../shared/posts.ts';
import { plural } from '../../../../shared/plural.ts';
import { shortLine } from '../../../../shared/short-text.ts';
import { shownHandle } from '../../../../shared/networks/index.ts';
import { getBridge } from '../../bridge/bridge.ts';
import { showError, showToast } from '../../app/toasts/toast-store.ts';
import { ConfirmDialog } from '../../app/ui/confirm-dialog.tsx';
import { useAccounts } from '../accounts/accounts-store.ts';
import { networkNames } from '../accounts/networks/network-glyphs.ts';
import { NetworkIcon } from '../accounts/networks/network-icon.tsx';

/** Targets with something on their network: a whole thread, or one that stopped half-way. */
export const onNetwork = (post: PostDetail) =>
  post.targets.filter((t) => t.status === 'published' || t.status === 'needs_review');

export function UnpublishDialog({ post, onDone }: { post: PostDetail; onDone: () => void }) {
  const accounts = useAccounts((s) => s.accounts);
  const targets = onNetwork(post);
  const [chosen, setChosen] = useState(() => new Set(targets.map((t) => t.accountId)));
  const [busy, setBusy] = useState(false);
  const quoted = `“${shortLine(post.firstLine, 60)}”`;

  async function confirm() {
    if (chosen.size === 0) return;
    setBusy(true);
    const everywhere = chosen.size === targets.length;
    const result = await getBridge().invoke('posts:unpublish', {
      id: post.id,
      ...(everywhere ? {} : { accountIds: [...chosen] }),
    });
    setBusy(false);
    if (!result.ok) {
      showError(result.error.message);
    } else if (result.value.failures.length === 0) {
      showToast(`Deleted ${quoted} from ${plural(result.value.deleted, 'account')}.`);
    } else {
      // The panel names each account and its reason; the toast says how it went.
      const { deleted, failures } = result.value;
      showError(
        `${quoted} is still on ${plural(failures.length, 'account')}${deleted > 0 ? ` (deleted from ${plural(deleted, 'other')})` : ''}: see the post for why.`,
      );
    }
    onDone();
  }

  return (
    <ConfirmDialog
      title="Delete from networks?"
      cancelLabel="Keep it"
      tone="danger"
      busy={busy}
      confirmLabel={
        chosen.size === 0
          ? 'Tick an account first'
          : chosen.size === targets.length
            ? 'Delete everywhere'
            : `Delete from ${plural(chosen.size, 'account')}`
      }
      onCancel={onDone}
      onConfirm={() => {
        void confirm();
      }}
    >
      <p>
        {quoted} will be deleted from the accounts ticked below, with every part of its thread. This
        cannot be undone. Starling keeps the post, marked deleted, with its text and history.
      </p>
      <fieldset className="unpublish-accounts">
        <legend>Delete it from</legend>
        {targets.map((t) => {
          const platform = accounts.find((a) => a.id === t.accountId)?.platform;
          return (
            <label key={t.id} className="unpublish-account">
              <input
                type="checkbox"
                checked={chosen.has(t.accountId)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(t.accountId);
                  else next.delete(t.accountId);
                  setChosen(next);
                }}
              />
              {platform !== undefined && <NetworkIcon platform={platform} size={14} />}
              <span className="unpublish-handle">{shownHandle(t.platform, t.handle)}</span>
              {platform !== undefined && (
                <span className="visually-hidden"> ({networkNames[platform]})</span>
              )}
            </label>
          );
        })}
      </fieldset>
    </ConfirmDialog>
  );
}
