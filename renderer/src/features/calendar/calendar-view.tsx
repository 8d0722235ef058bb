// Calendar entry point, in the start-up bundle: the page itself (dnd-kit, Temporal) is a
// lazily loaded chunk so the first paint does not wait for it.
import { lazy, Suspense } from 'react';

const CalendarPage = lazy(() =>
  import('./calendar-page.tsx').then((m) => ({ default: m.CalendarPage })),
);

export function CalendarView() {
  return (
    <Suspense
      fallback={
        <p className="view-loading" role="status">
          <span className="spinner" aria-hidden="true" />
          Loading the calendar…
        </p>
      }
    >
      <CalendarPage />
    </Suspense>
  );
}
