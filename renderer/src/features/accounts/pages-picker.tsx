// After a sign-in that asked for pages: the pages the account administers, as checkboxes,
// each added as an account of its own on the same client (accounts:add-pages). Pages
// already connected are ticked, so a reconnect renews them; Skip keeps the account alone.
import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import type { NetworkPage, SocialAccount } from '../../../../shared/accounts.ts';
import { plural } from '../../../../shared/plural.ts';
import type { AppError } from '../../../../shared/result.ts';
import { shownHandle } from '../../../../shared/networks/index.ts';
import { BusyButton } from '../../app/ui/busy-button.tsx';
import { ConnectErrorAlert } from './networks/connect-form-parts.tsx';
import { networkNames } from './networks/network-glyphs.ts';
import { useNetworkConnect, type NetworkTarget } from './network-connect-store.ts';
import { initialPageChoice, pageWords, roleWords } from './pages-choice.ts';

interface Props {
  target: NetworkTarget;
  account: SocialAccount;
  pages: NetworkPage[] | null;
  busy: boolean;
  error: AppError | null;
}

export function PagesPicker({ target, account, pages, busy, error }: Props) {
  const uid = useId();
  const close = useNetworkConnect((s) => s.close);
  const loadPages = useNetworkConnect((s) => s.loadPages);
  const addPages = useNetworkConnect((s) => s.addPages);
  const open = useNetworkConnect((s) => s.open);
  const network = networkNames[account.platform];
  const handle = shownHandle(account.platform, account.handle);
  const words = pageWords(target.platform);
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const [noneChosen, setNoneChosen] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const choice = chosen ?? (pages === null ? new Set<string>() : initialPageChoice(pages));

  // A refusal moves focus to its message, so it is read out where it appeared.
  useEffect(() => {
    if (error !== null) alertRef.current?.focus();
  }, [error]);

  function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy || pages === null) return;
    if (choice.size === 0) {
      setNoneChosen(true);
      document.getElementById(`${uid}-first`)?.focus();
      return;
    }
    void addPages(pages.filter((p) => choice.has(p.id)).map((p) => p.id));
  }

  const toggle = (id: string, on: boolean) => {
    const next = new Set(choice);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
    if (next.size > 0) setNoneChosen(false);
  };

  const listed = pages !== null && pages.length > 0;
  return (
    <form noValidate aria-label={`Choose ${network} pages`} onSubmit={submit}>
      <div className="modal-body modal-stack">
        <p>
          <strong>{handle}</strong> is connected to {target.clientName}. Choose the {words.noun} to
          add as accounts of their own; each posts as the page
          {words.brings === undefined ? '' : `, and brings ${words.brings}`}.
        </p>
        {error !== null && (
          <ConnectErrorAlert
            ref={alertRef}
            title={pages !== null && pages.length > 0 ? 'Pages not added' : 'Pages not listed'}
            error={error}
            onVaultAccepted={() => {
              open(target);
            }}
          />
        )}
        {pages === null ? (
          <p className="connect-progress" role="status">
            <span className="spinner" aria-hidden="true" />
            Looking up the pages {handle} administers…
          </p>
        ) : listed ? (
          <fieldset className="pages-list" aria-describedby={`${uid}-none`}>
            <legend className="field-label">Pages {handle} administers</legend>
            {pages.map((page, index) => (
              <label key={page.id} className="pages-item">
                <input
                  id={index === 0 ? `${uid}-first` : undefined}
                  type="checkbox"
                  className="checkbox"
                  data-autofocus={index === 0 ? true : undefined}
                  checked={choice.has(page.id)}
                  onChange={(e) => {
                    toggle(page.id, e.target.checked);
                  }}
                />
                <span className="pages-item-text">
                  <span className="pages-item-name">{page.name}</span>
                  <span className="pages-item-meta">
                    {roleWords(page.role)}
                    {page.accountId !== null && ' · connected already, renewed if ticked'}
                  </span>
                </span>
              </label>
            ))}
            <p className="field-error" id={`${uid}-none`}>
              {noneChosen ? 'Tick at least one page, or choose Skip.' : null}
            </p>
          </fieldset>
        ) : (
          error === null && (
            <p className="muted" role="status">
              {network} lists no page that {handle} may post for. Pages need an administrator or
              content administrator role.
            </p>
          )
        )}
      </div>
      <footer className="modal-footer">
        <button
          type="button"
          className="button button-secondary"
          data-autofocus={listed ? undefined : true}
          onClick={close}
        >
          {listed ? 'Skip' : 'Done'}
        </button>
        {pages !== null && pages.length === 0 && error !== null && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              void loadPages();
            }}
          >
            Try again
          </button>
        )}
        {listed && (
          <BusyButton type="submit" variant="primary" busy={busy}>
            {choice.size <= 1 ? 'Connect page' : `Connect ${plural(choice.size, 'page')}`}
          </BusyButton>
        )}
      </footer>
    </form>
  );
}
