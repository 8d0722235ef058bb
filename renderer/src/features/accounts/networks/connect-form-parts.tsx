// What the Bluesky and Mastodon connect forms share: the core's refusal shown in place
// (with the vault's explanation when tokens cannot be stored), field messages taken from
// the core's issues, and the footer with Cancel and the busy submit button.
import { forwardRef, type ReactNode } from 'react';
import type { z } from 'zod';
import type { AppError } from '../../../../../shared/result.ts';
import { BusyButton } from '../../../app/ui/busy-button.tsx';
import { VaultWarning } from '../vault-warning.tsx';
import { useVault } from '../vault-store.ts';

/** The core's message for one input field (details.issues), if it named one. */
export function issueFor(error: AppError | null, field: string): string | null {
  const issue = error?.details?.issues?.find((i) => i.path[0] === field);
  return issue?.message ?? null;
}

/** Whether the core's refusal is about named fields only (shown on the fields instead). */
export const onlyFieldIssues = (error: AppError | null, fields: readonly string[]) =>
  error?.code === 'VALIDATION' &&
  (error.details?.issues?.length ?? 0) > 0 &&
  (error.details?.issues ?? []).every((i) => fields.includes(String(i.path[0])));

interface AlertProps {
  /** "Bluesky account not connected". */
  title: string;
  error: AppError;
  onVaultAccepted: () => void;
}

/** Focusable so the form can move focus here and the message is read out. */
export const ConnectErrorAlert = forwardRef<HTMLDivElement, AlertProps>(function ConnectErrorAlert(
  { title, error, onVaultAccepted },
  ref,
) {
  const vault = useVault((s) => s.status);
  return (
    <div ref={ref} className="form-alert connect-error" role="alert" tabIndex={-1}>
      <p className="connect-failed-title">{title}</p>
      <p>{error.message}</p>
      {error.errorId !== undefined && <p className="muted">Error id: {error.errorId}</p>}
      {error.code === 'ENCRYPTION_UNAVAILABLE' && vault !== null && (
        <VaultWarning status={vault} onAccepted={onVaultAccepted} />
      )}
    </div>
  );
});

export function ConnectFooter({
  busy,
  submitLabel,
  onCancel,
}: {
  busy: boolean;
  submitLabel: ReactNode;
  onCancel: () => void;
}) {
  return (
    <footer className="modal-footer">
      <button type="button" className="button button-secondary" onClick={onCancel}>
        Cancel
      </button>
      <BusyButton type="submit" variant="primary" busy={busy}>
        {submitLabel}
      </BusyButton>
    </footer>
  );
}

/** A schema's first message for a value, or null when it passes. */
export function firstIssue(schema: z.ZodType, value: unknown): string | null {
  const result = schema.safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? 'This value is not valid.');
}
