// The upgrade page ([Note: upgrade progress] in shared/upgrade-progress.ts): shown while
// the core upgrades the user's database, by the browser host in place of the app and by
// the desktop app in a small window of its own. It asks the host what the upgrade is doing
// twice a second and draws it; once the core is ready the browser host's page reloads
// into the app (the desktop app closes its window itself).
import { applyCachedTheme } from '../app/theme.ts';
import { takeSocketToken } from '../bridge/socket-token.ts';
import {
  upgradeAdvice,
  upgradePercent,
  upgradePhaseText,
  upgradeStatusPath,
  upgradeTitle,
  type UpgradeStatus,
} from '../../../shared/upgrade-progress.ts';
import '../app/styles/tokens.css';
import '../app/styles/base.css';
import '../app/styles/blocked.css';
import '../app/ui/operation-progress.css';
import './upgrade.css';

const pollMs = 500;

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`upgrade.html has no #${id}.`);
  return found;
}

applyCachedTheme();
// The browser host asks for the same token as the app's socket; the desktop app's own
// scheme asks for none.
const token = takeSocketToken({ location, history, storage: sessionStorage });
const title = element('upgrade-title');
const phase = element('upgrade-phase');
const count = element('upgrade-count');
const bar = element('upgrade-bar');
const fill = element('upgrade-fill');
const stopped = element('upgrade-stopped');
title.textContent = upgradeTitle;
element('upgrade-advice').textContent = upgradeAdvice;
// Opened as the desktop app's own window, not in place of the app.
const ownWindow = location.pathname.endsWith('/upgrade.html');

function draw(status: UpgradeStatus): void {
  stopped.hidden = true;
  if (status.state === 'ready') {
    phase.textContent = 'Done. Opening Starling…';
    count.textContent = '';
    if (!ownWindow) location.reload();
    return;
  }
  const progress = status.progress;
  phase.textContent = progress === null ? 'Getting ready…' : upgradePhaseText(progress);
  const percent = progress === null ? null : upgradePercent(progress);
  count.textContent = percent === null ? '' : `${String(percent)}%`;
  bar.dataset.indeterminate = String(percent === null);
  if (percent === null) {
    bar.removeAttribute('aria-valuenow');
    bar.removeAttribute('aria-valuetext');
  } else {
    bar.setAttribute('aria-valuenow', String(percent));
    bar.setAttribute('aria-valuetext', `${String(percent)}%`);
  }
  fill.style.width = `${String(percent ?? 0)}%`;
}

async function poll(): Promise<void> {
  try {
    const response = await fetch(upgradeStatusPath, {
      cache: 'no-store',
      headers: token === null ? {} : { 'X-Starling-Token': token },
    });
    if (!response.ok) throw new Error(`HTTP ${String(response.status)}`);
    const status = (await response.json()) as UpgradeStatus;
    draw(status);
    if (status.state === 'ready') return;
  } catch {
    // The host is gone (it stopped, or failed to open the data) or not answering yet.
    stopped.hidden = false;
    stopped.textContent =
      'Starling is not answering. If it stopped, the reason is in the window or terminal it was started from; start it again to go on with the upgrade.';
  }
  setTimeout(() => void poll(), pollMs);
}

void poll();
