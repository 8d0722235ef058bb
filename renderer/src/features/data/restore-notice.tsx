// The notice after a restore: what the first start brought up to date, and what waits for
// the user because nothing could tell whether it went out. Shown above every view of every
// window until dismissed in one of them (the core keeps the summary for windows opened
// later, and forgets it then), once per run of the app.
import { useState } from 'react';
import { machineTimeZone } from '../../app/machine-time-zone.ts';
import { usePreferences } from '../../app/preferences-store.ts';
import { getBridge } from '../../bridge/bridge.ts';
import { routeHref } from '../../app/routes.ts';
import { noFilters, useCalendar } from '../calendar/calendar-store.ts';
import { todayIn } from '../calendar/calendar-time.ts';
import { restoreNoticeText } from './restore-notice-text.ts';
import './data.css';

export function RestoreNotice() {
  const summary = usePreferences((s) => s.restored);
  const preferredZone = usePreferences((s) => s.preferences.timezone);
  const [dismissed, setDismissed] = useState(false);
  if (summary === null || dismissed) return null;
  const lines = restoreNoticeText(summary);
  if (lines.length === 0) return null;

  // The calendar's list of every post waiting for review, from the earliest one's day.
  const showReview = () => {
    const calendar = useCalendar.getState();
    calendar.setZoneClient(null);
    calendar.setFilters({ ...noFilters, statuses: summary.reviewStatuses });
    if (summary.firstReviewAt !== null) {
      calendar.setAnchor(todayIn(preferredZone ?? machineTimeZone, summary.firstReviewAt));
    }
    calendar.setView('list');
    window.location.hash = routeHref('calendar');
  };

  return (
    <section className="panel restore-notice" aria-labelledby="restore-notice-title">
      <h2 id="restore-notice-title" className="restore-notice-title">
        Restored from a backup
      </h2>
      {lines.map((line) => (
        <p key={line} className="restore-notice-line">
          {line}
        </p>
      ))}
      <div className="restore-notice-actions">
        {summary.review > 0 && (
          <button type="button" className="button button-primary" onClick={showReview}>
            Show posts to review
          </button>
        )}
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            // Gone here at once; the other windows hear it from the core.
            setDismissed(true);
            void getBridge().invoke('app:dismiss-restore-notice', {});
          }}
        >
          Dismiss
        </button>
      </div>
    </section>
  );
}
