// A client's approval on its row in Clients: whether each post needs the client's approval
// before it goes out, how many posts sent for review still wait for their word, and the
// two acts of the flow: send the posts that need approval as a packet, and import the
// reply. "Viewed" is never shown: a file sent by email tells nobody it was opened.
import { useState } from 'react';
import type { Client } from '../../../../shared/clients.ts';
import { plural } from '../../../../shared/plural.ts';
import { showError, showToast } from '../../app/toasts/toast-store.ts';
import { useClients } from '../clients/clients-store.ts';
import { ReplyDialog } from './reply-dialog.tsx';
import { pendingFor, useReview } from './review-store.ts';
import './review.css';

export function ClientApproval({ client }: { client: Client }) {
  const update = useClients((s) => s.update);
  const packets = useReview((s) => s.packets);
  const send = useReview((s) => s.send);
  const [pending, setPending] = useState<boolean | null>(null);
  const [importing, setImporting] = useState(false);
  const [sending, setSending] = useState(false);
  const waiting = pendingFor(packets, client.id);
  const sent = packets.some((p) => p.clientId === client.id);
  const required = pending ?? client.requireApproval;

  async function sendUpcoming() {
    setSending(true);
    const result = await send({ clientId: client.id });
    setSending(false);
    if (result.ok) {
      showToast(
        `Saved a review packet of ${plural(result.value.posts.length, 'post')} for ${client.name}: send it to them.`,
      );
    } else {
      showError(result.error.message);
    }
  }

  return (
    <div className="client-approval">
      <label className="hand-off-toggle">
        <input
          type="checkbox"
          checked={required}
          disabled={pending !== null}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            setPending(on);
            void update({ id: client.id, requireApproval: on }).then((result) => {
              setPending(null);
              if (!result.ok) showError(result.error.message);
              else
                showToast(
                  on
                    ? `${client.name}'s posts now wait for their approval.`
                    : `${client.name}'s posts go out without approval again.`,
                );
            });
          }}
        />
        Client approves each post
      </label>
      {waiting > 0 && (
        <span className="client-approval-pending">
          {plural(waiting, 'post')} waiting for {client.name}’s decision
        </span>
      )}
      {required && (
        <button
          type="button"
          className="button button-secondary button-small"
          aria-disabled={sending}
          onClick={() => {
            if (!sending) void sendUpcoming();
          }}
        >
          Send for review
        </button>
      )}
      {(required || sent) && (
        <button
          type="button"
          className="button button-ghost button-small"
          onClick={() => {
            setImporting(true);
          }}
        >
          Import reply…
        </button>
      )}
      {importing && (
        <ReplyDialog
          onClose={() => {
            setImporting(false);
          }}
        />
      )}
    </div>
  );
}
