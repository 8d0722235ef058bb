// The "Connect X account" dialog: one per app, driven by X's connect store through its
// phases (checks, setup guide, vault warning, API key form, waiting for X, failure). The
// app frame mounts it through the registry's NetworkDialogHosts.
import { useEffect, useId, useRef } from 'react';
import { Modal } from '../../../app/ui/modal.tsx';
import { ConnectWaiting } from '../connect-waiting.tsx';
import { VaultWarning } from '../vault-warning.tsx';
import { useVault } from '../vault-store.ts';
import { useCallbackPort } from './callback-uri.ts';
import { XAppForm } from './x-app-form.tsx';
import { useXConnect, type XConnectPhase, type XConnectTarget } from './x-connect-store.ts';
import { OAuth1Note, XSetupGuide } from './x-guide.tsx';
import { XOAuth1Form } from './x-oauth1-form.tsx';
import '../accounts.css';

export function XConnectDialogHost() {
  const target = useXConnect((s) => s.target);
  const phase = useXConnect((s) => s.phase);
  if (target === null || phase.name === 'closed') return null;
  return <XConnectDialog target={target} phase={phase} />;
}

function XConnectDialog({ target, phase }: { target: XConnectTarget; phase: XConnectPhase }) {
  const uid = useId();
  const bodyRef = useRef<HTMLDivElement>(null);
  const close = useXConnect((s) => s.close);

  // Each phase replaces the dialog's content: move focus to its first control, or to the
  // title, so focus never falls out of the dialog with the element that had it.
  useEffect(() => {
    const body = bodyRef.current;
    if (body === null) return;
    const first =
      body.querySelector<HTMLElement>('[data-autofocus]') ?? body.querySelector<HTMLElement>('h2');
    first?.focus();
  }, [phase.name]);

  const subtitle =
    target.handle === null
      ? `For ${target.clientName}`
      : `Reconnect @${target.handle} for ${target.clientName}`;

  return (
    <Modal labelledBy={`${uid}-title`} onClose={close}>
      <div ref={bodyRef} className="connect-dialog">
        <header className="modal-header">
          <h2 id={`${uid}-title`} tabIndex={-1}>
            Connect X account
          </h2>
          <p className="modal-subtitle">{subtitle}</p>
        </header>
        <PhaseContent phase={phase} />
      </div>
    </Modal>
  );
}

function CancelButton({
  label = 'Cancel',
  autoFocus = false,
}: {
  label?: string;
  autoFocus?: boolean;
}) {
  const close = useXConnect((s) => s.close);
  return (
    <button
      type="button"
      className="button button-secondary"
      data-autofocus={autoFocus ? true : undefined}
      onClick={close}
    >
      {label}
    </button>
  );
}

function PhaseContent({ phase }: { phase: XConnectPhase }) {
  const retry = useXConnect((s) => s.retry);
  const openOAuth1 = useXConnect((s) => s.openOAuth1);
  const target = useXConnect((s) => s.target);
  const submitOAuth1 = useXConnect((s) => s.submitOAuth1);
  const port = useCallbackPort();
  const vault = useVault((s) => s.status);
  const expired = useXConnect((s) => s.expired);

  const useOAuth1 = (
    <button
      type="button"
      className="link-button"
      onClick={() => {
        if (target !== null) void openOAuth1(target);
      }}
    >
      Use an API key and secret instead
    </button>
  );

  switch (phase.name) {
    case 'closed':
      return null;
    case 'starting':
      return (
        <>
          <div className="modal-body">
            <p className="connect-progress" role="status">
              <span className="spinner" aria-hidden="true" />
              Getting ready…
            </p>
          </div>
          <footer className="modal-footer">
            <CancelButton />
          </footer>
        </>
      );
    case 'setup':
      return (
        <>
          <div className="modal-body modal-stack">
            <p>
              Starling connects through your own X app, so your posts never pass through anyone
              else’s. Create the app once (it takes a few minutes), then paste its Client ID here.
            </p>
            <XSetupGuide port={port} />
            <XAppForm
              required
              onSaved={() => {
                void retry('oauth2');
              }}
            />
            <OAuth1Note>
              <p>{useOAuth1}</p>
            </OAuth1Note>
          </div>
          <footer className="modal-footer">
            <CancelButton />
          </footer>
        </>
      );
    case 'vault':
      return (
        <>
          <div className="modal-body modal-stack">
            {vault === null ? (
              <p className="form-alert" role="alert">
                Starling cannot store the account’s tokens securely on this computer.
              </p>
            ) : (
              <VaultWarning
                status={vault}
                onAccepted={() => {
                  void retry(phase.method);
                }}
              />
            )}
          </div>
          <footer className="modal-footer">
            <CancelButton />
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                void retry(phase.method);
              }}
            >
              Check again
            </button>
          </footer>
        </>
      );
    case 'oauth1':
      return (
        <>
          <div className="modal-body modal-stack">
            <XOAuth1Form busy={phase.busy} onSubmit={submitOAuth1} />
            <p>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  void retry('oauth2');
                }}
              >
                Sign in with your X app’s Client ID instead
              </button>
            </p>
          </div>
          <footer className="modal-footer">
            <CancelButton />
          </footer>
        </>
      );
    case 'waiting':
      return (
        <>
          <div className="modal-body">
            <ConnectWaiting
              flow={phase.flow}
              network="X"
              site="X"
              approveLabel="Authorize app"
              onExpired={expired}
            />
          </div>
          <footer className="modal-footer">
            <CancelButton autoFocus />
          </footer>
        </>
      );
    case 'failed':
      return (
        <>
          <div className="modal-body modal-stack">
            <div className="form-alert" role="alert">
              <p className="connect-failed-title">X account not connected</p>
              <p>{phase.error.message}</p>
              {phase.error.errorId !== undefined && (
                <p className="muted">Error id: {phase.error.errorId}</p>
              )}
            </div>
            {phase.method === 'oauth2' && <p>{useOAuth1}</p>}
          </div>
          <footer className="modal-footer">
            <CancelButton label="Close" />
            <button
              type="button"
              className="button button-primary"
              data-autofocus
              onClick={() => {
                void retry(phase.method);
              }}
            >
              Try again
            </button>
          </footer>
        </>
      );
  }
}
