// LinkedIn's connect guide and form: the user's own LinkedIn app (its Client ID, and its
// secret, which goes to the core through accounts:save-app and never comes back: the form
// only learns whether one is kept), whether to ask for company pages too, then the browser
// sign-in. The wait that follows is connect-waiting.tsx; the pages picker, pages-picker.tsx.
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
import {
  isLinkedInPage,
  linkedInAppFields,
  linkedInAppIssue,
  type LinkedInAppField,
} from './linkedin-app.ts';
import { LinkedInSetupGuide } from './linkedin-guide.tsx';

const fields = linkedInAppFields;
type FieldName = LinkedInAppField;

type AppState =
  | { status: 'loading' }
  | { status: 'ready'; app: NetworkApp }
  | { status: 'failed'; error: AppError };

export function LinkedInConnect({ target }: { target: NetworkTarget }) {
  const uid = useId();
  const ids: Record<FieldName, string> = {
    clientId: `${uid}-client-id`,
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
  const [values, setValues] = useState<Record<FieldName, string>>({
    clientId: '',
    clientSecret: '',
  });
  // Reconnecting a page means signing in again with pages, then renewing it in the picker.
  // After a refused sign-in the form comes back with the choice made then.
  const remembered = useNetworkConnect((s) => s.pages);
  const [pages, setPages] = useState(
    remembered ?? (target.reconnect !== null && isLinkedInPage(target.reconnect.platformUserId)),
  );
  const [checked, setChecked] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    void getBridge()
      .invoke('accounts:get-app', { platform: 'linkedin' })
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
  const messageFor = (field: FieldName) =>
    (checked ? linkedInAppIssue(field, values[field], known) : null) ?? issueFor(error, field);
  const redirectUri = callbackUri(port);

  function focusAfter(refusal: AppError | null) {
    if (refusal === null) return;
    const field = fields.find((f) => issueFor(refusal, f) !== null);
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
      platform: 'linkedin',
      clientId,
      ...(secret === '' ? {} : { clientSecret: secret }),
    });
    setSaving(false);
    if (!result.ok) {
      // The vault's own state says how to fix a secret that could not be sealed.
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
    const invalid = fields.find((f) => linkedInAppIssue(f, values[f], known) !== null);
    if (invalid !== undefined) {
      document.getElementById(ids[invalid])?.focus();
      return;
    }
    if (!(await saveApp())) return;
    await startBrowser({ pages });
    const after = useNetworkConnect.getState().phase;
    if (after.name === 'form') focusAfter(after.error);
  }

  const set = (field: FieldName) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
  };

  return (
    <form
      noValidate
      aria-label="Sign in to LinkedIn"
      onSubmit={(event) => {
        void submit(event);
      }}
    >
      <div className="modal-body modal-stack">
        <div className="setup-note">
          <p>
            Starling signs in to LinkedIn through <strong>your own LinkedIn app</strong>, so your
            clients’ accounts are never shared with anyone else’s. Set the app up once; you then
            sign in <strong>on LinkedIn, in the browser</strong>, and Starling never sees the
            password.
          </p>
        </div>
        {error !== null && !onlyFieldIssues(error, fields) && (
          <ConnectErrorAlert
            ref={alertRef}
            title="LinkedIn account not connected"
            error={error}
            onVaultAccepted={() => {
              setSaveError(null);
              open(target);
            }}
          />
        )}
        {app.status !== 'loading' && (
          <details className="setup-guide" open={known?.clientId == null}>
            <summary>How to set up your LinkedIn app</summary>
            <LinkedInSetupGuide redirectUri={redirectUri} />
          </details>
        )}
        {fromEnvironment ? (
          <p className="muted">
            Your LinkedIn app comes from STARLING_LINKEDIN_CLIENT_ID
            {known.hasSecret ? ' and STARLING_LINKEDIN_CLIENT_SECRET' : ''}; its redirect URL must
            be {redirectUri}.
          </p>
        ) : (
          <div className="x-app-fields linkedin-app-fields">
            <Field id={ids.clientId} label="Client ID" error={messageFor('clientId')}>
              {(control) => (
                <input
                  {...control}
                  data-autofocus
                  className="input input-mono"
                  value={values.clientId}
                  placeholder="e.g. 86abcdefghijkl"
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
              label="Client secret"
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
        <div className="pages-choice">
          <label className="toggle toggle-wrap">
            <input
              type="checkbox"
              className="checkbox"
              checked={pages}
              aria-describedby={`${uid}-pages-hint`}
              onChange={(e) => {
                setPages(e.target.checked);
              }}
            />
            Also connect company pages
          </label>
          <p className="field-hint" id={`${uid}-pages-hint`}>
            After signing in, choose which of the pages you administer to add as accounts of{' '}
            {target.clientName}. Needs the Community Management API product.
          </p>
        </div>
      </div>
      <ConnectFooter busy={busy} submitLabel="Sign in on LinkedIn" onCancel={close} />
    </form>
  );
}
