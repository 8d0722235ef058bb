// Where the window opens: the saved bounds when they still fit a display (monitors come
// and go between launches), else the default size, centred. Pure, tested without Electron.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SavedWindowState {
  bounds: Rect;
  maximized: boolean;
}

export interface Placement {
  /** No x/y means "let the window manager centre it". */
  bounds: { x?: number; y?: number; width: number; height: number };
  maximized: boolean;
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The stored value comes from a user-editable file: accept only the exact shape. */
export function parseWindowState(value: unknown): SavedWindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { bounds, maximized } = value as Record<string, unknown>;
  if (typeof bounds !== 'object' || bounds === null) return null;
  const { x, y, width, height } = bounds as Record<string, unknown>;
  if (![x, y, width, height].every(isFiniteNumber)) return null;
  const rect = { x, y, width, height } as Rect;
  if (rect.width <= 0 || rect.height <= 0) return null;
  return { bounds: rect, maximized: maximized === true };
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

const clamp = (v: number, low: number, high: number) => Math.min(Math.max(v, low), high);

/**
 * Keeps the saved window entirely on the display it overlaps most, shrunk to that
 * display's work area if needed. If it overlaps none, the saved size (within the first
 * work area, the primary display's) is centred.
 */
export function placeWindow(
  saved: SavedWindowState | null,
  workAreas: readonly Rect[],
  fallback: { width: number; height: number },
  minimum: { width: number; height: number },
): Placement {
  const primary = workAreas[0];
  const fit = (size: { width: number; height: number }, area: Rect | undefined) => ({
    width: Math.round(clamp(size.width, minimum.width, area?.width ?? size.width)),
    height: Math.round(clamp(size.height, minimum.height, area?.height ?? size.height)),
  });
  if (saved === null) return { bounds: fit(fallback, primary), maximized: false };

  let best: Rect | undefined;
  let bestOverlap = 0;
  for (const area of workAreas) {
    const o = overlap(saved.bounds, area);
    if (o > bestOverlap) {
      best = area;
      bestOverlap = o;
    }
  }
  if (best === undefined) return { bounds: fit(saved.bounds, primary), maximized: saved.maximized };

  const size = fit(saved.bounds, best);
  return {
    bounds: {
      x: Math.round(clamp(saved.bounds.x, best.x, best.x + best.width - size.width)),
      y: Math.round(clamp(saved.bounds.y, best.y, best.y + best.height - size.height)),
      ...size,
    },
    maximized: saved.maximized,
  };
}
