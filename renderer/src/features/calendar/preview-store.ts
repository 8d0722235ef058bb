// The hover card's state, apart from the calendar's: hovering one chip must not re-render
// the 2,000 others.
import { create } from 'zustand';
import type { CalendarItem } from '../../../../shared/calendar.ts';

interface PreviewState {
  item: CalendarItem | null;
  rect: { left: number; top: number; bottom: number; right: number } | null;
}

export const usePreview = create<PreviewState>()(() => ({ item: null, rect: null }));

export function showPreview(item: CalendarItem, element: HTMLElement): void {
  const r = element.getBoundingClientRect();
  usePreview.setState({
    item,
    rect: { left: r.left, top: r.top, bottom: r.bottom, right: r.right },
  });
}

export function hidePreview(): void {
  usePreview.setState({ item: null, rect: null });
}
