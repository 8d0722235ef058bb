// Renders the toasts. Each hides itself after a while, but not while the pointer or the
// keyboard focus is on it, so an Undo is never snatched away mid-reach.
import { useEffect, useRef, useState } from 'react';
import { useToasts, type Toast } from './toast-store.ts';
import './toasts.css';

const lifetimeMs = { info: 8000, error: 12000 } as const;

export function ToastRegion() {
  const toasts = useToasts((s) => s.toasts);
  return (
    <section className="toast-region" aria-label="Notifications">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </section>
  );
}

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useToasts((s) => s.dismiss);
  const [held, setHeld] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (held) return;
    const timer = setTimeout(() => {
      dismiss(toast.id);
    }, lifetimeMs[toast.tone]);
    return () => {
      clearTimeout(timer);
    };
  }, [held, dismiss, toast.id, toast.tone]);

  const release = () => {
    if (!ref.current?.matches(':hover, :focus-within')) setHeld(false);
  };

  return (
    <div
      ref={ref}
      className={`toast toast-${toast.tone}`}
      role={toast.tone === 'error' ? 'alert' : 'status'}
      onPointerEnter={() => {
        setHeld(true);
      }}
      onPointerLeave={release}
      onFocus={() => {
        setHeld(true);
      }}
      onBlur={() => {
        setTimeout(release, 0);
      }}
    >
      <p className="toast-message">{toast.message}</p>
      {toast.action !== null && (
        <button
          type="button"
          className="button button-ghost toast-action"
          onClick={() => {
            toast.action?.run();
            dismiss(toast.id);
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button
        type="button"
        className="icon-button toast-close"
        aria-label="Dismiss"
        onClick={() => {
          dismiss(toast.id);
        }}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.6" fill="none" />
        </svg>
      </button>
    </div>
  );
}
