// A labelled form field with a reserved line for its message, so messages never push the
// layout around. The control gets its id, aria-invalid and aria-describedby from here.
import type { ReactNode } from 'react';

export interface FieldControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  id: string;
  label: string;
  error: string | null;
  hint?: ReactNode;
  /** Shown on the label line, right-aligned (e.g. a character count). */
  aside?: ReactNode;
  children: (control: FieldControlProps) => ReactNode;
}

export function Field({ id, label, error, hint, aside, children }: FieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy =
    [hint === undefined ? null : hintId, error === null ? null : errorId]
      .filter((x) => x !== null)
      .join(' ') || undefined;
  return (
    <div className="field">
      <div className="field-label-row">
        <label className="field-label" htmlFor={id}>
          {label}
        </label>
        {aside}
      </div>
      {children({ id, 'aria-invalid': error !== null, 'aria-describedby': describedBy })}
      {hint !== undefined && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      <p className="field-error" id={errorId}>
        {error}
      </p>
    </div>
  );
}
