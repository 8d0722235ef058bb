// "Best times" beside the schedule picker: the weekday × hour cells where this client's
// own published posts drew the most engagement on average (analytics:get-best-times),
// each a button that sets the next such time in the client's zone.
import { useEffect, useState } from 'react';
import type { HeatCell } from '../../../../../shared/analytics.ts';
import { plural } from '../../../../../shared/plural.ts';
import { getBridge } from '../../../bridge/bridge.ts';
import { bestCells, nextWallTime } from './best-time-rules.ts';

const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

interface Props {
  clientId: string;
  zone: string;
  onPick: (date: string, time: string) => void;
}

export function BestTimes({ clientId, zone, onPick }: Props) {
  const [cells, setCells] = useState<HeatCell[]>([]);
  useEffect(() => {
    let live = true;
    if (clientId === '') return;
    void getBridge()
      .invoke('analytics:get-best-times', { clientId })
      .then((result) => {
        if (live) setCells(result.ok ? bestCells(result.value) : []);
      });
    return () => {
      live = false;
    };
  }, [clientId]);
  if (clientId === '' || cells.length === 0) return null;
  return (
    <div className="composer-best-times" role="group" aria-label="Best times to post">
      <span className="muted">Best times from this client’s posts:</span>
      {cells.map((cell) => (
        <button
          key={`${String(cell.weekday)}-${String(cell.hour)}`}
          type="button"
          className="button button-secondary button-small"
          title={`${cell.avgEngagements.toFixed(1)} engagements on average over ${plural(cell.posts, 'post')}`}
          onClick={() => {
            const [date, time] = nextWallTime(cell, Date.now(), zone);
            onPick(date, time);
          }}
        >
          {weekdays[cell.weekday]} {String(cell.hour).padStart(2, '0')}:00
        </button>
      ))}
    </div>
  );
}
