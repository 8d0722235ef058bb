// Mentioning a page a network links (LinkedIn company pages, see [Note: mentions in
// text]): a button beside the snippets for each chosen network with mentions, and a dialog
// that looks a page up by its address or name through one of the chosen accounts of that
// network and writes @[Name](ref) where the cursor was. The account's own pages come first.
import { useId, useState } from 'react';
import { createPortal } from 'react-dom';
import { platforms, type Platform, type SocialAccount } from '../../../../../shared/accounts.ts';
import { mentionToken, type MentionCandidate } from '../../../../../shared/mentions.ts';
import { networkRules } from '../../../../../shared/networks/index.ts';
import { Modal } from '../../../app/ui/modal.tsx';
import { getBridge } from '../../../bridge/bridge.ts';

interface Props {
  /** The chosen accounts; those of networks with mentions look pages up. */
  accounts: SocialAccount[];
  onInsert: (token: string) => void;
}

export function MentionButtons({ accounts, onInsert }: Props) {
  const [open, setOpen] = useState<Platform | null>(null);
  const networks = platforms.filter(
    (p) => networkRules[p].mentions !== undefined && accounts.some((a) => a.platform === p),
  );
  if (networks.length === 0) return null;
  return (
    <div className="composer-mentions">
      {networks.map((platform) => (
        <button
          key={platform}
          type="button"
          className="button button-secondary button-small"
          onClick={() => {
            setOpen(platform);
          }}
        >
          {networkRules[platform].mentions?.action} ({networkRules[platform].label})
        </button>
      ))}
      {open !== null &&
        // A portal: the dialog has its own form, and forms cannot nest in the composer's.
        createPortal(
          <MentionDialog
            platform={open}
            accounts={accounts.filter((a) => a.platform === open)}
            onPick={(candidate) => {
              onInsert(mentionToken(candidate.name, candidate.ref));
              setOpen(null);
            }}
            onClose={() => {
              setOpen(null);
            }}
          />,
          document.body,
        )}
    </div>
  );
}

interface DialogProps {
  platform: Platform;
  accounts: SocialAccount[];
  onPick: (candidate: MentionCandidate) => void;
  onClose: () => void;
}

type Found = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; found: MentionCandidate[] };

function MentionDialog({ platform, accounts, onPick, onClose }: DialogProps) {
  const uid = useId();
  const rules = networkRules[platform];
  const [query, setQuery] = useState('');
  const [state, setState] = useState<Found>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);

  // Each chosen account in turn until one may look up (a LinkedIn member connected
  // without pages may not; a page of theirs, or another member, may).
  async function search() {
    setState({ kind: 'busy' });
    setError(null);
    let last: string | null = null;
    for (const account of accounts) {
      const result = await getBridge().invoke('accounts:find-mentions', {
        accountId: account.id,
        query,
      });
      if (result.ok) {
        setState({ kind: 'done', found: result.value });
        return;
      }
      last = result.error.message;
    }
    setState({ kind: 'idle' });
    setError(last);
  }

  return (
    <Modal labelledBy={`${uid}-title`} describedBy={`${uid}-about`} onClose={onClose}>
      <div className="modal-header">
        <h2 id={`${uid}-title`}>{rules.mentions?.action}</h2>
      </div>
      <div className="modal-body mention-body">
        <p id={`${uid}-about`}>
          {rules.label} links the page in the post; every other network shows its name as text.
        </p>
        <form
          className="mention-form"
          aria-label={rules.mentions?.action}
          onSubmit={(e) => {
            e.preventDefault();
            if (query.trim() !== '') void search();
          }}
        >
          <label className="field-label" htmlFor={`${uid}-q`}>
            {rules.mentions?.hint}
          </label>
          <div className="mention-search">
            <input
              id={`${uid}-q`}
              className="input"
              value={query}
              data-autofocus
              autoComplete="off"
              onChange={(e) => {
                setQuery(e.target.value);
              }}
            />
            <button
              type="submit"
              className="button button-primary"
              disabled={query.trim() === '' || state.kind === 'busy'}
            >
              {state.kind === 'busy' ? 'Looking up…' : 'Look up'}
            </button>
          </div>
          {error !== null && (
            <p className="form-alert" role="alert">
              {error}
            </p>
          )}
        </form>
        {state.kind === 'done' &&
          (state.found.length === 0 ? (
            <p role="status">
              No page found for “{query.trim()}”. Paste the page’s address from {rules.label}.
            </p>
          ) : (
            <ul className="mention-results" aria-label="Pages found">
              {state.found.map((c) => (
                <li key={c.ref}>
                  <button
                    type="button"
                    className="button button-secondary mention-result"
                    onClick={() => {
                      onPick(c);
                    }}
                  >
                    <strong>{c.name}</strong>
                    <span className="muted">
                      {c.handle}
                      {c.own ? ' · your page' : ''}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          ))}
      </div>
      <div className="modal-footer">
        <button type="button" className="button button-ghost" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}
