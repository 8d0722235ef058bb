// Remembers the window's bounds in window-state.json (electron-store) in the data folder:
// restored at start, kept on-screen, saved shortly after every move or resize.
import Store from 'electron-store';
import { screen, type BrowserWindow } from 'electron';
import { parseWindowState, placeWindow, type Placement } from './window-bounds.ts';
import { defaultWindowSize, minimumWindowSize } from './window-options.ts';

const key = 'window';
const saveDelayMs = 400;

export function createWindowState(dataDir: string) {
  const store = new Store<Record<string, unknown>>({
    name: 'window-state',
    cwd: dataDir,
    clearInvalidConfig: true,
  });

  return {
    /** Where to open the window, given the displays attached right now. */
    placement(): Placement {
      const workAreas = [
        screen.getPrimaryDisplay().workArea,
        ...screen.getAllDisplays().map((d) => d.workArea),
      ];
      return placeWindow(
        parseWindowState(store.get(key)),
        workAreas,
        defaultWindowSize,
        minimumWindowSize,
      );
    },

    /** Saves the window's normal (unmaximised) bounds whenever they settle. */
    track(window: BrowserWindow): void {
      let timer: NodeJS.Timeout | undefined;
      const save = () => {
        clearTimeout(timer);
        timer = undefined;
        if (window.isDestroyed() || window.isMinimized()) return;
        store.set(key, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
      };
      const later = () => {
        clearTimeout(timer);
        timer = setTimeout(save, saveDelayMs);
      };
      window.on('move', later);
      window.on('resize', later);
      window.on('maximize', save);
      window.on('unmaximize', save);
      window.on('close', save);
    },
  };
}
