// Asks before archiving; archiving is reversible, and the toast after it offers Undo. An
// archived client's scheduled posts still go out, though the calendar no longer shows
// them, so the dialog counts them and says so: the user cancels them first or knowingly
// lets them run out.
import { useEffect, useState } from 'react';
import type { Client } from '../../../../shared/clients.ts';
import { plural } from '../../../../shared/plural.ts';
import { postLimits } from '../../../../shared/posts.ts';
import { ConfirmDialog } from '../../app/ui/confirm-dialog.tsx';
import { getBridge } from '../../bridge/bridge.ts';

interface ArchiveDialogProps {
  client: Client;
  onCancel: () => void;
  onConfirm: () => void;
}

/** How many of the client's posts are still to go out; null until known. */
function useWaitingPosts(clientId: string): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    void getBridge()
      .invoke('posts:list', {
        clientId,
        status: 'scheduled',
        from: Date.now() - 24 * 60 * 60_000,
        limit: postLimits.listMax,
      })
      .then((result) => {
        if (live && result.ok) setCount(result.value.length);
      });
    return () => {
      live = false;
    };
  }, [clientId]);
  return count;
}

export function ArchiveDialog({ client, onCancel, onConfirm }: ArchiveDialogProps) {
  const waiting = useWaitingPosts(client.id);
  return (
    <ConfirmDialog
      title={`Archive ${client.name}?`}
      confirmLabel="Archive"
      tone="danger"
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <p>
        {client.name} will be hidden from your client list and calendar. Nothing is deleted, and you
        can unarchive it at any time.
      </p>
      {waiting !== null && waiting > 0 && (
        <p className="archive-waiting" role="note">
          {waiting >= postLimits.listMax ? 'At least ' : ''}
          {plural(waiting, 'scheduled post')} will still go out on time. Cancel{' '}
          {waiting === 1 ? 'it' : 'them'} first if {client.name}&rsquo;s posting should stop.
        </p>
      )}
    </ConfirmDialog>
  );
}
