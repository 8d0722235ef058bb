// Search posts (posts:search, [Note: search window]): a dialog opened from the sidebar or
// with `/` anywhere, that searches as the user types (after a short pause, the latest
// answer winning), all clients or one, and opens a post found in the post panel. Matched
// words are marked in each snippet; when the search matched more than it ranks, it says a
// narrower search finds older posts.
import { useEffect, useId, useRef, useState } from 'react';
import { create } from 'zustand';
import type { PostSearchHit } from '../../../../shared/post-search.ts';
import { Modal } from '../../app/ui/modal.tsx';
import { getBridge } from '../../bridge/bridge.ts';
import { statusLabel } from '../calendar/status-label.ts';
import { useClients } from '../clients/clients-store.ts';
import { formatInZone } from '../composer/format-time.ts';
import './search.css';

/** Whether the search dialog shows; the sidebar's button and `/` open it. */
export const useSearchDialog = create<{ open: boolean; setOpen: (open: boolean) => void }>()(
  (set) => ({
    open: false,
    setOpen: (open) => {
      set({ open });
    },
  }),
);

/** How long typing pauses before the search runs. */
const pauseMs = 200;

type Answer =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'done'; hits: PostSearchHit[]; more: boolean }
  | { kind: 'error'; message: string };

export function SearchHost() {
  const open = useSearchDialog((s) => s.open);
  const setOpen = useSearchDialog((s) => s.setOpen);
  if (!open) return null;
  return (
    <SearchDialog
      onClose={() => {
        setOpen(false);
      }}
    />
  );
}

function SearchDialog({ onClose }: { onClose: () => void }) {
  const uid = useId();
  const clients = useClients((s) => s.clients);
  const [query, setQuery] = useState('');
  const [clientId, setClientId] = useState('');
  const [answer, setAnswer] = useState<Answer>({ kind: 'idle' });
  const asked = useRef(0);

  useEffect(() => {
    const typed = query.trim();
    const ask = ++asked.current;
    // An emptied box shows the hint (below), and any answer still coming is dropped.
    if (typed === '') return;
    const timer = setTimeout(() => {
      setAnswer((a) => (a.kind === 'done' ? a : { kind: 'busy' }));
      void getBridge()
        .invoke('posts:search', { query: typed, ...(clientId === '' ? {} : { clientId }) })
        .then((result) => {
          // A slower answer to an older search never replaces a newer one.
          if (ask !== asked.current) return;
          setAnswer(
            result.ok
              ? { kind: 'done', hits: result.value.hits, more: result.value.more }
              : { kind: 'error', message: result.error.message },
          );
        });
    }, pauseMs);
    return () => {
      clearTimeout(timer);
    };
  }, [query, clientId]);

  const clientOf = (id: string) => clients.find((c) => c.id === id);
  const openPost = (postId: string) => {
    onClose();
    window.location.hash = `#/composer?post=${encodeURIComponent(postId)}`;
  };

  return (
    <Modal labelledBy={`${uid}-title`} onClose={onClose}>
      <div className="modal-header">
        <h2 id={`${uid}-title`}>Search posts</h2>
      </div>
      <div className="modal-body search-body">
        <form
          className="search-form"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
          }}
        >
          <label className="visually-hidden" htmlFor={`${uid}-q`}>
            Words to search for
          </label>
          <input
            id={`${uid}-q`}
            className="input search-input"
            type="search"
            value={query}
            placeholder="Words, “a phrase”, launch*, -draft"
            autoComplete="off"
            data-autofocus
            onChange={(e) => {
              setQuery(e.target.value);
            }}
          />
          <label className="visually-hidden" htmlFor={`${uid}-client`}>
            Client
          </label>
          <select
            id={`${uid}-client`}
            className="input search-client"
            value={clientId}
            onChange={(e) => {
              setClientId(e.target.value);
            }}
          >
            <option value="">All clients</option>
            {clients.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </form>
        <SearchResults
          answer={query.trim() === '' ? { kind: 'idle' } : answer}
          clientOf={clientOf}
          onOpen={openPost}
        />
      </div>
      <div className="modal-footer">
        <button type="button" className="button button-ghost" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}

interface ResultsProps {
  answer: Answer;
  clientOf: (id: string) => { name: string; color: string } | undefined;
  onOpen: (postId: string) => void;
}

function SearchResults({ answer, clientOf, onOpen }: ResultsProps) {
  switch (answer.kind) {
    case 'idle':
      return (
        <p className="muted search-hint">
          Every word must appear; “a phrase” in quotes; lau* for words that begin so (three letters
          or more); a word after - must not appear.
        </p>
      );
    case 'busy':
      return (
        <p className="muted" role="status">
          Searching…
        </p>
      );
    case 'error':
      return (
        <p className="form-alert" role="alert">
          {answer.message}
        </p>
      );
    case 'done':
      if (answer.hits.length === 0) {
        return <p role="status">No post has those words.</p>;
      }
      return (
        <>
          <p className="muted" role="status">
            {answer.more
              ? `The best ${String(answer.hits.length)} of the newest matches; add a word to find older posts.`
              : `${String(answer.hits.length)} ${answer.hits.length === 1 ? 'post' : 'posts'} found.`}
          </p>
          <ul className="search-results" aria-label="Posts found">
            {answer.hits.map((hit) => {
              const client = clientOf(hit.clientId);
              return (
                <li key={hit.postId}>
                  <button
                    type="button"
                    className="search-hit"
                    onClick={() => {
                      onOpen(hit.postId);
                    }}
                  >
                    <span className="search-hit-snippet">
                      {hit.snippet.map((piece, i) =>
                        piece.match ? <mark key={i}>{piece.text}</mark> : piece.text,
                      )}
                    </span>
                    <span className="search-hit-meta">
                      <span
                        className="search-hit-client"
                        style={{ borderColor: client?.color ?? 'var(--border-strong)' }}
                      >
                        {client?.name ?? 'Unknown client'}
                      </span>
                      <span>{statusLabel[hit.status]}</span>
                      <span>
                        {hit.scheduledAt === null
                          ? 'No time set'
                          : formatInZone(hit.scheduledAt, hit.timezone)}
                      </span>
                      {hit.partPosition > 0 && (
                        <span>in thread part {String(hit.partPosition + 1)}</span>
                      )}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      );
  }
}
