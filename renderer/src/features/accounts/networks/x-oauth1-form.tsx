// X's OAuth 1.0a form (in the Connect X dialog): the user's API key and API key secret,
// typed into password fields and held only in this form's state until the call is made;
// never in a store (x-connect-store.ts passes them straight to the core).
import { useId, useState, type SubmitEvent } from 'react';
import { connectXOAuth1Input, type ConnectFlow } from '../../../../../shared/accounts.ts';
import type { Result } from '../../../../../shared/result.ts';
import { Field } from '../../../app/ui/field.tsx';
import type { OAuth1Keys } from './x-connect-store.ts';
import { BusyButton } from '../../../app/ui/busy-button.tsx';

type KeyField = keyof OAuth1Keys;

const schemas = {
  apiKey: connectXOAuth1Input.shape.apiKey,
  apiSecret: connectXOAuth1Input.shape.apiSecret,
};

function check(field: KeyField, value: string): string | null {
  const result = schemas[field].safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? 'This value is not valid.');
}

interface XOAuth1FormProps {
  busy: boolean;
  onSubmit: (keys: OAuth1Keys) => Promise<Result<ConnectFlow>>;
}

export function XOAuth1Form({ busy, onSubmit }: XOAuth1FormProps) {
  const uid = useId();
  const ids: Record<KeyField, string> = { apiKey: `${uid}-key`, apiSecret: `${uid}-secret` };
  const [keys, setKeys] = useState<OAuth1Keys>({ apiKey: '', apiSecret: '' });
  const [touched, setTouched] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<KeyField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const errorFor = (field: KeyField) =>
    serverErrors[field] ?? (touched ? check(field, keys[field]) : null);
  const change = (field: KeyField, value: string) => {
    setKeys({ ...keys, [field]: value });
    setServerErrors({ ...serverErrors, [field]: undefined });
  };

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy) return;
    setTouched(true);
    setFormError(null);
    const invalid = (['apiKey', 'apiSecret'] as const).find((f) => check(f, keys[f]) !== null);
    if (invalid !== undefined) {
      document.getElementById(ids[invalid])?.focus();
      return;
    }
    const result = await onSubmit({ apiKey: keys.apiKey.trim(), apiSecret: keys.apiSecret.trim() });
    if (result.ok) {
      setKeys({ apiKey: '', apiSecret: '' });
      return;
    }
    // Only a refused input comes back here (the dialog shows other failures itself);
    // the secret is cleared so it is typed again on purpose.
    setKeys({ apiKey: keys.apiKey, apiSecret: '' });
    const fields: Partial<Record<KeyField, string>> = {};
    for (const issue of result.error.details?.issues ?? []) {
      const field = issue.path[0];
      if (field === 'apiKey' || field === 'apiSecret') fields[field] ??= issue.message;
    }
    setServerErrors(fields);
    if (Object.keys(fields).length === 0) setFormError(result.error.message);
  }

  return (
    <form
      className="oauth1-form"
      noValidate
      aria-label="Connect with API key"
      onSubmit={(event) => {
        void submit(event);
      }}
    >
      <p className="muted">
        From your X app’s <strong>Keys and tokens</strong> page, under{' '}
        <strong>Consumer Keys</strong>. Starling keeps them encrypted with the account’s tokens.
        Tokens made this way never expire.
      </p>
      {formError !== null && (
        <div className="form-alert" role="alert">
          {formError}
        </div>
      )}
      <Field id={ids.apiKey} label="API key" error={errorFor('apiKey')}>
        {(control) => (
          <input
            {...control}
            data-autofocus
            className="input input-mono"
            type="password"
            value={keys.apiKey}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => {
              change('apiKey', e.target.value);
            }}
          />
        )}
      </Field>
      <Field id={ids.apiSecret} label="API key secret" error={errorFor('apiSecret')}>
        {(control) => (
          <input
            {...control}
            className="input input-mono"
            type="password"
            value={keys.apiSecret}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => {
              change('apiSecret', e.target.value);
            }}
          />
        )}
      </Field>
      <div className="oauth1-submit">
        <BusyButton type="submit" variant="primary" busy={busy}>
          Connect with API key
        </BusyButton>
      </div>
    </form>
  );
}
