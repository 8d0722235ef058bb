// Mastodon's connect guide and form: the instance the account lives on; Starling
// registers itself there once and the user signs in on the instance in the browser. The
// wait that follows is connect-waiting.tsx, as for X.
import { useId, useRef, useState, type SubmitEvent } from 'react';
import { connectInput } from '../../../../../shared/accounts.ts';
import { Field } from '../../../app/ui/field.tsx';
import { useNetworkConnect, type NetworkTarget } from '../network-connect-store.ts';
import {
  ConnectErrorAlert,
  ConnectFooter,
  firstIssue,
  issueFor,
  onlyFieldIssues,
} from './connect-form-parts.tsx';

function localError(instance: string): string | null {
  if (instance.trim() === '') return 'Type the instance’s address, like mastodon.social.';
  return firstIssue(connectInput.shape.serviceUrl, instance);
}

export function MastodonConnect({ target }: { target: NetworkTarget }) {
  const uid = useId();
  const id = `${uid}-instance`;
  const phase = useNetworkConnect((s) => s.phase);
  const remembered = useNetworkConnect((s) => s.serviceUrl);
  const startBrowser = useNetworkConnect((s) => s.startBrowser);
  const close = useNetworkConnect((s) => s.close);
  const open = useNetworkConnect((s) => s.open);
  const error = phase.name === 'form' ? phase.error : null;
  const busy = phase.name === 'form' && phase.busy;
  const [instance, setInstance] = useState(remembered);
  const [checked, setChecked] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const fieldError = (checked ? localError(instance) : null) ?? issueFor(error, 'serviceUrl');

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy) return;
    setChecked(true);
    if (localError(instance) !== null) {
      document.getElementById(id)?.focus();
      return;
    }
    await startBrowser({ serviceUrl: instance.trim() });
    const after = useNetworkConnect.getState().phase;
    if (after.name === 'form' && after.error !== null) {
      if (issueFor(after.error, 'serviceUrl') !== null) document.getElementById(id)?.focus();
      else requestAnimationFrame(() => alertRef.current?.focus());
    }
  }

  return (
    <form
      noValidate
      aria-label="Sign in to Mastodon"
      onSubmit={(event) => {
        void submit(event);
      }}
    >
      <div className="modal-body modal-stack">
        <div className="setup-note">
          <p>
            Type the address of the server the account is on. You’ll sign in{' '}
            <strong>on your instance, in the browser</strong>, and approve Starling there; Starling
            never sees your password. It asks to read your profile and statuses and to post statuses
            with media.
          </p>
        </div>
        {error !== null && !onlyFieldIssues(error, ['serviceUrl']) && (
          <ConnectErrorAlert
            ref={alertRef}
            title="Mastodon account not connected"
            error={error}
            onVaultAccepted={() => {
              open(target);
            }}
          />
        )}
        <Field
          id={id}
          label="Instance"
          error={fieldError}
          hint="The part after the second @ of the account’s address, like mastodon.social."
        >
          {(control) => (
            <input
              {...control}
              data-autofocus
              className="input"
              value={instance}
              placeholder="mastodon.social"
              inputMode="url"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              onChange={(e) => {
                setInstance(e.target.value);
              }}
            />
          )}
        </Field>
      </div>
      <ConnectFooter busy={busy} submitLabel="Sign in on the instance" onCancel={close} />
    </form>
  );
}
