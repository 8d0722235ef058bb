// A textarea whose text past the strictest chosen network's limit is highlighted: a
// mirror behind the transparent textarea repeats the text and marks the overflow,
// scrolled in step with it. Beside it, one counter per network the text goes to.
import { useRef, type ClipboardEvent } from 'react';
import type { FieldControlProps } from '../../../app/ui/field.tsx';
import { NetworkIcon } from '../../accounts/networks/network-icon.tsx';
import type { TargetCount } from './network-text.ts';

interface Props {
  control: FieldControlProps;
  value: string;
  rows: number;
  /** UTF-16 index where the text goes over a limit; null while it fits everywhere. */
  overFrom: number | null;
  onChange: (text: string) => void;
  onPaste?: (event: ClipboardEvent<HTMLTextAreaElement>) => void;
}

export function TextWithLimit({ control, value, rows, overFrom, onChange, onPaste }: Props) {
  const mirror = useRef<HTMLDivElement>(null);
  return (
    <div className="limit-text">
      <div className="limit-text-mirror input textarea" ref={mirror} aria-hidden="true">
        {overFrom === null ? value : value.slice(0, overFrom)}
        {overFrom !== null && <mark>{value.slice(overFrom)}</mark>}
        {/* A trailing newline needs a character after it to take up a line. */}
        {'\u200b'}
      </div>
      <textarea
        {...control}
        className="input textarea limit-text-input"
        rows={rows}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
        }}
        onScroll={(e) => {
          if (mirror.current !== null) mirror.current.scrollTop = e.currentTarget.scrollTop;
        }}
        onPaste={onPaste}
      />
    </div>
  );
}

/** "123 / 280" per network (its mark named for screen readers), red when over. */
export function Counters({ counts }: { counts: readonly TargetCount[] }) {
  return (
    <span className="counters">
      {counts.map((c) => (
        <span key={`${c.platform}:${String(c.limit)}`} className="counter-group">
          <NetworkIcon platform={c.platform} size={12} named />
          <span className={c.overFrom === null ? 'counter' : 'counter counter-over'}>
            {c.length} / {c.limit}
          </span>
        </span>
      ))}
    </span>
  );
}
