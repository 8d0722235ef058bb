// The form: a client, some of its accounts, the text (a thread when parts are added) with
// X's weighted count, and a wall time read in the client's zone. The core checks it all
// again; its refusals (e.g. a time a DST change skips, with the choices) show verbatim.
import { useId, useMemo, useState } from 'react';
import { countXText, xMaxWeightedLength } from '../../../../shared/x-text.ts';
import { showToast } from '../../app/toasts/toast-store.ts';
import { Field } from '../../app/ui/field.tsx';
import { getBridge } from '../../bridge/bridge.ts';
import { accountsOf, useAccounts } from '../accounts/accounts-store.ts';
import { useClients } from '../clients/clients-store.ts';
import { formatInZone } from './format-time.ts';
import { BusyButton } from '../../app/ui/busy-button.tsx';

interface Part {
  key: number;
  text: string;
}

let nextKey = 1;
const newPart = (): Part => ({ key: nextKey++, text: '' });
const partLabel = (index: number) =>
  index === 0 ? 'Post text' : `Thread part ${String(index + 1)}`;

interface Props {
  /** Called after a post was scheduled, so the list can refetch at once. */
  onScheduled: () => void;
}

export function ComposerForm({ onScheduled }: Props) {
  const uid = useId();
  const allClients = useClients((s) => s.clients);
  const allAccounts = useAccounts((s) => s.accounts);
  const clients = useMemo(() => allClients.filter((c) => c.archivedAt === null), [allClients]);

  const [chosenClientId, setClientId] = useState('');
  const [accountIds, setAccountIds] = useState<ReadonlySet<string>>(new Set());
  const [parts, setParts] = useState<Part[]>(() => [newPart()]);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The first client until one is picked; a client archived meanwhile falls back too.
  const client = clients.find((c) => c.id === chosenClientId) ?? clients[0] ?? null;
  const accounts = client === null ? [] : accountsOf(allAccounts, client.id);
  const chosen = accounts.filter((a) => accountIds.has(a.id));
  const counts = parts.map((p) => countXText(p.text).weightedLength);
  const over = counts.some((n) => n > xMaxWeightedLength);

  const toggle = (id: string, on: boolean) => {
    setAccountIds((ids) => {
      const next = new Set(ids);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  };

  const setPartText = (key: number, text: string) => {
    setParts((ps) => ps.map((p) => (p.key === key ? { ...p, text } : p)));
  };

  function problem(): string | null {
    if (client === null) return 'Add a client first, in Clients.';
    if (chosen.length === 0) return 'Choose at least one account to publish to.';
    if (parts.some((p) => p.text.trim() === '')) return 'Write the text of every part.';
    if (over) return `Each part can be at most ${String(xMaxWeightedLength)} characters on X.`;
    if (date === '' || time === '') return 'Choose the date and time to publish.';
    return null;
  }

  async function submit() {
    if (busy) return;
    const local = problem();
    if (local !== null || client === null) {
      setError(local);
      return;
    }
    setBusy(true);
    setError(null);
    const result = await getBridge().invoke('posts:schedule', {
      clientId: client.id,
      accountIds: chosen.map((a) => a.id),
      parts: parts.map((p) => ({ text: p.text })),
      when: { at: `${date} ${time}`, timezone: client.timezone },
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    const post = result.value;
    const at =
      post.scheduledAt === null ? `${date} ${time}` : formatInZone(post.scheduledAt, post.timezone);
    showToast(`Scheduled for ${at} (${post.timezone})`);
    setParts([newPart()]);
    setAccountIds(new Set());
    setDate('');
    setTime('');
    onScheduled();
  }

  if (clients.length === 0) {
    return (
      <section className="panel composer-panel">
        <p className="muted">
          Add a client and connect one of its X accounts in <a href="#/clients">Clients</a> to
          schedule posts.
        </p>
      </section>
    );
  }

  return (
    <form
      className="panel composer-panel"
      aria-label="New post"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Field id={`${uid}-client`} label="Client" error={null}>
        {(control) => (
          <select
            {...control}
            className="input"
            value={client?.id ?? ''}
            onChange={(e) => {
              setClientId(e.target.value);
              setAccountIds(new Set());
              setError(null);
            }}
          >
            {clients.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>

      <fieldset className="composer-accounts">
        <legend className="field-label">Accounts</legend>
        {accounts.length === 0 ? (
          <p className="muted">
            {client?.name} has no connected accounts yet. Connect one in{' '}
            <a href="#/clients">Clients</a>.
          </p>
        ) : (
          <ul className="composer-account-list">
            {accounts.map((a) => (
              <li key={a.id}>
                <label className="composer-account">
                  <input
                    type="checkbox"
                    className="checkbox"
                    checked={accountIds.has(a.id)}
                    onChange={(e) => {
                      toggle(a.id, e.target.checked);
                    }}
                  />
                  @{a.handle}
                  {a.status !== 'active' && <span className="muted"> ({a.status})</span>}
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      {parts.map((part, index) => {
        const count = counts[index] ?? 0;
        const isOver = count > xMaxWeightedLength;
        const label = partLabel(index);
        return (
          <div key={part.key}>
            <Field
              id={`${uid}-part-${String(part.key)}`}
              label={label}
              error={
                isOver
                  ? `${String(count - xMaxWeightedLength)} over X's limit of ${String(xMaxWeightedLength)}.`
                  : null
              }
              aside={
                <span className="composer-aside">
                  {index > 0 && (
                    <button
                      type="button"
                      className="button button-ghost button-small"
                      aria-label={`Remove ${label.toLowerCase()}`}
                      onClick={() => {
                        setParts((ps) => ps.filter((p) => p.key !== part.key));
                      }}
                    >
                      Remove
                    </button>
                  )}
                  <span className={isOver ? 'counter counter-over' : 'counter'}>
                    {count} / {xMaxWeightedLength}
                  </span>
                </span>
              }
            >
              {(control) => (
                <textarea
                  {...control}
                  className="input textarea"
                  rows={index === 0 ? 5 : 3}
                  value={part.text}
                  onChange={(e) => {
                    setPartText(part.key, e.target.value);
                  }}
                />
              )}
            </Field>
          </div>
        );
      })}
      <div>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => {
            setParts((ps) => [...ps, newPart()]);
          }}
        >
          Add to thread
        </button>
      </div>

      <div className="composer-when">
        <Field id={`${uid}-date`} label="Date" error={null}>
          {(control) => (
            <input
              {...control}
              type="date"
              className="input"
              value={date}
              onChange={(e) => {
                setDate(e.target.value);
              }}
            />
          )}
        </Field>
        <Field id={`${uid}-time`} label="Time" error={null}>
          {(control) => (
            <input
              {...control}
              type="time"
              className="input"
              value={time}
              onChange={(e) => {
                setTime(e.target.value);
              }}
            />
          )}
        </Field>
        <p className="composer-zone muted">{client?.timezone}</p>
      </div>

      <div className="composer-alert-slot">
        {error !== null && (
          <div className="form-alert" role="alert">
            {error}
          </div>
        )}
      </div>

      <div className="composer-actions">
        <BusyButton type="submit" variant="primary" busy={busy}>
          Schedule post
        </BusyButton>
      </div>
    </form>
  );
}
