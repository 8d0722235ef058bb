// The calendar's state: which view, which days, which zone and filters, and the posts,
// free slots and campaigns of what is on screen. One call per screen: `calendar:range` for
// a week, `calendar:days` for a month (each day's first chips and its count, see [Note: a
// day's first posts] in main/core/services/calendar.ts); `post:saved` patches the one post
// in place and refetches only when the post may have entered or left the screen. The list
// view covers a year: it loads how many posts each day holds, and list-pages.ts reads the
// posts on screen.
import { create } from 'zustand';
import {
  monthChipsPerDay,
  type CalendarItem,
  type Campaign,
  type FreeSlotView,
} from '../../../../shared/calendar.ts';
import type { PostStatus, PostSummary } from '../../../../shared/posts.ts';
import type { Result } from '../../../../shared/result.ts';
import { getBridge } from '../../bridge/bridge.ts';
import {
  addDays,
  addMonths,
  dayBoundaries,
  spanOf,
  todayIn,
  type DayKey,
  type Span,
  type View,
} from './calendar-time.ts';

export interface Filters {
  clientId: string | null;
  accountId: string | null;
  campaignId: string | null;
  statuses: PostStatus[] | null;
  /** Only posts that still need their client's approval. */
  needsApproval: boolean;
}

export const noFilters: Filters = {
  clientId: null,
  accountId: null,
  campaignId: null,
  statuses: null,
  needsApproval: false,
};

interface CalendarState {
  view: View;
  anchor: DayKey;
  /** Null: the user's zone (preference or machine); else a client's id. */
  zoneClientId: string | null;
  filters: Filters;
  /** Week: the posts of the week. Month: each day's first `monthChipsPerDay` posts. */
  items: CalendarItem[];
  /** Month: how many posts each day of the month holds (its "+N more"); null otherwise. */
  dayTotals: ReadonlyMap<DayKey, number> | null;
  /** The view the items were read for: another view draws none of them meanwhile. */
  itemsView: View | null;
  truncated: boolean;
  free: FreeSlotView[];
  campaigns: Campaign[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadError: string | null;
  /** Bumped after each load that drew new items, for the render benchmark to wait on. */
  loads: number;
  /** List view: posts per day of the span (null until counted). */
  dayCounts: number[] | null;
  /** The span the counts are for (`from:to`), so a list never draws another span's days. */
  countsFor: string | null;
  /** List view: the filters of the counts, for reading the days' posts with the same. */
  listQuery: ListQuery | null;
  /** List view: a day's posts arrived and were not as many as counted (a post moved). */
  correctCounts: (fixes: ReadonlyMap<number, number>) => void;
  setView: (view: View) => void;
  setAnchor: (anchor: DayKey) => void;
  step: (direction: -1 | 1) => void;
  setZoneClient: (clientId: string | null) => void;
  setFilters: (patch: Partial<Filters>) => void;
  load: (zone: string) => Promise<void>;
  /** Every post of one day under the filters, for a month cell opened past "+N more". */
  readDay: (day: DayKey, zone: string) => Promise<Result<CalendarItem[]>>;
  loadCampaigns: () => Promise<void>;
  /** A post changed somewhere: patch it here, refetch if it may have moved on or off screen. */
  postSaved: (post: PostSummary, zone: string) => void;
  /** Moves a post to `at`, patching at once; the core's refusal puts it back. */
  move: (id: string, at: number) => Promise<Result<PostSummary>>;
}

let loadSeq = 0;

/** The filters of `calendar:range` as the list view reads its days with them. */
export interface ListQuery {
  clientId?: string;
  accountId?: string;
  campaignId?: string;
  statuses?: PostStatus[];
  needsApproval?: true;
}

const dayMs = 86_400_000;

/** What a month or a week shows of its posts. */
interface Shown {
  items: CalendarItem[];
  dayTotals: ReadonlyMap<DayKey, number> | null;
  truncated: boolean;
}

/** The filters as calendar:range, calendar:days and calendar:day-counts take them. */
function queryOf(filters: Filters): ListQuery {
  return {
    ...(filters.clientId !== null && { clientId: filters.clientId }),
    ...(filters.accountId !== null && { accountId: filters.accountId }),
    ...(filters.campaignId !== null && { campaignId: filters.campaignId }),
    ...(filters.statuses !== null && { statuses: filters.statuses }),
    ...(filters.needsApproval && { needsApproval: true }),
  };
}

/** Free slots of a long span, asked for in pieces the channel accepts (62 days). */
async function freeSlotsOf(from: number, to: number, scope: ListQuery) {
  const step = 60 * dayMs;
  const pieces = [];
  for (let at = from; at < to; at += step) pieces.push([at, Math.min(at + step, to)] as const);
  const results = await Promise.all(
    pieces.map(([a, b]) => getBridge().invoke('calendar:free-slots', { from: a, to: b, ...scope })),
  );
  return results.flatMap((r) => (r.ok ? r.value : []));
}

const sameStatuses = (a: PostStatus[] | null, b: PostStatus[] | null) =>
  a === b || (a !== null && b !== null && a.join() === b.join());

function matches(item: CalendarItem, filters: Filters): boolean {
  if (filters.clientId !== null && item.clientId !== filters.clientId) return false;
  if (filters.campaignId !== null && item.campaignId !== filters.campaignId) return false;
  if (filters.statuses !== null && !filters.statuses.includes(item.status)) return false;
  if (filters.needsApproval && !item.needsApproval) return false;
  if (filters.accountId !== null && !item.accounts.some((a) => a.id === filters.accountId)) {
    return false;
  }
  return true;
}

export const useCalendar = create<CalendarState>()((set, get) => ({
  view: 'month',
  anchor: todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone, Date.now()),
  zoneClientId: null,
  filters: noFilters,
  items: [],
  dayTotals: null,
  itemsView: null,
  truncated: false,
  free: [],
  campaigns: [],
  status: 'idle',
  loadError: null,
  loads: 0,
  dayCounts: null,
  countsFor: null,
  listQuery: null,

  setView: (view) => {
    set({ view });
  },
  setAnchor: (anchor) => {
    set({ anchor });
  },
  step(direction) {
    const { view, anchor } = get();
    set({
      anchor: view === 'week' ? addDays(anchor, 7 * direction) : addMonths(anchor, direction),
    });
  },
  setZoneClient: (zoneClientId) => {
    set({ zoneClientId });
  },
  setFilters(patch) {
    const filters = { ...get().filters, ...patch };
    // An account or campaign of another client cannot match; drop it rather than show nothing.
    if (patch.clientId !== undefined && patch.clientId !== get().filters.clientId) {
      if (patch.accountId === undefined) filters.accountId = null;
      if (patch.campaignId === undefined) filters.campaignId = null;
    }
    const before = get().filters;
    if (
      before.clientId === filters.clientId &&
      before.accountId === filters.accountId &&
      before.campaignId === filters.campaignId &&
      before.needsApproval === filters.needsApproval &&
      sameStatuses(before.statuses, filters.statuses)
    ) {
      return;
    }
    set({ filters });
  },

  async load(zone) {
    const seq = ++loadSeq;
    const { view, anchor, filters } = get();
    const span: Span = spanOf(view, anchor, zone);
    set({ status: get().status === 'ready' ? 'ready' : 'loading' });
    const bridge = getBridge();
    const query = queryOf(filters);
    const scope = {
      ...(filters.clientId !== null && { clientId: filters.clientId }),
      ...(filters.accountId !== null && { accountId: filters.accountId }),
    };
    if (view === 'list') {
      const bounds = dayBoundaries(span.days, zone);
      const [counts, free] = await Promise.all([
        bridge.invoke('calendar:day-counts', { bounds, ...query }),
        span.to > Date.now()
          ? freeSlotsOf(Math.max(span.from, Date.now()), span.to, scope)
          : Promise.resolve([]),
      ]);
      if (seq !== loadSeq) return;
      if (!counts.ok) {
        set({ status: 'error', loadError: counts.error.message });
        return;
      }
      set({
        dayCounts: counts.value,
        countsFor: `${String(span.from)}:${String(span.to)}`,
        listQuery: query,
        items: [],
        dayTotals: null,
        itemsView: view,
        truncated: false,
        free,
        status: 'ready',
        loadError: null,
        loads: get().loads + 1,
      });
      return;
    }
    // The month's own days (the grid's days of the months either side are drawn empty):
    // their first chips and counts. A week: all its posts.
    const monthDays =
      view === 'month' ? span.days.filter((d) => d.startsWith(span.month ?? '')) : [];
    const read = async (): Promise<Result<Shown>> => {
      if (view === 'month') {
        const days = await bridge.invoke('calendar:days', {
          bounds: dayBoundaries(monthDays, zone),
          perDay: monthChipsPerDay,
          ...query,
        });
        if (!days.ok) return days;
        const totals = new Map(monthDays.map((d, i) => [d, days.value.counts[i] ?? 0]));
        return {
          ok: true,
          value: { items: days.value.items, dayTotals: totals, truncated: false },
        };
      }
      const range = await bridge.invoke('calendar:range', {
        from: span.from,
        to: span.to,
        ...query,
      });
      if (!range.ok) return range;
      return { ok: true, value: { ...range.value, dayTotals: null } };
    };
    const [posts, free] = await Promise.all([
      read(),
      // Ghost cells are for planning: from now on only.
      span.to > Date.now()
        ? bridge.invoke('calendar:free-slots', {
            from: Math.max(span.from, Date.now()),
            to: span.to,
            ...scope,
          })
        : Promise.resolve({ ok: true as const, value: [] }),
    ]);
    if (seq !== loadSeq) return;
    if (!posts.ok) {
      set({ status: 'error', loadError: posts.error.message });
      return;
    }
    set({
      ...posts.value,
      itemsView: view,
      dayCounts: null,
      free: free.ok ? free.value : [],
      status: 'ready',
      loadError: null,
      loads: get().loads + 1,
    });
  },

  async readDay(day, zone) {
    const [from = 0, to = 0] = dayBoundaries([day], zone);
    const result = await getBridge().invoke('calendar:range', {
      from,
      to,
      ...queryOf(get().filters),
    });
    return result.ok ? { ok: true, value: result.value.items } : result;
  },

  correctCounts(fixes) {
    const counts = get().dayCounts;
    if (counts === null) return;
    const next = counts.slice();
    for (const [day, n] of fixes) next[day] = n;
    set({ dayCounts: next });
  },

  async loadCampaigns() {
    const result = await getBridge().invoke('campaigns:list', {});
    if (result.ok) set({ campaigns: result.value });
  },

  postSaved(post, zone) {
    const { items, filters, view, anchor } = get();
    const index = items.findIndex((i) => i.id === post.id);
    const span = spanOf(view, anchor, zone);
    const onScreen =
      post.scheduledAt !== null && post.scheduledAt >= span.from && post.scheduledAt < span.to;
    const current = items[index];
    if (current !== undefined && onScreen) {
      const next: CalendarItem = {
        ...current,
        status: post.status,
        at: post.scheduledAt ?? current.at,
        timezone: post.timezone,
        campaignId: post.campaignId,
        firstLine: post.firstLine,
        accounts: post.targets.map((t) => ({ id: t.accountId, handle: t.handle })),
        needsApproval: post.needsApproval,
      };
      if (matches(next, filters)) {
        const patched = items.slice();
        patched[index] = next;
        patched.sort((a, b) => a.at - b.at);
        set({ items: patched });
        // A moved post frees or takes a slot: the ghost cells follow.
        if (next.at !== current.at) void get().load(zone);
        return;
      }
    }
    if (current !== undefined || onScreen) void get().load(zone);
  },

  async move(id, at) {
    const before = get().items.find((i) => i.id === id);
    if (before !== undefined) {
      set({
        items: get()
          .items.map((i) => (i.id === id ? { ...i, at } : i))
          .sort((a, b) => a.at - b.at),
      });
    }
    const result = await getBridge().invoke('posts:reschedule', { id, when: at });
    if (!result.ok && before !== undefined) {
      set({
        items: get()
          .items.map((i) => (i.id === id ? before : i))
          .sort((a, b) => a.at - b.at),
      });
    }
    return result;
  },
}));
