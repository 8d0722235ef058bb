// What a client archive may say about an account: a network this Starling posts to, the
// server it lives on, and its settings (never tokens: those stay on their machine). An
// archive is a file from elsewhere and a reconnect signs in at the account's server, so a
// server that is not a plain https:// origin (or http:// on this machine) is refused here
// rather than trusted.
import { platforms, type Platform } from '../../../shared/accounts.ts';
import { networkRules, shownHandle } from '../../../shared/networks/index.ts';
import { isAllowedServer } from '../platforms/server-address.ts';

/** Settings are a few limits and preferences; anything this large is not ours. */
const settingsMaxChars = 64 * 1024;

function serviceProblem(platform: Platform, value: unknown): string | null {
  const { label, accounts } = networkRules[platform];
  if (!accounts.server) {
    return value === null || value === undefined
      ? null
      : `an account on ${label} has no server address`;
  }
  if (typeof value !== 'string') return `an account on ${label} needs its server address`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `its server address "${value}" is not a web address`;
  }
  if (!isAllowedServer(url) || url.origin !== value) {
    return `its server address "${value}" is not an https:// origin`;
  }
  return null;
}

function settingsProblem(value: unknown): string | null {
  // Archives from before networks have no settings: the column's default ({}) applies.
  if (value === undefined) return null;
  if (typeof value !== 'string' || value.length > settingsMaxChars) {
    return 'its settings are not a JSON object';
  }
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? null
      : 'its settings are not a JSON object';
  } catch {
    return 'its settings are not a JSON object';
  }
}

/** Why an archived social_accounts row cannot be imported, or null when it can. */
export function archivedAccountProblem(row: Record<string, unknown>): string | null {
  const platform = platforms.find((p) => p === row.platform);
  // A network this Starling does not know: shownHandle leaves its handle bare.
  const handle = typeof row.handle === 'string' ? shownHandle(platform, row.handle) : 'an account';
  if (platform === undefined) {
    return `${handle} is on "${String(row.platform)}", a network this Starling does not post to (${platforms.join(', ')}).`;
  }
  const problem = serviceProblem(platform, row.service_url) ?? settingsProblem(row.settings);
  return problem === null ? null : `${handle}: ${problem}.`;
}
