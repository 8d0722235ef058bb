// The X app settings (in Settings and in the Connect X dialog): its Client ID (public, not
// a secret) and the loopback port of the OAuth redirect. Checked as you type with the
// shared schemas; saved as preferences. The port is every network's (callback-uri.ts);
// it is set here because X was the first network to need it.
import { useId, useState, type SubmitEvent } from 'react';
import { callbackPort, xClientIdInput } from '../../../../../shared/accounts.ts';
import type { Preferences } from '../../../../../shared/app.ts';
import { usePreferences } from '../../../app/preferences-store.ts';
import { showToast } from '../../../app/toasts/toast-store.ts';
import { Field } from '../../../app/ui/field.tsx';
import { callbackUri } from './callback-uri.ts';
import { BusyButton } from '../../../app/ui/busy-button.tsx';

interface XAppFormProps {
  /** Inside Connect X a Client ID is needed; in Settings an empty field removes it. */
  required?: boolean;
  onSaved?: (preferences: Preferences) => void;
}

type XAppField = 'xClientId' | 'xCallbackPort';

const firstMessage = (issues: readonly { message: string }[]) =>
  issues[0]?.message ?? 'This value is not valid.';

function checkClientId(value: string, required: boolean): string | null {
  if (value.trim() === '') return required ? 'Paste the Client ID of your X app.' : null;
  const result = xClientIdInput.safeParse(value);
  return result.success ? null : firstMessage(result.error.issues);
}

function parsePort(value: string): number {
  return /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
}

function checkPort(value: string): string | null {
  const result = callbackPort.safeParse(parsePort(value));
  return result.success ? null : firstMessage(result.error.issues);
}

export function XAppForm({ required = false, onSaved }: XAppFormProps) {
  const uid = useId();
  const ids: Record<XAppField, string> = {
    xClientId: `${uid}-client-id`,
    xCallbackPort: `${uid}-port`,
  };
  const saved = usePreferences((s) => s.preferences);
  const update = usePreferences((s) => s.update);
  const savedValues = { clientId: saved.xClientId ?? '', port: String(saved.xCallbackPort) };
  const [clientId, setClientId] = useState(savedValues.clientId);
  const [port, setPort] = useState(savedValues.port);
  const [seen, setSeen] = useState(savedValues);
  const [touched, setTouched] = useState<ReadonlySet<XAppField>>(new Set());
  const [serverErrors, setServerErrors] = useState<Partial<Record<XAppField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  // Saved somewhere else (another window, the dialog): take the new values, unless the
  // field was edited here. Not while saving: the store shows this form's values early
  // and takes them back if the core refuses, and then the typed values must stay.
  if (!saving && (seen.clientId !== savedValues.clientId || seen.port !== savedValues.port)) {
    if (clientId === seen.clientId) setClientId(savedValues.clientId);
    if (port === seen.port) setPort(savedValues.port);
    setSeen(savedValues);
  }

  const errors: Record<XAppField, string | null> = {
    xClientId:
      serverErrors.xClientId ??
      (touched.has('xClientId') ? checkClientId(clientId, required) : null),
    xCallbackPort:
      serverErrors.xCallbackPort ?? (touched.has('xCallbackPort') ? checkPort(port) : null),
  };
  const touch = (field: XAppField) => {
    if (!touched.has(field)) setTouched(new Set(touched).add(field));
    if (serverErrors[field] !== undefined) setServerErrors({ ...serverErrors, [field]: undefined });
  };

  const portNumber = parsePort(port);
  const portChanged = checkPort(port) === null && portNumber !== saved.xCallbackPort;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (saving) return;
    setTouched(new Set(['xClientId', 'xCallbackPort']));
    setFormError(null);
    const local = { xClientId: checkClientId(clientId, required), xCallbackPort: checkPort(port) };
    const firstInvalid = (['xClientId', 'xCallbackPort'] as const).find((f) => local[f] !== null);
    if (firstInvalid !== undefined) {
      document.getElementById(ids[firstInvalid])?.focus();
      return;
    }
    setSaving(true);
    const trimmed = clientId.trim();
    const result = await update({
      xClientId: trimmed === '' ? null : trimmed,
      xCallbackPort: portNumber,
    });
    setSaving(false);
    if (result.ok) {
      showToast('X app settings saved.');
      onSaved?.(result.value);
      return;
    }
    const fields: Partial<Record<XAppField, string>> = {};
    for (const issue of result.error.details?.issues ?? []) {
      const field = issue.path[0];
      if (field === 'xClientId' || field === 'xCallbackPort') fields[field] ??= issue.message;
    }
    setServerErrors(fields);
    if (Object.keys(fields).length === 0) setFormError(result.error.message);
    const first = (['xClientId', 'xCallbackPort'] as const).find((f) => fields[f] !== undefined);
    if (first !== undefined) document.getElementById(ids[first])?.focus();
  }

  return (
    <form
      className="app-form"
      noValidate
      aria-label="X app settings"
      onSubmit={(event) => {
        void submit(event);
      }}
    >
      {formError !== null && (
        <div className="form-alert" role="alert">
          {formError}
        </div>
      )}
      <div className="app-form-fields">
        <Field
          id={ids.xClientId}
          label="X Client ID"
          error={errors.xClientId}
          hint={required ? undefined : 'Leave empty to forget it.'}
        >
          {(control) => (
            <input
              {...control}
              className="input input-mono"
              type="text"
              value={clientId}
              autoComplete="off"
              spellCheck={false}
              placeholder="e.g. bXlDbGllbnRJZDEyMzpjaQ"
              onChange={(e) => {
                setClientId(e.target.value);
                touch('xClientId');
              }}
            />
          )}
        </Field>
        <Field id={ids.xCallbackPort} label="Callback port" error={errors.xCallbackPort}>
          {(control) => (
            <input
              {...control}
              className="input input-mono"
              type="text"
              inputMode="numeric"
              value={port}
              autoComplete="off"
              onChange={(e) => {
                setPort(e.target.value);
                touch('xCallbackPort');
              }}
            />
          )}
        </Field>
      </div>
      <p className={portChanged ? 'port-note port-note-changed' : 'port-note'}>
        {portChanged
          ? `After saving, change the Callback URI in your X app to ${callbackUri(portNumber)}, or connecting will fail.`
          : 'Changing the port means changing the Callback URI in your X app to match.'}
      </p>
      <div className="app-form-submit">
        <BusyButton type="submit" variant="primary" busy={saving}>
          Save X app settings
        </BusyButton>
      </div>
    </form>
  );
}
