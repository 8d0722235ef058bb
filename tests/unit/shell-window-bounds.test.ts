// The window reopens where it was, unless that place is gone (a monitor unplugged):
// then it is pulled fully onto a display, never left off-screen.
import { describe, expect, it } from 'vitest';
import { parseWindowState, placeWindow } from '../../main/shell/window-bounds.ts';

const laptop = { x: 0, y: 0, width: 1440, height: 870 };
const external = { x: 1440, y: 0, width: 2560, height: 1400 };
const fallback = { width: 1280, height: 820 };
const minimum = { width: 900, height: 600 };

describe('window placement', () => {
  it('uses the default size, centred, the first time', () => {
    expect(placeWindow(null, [laptop], fallback, minimum)).toEqual({
      bounds: { width: 1280, height: 820 },
      maximized: false,
    });
  });

  it('restores saved bounds that fit', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1200, height: 900 }, maximized: true };
    expect(placeWindow(saved, [laptop, external], fallback, minimum)).toEqual({
      bounds: saved.bounds,
      maximized: true,
    });
  });

  it('pulls a window from an unplugged monitor onto the one that is left', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1200, height: 900 }, maximized: false };
    const placed = placeWindow(saved, [laptop], fallback, minimum);
    expect(placed.bounds).toEqual({ width: 1200, height: 870 });
  });

  it('moves a window hanging off an edge back inside, shrinking it to the screen', () => {
    const saved = { bounds: { x: 1000, y: -50, width: 3000, height: 700 }, maximized: false };
    expect(placeWindow(saved, [laptop], fallback, minimum).bounds).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 700,
    });
  });

  it('accepts only a well-formed saved state', () => {
    expect(parseWindowState({ bounds: { x: 1, y: 2, width: 3, height: 4 } })).toEqual({
      bounds: { x: 1, y: 2, width: 3, height: 4 },
      maximized: false,
    });
    for (const bad of [
      null,
      'x',
      {},
      { bounds: { x: 1, y: 2, width: 3 } },
      { bounds: { x: 1, y: 2, width: Number.NaN, height: 4 } },
      { bounds: { x: 1, y: 2, width: -3, height: 4 } },
      { bounds: { x: '1', y: 2, width: 3, height: 4 } },
    ]) {
      expect(parseWindowState(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});
