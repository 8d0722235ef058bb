// The calendar's default time zone: follow this computer, or one fixed zone (useful when
// travelling, or when most clients share a zone).
import { useId, useState, type SubmitEvent } from 'react';
import { clientTimeZone } from '../../../../shared/clients.ts';
import { machineTimeZone } from '../../app/machine-time-zone.ts';
import { usePreferences } from '../../app/preferences-store.ts';
import { showError, showToast } from '../../app/toasts/toast-store.ts';
import { Field } from '../../app/ui/field.tsx';
import { TimeZoneInput } from '../../app/ui/time-zone-input.tsx';

export function CalendarZoneSection() {
  const saved = usePreferences((s) => s.preferences.timezone);
  return (
    <section className="settings-section panel" aria-labelledby="calendar-zone-heading">
      <div className="settings-section-text">
        <h2 id="calendar-zone-heading">Calendar time zone</h2>
        <p>
          The zone the calendar opens in. Each client’s posts still go out in the client’s zone.
        </p>
      </div>
      {/* Remounts when the saved value changes (here or in another window). */}
      <ZoneForm key={saved ?? ''} saved={saved} />
    </section>
  );
}

function ZoneForm({ saved }: { saved: string | null }) {
  const uid = useId();
  const update = usePreferences((s) => s.update);
  const [fixed, setFixed] = useState(saved !== null);
  const [zone, setZone] = useState(saved ?? machineTimeZone);
  const [touched, setTouched] = useState(false);
  const check = clientTimeZone.safeParse(zone);
  const error = touched && !check.success ? (check.error.issues[0]?.message ?? null) : null;

  async function save(timezone: string | null) {
    const result = await update({ timezone });
    if (result.ok) showToast('Calendar time zone saved.');
    else showError(result.error.message);
  }

  function submit(event: SubmitEvent) {
    event.preventDefault();
    setTouched(true);
    if (check.success) void save(zone);
    else document.getElementById(`${uid}-zone`)?.focus();
  }

  return (
    <form className="zone-form" noValidate onSubmit={submit}>
      <fieldset className="radio-list">
        <legend className="visually-hidden">Calendar time zone</legend>
        <label className="radio-row">
          <input
            type="radio"
            name={`${uid}-mode`}
            checked={!fixed}
            onChange={() => {
              setFixed(false);
              if (saved !== null) void save(null);
            }}
          />
          <span>
            Follow this computer <span className="muted">({machineTimeZone})</span>
          </span>
        </label>
        <label className="radio-row">
          <input
            type="radio"
            name={`${uid}-mode`}
            checked={fixed}
            onChange={() => {
              setFixed(true);
            }}
          />
          <span>Always use one time zone</span>
        </label>
      </fieldset>
      <div className="zone-fixed" data-enabled={fixed}>
        <Field id={`${uid}-zone`} label="Default time zone" error={error}>
          {(control) => (
            <TimeZoneInput
              {...control}
              value={zone}
              disabled={!fixed}
              onChange={(e) => {
                setZone(e.target.value);
                setTouched(true);
              }}
            />
          )}
        </Field>
        <button
          type="submit"
          className="button button-secondary"
          disabled={!fixed || saved === zone}
        >
          Save time zone
        </button>
      </div>
    </form>
  );
}
