// A button whose action may take a moment. While busy it stays focusable (aria-disabled
// rather than disabled, so keyboard focus and the screen reader's place are kept), shows
// the busy style, and ignores clicks — including a second form submission.
import type { ReactNode } from 'react';

interface BusyButtonProps {
  busy: boolean;
  variant: 'primary' | 'danger';
  type?: 'button' | 'submit';
  onClick?: () => void;
  children: ReactNode;
}

export function BusyButton({ busy, variant, type = 'button', onClick, children }: BusyButtonProps) {
  return (
    <button
      type={type}
      className={`button button-${variant}`}
      aria-disabled={busy}
      data-busy={busy}
      onClick={(event) => {
        if (busy) {
          event.preventDefault();
          return;
        }
        onClick?.();
      }}
    >
      {children}
    </button>
  );
}
