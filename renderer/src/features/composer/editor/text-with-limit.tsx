// A textarea whose text past X's weighted limit is highlighted: a mirror behind the
// transparent textarea repeats the text and marks the overflow, scrolled in step with it.
import { useRef, type ClipboardEvent } from 'react';
import { countXText, xMaxWeightedLength } from '../../../../../shared/x-text.ts';
import type { FieldControlProps } from '../../../app/ui/field.tsx';

interface Props {
  control: FieldControlProps;
  value: string;
  rows: number;
  onChange: (text: string) => void;
  onPaste?: (event: ClipboardEvent<HTMLTextAreaElement>) => void;
}

export function TextWithLimit({ control, value, rows, onChange, onPaste }: Props) {
  const mirror = useRef<HTMLDivElement>(null);
  const { overLimitFrom } = countXText(value);
  return (
    <div className="limit-text">
      <div className="limit-text-mirror input textarea" ref={mirror} aria-hidden="true">
        {overLimitFrom === null ? value : value.slice(0, overLimitFrom)}
        {overLimitFrom !== null && <mark>{value.slice(overLimitFrom)}</mark>}
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

export function Counter({ text }: { text: string }) {
  const count = countXText(text).weightedLength;
  const over = count > xMaxWeightedLength;
  return (
    <span className={over ? 'counter counter-over' : 'counter'}>
      {count} / {xMaxWeightedLength}
    </span>
  );
}
