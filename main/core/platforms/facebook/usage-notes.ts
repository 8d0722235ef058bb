// A Page's spend of Meta's rate limits in words for the composer ([Note: Meta usage]):
// the app's own hourly limit and the Page's, as this process last read them from Meta's
// answers, and until when Starling holds the Page's posts back.
import type { PlatformAccount } from '../port.ts';
import { backOffAt, type UsageWatch } from '../meta/usage.ts';

export function usageNotes(usage: UsageWatch, account: PlatformAccount) {
  const pageId = account.settings.kind === 'page' ? account.platformUserId : null;
  const pause = usage.pause(pageId === null ? [] : [pageId]);
  return usage.figures(pageId === null ? [] : [pageId]).map((figure) => {
    const whose = figure.scope === 'app' ? 'Your Meta app has' : 'This Page has';
    const waits = pause?.scope === figure.scope;
    return {
      words:
        `${whose} used ${String(Math.round(figure.percent))}% of Meta’s rate limit` +
        (waits ? `; Starling sends nothing more until it falls below ${String(backOffAt)}%.` : '.'),
      percent: figure.percent,
      until: waits ? pause.until : null,
    };
  });
}
