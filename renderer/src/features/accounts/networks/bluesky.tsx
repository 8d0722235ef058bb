// Bluesky's connect guide and form: the handle, an app password made for Starling (never
// the account password; exchanged at once for a session and never stored) and, under
// Advanced, the server (PDS) for accounts that are not on bsky.social.
import { useId, useRef, useState, type SubmitEvent } from 'react';
import { defaultServiceUrls, signInInput } from '../../../../../shared/accounts.ts';
import { Field } from '../../../app/ui/field.tsx';
import { useNetworkConnect, type NetworkTarget } from '../network-connect-store.ts';
import {
  ConnectErrorAlert,
  ConnectFooter,
  firstIssue,
  issueFor,
  onlyFieldIssues,
} from './connect-form-parts.tsx';

const defaultServer = defaultServiceUrls.bluesky ?? 'https://bsky.social';
const fields = ['handle', 'password', 'serviceUrl'] as const;
type FieldName = (typeof fields)[number];

export function BlueskyConnect({ target }: { target: NetworkTarget }) {
  const uid = useId();
  const phase = useNetworkConnect((s) => s.phase);
  const signIn = useNetworkConnect((s) => s.signIn);
  const close = useNetworkConnect((s) => s.close);
  const open = useNetworkConnect((s) => s.open);
  const error = phase.name === 'form' ? phase.error : null;
  const busy = phase.name === 'form' && phase.busy;
  const [values, setValues] = useState<Record<FieldName, string>>({
    handle: target.reconnect?.handle ?? '',
    password: '',
    serviceUrl: target.reconnect?.serviceUrl ?? defaultServer,
  });
  const [checked, setChecked] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const ids: Record<FieldName, string> = {
    handle: `${uid}-handle`,
    password: `${uid}-password`,
    serviceUrl: `${uid}-server`,
  };
  const customServer =
    values.serviceUrl.trim() !== '' && values.serviceUrl.trim() !== defaultServer;
  // Open from the start for an account on its own server; after that, the user's to toggle.
  const [advancedOpen] = useState(customServer);

  const local = (field: FieldName): string | null => {
    if (!checked) return null;
    if (field === 'serviceUrl' && !customServer) return null;
    return firstIssue(signInInput.shape[field], values[field]);
  };
  const messageFor = (field: FieldName) => local(field) ?? issueFor(error, field);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy) return;
    setChecked(true);
    const invalid = fields.find(
      (f) => (f !== 'serviceUrl' || customServer) && firstIssue(signInInput.shape[f], values[f]),
    );
    if (invalid !== undefined) {
      if (invalid === 'serviceUrl') openAdvanced();
      document.getElementById(ids[invalid])?.focus();
      return;
    }
    const result = await signIn({
      handle: values.handle,
      password: values.password,
      ...(customServer ? { serviceUrl: values.serviceUrl.trim() } : {}),
    });
    if (result.ok) return;
    // A refused password is typed again on purpose, never resent by accident.
    setValues((v) => ({ ...v, password: '' }));
    const field = fields.find((f) => issueFor(result.error, f) !== null);
    if (field !== undefined) {
      if (field === 'serviceUrl') openAdvanced();
      document.getElementById(ids[field])?.focus();
    } else {
      // After React shows the alert: move there so its words are read first.
      requestAnimationFrame(() => alertRef.current?.focus());
    }
  }

  const advancedRef = useRef<HTMLDetailsElement>(null);
  const openAdvanced = () => {
    if (advancedRef.current !== null) advancedRef.current.open = true;
  };

  const set = (field: FieldName) => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: event.target.value }));
  };

  return (
    <form
      noValidate
      aria-label="Sign in to Bluesky"
      onSubmit={(event) => {
        void submit(event);
      }}
    >
      <div className="modal-body modal-stack">
        <div className="setup-note">
          <p>
            Starling signs in with an <strong>app password</strong>, never your account password.
            Make one in the Bluesky app under{' '}
            <strong>Settings → Privacy and security → App passwords</strong> and name it “Starling”.
            Starling exchanges it for a session at once and does not store it; you can revoke it
            there at any time.
          </p>
        </div>
        {error !== null && !onlyFieldIssues(error, fields) && (
          <ConnectErrorAlert
            ref={alertRef}
            title="Bluesky account not connected"
            error={error}
            onVaultAccepted={() => {
              open(target);
            }}
          />
        )}
        <div className="connect-fields">
          <Field
            id={ids.handle}
            label="Handle"
            error={messageFor('handle')}
            hint="Like bakery.bsky.social, or your own domain."
          >
            {(control) => (
              <input
                {...control}
                data-autofocus
                className="input"
                value={values.handle}
                placeholder="name.bsky.social"
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                onChange={set('handle')}
              />
            )}
          </Field>
          <Field id={ids.password} label="App password" error={messageFor('password')}>
            {(control) => (
              <input
                {...control}
                className="input input-mono"
                type="password"
                value={values.password}
                placeholder="xxxx-xxxx-xxxx-xxxx"
                autoComplete="off"
                spellCheck={false}
                onChange={set('password')}
              />
            )}
          </Field>
          <details ref={advancedRef} className="connect-advanced" open={advancedOpen || undefined}>
            <summary>Advanced</summary>
            <Field
              id={ids.serviceUrl}
              label="Server (PDS)"
              error={messageFor('serviceUrl')}
              hint={`Only for an account on its own server; most accounts use ${defaultServer}.`}
            >
              {(control) => (
                <input
                  {...control}
                  className="input input-mono"
                  value={values.serviceUrl}
                  inputMode="url"
                  autoComplete="off"
                  spellCheck={false}
                  onChange={set('serviceUrl')}
                />
              )}
            </Field>
          </details>
        </div>
      </div>
      <ConnectFooter busy={busy} submitLabel="Connect Bluesky" onCancel={close} />
    </form>
  );
}
