// When to publish: a date and time read in the client's zone, the same instant shown in
// the user's own zone beside it, and "Add to queue", which takes the chosen accounts' next
// free weekly posting slot (slots are edited in each account's settings).
import { useState } from 'react';
import type { SocialAccount } from '../../../../../shared/accounts.ts';
import { AppFailure } from '../../../../../shared/result.ts';
import { localTimeOf, parseWhen } from '../../../../../shared/schedule-time.ts';
import { shownHandle } from '../../../../../shared/networks/index.ts';
import { Field } from '../../../app/ui/field.tsx';
import { getBridge } from '../../../bridge/bridge.ts';
import { formatInZone } from '../format-time.ts';
import { BestTimes } from './best-times.tsx';

const userZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const queueHorizonMs = 28 * 86_400_000;

/** The earliest instant free for every account, or a message that says what to do. */
async function nextCommonSlot(accounts: SocialAccount[]): Promise<number | string> {
  if (accounts.length === 0) return 'Choose the accounts first: the queue is per account.';
  const from = Date.now();
  const lists: number[][] = [];
  for (const account of accounts) {
    const result = await getBridge().invoke('calendar:free-slots', {
      from,
      to: from + queueHorizonMs,
      accountId: account.id,
    });
    if (!result.ok) return result.error.message;
    if (result.value.length === 0) {
      return `${shownHandle(account.platform, account.handle)} has no free posting slot in the next 4 weeks: add weekly posting times in the account's settings, or pick a time.`;
    }
    lists.push(result.value.map((s) => s.at));
  }
  const [first = [], ...rest] = lists;
  const common = first.find((at) => rest.every((l) => l.includes(at)));
  return (
    common ??
    'These accounts share no free posting slot in the next 4 weeks: queue them one at a time, or pick a time.'
  );
}

interface Props {
  uid: string;
  /** Whose history suggests the best times ('' : none chosen). */
  clientId: string;
  zone: string;
  date: string;
  time: string;
  accounts: SocialAccount[];
  onChange: (date: string, time: string) => void;
}

export function SchedulePicker({ uid, clientId, zone, date, time, accounts, onChange }: Props) {
  const [queueMessage, setQueueMessage] = useState<string | null>(null);
  let elsewhere: string | null = null;
  if (date !== '' && time !== '') {
    try {
      const at = parseWhen(`${date} ${time}`, zone).instant;
      elsewhere =
        userZone === zone
          ? `Your time zone too (${zone}).`
          : `${formatInZone(at, userZone)} your time (${userZone})`;
    } catch (error) {
      elsewhere = error instanceof AppFailure ? error.error.message : null;
    }
  }

  return (
    <fieldset className="composer-schedule">
      <legend className="field-label">When</legend>
      <div className="composer-when">
        <Field id={`${uid}-date`} label="Date" error={null}>
          {(control) => (
            <input
              {...control}
              type="date"
              className="input"
              value={date}
              onChange={(e) => {
                onChange(e.target.value, time);
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
                onChange(date, e.target.value);
              }}
            />
          )}
        </Field>
        <div className="composer-zones">
          <p className="composer-zone muted">{zone}</p>
          <p className="composer-user-zone muted" aria-live="polite">
            {elsewhere}
          </p>
        </div>
      </div>
      <BestTimes clientId={clientId} zone={zone} onPick={onChange} />
      <div className="composer-queue">
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => {
            setQueueMessage(null);
            void nextCommonSlot(accounts).then((slot) => {
              if (typeof slot === 'string') {
                setQueueMessage(slot);
                return;
              }
              const [d = '', t = ''] = localTimeOf(slot, zone).split('T');
              onChange(d, t);
              setQueueMessage(`Next free slot: ${formatInZone(slot, zone)} (${zone}).`);
            });
          }}
        >
          Add to queue
        </button>
        <span className="muted composer-queue-message" aria-live="polite">
          {queueMessage}
        </span>
      </div>
    </fieldset>
  );
}
