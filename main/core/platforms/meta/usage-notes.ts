// An account's spend of Meta's rate limits in words for the composer ([Note: Meta usage]):
// the app's own hourly limit and the account's own scopes (a Page; an Instagram account
// and its Page), as this process last read them from Meta's answers, and until when
// Starling holds the account's posts back.
import { backOffAt, type UsageWatch } from './usage.ts';

/** `whoOf` names a scope that is not the app's for people: "This Page". */
export function usageNotes(
  usage: UsageWatch,
  scopes: readonly string[],
  whoOf: (scope: string) => string,
) {
  const pause = usage.pause(scopes);
  return usage.figures(scopes).map((figure) => {
    const whose = figure.scope === 'app' ? 'Your Meta app' : whoOf(figure.scope);
    const waits = pause?.scope === figure.scope;
    return {
      words:
        `${whose} has used ${String(Math.round(figure.percent))}% of Meta’s rate limit` +
        (waits ? `; Starling sends nothing more until it falls below ${String(backOffAt)}%.` : '.'),
      percent: figure.percent,
      until: waits ? pause.until : null,
    };
  });
}
