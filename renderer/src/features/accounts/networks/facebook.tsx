// Facebook's connect guide and form: the user's own Meta app (its App ID, and its App
// Secret, which goes to the core through accounts:save-app and never comes back), then the
// browser sign-in, then the Pages picker (pages-picker.tsx): each Page chosen becomes an
// account, with the Instagram account linked to it.
import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import type { NetworkApp } from '../../../../../shared/accounts.ts';
import type { AppError } from '../../../../../shared/result.ts';
import { usePreferences } from '../../../app/preferences-store.ts';
import { Field } from '../../../app/ui/field.tsx';
import { getBridge } from '../../../bridge/bridge.ts';
import { useNetworkConnect, type NetworkTarget } from '../network-connect-store.ts';
import { useVault } from '../vault-store.ts';
import { callbackUri } from '../x-setup-guide.tsx';
import {
  ConnectErrorAlert,
  ConnectFooter,
  issueFor,
  onlyFieldIssues,
} from './connect-form-parts.tsx';
import { FacebookSetupGuide } from './facebook-guide.tsx';
import { metaAppIssue, metaAppFields, type MetaAppField } from './facebook-app.ts';

type AppState =
  | { status: 'loading' }
  | { status: 'ready'; app: NetworkApp }
  | { status: 'failed'; error: AppError };

export function FacebookConnect({ target }: { target: NetworkTarget }) {
  const uid = useId();
  const ids: Record<MetaAppField, string> = {
    clientId: `${uid}-app-id`,
    clientSecret: `${uid}-secret`,
  };
  const phase = useNetworkConnect((s) => s.phase);
  const startBrowser = useNetworkConnect((s) => s.startBrowser);
  const close = useNetworkConnect((s) => s.close);
  const open = useNetworkConnect((s) => s.open);
  const port = usePreferences((s) => s.preferences.xCallbackPort);
  const storeError = phase.name === 'form' ? phase.error : null;
  const signingIn = phase.name === 'form' && phase.busy;
  const [app, setApp] = useState<AppState>({ status: 'loading' });
  const [values, setValues] = useState<Record<MetaAppField, string>>({
    clientId: '',
    clientSecret: '',
  });
  const [checked, setChecked] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    void getBridge()
      .invoke('accounts:get-app', { platform: 'facebook' })
      .then((result) => {
        if (!live) return;
        if (!result.ok) {
          setApp({ status: 'failed', error: result.error });
          return;
        }
        setApp({ status: 'ready', app: result.value });
        setValues((v) => ({ ...v, clientId: v.clientId || (result.value.clientId ?? '') }));
      });
    return () => {
      live = false;
    };
  }, []);

  const known = app.status === 'ready' ? app.app : null;
  const fromEnvironment = known?.fromEnvironment === true;
  const error = saveError ?? storeError ?? (app.status === 'failed' ? app.error : null);
  const busy = saving || signingIn || app.status === 'loading';
  const messageFor = (field: MetaAppField) =>
    (checked ? metaAppIssue(field, values[field], known) : null) ?? issueFor(error, field);
  const redirectUri = callbackUri(port);

  function focusAfter(refusal: AppError | null) {
    if (refusal === null) return;
    const field = metaAppFields.find((f) => issueFor(refusal, f) !== null);
    if (field !== undefined) document.getElementById(ids[field])?.focus();
    else requestAnimationFrame(() => alertRef.current?.focus());
  }

  /** Saves the app when it was typed or changed; the secret leaves the form at once. */
  async function saveApp(): Promise<boolean> {
    if (fromEnvironment) return true;
    const clientId = values.clientId.trim();
    const secret = values.clientSecret.trim();
    if (known !== null && known.clientId === clientId && secret === '') return true;
    setSaving(true);
    const result = await getBridge().invoke('accounts:save-app', {
      platform: 'facebook',
      clientId,
      ...(secret === '' ? {} : { clientSecret: secret }),
    });
    setSaving(false);
    if (!result.ok) {
      if (result.error.code === 'ENCRYPTION_UNAVAILABLE') void useVault.getState().load();
      setSaveError(result.error);
      focusAfter(result.error);
      return false;
    }
    setApp({ status: 'ready', app: result.value });
    setValues((v) => ({ ...v, clientSecret: '' }));
    return true;
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy) return;
    setChecked(true);
    setSaveError(null);
    const invalid = metaAppFields.find((f) => metaAppIssue(f, values[f], known) !== null);
    if (invalid !== undefined) {
      document.getElementById(ids[invalid])?.focus();
      return;
    }
    if (!(await saveApp())) return;
    // Facebook accounts are Pages: the picker always follows the sign-in.
    await startBrowser({ pages: true });
    const after = useNetworkConnect.getState().phase;
    if (after.name === 'form') focusAfter(after.error);
  }

  const set = (field: MetaAppField) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
  };

  return (
    <form
      noValidate
      aria-label="Sign in with Facebook"
      onSubmit={(event) => {
        void submit(event);
      }}
    >
      <div className="modal-body modal-stack">
        <div className="setup-note">
          <p>
            Starling posts to <strong>Facebook Pages</strong> and the{' '}
            <strong>Instagram accounts linked to them</strong> through your own Meta app. Sign in
            with Facebook in the browser, then choose which of your Pages become accounts of{' '}
            {target.clientName}.
          </p>
        </div>
        {error !== null && !onlyFieldIssues(error, metaAppFields) && (
          <ConnectErrorAlert
            ref={alertRef}
            title="Facebook not connected"
            error={error}
            onVaultAccepted={() => {
              setSaveError(null);
              open(target);
            }}
          />
        )}
        {app.status !== 'loading' && (
          <details className="setup-guide" open={known?.clientId == null}>
            <summary>How to set up your Meta app</summary>
            <FacebookSetupGuide redirectUri={redirectUri} />
          </details>
        )}
        {fromEnvironment ? (
          <p className="muted">
            Your Meta app comes from STARLING_META_APP_ID
            {known.hasSecret ? ' and STARLING_META_APP_SECRET' : ''}; its redirect URL must be{' '}
            {redirectUri}.
          </p>
        ) : (
          <div className="x-app-fields linkedin-app-fields">
            <Field id={ids.clientId} label="App ID" error={messageFor('clientId')}>
              {(control) => (
                <input
                  {...control}
                  data-autofocus
                  className="input input-mono"
                  value={values.clientId}
                  placeholder="e.g. 1234567890123456"
                  inputMode="numeric"
                  autoComplete="off"
                  spellCheck={false}
                  onChange={(e) => {
                    set('clientId')(e.target.value);
                  }}
                />
              )}
            </Field>
            <Field
              id={ids.clientSecret}
              label="App Secret"
              error={messageFor('clientSecret')}
              hint={
                known?.hasSecret === true
                  ? 'Saved and sealed. Leave empty to keep it.'
                  : 'Sealed by your vault; never shown again.'
              }
            >
              {(control) => (
                <input
                  {...control}
                  className="input input-mono"
                  type="password"
                  value={values.clientSecret}
                  placeholder={known?.hasSecret === true ? '••••••••' : ''}
                  autoComplete="off"
                  spellCheck={false}
                  onChange={(e) => {
                    set('clientSecret')(e.target.value);
                  }}
                />
              )}
            </Field>
          </div>
        )}
      </div>
      <ConnectFooter busy={busy} submitLabel="Continue with Facebook" onCancel={close} />
    </form>
  );
}
