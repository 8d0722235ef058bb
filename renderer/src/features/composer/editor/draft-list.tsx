// The client's drafts, most recently edited first: open one to go on writing, or delete it
// (asked twice: a draft is the person's work). Refreshed as the editor saves, and when a
// draft of the client is saved or removed in another window (a second browser tab, or the
// browser host beside the desktop app).
import { useEffect, useState } from 'react';
import type { PostSummary } from '../../../../../shared/posts.ts';
import { getBridge } from '../../../bridge/bridge.ts';
import { useEditor } from './editor-store.ts';

/** How much of a draft's first line names it on its buttons. */
const labelChars = 60;

export function DraftList({ clientId }: { clientId: string }) {
  const [drafts, setDrafts] = useState<PostSummary[]>([]);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const saveState = useEditor((s) => s.saveState);
  const openId = useEditor((s) => s.draftId);

  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bridge = getBridge();
    const refresh = ({ clientId: of }: { clientId: string }) => {
      if (of === clientId) setVersion((v) => v + 1);
    };
    const offSaved = bridge.on('draft:saved', refresh);
    const offDeleted = bridge.on('draft:deleted', refresh);
    return () => {
      offSaved();
      offDeleted();
    };
  }, [clientId]);
  // Read when the editor is settled: saved, empty, or refused (a conflict shows the other
  // window's line here). A reply overtaken by a later read, or after unmount, is dropped.
  useEffect(() => {
    if (clientId === '' || saveState === 'unsaved' || saveState === 'saving') return;
    let live = true;
    void getBridge()
      .invoke('drafts:list', { clientId })
      .then((result) => {
        if (live && result.ok) setDrafts(result.value);
      });
    return () => {
      live = false;
    };
  }, [clientId, saveState, openId, version]);

  async function open(id: string) {
    // The post open now could not be saved: it stays, with the error that says why.
    if (!(await useEditor.getState().leave())) return;
    const result = await getBridge().invoke('posts:get', { id });
    if (result.ok) useEditor.getState().open(result.value);
    else setError(result.error.message);
  }

  async function remove(id: string) {
    const result = await getBridge().invoke('drafts:delete', { id });
    setConfirming(null);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    if (useEditor.getState().draftId === id) useEditor.getState().reset();
    setVersion((v) => v + 1);
  }

  if (drafts.length === 0) return null;
  return (
    <section className="panel composer-drafts" aria-labelledby="composer-drafts-title">
      <h2 id="composer-drafts-title" className="x-preview-title">
        Drafts
      </h2>
      {error !== null && <p className="field-error">{error}</p>}
      <ul className="composer-draft-list" aria-label="Drafts">
        {drafts.map((d) => {
          const title = d.firstLine === '' ? 'Untitled draft' : d.firstLine;
          // The line is cut with an ellipsis to fit; the tooltip keeps all of it readable,
          // and the buttons name the draft by its start (not 500 characters read twice).
          const name = title.length > labelChars ? `${title.slice(0, labelChars)}…` : title;
          return (
            <li key={d.id} aria-current={d.id === openId ? 'true' : undefined}>
              <span className="composer-draft-title" title={title}>
                {title}
              </span>
              <button
                type="button"
                className="button button-ghost button-small"
                aria-label={`Open draft ${name}`}
                onClick={() => void open(d.id)}
              >
                Open
              </button>
              <button
                type="button"
                className="button button-ghost button-small"
                aria-label={
                  confirming === d.id ? `Really delete draft ${name}` : `Delete draft ${name}`
                }
                onClick={() => {
                  if (confirming === d.id) void remove(d.id);
                  else setConfirming(d.id);
                }}
              >
                {confirming === d.id ? 'Really delete' : 'Delete'}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
