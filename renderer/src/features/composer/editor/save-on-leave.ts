// Leaving the window or the page saves the draft at once: closing loses nothing typed.
import { useEffect } from 'react';

export function useSaveOnLeave(flush: () => Promise<void>): void {
  useEffect(() => {
    const now = () => void flush();
    const hidden = () => {
      if (document.visibilityState === 'hidden') now();
    };
    window.addEventListener('blur', now);
    window.addEventListener('pagehide', now);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('blur', now);
      window.removeEventListener('pagehide', now);
      document.removeEventListener('visibilitychange', hidden);
      now();
    };
  }, [flush]);
}
