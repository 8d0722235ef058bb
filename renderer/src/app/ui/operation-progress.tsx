// The one progress bar for long work: what is happening, a count ("1,204 of 5,000 rows",
// "3.0 MB of 12.0 MB"), the bar, and Cancel while the core says stopping is safe. A
// role="progressbar" with its value, maximum and a readable value text; without a total
// yet it is indeterminate (no value), as ARIA asks.
import { useId } from 'react';
import {
  progressCount,
  progressLabel,
  progressPercent,
  type OperationProgress,
} from '../../../../shared/progress.ts';
import './operation-progress.css';

interface OperationProgressProps {
  /** The latest event; null before the first one arrives (shown as starting). */
  progress: OperationProgress | null;
  /** What the work is, when the core's kind and phase are not the best words. */
  label?: string;
  /** Shown while the operation is cancellable. */
  onCancel?: () => void;
}

export function OperationProgressBar({ progress, label, onCancel }: OperationProgressProps) {
  const labelId = useId();
  const text = label ?? (progress === null ? 'Starting…' : progressLabel(progress));
  const count = progress === null ? '' : progressCount(progress);
  const percent = progress === null ? null : progressPercent(progress);
  const known = progress !== null && progress.total !== null && percent !== null;
  return (
    <div className="op-progress" data-state={progress?.state ?? 'running'}>
      <div className="op-progress-head">
        <span id={labelId} className="op-progress-label">
          {text}
        </span>
        <span className="op-progress-count">
          {count}
          {percent === null ? '' : ` · ${String(percent)}%`}
        </span>
      </div>
      <div className="op-progress-row">
        <div
          role="progressbar"
          className="op-progress-track"
          aria-labelledby={labelId}
          aria-valuemin={0}
          {...(known && {
            'aria-valuemax': progress.total ?? 0,
            'aria-valuenow': progress.done,
            'aria-valuetext': count,
          })}
          data-indeterminate={!known}
        >
          <div className="op-progress-fill" style={{ width: `${String(percent ?? 0)}%` }} />
        </div>
        {onCancel !== undefined && progress?.cancellable === true && (
          <button type="button" className="button button-small" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}
