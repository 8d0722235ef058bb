// The calendar: every client's posts on month, week and list views, in the user's zone or
// a client's. Dragging a post (or Space, arrows, Space on a focused one) reschedules it
// through posts:reschedule, with Undo; a drop in the past asks first. Loaded lazily with
// dnd-kit and Temporal, so the start-up bundle stays small.
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CalendarItem } from '../../../../shared/calendar.ts';
import { machineTimeZone } from '../../app/machine-time-zone.ts';
import { calendarMoveCodes } from '../../app/shortcuts.ts';
import { usePreferences } from '../../app/preferences-store.ts';
import { showError, showToast } from '../../app/toasts/toast-store.ts';
import { useNow } from '../../app/use-now.ts';
import { getBridge } from '../../bridge/bridge.ts';
import { useAccounts } from '../accounts/accounts-store.ts';
import { useAvatarSheet } from './avatar-sheet.ts';
import { useClients } from '../clients/clients-store.ts';
import { useCalendar } from './calendar-store.ts';
import {
  dateTimeIn,
  minuteOfDay,
  minutesPerSlot,
  monthTitle,
  spanOf,
  todayIn,
  wallInstant,
  movedToDay,
  weekStart,
  weekTitle,
  addDays,
  addMonths,
  listMonths,
  type DayKey,
} from './calendar-time.ts';
import { CalendarToolbar } from './calendar-toolbar.tsx';
import { CampaignsDialog } from './campaigns-dialog.tsx';
import { composerHrefFor } from './ghost-slot.tsx';
import { ListView } from './list-view.tsx';
import { MonthView } from './month-view.tsx';
import { PastDropDialog, type PendingDrop } from './past-drop-dialog.tsx';
import { PostPreview } from './post-preview.tsx';
import { hidePreview } from './preview-store.ts';
import { slotHeight, WeekView } from './week-view.tsx';
import './calendar.css';

/** Pointer first (what is under the cursor); keyboard moves land on the nearest day. */
const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length > 0 ? hits : closestCenter(args);
};

/**
 * Arrow keys move a picked-up post by one grid step: a day sideways, and up or down 15
 * minutes (week) or a week (month). [Note: keyboard steps] The steps are also counted, and
 * a keyboard drop is read from them rather than from pixels: the week's scroll box may
 * scroll under the moving chip, which makes pixel deltas drift.
 */
const keySteps = { x: 0, y: 0 };

const gridSteps: KeyboardCoordinateGetter = (event, { currentCoordinates }) => {
  const grid = document.querySelector<HTMLElement>('[data-cal-grid]');
  const kind = grid?.dataset.calGrid;
  const cell = grid?.querySelector<HTMLElement>(kind === 'week' ? '.cal-week-col' : '.cal-day');
  const width = cell?.getBoundingClientRect().width ?? 100;
  const height = kind === 'week' ? slotHeight : (cell?.getBoundingClientRect().height ?? 100);
  const { x, y } = currentCoordinates;
  switch (event.code) {
    case 'ArrowRight':
      keySteps.x += 1;
      return { x: x + width, y };
    case 'ArrowLeft':
      keySteps.x -= 1;
      return { x: x - width, y };
    case 'ArrowDown':
      keySteps.y += 1;
      return { x, y: y + height };
    case 'ArrowUp':
      keySteps.y -= 1;
      return { x, y: y - height };
    default:
      return undefined;
  }
};

const noItems: CalendarItem[] = [];

function indexBy<T extends { id: string }>(list: T[]): ReadonlyMap<string, T> {
  return new Map(list.map((x) => [x.id, x]));
}

export function CalendarPage() {
  const preferredZone = usePreferences((s) => s.preferences.timezone);
  const userZone = preferredZone ?? machineTimeZone;
  const allClients = useClients((s) => s.clients);
  const allAccounts = useAccounts((s) => s.accounts);
  useAvatarSheet(allAccounts);
  const clients = useMemo(() => allClients.filter((c) => c.archivedAt === null), [allClients]);
  const clientsById = useMemo(() => indexBy(allClients), [allClients]);
  const accountsById = useMemo(() => indexBy(allAccounts), [allAccounts]);

  const view = useCalendar((s) => s.view);
  const anchor = useCalendar((s) => s.anchor);
  const zoneClientId = useCalendar((s) => s.zoneClientId);
  const filters = useCalendar((s) => s.filters);
  // A week's 3,800 posts (at 1M) are not a month's first chips, nor the other way round:
  // until the new view's posts arrive it draws none, rather than sorting the old ones
  // into its days and drawing chips that the answer replaces a moment later.
  const items = useCalendar((s) => (s.itemsView === s.view ? s.items : noItems));
  const dayTotals = useCalendar((s) => s.dayTotals);
  const loads = useCalendar((s) => s.loads);
  const free = useCalendar((s) => s.free);
  const campaigns = useCalendar((s) => s.campaigns);
  const status = useCalendar((s) => s.status);
  const loadError = useCalendar((s) => s.loadError);
  const truncated = useCalendar((s) => s.truncated);
  const [pending, setPending] = useState<PendingDrop | null>(null);
  const [managing, setManaging] = useState(false);

  const zoneClient = zoneClientId === null ? undefined : clientsById.get(zoneClientId);
  const zone = zoneClient?.timezone ?? userZone;
  const now = useNow(60_000);
  const today = todayIn(zone, now);
  const span = useMemo(() => spanOf(view, anchor, zone), [view, anchor, zone]);
  const campaignsById = useMemo(() => indexBy(campaigns), [campaigns]);
  const shownCampaigns = useMemo(
    () =>
      campaigns.filter(
        (c) =>
          (filters.clientId === null || c.clientId === filters.clientId) &&
          (filters.campaignId === null || c.id === filters.campaignId),
      ),
    [campaigns, filters.clientId, filters.campaignId],
  );

  useEffect(() => {
    void useCalendar.getState().load(zone);
  }, [view, anchor, zone, filters]);

  useEffect(() => {
    void useCalendar.getState().loadCampaigns();
    void useClients.getState().load();
    void useAccounts.getState().load();
    const bridge = getBridge();
    const stops = [
      bridge.on('post:saved', ({ post }) => {
        useCalendar.getState().postSaved(post, zone);
      }),
      bridge.on('campaign:saved', () => {
        void useCalendar.getState().loadCampaigns();
      }),
      bridge.on('slots:saved', () => {
        void useCalendar.getState().load(zone);
      }),
      // A client's new colour (or archiving) changes every chip of it.
      bridge.on('client:saved', () => {
        void useCalendar.getState().load(zone);
      }),
    ];
    // Back from the CLI (no push events): refetch what is on screen.
    const onFocus = () => {
      void useCalendar.getState().load(zone);
    };
    window.addEventListener('focus', onFocus);
    return () => {
      for (const stop of stops) stop();
      window.removeEventListener('focus', onFocus);
      hidePreview();
    };
  }, [zone]);

  const sensors = useSensors(
    // A few pixels of travel before a drag starts, so a click still opens the post.
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: gridSteps,
      // Enter opens the post (a click); Space picks it up and drops it.
      keyboardCodes: calendarMoveCodes,
    }),
  );

  const onNewPost = useCallback(
    (day: DayKey, minute = 9 * 60) => {
      const wall = wallInstant(day, minute, zone);
      const at = wall.ok ? Math.max(wall.at, Date.now() + 5 * 60_000) : Date.now() + 5 * 60_000;
      window.location.hash = composerHrefFor(filters.accountId, at);
    },
    [zone, filters.accountId],
  );

  const moveTo = useCallback(
    async (item: CalendarItem, at: number) => {
      const result = await useCalendar.getState().move(item.id, at);
      if (!result.ok) {
        showError(result.error.message);
        return;
      }
      const back = item.at;
      showToast(`Moved to ${dateTimeIn(at, zone)}.`, {
        action: {
          label: 'Undo',
          run: () => {
            void useCalendar
              .getState()
              .move(item.id, back)
              .then((undone) => {
                if (undone.ok) showToast('Move undone.');
                else showError(undone.error.message);
              });
          },
        },
      });
    },
    [zone],
  );

  function onDragEnd(event: DragEndEvent) {
    hidePreview();
    const item = (event.active.data.current as { item?: CalendarItem } | undefined)?.item;
    if (item === undefined) return;
    let minute = minuteOfDay(item.at, zone);
    let day: DayKey;
    if (event.activatorEvent instanceof KeyboardEvent) {
      // See [Note: keyboard steps].
      const steps = keySteps.x + (view === 'week' ? 0 : 7 * keySteps.y);
      day = addDays(todayIn(zone, item.at), steps);
      if (view === 'week') minute += keySteps.y * minutesPerSlot;
    } else {
      const over = (event.over?.data.current as { day?: DayKey | null } | undefined)?.day;
      if (over === undefined || over === null) return;
      day = over;
      if (view === 'week') minute += (event.delta.y / slotHeight) * minutesPerSlot;
    }
    if (view === 'week') {
      minute = Math.round(minute / minutesPerSlot) * minutesPerSlot;
      minute = Math.min(Math.max(minute, 0), 24 * 60 - minutesPerSlot);
    }
    // The week picks a time on the calendar's clock; the month only a day, so the post keeps
    // its own wall time ([Note: a day move keeps the post's wall time]).
    const wall =
      view === 'week'
        ? wallInstant(day, minute, zone)
        : movedToDay(item.at, day, zone, item.timezone);
    if (wall === null) return;
    if (!wall.ok) {
      showError(wall.message);
      return;
    }
    if (wall.at === item.at) return;
    if (wall.at < Date.now()) {
      setPending({ item, at: wall.at });
      return;
    }
    void moveTo(item, wall.at);
  }

  const title =
    view === 'week'
      ? weekTitle(weekStart(anchor))
      : view === 'list'
        ? `${monthTitle(anchor)} – ${monthTitle(addMonths(anchor, listMonths - 1))}`
        : monthTitle(anchor);

  return (
    <>
      <header className="view-header">
        <div>
          <h1 tabIndex={-1}>Calendar</h1>
          <p className="view-subtitle">
            Shown in {zone}
            {zoneClient !== undefined ? ` (${zoneClient.name}’s zone)` : ''}. Drag a post to move
            it, or focus it and press Space, the arrow keys, then Space.
          </p>
        </div>
      </header>
      <CalendarToolbar
        title={title}
        userZone={userZone}
        clients={clients}
        accounts={allAccounts}
        campaigns={campaigns.filter((c) => c.archivedAt === null)}
        onToday={() => {
          useCalendar.getState().setAnchor(today);
        }}
        onManageCampaigns={() => {
          setManaging(true);
        }}
      />
      {status === 'error' && (
        <p className="form-alert" role="alert">
          The calendar could not be loaded: {loadError}
        </p>
      )}
      {truncated && (
        <p className="form-alert" role="status">
          More than 10,000 posts match: only the first 10,000 are shown. Filter by client to see
          all.
        </p>
      )}
      <div className="cal-body" aria-busy={status === 'loading'} data-loads={loads}>
        <DndContext
          sensors={sensors}
          collisionDetection={collision}
          onDragStart={() => {
            hidePreview();
            keySteps.x = 0;
            keySteps.y = 0;
          }}
          onDragEnd={onDragEnd}
        >
          {view === 'month' && (
            <MonthView
              span={span}
              zone={zone}
              today={today}
              items={items}
              totals={dayTotals}
              loads={loads}
              free={free}
              campaigns={shownCampaigns}
              clients={clientsById}
              accounts={accountsById}
              onNewPost={onNewPost}
            />
          )}
          {view === 'week' && (
            <WeekView
              span={span}
              zone={zone}
              today={today}
              now={now}
              nowMinute={minuteOfDay(now, zone)}
              items={items}
              free={free}
              clients={clientsById}
              accounts={accountsById}
              onNewPost={onNewPost}
            />
          )}
        </DndContext>
        {/* The agenda is for reading: moving happens on the grids, where a drop has a place. */}
        {view === 'list' && (
          <ListView
            span={span}
            zone={zone}
            today={today}
            free={free}
            clients={clientsById}
            accounts={accountsById}
            onNewPost={onNewPost}
          />
        )}
      </div>
      <PostPreview zone={zone} clients={clientsById} campaigns={campaignsById} />
      {pending !== null && (
        <PastDropDialog
          pending={pending}
          zone={zone}
          onCancel={() => {
            setPending(null);
          }}
          onConfirm={() => {
            const drop = pending;
            setPending(null);
            // The core refuses a time already past; "now" publishes as soon as the scheduler runs.
            void moveTo(drop.item, Math.max(drop.at, Date.now()));
          }}
        />
      )}
      {managing && (
        <CampaignsDialog
          clients={clients}
          campaigns={campaigns}
          initialClientId={filters.clientId}
          onClose={() => {
            setManaging(false);
          }}
        />
      )}
    </>
  );
}
