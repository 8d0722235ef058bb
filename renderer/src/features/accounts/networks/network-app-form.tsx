// The connect form of a network that signs in through the user's own developer app: the
// app's fields (its id, its secret, which goes to the core through accounts:save-app and
// never comes back: the form only learns whether one is kept, and where the network wants
// one, the https redirect registered with it), the network's setup guide, then the browser
// sign-in. Each network's file gives its words, fields, checks and guide.
import { useEffect, useId, useRef, useState, type ReactNode, type SubmitEvent } from 'react';
import type { NetworkApp, Platform } from '../../../../../shared/accounts.ts';
import type { AppError } from '../../../../../shared/result.ts';
import { Field } from '../../../app/ui/field.tsx';
import { getBridge } from '../../../bridge/bridge.ts';
import {
  useNetworkConnect,
  type BrowserSignIn,
  type NetworkTarget,
} from '../network-connect-store.ts';
import { useVault } from '../vault-store.ts';
import {
  ConnectErrorAlert,
  ConnectFooter,
  issueFor,
  onlyFieldIssues,
} from './connect-form-parts.tsx';

export type AppField = 'clientId' | 'clientSecret' | 'redirectUri';

export interface AppFieldSpec<F extends AppField = AppField> {
  name: F;
  label: string;
  /** The secret's placeholder says whether one is kept, so it takes none. */
  placeholder?: string;
  inputMode?: 'numeric';
}

export interface NetworkAppFormProps<F extends AppField> {
  target: NetworkTarget;
  platform: Platform;
  /** In order; the first takes the focus when the dialog opens. */
  fields: readonly AppFieldSpec<F>[];
  /** What a field is checked for before anything is sent (the core checks again). */
  issue: (field: F, value: string, known: NetworkApp | null) => string | null;
  /** The form's accessible name ("Sign in to …"). */
  formLabel: string;
  /** What signing in through the user's own app means on this network. */
  intro: ReactNode;
  /** The refusal's title ("… account not connected"). */
  errorTitle: string;
  guideSummary: string;
  guide: ReactNode;
  /** Said in place of the fields when the app comes from the environment. */
  fromEnvironment: (known: NetworkApp) => ReactNode;
  /** What the browser sign-in asks for besides the account. */
  signIn: BrowserSignIn;
  submitLabel: string;
  /** More choices, below the app's fields. */
  children?: ReactNode;
}

type AppState =
  | { status: 'loading' }
  | { status: 'ready'; app: NetworkApp }
  | { status: 'failed'; error: AppError };

export function NetworkAppForm<F extends AppField>(props: NetworkAppFormProps<F>) {
  const { target, platform, fields, issue } = props;
  const uid = useId();
  const idOf = (field: AppField) => `${uid}-${field}`;
  const names = fields.map((f) => f.name);
  const phase = useNetworkConnect((s) => s.phase);
  const startBrowser = useNetworkConnect((s) => s.startBrowser);
  const close = useNetworkConnect((s) => s.close);
  const open = useNetworkConnect((s) => s.open);
  const storeError = phase.name === 'form' ? phase.error : null;
  const signingIn = phase.name === 'form' && phase.busy;
  const [app, setApp] = useState<AppState>({ status: 'loading' });
  const [values, setValues] = useState<Record<AppField, string>>({
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
      .invoke('accounts:get-app', { platform })
      .then((result) => {
        if (!live) return;
        if (!result.ok) {
          setApp({ status: 'failed', error: result.error });
          return;
        }
        setApp({ status: 'ready', app: result.value });
        setValues((v) => ({
          ...v,
          clientId: v.clientId || (result.value.clientId ?? ''),
          redirectUri: v.redirectUri || (result.value.redirectUri ?? ''),
        }));
      });
    return () => {
      live = false;
    };
  }, [platform]);

  const known = app.status === 'ready' ? app.app : null;
  const fromEnvironment = known?.fromEnvironment === true;
  const error = saveError ?? storeError ?? (app.status === 'failed' ? app.error : null);
  const busy = saving || signingIn || app.status === 'loading';
  const check = (field: F) => (fromEnvironment ? null : issue(field, values[field], known));
  const messageFor = (field: F) => (checked ? check(field) : null) ?? issueFor(error, field);

  function focusAfter(refusal: AppError | null) {
    if (refusal === null) return;
    const field = names.find((f) => issueFor(refusal, f) !== null);
    if (field !== undefined) document.getElementById(idOf(field))?.focus();
    else requestAnimationFrame(() => alertRef.current?.focus());
  }

  /** Saves the app when it was typed or changed; the secret leaves the form at once. */
  async function saveApp(): Promise<boolean> {
    if (fromEnvironment) return true;
    const clientId = values.clientId.trim();
    const secret = values.clientSecret.trim();
    const redirectUri = fields.some((f) => f.name === 'redirectUri')
      ? values.redirectUri.trim()
      : null;
    const unchanged =
      known !== null &&
      known.clientId === clientId &&
      secret === '' &&
      (redirectUri === null || known.redirectUri === redirectUri);
    if (unchanged) return true;
    setSaving(true);
    const result = await getBridge().invoke('accounts:save-app', {
      platform,
      clientId,
      ...(redirectUri === null ? {} : { redirectUri }),
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
    const invalid = names.find((f) => check(f) !== null);
    if (invalid !== undefined) {
      document.getElementById(idOf(invalid))?.focus();
      return;
    }
    if (!(await saveApp())) return;
    await startBrowser(props.signIn);
    const after = useNetworkConnect.getState().phase;
    if (after.name === 'form') focusAfter(after.error);
  }

  const kept = known?.hasSecret === true;
  return (
    <form
      noValidate
      aria-label={props.formLabel}
      onSubmit={(event) => {
        void submit(event);
      }}
    >
      <div className="modal-body modal-stack">
        <div className="setup-note">
          <p>{props.intro}</p>
        </div>
        {error !== null && !onlyFieldIssues(error, names) && (
          <ConnectErrorAlert
            ref={alertRef}
            title={props.errorTitle}
            error={error}
            onVaultAccepted={() => {
              setSaveError(null);
              open(target);
            }}
          />
        )}
        {app.status !== 'loading' && (
          <details className="setup-guide" open={known?.clientId == null}>
            <summary>{props.guideSummary}</summary>
            {props.guide}
          </details>
        )}
        {fromEnvironment ? (
          <p className="muted">{props.fromEnvironment(known)}</p>
        ) : (
          <div className="app-form-fields network-app-fields">
            {fields.map((spec, index) => {
              const secret = spec.name === 'clientSecret';
              return (
                <Field
                  key={spec.name}
                  id={idOf(spec.name)}
                  label={spec.label}
                  error={messageFor(spec.name)}
                  {...(secret && {
                    hint: kept
                      ? 'Saved and sealed. Leave empty to keep it.'
                      : 'Sealed by your vault; never shown again.',
                  })}
                >
                  {(control) => (
                    <input
                      {...control}
                      {...(index === 0 && { 'data-autofocus': true })}
                      className="input input-mono"
                      {...(secret && { type: 'password' })}
                      value={values[spec.name]}
                      placeholder={secret ? (kept ? '••••••••' : '') : spec.placeholder}
                      {...(spec.inputMode !== undefined && { inputMode: spec.inputMode })}
                      autoComplete="off"
                      spellCheck={false}
                      onChange={(e) => {
                        const value = e.target.value;
                        setValues((v) => ({ ...v, [spec.name]: value }));
                      }}
                    />
                  )}
                </Field>
              );
            })}
          </div>
        )}
        {props.children}
      </div>
      <ConnectFooter busy={busy} submitLabel={props.submitLabel} onCancel={close} />
    </form>
  );
}
