// A value to paste somewhere else (a callback URI, a list of scopes) with a Copy button.
// The clipboard can be refused (the desktop app grants the page no permissions): then the
// text is selected instead, so Ctrl+C or ⌘C copies it, and the message says so.
import { useEffect, useRef, useState } from 'react';
import './copy-value.css';

interface CopyValueProps {
  /** What the value is, for the button's name: "Copy callback URI". */
  label: string;
  value: string;
  /** Show at most two lines (long links); Copy still takes all of it. */
  clamp?: boolean;
}

type CopyState = 'idle' | 'copied' | 'selected';

const copyKeys = /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘C' : 'Ctrl+C';

async function writeClipboard(text: string): Promise<boolean> {
  if (!('clipboard' in navigator)) return false;
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function CopyValue({ label, value, clamp = false }: CopyValueProps) {
  const textRef = useRef<HTMLElement>(null);
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => {
      setState('idle');
    }, 2500);
    return () => {
      clearTimeout(timer);
    };
  }, [state]);

  async function copy() {
    if (await writeClipboard(value)) {
      setState('copied');
      return;
    }
    const text = textRef.current;
    const selection = window.getSelection();
    if (text !== null && selection !== null) selection.selectAllChildren(text);
    setState('selected');
  }

  return (
    <div className="copy-value">
      <code ref={textRef} className="copy-value-text">
        {clamp ? (
          <span className="copy-value-clamp" title={value}>
            {value}
          </span>
        ) : (
          value
        )}
      </code>
      <button
        type="button"
        className="button button-secondary button-small copy-button"
        aria-label={`Copy ${label}`}
        data-copied={state === 'copied'}
        onClick={() => {
          void copy();
        }}
      >
        {state === 'copied' ? (
          <>
            <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
              <path d="M3 8.5l3 3 7-7" stroke="currentColor" strokeWidth="1.8" fill="none" />
            </svg>
            Copied
          </>
        ) : (
          'Copy'
        )}
      </button>
      {/* The button shows "Copied" itself; this says it to screen readers, or shows how
          to copy the selection when the clipboard was refused. */}
      <span className={state === 'selected' ? 'copy-status' : 'visually-hidden'} role="status">
        {state === 'copied' && `Copied ${label}.`}
        {state === 'selected' && `Selected: press ${copyKeys} to copy.`}
      </span>
    </div>
  );
}
