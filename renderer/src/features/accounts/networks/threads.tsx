// Threads' connect guide and form: the user's own Threads app (its app id, its secret,
// which goes to the core through accounts:save-app and never comes back, and the https
// redirect registered with it), then the browser sign-in. Threads sends the browser to that
// redirect, so the wait that follows (connect-waiting.tsx) asks for the address it shows.
import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import type { NetworkApp } from '../../../../../shared/accounts.ts';
import type { AppError } from '../../../../../shared/result.ts';
import { Field } from '../../../app/ui/field.tsx';
import { getBridge } from '../../../bridge/bridge.ts';
import { useNetworkConnect, type NetworkTarget } from '../network-connect-store.ts';
import { useVault } from '../vault-store.ts';
import { ConnectErrorAlert, ConnectFooter, issueFor } from './connect-form-parts.tsx';
import { ThreadsSetupGuide } from './threads-guide.tsx';

type FieldName = 'clientId' | 'clientSecret' | 'redirectUri';

/** What the form checks before anything is sent (the core checks again). */
function issue(field: FieldName, value: string, known: NetworkApp | null): string | null {
  const text = value.trim();
  switch (field) {
    case 'clientId':
      return /^[A-Za-z0-9_-]{6,100}$/.test(text)
        ? null
        : 'Enter the Threads app ID from your Meta app.';
    case 'clientSecret':
      return text === '' && known?.hasSecret !== true ? 'Enter the Threads app secret.' : null;
    case 'redirectUri':
      return URL.canParse(text) && text.startsWith('https://')
        ? null
        : 'Enter the https redirect address registered with the app.';
  }
}

const fields: FieldName[] = ['clientId', 'clientSecret', 'redirectUri'];

export function ThreadsConnect({ target }: { target: NetworkTarget }) {
  const uid = useId();
  const ids: Record<FieldName, string> = {
    clientId: `${uid}-app-id`,
    clientSecret: `${uid}-secret`,
    redirectUri: `${uid}-redirect`,
  };
  const phase = useNetworkConnect((s) => s.phase);
  const startBrowser = useNetworkConnect((s) => s.startBrowser);
  const close = useNetworkConnect((s) => s.close);
  const open = useNetworkConnect((s) => s.open);
  const storeError = phase.name === 'form' ? phase.error : null;
  const [known, setKnown] = useState<NetworkApp | null>(null);
  const [loading, setLoading] = useState(true);
  const [values, setValues] = useState<Record<FieldName, string>>({
    clientId: '',
    clientSecret: '',
    redirectUri: '',
  });
  const [checked, setChecked] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    void getBridge()
      .invoke('accounts:get-app', { platform: 'threads' })
      .then((result) => {
        if (!live) return;
        setLoading(false);
        if (!result.ok) {
          setSaveError(result.error);
          return;
        }
        setKnown(result.value);
        setValues((v) => ({
          ...v,
          clientId: v.clientId || (result.value.clientId ?? ''),
          redirectUri: v.redirectUri || (result.value.redirectUri ?? ''),
        }));
      });
    return () => {
      live = false;
    };
  }, []);

  const fromEnvironment = known?.fromEnvironment === true;
  const error = saveError ?? storeError;
  const busy = saving || loading || (phase.name === 'form' && phase.busy);
  const messageFor = (field: FieldName) =>
    (checked && !fromEnvironment ? issue(field, values[field], known) : null) ??
    issueFor(error, field);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy) return;
    setChecked(true);
    setSaveError(null);
    if (!fromEnvironment) {
      const invalid = fields.find((f) => issue(f, values[f], known) !== null);
      if (invalid !== undefined) {
        document.getElementById(ids[invalid])?.focus();
        return;
      }
      setSaving(true);
      const secret = values.clientSecret.trim();
      const result = await getBridge().invoke('accounts:save-app', {
        platform: 'threads',
        clientId: values.clientId.trim(),
        redirectUri: values.redirectUri.trim(),
        ...(secret === '' ? {} : { clientSecret: secret }),
      });
      setSaving(false);
      if (!result.ok) {
        if (result.error.code === 'ENCRYPTION_UNAVAILABLE') void useVault.getState().load();
        setSaveError(result.error);
        requestAnimationFrame(() => alertRef.current?.focus());
        return;
      }
      setKnown(result.value);
      setValues((v) => ({ ...v, clientSecret: '' }));
    }
    await startBrowser({});
  }

  const input = (field: FieldName, props: { type?: string; placeholder: string }) => (
    <Field
      id={ids[field]}
      label={
        field === 'clientId'
          ? 'Threads app ID'
          : field === 'clientSecret'
            ? 'Threads app secret'
            : 'Redirect address'
      }
      error={messageFor(field)}
      {...(field === 'clientSecret' && {
        hint:
          known?.hasSecret === true
            ? 'Saved and sealed. Leave empty to keep it.'
            : 'Sealed by your vault; never shown again.',
      })}
    >
      {(control) => (
        <input
          {...control}
          className="input input-mono"
          type={props.type ?? 'text'}
          value={values[field]}
          placeholder={props.placeholder}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => {
            const value = e.target.value;
            setValues((v) => ({ ...v, [field]: value }));
          }}
        />
      )}
    </Field>
  );

  return (
    <form
      noValidate
      aria-label="Sign in to Threads"
      onSubmit={(event) => {
        void submit(event);
      }}
    >
      <div className="modal-body modal-stack">
        <div className="setup-note">
          <p>
            Starling signs in to Threads through <strong>your own Threads app</strong>. Threads
            sends your browser back to the https address you registered, not to Starling, so after
            approving you <strong>paste the address your browser shows</strong>. Images and videos
            go to Threads through your media relay (Settings → Media relay); without one, Threads
            posts carry text only.
          </p>
        </div>
        {error !== null && (
          <ConnectErrorAlert
            ref={alertRef}
            title="Threads account not connected"
            error={error}
            onVaultAccepted={() => {
              setSaveError(null);
              open(target);
            }}
          />
        )}
        {!loading && (
          <details className="setup-guide" open={known?.clientId == null}>
            <summary>How to set up your Threads app</summary>
            <ThreadsSetupGuide />
          </details>
        )}
        {fromEnvironment ? (
          <p className="muted">
            Your Threads app comes from STARLING_THREADS_APP_ID
            {known.redirectUri === null ? '' : `; its redirect address is ${known.redirectUri}`}.
          </p>
        ) : (
          <div className="x-app-fields linkedin-app-fields">
            {input('clientId', { placeholder: 'e.g. 1234567890123456' })}
            {input('clientSecret', {
              type: 'password',
              placeholder: known?.hasSecret === true ? '••••••••' : '',
            })}
            {input('redirectUri', { placeholder: 'https://example.com/threads-callback' })}
          </div>
        )}
      </div>
      <ConnectFooter busy={busy} submitLabel="Sign in on Threads" onCancel={close} />
    </form>
  );
}
