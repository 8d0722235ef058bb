// A text input with the runtime's IANA zones as suggestions: type "berl" and pick
// Europe/Berlin. Any zone the shared schema accepts is allowed.
import { useId, useMemo, type InputHTMLAttributes } from 'react';
import { timeZoneOptions, zoneOffsetLabel } from '../machine-time-zone.ts';

type TimeZoneInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'list' | 'type'>;

export function TimeZoneInput(props: TimeZoneInputProps) {
  const listId = useId();
  const options = useMemo(() => {
    const today = new Date();
    return timeZoneOptions().map((zone) => ({ zone, offset: zoneOffsetLabel(zone, today) }));
  }, []);
  return (
    <>
      <input
        {...props}
        type="text"
        className={`input ${props.className ?? ''}`}
        list={listId}
        autoComplete="off"
        spellCheck={false}
      />
      <datalist id={listId}>
        {options.map(({ zone, offset }) => (
          <option key={zone} value={zone}>
            {offset}
          </option>
        ))}
      </datalist>
    </>
  );
}
