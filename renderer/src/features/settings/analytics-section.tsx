// Analytics: the daily cap on X reads (X bills reads on its pay-per-use API) and how many
// were used today. The metric sync stops at the cap and starts over at 00:00 UTC.
import { useEffect, useId, useState, type SubmitEvent } from 'react';
import type { ReadUsage } from '../../../../shared/analytics.ts';
import { readCapInput } from '../../../../shared/analytics.ts';
import { showError, showToast } from '../../app/toasts/toast-store.ts';
import { Field } from '../../app/ui/field.tsx';
import { getBridge } from '../../bridge/bridge.ts';

export function AnalyticsSection() {
  const uid = useId();
  const [usage, setUsage] = useState<ReadUsage | null>(null);
  const [cap, setCap] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void getBridge()
      .invoke('analytics:get-usage', {})
      .then((result) => {
        if (!result.ok) return;
        setUsage(result.value);
        setCap(String(result.value.dailyReadCap));
      });
    return getBridge().on('metrics:synced', ({ readsToday, dailyReadCap }) => {
      setUsage((u) => (u === null ? u : { ...u, readsToday, dailyReadCap }));
    });
  }, []);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const parsed = readCapInput.safeParse({ dailyReadCap: cap.trim() === '' ? NaN : Number(cap) });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Enter a whole number.');
      document.getElementById(`${uid}-cap`)?.focus();
      return;
    }
    setError(null);
    const result = await getBridge().invoke('analytics:set-read-cap', parsed.data);
    if (!result.ok) {
      showError(result.error.message);
      return;
    }
    setUsage(result.value);
    showToast('Daily read cap saved.');
  }

  return (
    <section className="settings-section panel" aria-labelledby={`${uid}-heading`}>
      <div className="settings-section-text">
        <h2 id={`${uid}-heading`}>Analytics</h2>
        <p>
          X charges for every post and profile read. Metric syncing stops for the day at this cap
          and starts again at 00:00 UTC.
          {usage !== null &&
            ` Used today: ${usage.readsToday.toLocaleString()} of ${usage.dailyReadCap.toLocaleString()}.`}
        </p>
      </div>
      <form className="zone-form" noValidate onSubmit={(e) => void submit(e)}>
        <Field
          id={`${uid}-cap`}
          label="Daily X read cap"
          error={error}
          hint="0 stops reading metrics."
        >
          {(control) => (
            <input
              {...control}
              className="input"
              inputMode="numeric"
              value={cap}
              onChange={(e) => {
                setCap(e.target.value);
              }}
            />
          )}
        </Field>
        <button type="submit" className="button button-primary">
          Save cap
        </button>
      </form>
    </section>
  );
}
