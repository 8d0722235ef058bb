// An account's weekly queue: the times its posts usually go out, read in the client's
// zone. They show on the calendar as free slots to click; imports without a time use the
// next free one. Saved as a whole through slots:replace (the core de-duplicates).
import { useEffect, useId, useState } from 'react';
import type { SocialAccount } from '../../../../shared/accounts.ts';
import { weekdayShort, type QueueSlotView } from '../../../../shared/calendar.ts';
import { shownHandle } from '../../../../shared/networks/index.ts';
import { showToast } from '../../app/toasts/toast-store.ts';
import { BusyButton } from '../../app/ui/busy-button.tsx';
import { Modal } from '../../app/ui/modal.tsx';
import { getBridge } from '../../bridge/bridge.ts';

interface Props {
  account: SocialAccount;
  timezone: string;
  onClose: () => void;
}

type Slot = Pick<QueueSlotView, 'weekday' | 'minuteOfDay'>;

const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const bySlot = (a: Slot, b: Slot) => a.weekday - b.weekday || a.minuteOfDay - b.minuteOfDay;
const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function QueueSlotsDialog({ account, timezone, onClose }: Props) {
  const uid = useId();
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [weekday, setWeekday] = useState('weekdays');
  const [time, setTime] = useState('09:00');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void getBridge()
      .invoke('slots:list', { accountId: account.id })
      .then((result) => {
        if (result.ok) setSlots(result.value);
        else setError(result.error.message);
      });
  }, [account.id]);

  function add() {
    const match = /^(\d{2}):(\d{2})$/.exec(time);
    if (match === null) {
      setError('Choose a time like 09:00.');
      return;
    }
    const minute = Number(match[1]) * 60 + Number(match[2]);
    const days =
      weekday === 'weekdays'
        ? [0, 1, 2, 3, 4]
        : weekday === 'every'
          ? [0, 1, 2, 3, 4, 5, 6]
          : [Number(weekday)];
    const next = [...(slots ?? [])];
    for (const d of days) {
      if (!next.some((s) => s.weekday === d && s.minuteOfDay === minute))
        next.push({ weekday: d, minuteOfDay: minute });
    }
    setSlots(next.sort(bySlot));
    setError(null);
  }

  async function save() {
    if (busy || slots === null) return;
    setBusy(true);
    const result = await getBridge().invoke('slots:replace', { accountId: account.id, slots });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    showToast(
      `Saved ${String(result.value.length)} queue slots for ${shownHandle(account.platform, account.handle)}.`,
    );
    onClose();
  }

  return (
    <Modal labelledBy={`${uid}-title`} describedBy={`${uid}-text`} onClose={onClose}>
      <header className="modal-header">
        <h2 id={`${uid}-title`}>Queue slots of {shownHandle(account.platform, account.handle)}</h2>
      </header>
      <div className="modal-body queue-slots">
        <p id={`${uid}-text`} className="muted">
          Weekly times in {timezone}. Free ones show on the calendar; click one to write a post for
          it. A time the clocks skip in spring moves an hour later that day.
        </p>
        {slots === null ? (
          error === null && <p role="status">Loading…</p>
        ) : slots.length === 0 ? (
          <p>No slots yet.</p>
        ) : (
          <ul className="queue-slot-list" aria-label="Slots">
            {slots.map((s) => (
              <li key={`${String(s.weekday)}-${String(s.minuteOfDay)}`}>
                <span>
                  {weekdayShort[s.weekday]} {hhmm(s.minuteOfDay)}
                </span>
                <button
                  type="button"
                  className="button button-ghost button-small"
                  aria-label={`Remove ${weekdayNames[s.weekday] ?? ''} ${hhmm(s.minuteOfDay)}`}
                  onClick={() => {
                    setSlots(slots.filter((x) => x !== s));
                  }}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="queue-slot-add">
          <label>
            <span className="field-label">Day</span>
            <select
              className="input"
              value={weekday}
              onChange={(e) => {
                setWeekday(e.target.value);
              }}
            >
              <option value="weekdays">Monday to Friday</option>
              <option value="every">Every day</option>
              {weekdayNames.map((name, i) => (
                <option key={name} value={String(i)}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span className="field-label">Time</span>
            <input
              className="input"
              type="time"
              value={time}
              onChange={(e) => {
                setTime(e.target.value);
              }}
            />
          </label>
          <button
            type="button"
            className="button button-secondary"
            onClick={add}
            disabled={slots === null}
          >
            Add
          </button>
        </div>
        {error !== null && (
          <p className="form-alert" role="alert">
            {error}
          </p>
        )}
      </div>
      <footer className="modal-footer">
        <button type="button" className="button button-secondary" onClick={onClose}>
          Cancel
        </button>
        <BusyButton
          busy={busy}
          variant="primary"
          onClick={() => {
            void save();
          }}
        >
          Save slots
        </BusyButton>
      </footer>
    </Modal>
  );
}
