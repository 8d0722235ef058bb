// Create or edit a client in a modal form. Fields are checked as you type with the shared
// schemas; what the core refuses comes back next to the field it names, or above the form.
import { useId, useState, type SubmitEvent } from 'react';
import { clientLimits, type Client } from '../../../../shared/clients.ts';
import { machineTimeZone, zoneOffsetLabel } from '../../app/machine-time-zone.ts';
import { Field } from '../../app/ui/field.tsx';
import { Modal } from '../../app/ui/modal.tsx';
import { TimeZoneInput } from '../../app/ui/time-zone-input.tsx';
import {
  checkDraft,
  checkField,
  clientFields,
  draftFromClient,
  normaliseDraft,
  splitServerError,
  type ClientDraft,
  type ClientField,
  type FieldErrors,
} from './client-draft.ts';
import { useClients } from './clients-store.ts';
import { ColourField } from './colour-field.tsx';
import { BusyButton } from '../../app/ui/busy-button.tsx';

interface ClientFormDialogProps {
  /** The client to edit, or null to create one. */
  client: Client | null;
  /** Colour preselected for a new client. */
  suggestedColor: string;
  onClose: () => void;
  onSaved: (client: Client, created: boolean) => void;
}

export function ClientFormDialog({
  client,
  suggestedColor,
  onClose,
  onSaved,
}: ClientFormDialogProps) {
  const uid = useId();
  const ids: Record<ClientField, string> = {
    name: `${uid}-name`,
    timezone: `${uid}-timezone`,
    color: `${uid}-color`,
    notes: `${uid}-notes`,
  };
  const titleId = `${uid}-title`;
  const createClient = useClients((s) => s.create);
  const updateClient = useClients((s) => s.update);

  const [draft, setDraft] = useState<ClientDraft>(() =>
    client === null
      ? { name: '', timezone: machineTimeZone, color: suggestedColor, notes: '' }
      : draftFromClient(client),
  );
  const [touched, setTouched] = useState<ReadonlySet<ClientField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const errorFor = (field: ClientField): string | null =>
    serverErrors[field] ??
    (submitted || touched.has(field) ? checkField(field, draft[field]) : null);

  const touch = (field: ClientField) => {
    if (!touched.has(field)) setTouched(new Set(touched).add(field));
  };
  const change = (field: ClientField, value: string) => {
    setDraft({ ...draft, [field]: value });
    touch(field);
    if (serverErrors[field] !== undefined) setServerErrors({ ...serverErrors, [field]: undefined });
  };
  const focusFirst = (errors: FieldErrors) => {
    const first = clientFields.find((f) => errors[f] !== undefined);
    if (first !== undefined) document.getElementById(ids[first])?.focus();
  };

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (saving) return;
    setSubmitted(true);
    setFormError(null);
    const local = checkDraft(draft);
    if (Object.keys(local).length > 0) {
      focusFirst(local);
      return;
    }
    setSaving(true);
    const values = normaliseDraft(draft);
    const result =
      client === null
        ? await createClient(values)
        : await updateClient({ id: client.id, ...values });
    setSaving(false);
    if (result.ok) {
      onSaved(result.value, client === null);
      return;
    }
    const { fields, form } = splitServerError(result.error);
    setServerErrors(fields);
    setFormError(form);
    focusFirst(fields);
  }

  const offset = zoneOffsetLabel(draft.timezone, new Date());
  const notesOver = draft.notes.length > clientLimits.notesMax;

  return (
    <Modal labelledBy={titleId} onClose={onClose}>
      <form
        className="client-form"
        noValidate
        aria-labelledby={titleId}
        onSubmit={(event) => {
          void submit(event);
        }}
      >
        <header className="modal-header">
          <h2 id={titleId}>{client === null ? 'New client' : 'Edit client'}</h2>
        </header>
        <div className="modal-body client-form-body">
          <div className="form-alert-slot">
            {formError !== null && (
              <div className="form-alert" role="alert">
                {formError}
              </div>
            )}
          </div>
          <Field id={ids.name} label="Name" error={errorFor('name')}>
            {(control) => (
              <input
                {...control}
                data-autofocus
                className="input"
                type="text"
                value={draft.name}
                autoComplete="off"
                placeholder="e.g. Northwind Bakery"
                onChange={(e) => {
                  change('name', e.target.value);
                }}
                onBlur={() => {
                  if (draft.name !== '') touch('name');
                }}
              />
            )}
          </Field>
          <Field
            id={ids.timezone}
            label="Time zone"
            error={errorFor('timezone')}
            hint={
              offset === ''
                ? 'Posts for this client are scheduled in this zone.'
                : `Posts for this client are scheduled in this zone (${offset} today).`
            }
          >
            {(control) => (
              <TimeZoneInput
                {...control}
                value={draft.timezone}
                placeholder="e.g. Europe/Berlin"
                onChange={(e) => {
                  change('timezone', e.target.value);
                }}
                onBlur={() => {
                  touch('timezone');
                }}
              />
            )}
          </Field>
          <ColourField
            id={ids.color}
            value={draft.color}
            error={errorFor('color')}
            onChange={(value) => {
              change('color', value);
            }}
            onBlur={() => {
              touch('color');
            }}
          />
          <Field
            id={ids.notes}
            label="Notes"
            error={errorFor('notes')}
            aside={
              <span className={`counter ${notesOver ? 'counter-over' : ''}`} aria-hidden="true">
                {draft.notes.length} / {clientLimits.notesMax}
              </span>
            }
          >
            {(control) => (
              <textarea
                {...control}
                className="textarea"
                rows={4}
                value={draft.notes}
                placeholder="Brand voice, hashtags to use or avoid, who approves posts…"
                onChange={(e) => {
                  change('notes', e.target.value);
                }}
              />
            )}
          </Field>
        </div>
        <footer className="modal-footer">
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
          <BusyButton type="submit" variant="primary" busy={saving}>
            Save client
          </BusyButton>
        </footer>
      </form>
    </Modal>
  );
}
