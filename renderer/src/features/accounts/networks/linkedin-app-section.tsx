// Settings → "Set up LinkedIn": the guide to the user's own LinkedIn app, and its Client ID
// and secret kept through accounts:save-app (the secret goes in and never comes back; the
// form learns only whether one is kept, and can forget it for an app LinkedIn lets sign
// in with PKCE alone). Connect LinkedIn asks for the same app when none is set.
import { useEffect, useId, useState, type SubmitEvent } from 'react';
import type { NetworkApp } from '../../../../../shared/accounts.ts';
import { showToast } from '../../../app/toasts/toast-store.ts';
import { BusyButton } from '../../../app/ui/busy-button.tsx';
import { Field } from '../../../app/ui/field.tsx';
import { getBridge } from '../../../bridge/bridge.ts';
import { callbackUri, useCallbackPort } from './callback-uri.ts';
import { issueFor } from './connect-form-parts.tsx';
import { linkedInAppIssue, type LinkedInAppField } from './linkedin-app.ts';
import { LinkedInSetupGuide } from './linkedin-guide.tsx';
import '../accounts.css';

export function LinkedInAppSection() {
  const uid = useId();
  const ids: Record<LinkedInAppField, string> = {
    clientId: `${uid}-client-id`,
    clientSecret: `${uid}-secret`,
  };
  const port = useCallbackPort();
  const [app, setApp] = useState<NetworkApp | null>(null);
  const [clientId, setClientId] = useState('');
  const [secret, setSecret] = useState('');
  const [checked, setChecked] = useState(false);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; fields: boolean } | null>(null);
  const [serverIssues, setServerIssues] = useState<Partial<Record<LinkedInAppField, string>>>({});

  useEffect(() => {
    let live = true;
    void getBridge()
      .invoke('accounts:get-app', { platform: 'linkedin' })
      .then((result) => {
        if (!live) return;
        if (!result.ok) {
          setRefusal({ message: result.error.message, fields: false });
          return;
        }
        setApp(result.value);
        setClientId((typed) => typed || (result.value.clientId ?? ''));
      });
    return () => {
      live = false;
    };
  }, []);

  const values: Record<LinkedInAppField, string> = { clientId, clientSecret: secret };
  const messageFor = (field: LinkedInAppField) =>
    serverIssues[field] ?? (checked ? linkedInAppIssue(field, values[field], app) : null);

  async function save(clientSecret: string | null | undefined) {
    setSaving(true);
    const result = await getBridge().invoke('accounts:save-app', {
      platform: 'linkedin',
      clientId: clientId.trim(),
      ...(clientSecret === undefined ? {} : { clientSecret }),
    });
    setSaving(false);
    if (!result.ok) {
      const issues: Partial<Record<LinkedInAppField, string>> = {};
      for (const field of ['clientId', 'clientSecret'] as const) {
        const message = issueFor(result.error, field);
        if (message !== null) issues[field] = message;
      }
      setServerIssues(issues);
      const onField = Object.keys(issues).length > 0;
      setRefusal({ message: result.error.message, fields: onField });
      return;
    }
    setApp(result.value);
    setSecret('');
    setRefusal(null);
    showToast(clientSecret === null ? 'LinkedIn client secret forgotten.' : 'LinkedIn app saved.');
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (saving) return;
    setChecked(true);
    setServerIssues({});
    const invalid = (['clientId', 'clientSecret'] as const).find(
      (f) => linkedInAppIssue(f, values[f], app) !== null,
    );
    if (invalid !== undefined) {
      document.getElementById(ids[invalid])?.focus();
      return;
    }
    await save(secret.trim() === '' ? undefined : secret.trim());
  }

  const fromEnvironment = app?.fromEnvironment === true;
  return (
    <section
      className="settings-section settings-section-wide panel"
      aria-labelledby={`${uid}-heading`}
    >
      <div className="settings-section-text">
        <h2 id={`${uid}-heading`}>Set up LinkedIn</h2>
        <p>
          Starling signs in to LinkedIn through a LinkedIn app that you create, so your clients’
          accounts are never shared with anyone else’s app.{' '}
          {app?.clientId == null
            ? 'Set it up once, before connecting the first member or page.'
            : 'Your LinkedIn app is set up.'}
        </p>
      </div>
      <div className="app-setup-body">
        <details className="setup-guide" open={app !== null && app.clientId === null}>
          <summary>How to create your LinkedIn app</summary>
          <LinkedInSetupGuide redirectUri={callbackUri(port)} />
        </details>
        {fromEnvironment ? (
          <p className="muted">
            Your LinkedIn app comes from STARLING_LINKEDIN_CLIENT_ID
            {app.hasSecret ? ' and STARLING_LINKEDIN_CLIENT_SECRET' : ''}; change it there.
          </p>
        ) : (
          <form
            className="app-form"
            noValidate
            aria-label="LinkedIn app settings"
            onSubmit={(event) => {
              void submit(event);
            }}
          >
            {refusal !== null && !refusal.fields && (
              <div className="form-alert" role="alert">
                {refusal.message}
              </div>
            )}
            <div className="app-form-fields network-app-fields">
              <Field id={ids.clientId} label="LinkedIn Client ID" error={messageFor('clientId')}>
                {(control) => (
                  <input
                    {...control}
                    className="input input-mono"
                    value={clientId}
                    autoComplete="off"
                    spellCheck={false}
                    placeholder="e.g. 86abcdefghijkl"
                    onChange={(e) => {
                      setClientId(e.target.value);
                    }}
                  />
                )}
              </Field>
              <Field
                id={ids.clientSecret}
                label="Client secret"
                error={messageFor('clientSecret')}
                hint={
                  app?.hasSecret === true
                    ? 'Saved and sealed. Leave empty to keep it.'
                    : 'None kept. Sealed by your vault once saved.'
                }
              >
                {(control) => (
                  <input
                    {...control}
                    className="input input-mono"
                    type="password"
                    value={secret}
                    autoComplete="off"
                    spellCheck={false}
                    onChange={(e) => {
                      setSecret(e.target.value);
                    }}
                  />
                )}
              </Field>
            </div>
            <div className="app-form-submit">
              {app?.hasSecret === true && (
                <button
                  type="button"
                  className="button button-ghost"
                  onClick={() => {
                    if (!saving) void save(null);
                  }}
                >
                  Forget the secret
                </button>
              )}
              <BusyButton type="submit" variant="primary" busy={saving}>
                Save LinkedIn app
              </BusyButton>
            </div>
          </form>
        )}
      </div>
    </section>
  );
}
