// Reads one CSV row into a post to schedule, or the list of what is wrong with it (each
// problem named with its column). Works from lookups loaded once per import, so a
// 100,000-row file costs no query per row. Text and media are checked against the rules of
// every network the row's accounts are on (shared/networks), as posts:schedule does.
import type { ImportIssue } from '../../../shared/data.ts';
import { titleFromFileName, type PartMediaItem } from '../../../shared/media.ts';
import {
  mediaProblems,
  networkRules,
  shownHandle,
  textProblems,
} from '../../../shared/networks/index.ts';
import { plural } from '../../../shared/plural.ts';
import { postLimits } from '../../../shared/posts.ts';
import { AppFailure } from '../../../shared/result.ts';
import { parseWhen, type ScheduleTime } from '../../../shared/schedule-time.ts';
import { isValidTimeZone } from '../../../shared/time-zones.ts';
import {
  networkChoices,
  networkNamed,
  resolveAccount,
  type AccountLookups,
  type AccountRow,
} from './csv-accounts.ts';
import type { ColumnMap, CsvField } from './csv-columns.ts';
import type { MediaKind, createMediaResolver } from './csv-media.ts';

export type { AccountRow };

export interface ClientRow {
  /** [Note: accounts and clients by number] (migration 0040). */
  seq: number;
  id: string;
  name: string;
  timezone: string;
  archived: boolean;
}

export interface Lookups extends AccountLookups {
  clients: Map<string, ClientRow>;
  /** client id → lower-case campaign name or id → campaign id. */
  campaigns: Map<string, Map<string, string>>;
  now: number;
  media: ReturnType<typeof createMediaResolver>;
  /** Reads a date and a time in a zone (wall-times.ts). */
  wallTime: (date: string, time: string, zone: string) => ScheduleTime;
}

export interface RowPlan {
  clientId: string;
  accounts: AccountRow[];
  campaignId: string | undefined;
  /** null: take the accounts' next free queue slot. */
  time: ScheduleTime | null;
  /** The zone a queued time is shown in. */
  zone: string;
  parts: string[];
  media: { file: string; kind: MediaKind; altText: string }[];
}

/** The accounts of a row grouped by what they are checked against, in row order. */
function groupBy(accounts: AccountRow[], key: (a: AccountRow) => string): AccountRow[][] {
  // Most rows name one account: one group, without a map.
  if (accounts.length === 1) return [accounts];
  const groups = new Map<string, AccountRow[]>();
  for (const a of accounts) {
    const k = key(a);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [a]);
    else group.push(a);
  }
  return [...groups.values()];
}

const handles = (accounts: AccountRow[]) =>
  accounts.map((a) => shownHandle(a.platform, a.handle)).join(', ');

/** The composer's advice to split a text, as a CSV does it. */
const csvThreadHint = 'In a CSV, a line holding only --- starts the next part of a thread.';

export type RowResult = { ok: true; plan: RowPlan } | { ok: false; issues: ImportIssue[] };

/** The default thread separator: a line holding only three dashes. */
const defaultSeparator = /\r?\n[ \t]*---[ \t]*\r?\n/;
const listSeparator = /[\s,;|]+/;
const pastToleranceMs = 60_000;

function splitThread(text: string, separator: string): string[] {
  if (separator === '' && !text.includes('---')) return [text.trim()];
  const parts = separator === '' ? text.split(defaultSeparator) : text.split(separator);
  return parts.map((p) => p.trim());
}

/** "9:00" → "09:00"; anything else is passed on for parseWhen to judge. */
const padTime = (time: string) => (/^\d:\d{2}/.test(time) ? `0${time}` : time);

export function readRow(record: string[], columns: ColumnMap, lookups: Lookups): RowResult {
  const issues: ImportIssue[] = [];
  const cell = (field: CsvField): string => {
    const index = columns.index[field];
    return index === undefined ? '' : (record[index] ?? '').trim();
  };
  const issue = (field: CsvField | null, message: string) => {
    issues.push({ column: field === null ? null : (columns.header[field] ?? field), message });
  };
  if (record.length !== columns.columns.length) {
    issue(
      null,
      `This row has ${String(record.length)} fields where the header has ${String(columns.columns.length)}: check its quotes and commas.`,
    );
    return { ok: false, issues };
  }

  // Accounts decide the client; the network column (if any) applies to bare handles.
  const accounts: AccountRow[] = [];
  const networkText = cell('network');
  const rowNetwork = networkText === '' ? null : networkNamed(networkText);
  if (networkText !== '' && rowNetwork === null) {
    issue('network', `Unknown network "${networkText}": use ${networkChoices}.`);
  }
  const names = cell('account')
    .split(listSeparator)
    .filter((n) => n !== '');
  if (names.length === 0) issue('account', 'No account: give an account handle or id.');
  for (const name of names) {
    const resolved = resolveAccount(name, rowNetwork, lookups);
    if (!resolved.ok) {
      issue('account', resolved.message);
      continue;
    }
    const account = resolved.account;
    if (account.status === 'disconnected') {
      issue(
        'account',
        `${shownHandle(account.platform, account.handle)} is disconnected: reconnect it first.`,
      );
    } else if (accounts.some((a) => a.id === account.id)) {
      issue('account', `${shownHandle(account.platform, account.handle)} is named twice.`);
    } else {
      accounts.push(account);
    }
  }
  if (accounts.length > postLimits.accountsMax) {
    issue('account', `At most ${String(postLimits.accountsMax)} accounts per post.`);
  }
  const clientIds = [...new Set(accounts.map((a) => a.clientId))];
  if (clientIds.length > 1)
    issue('account', 'These accounts belong to different clients: one post is for one client.');
  const client = clientIds.length === 1 ? lookups.clients.get(clientIds[0] ?? '') : undefined;
  if (client?.archived === true) {
    issue('account', `${client.name} is archived: unarchive the client to schedule posts.`);
  }

  // When, read in the row's zone or the client's.
  const zoneText = cell('timezone');
  let zone = client?.timezone ?? 'UTC';
  if (zoneText !== '') {
    if (isValidTimeZone(zoneText)) zone = zoneText;
    else
      issue('timezone', `Unknown time zone "${zoneText}": use an IANA name such as Europe/Berlin.`);
  }
  let time: ScheduleTime | null = null;
  const when = cell('when');
  const date = cell('date');
  const clock = cell('time');
  const whenField: CsvField =
    columns.index.when !== undefined ? 'when' : clock === '' ? 'date' : 'time';
  const whenText =
    when !== '' ? when : date !== '' && clock !== '' ? `${date} ${padTime(clock)}` : '';
  if (when === '' && (date === '') !== (clock === '')) {
    issue(
      date === '' ? 'date' : 'time',
      date === ''
        ? 'A time without a date: add the date (YYYY-MM-DD).'
        : 'A date without a time: add the time (HH:mm), or leave both empty to use the queue.',
    );
  } else if (
    whenText !== '' &&
    (zoneText === '' ? client !== undefined : isValidTimeZone(zoneText))
  ) {
    // Without the client (its accounts are wrong) there is no zone to read the time in.
    try {
      time = when === '' ? lookups.wallTime(date, padTime(clock), zone) : parseWhen(when, zone);
      if (time.instant < lookups.now - pastToleranceMs) {
        issue(
          whenField,
          `${time.localTime.replace('T', ' ')} ${zone} has already passed: pick a time from now on.`,
        );
      }
    } catch (error) {
      if (!(error instanceof AppFailure)) throw error;
      issue(whenField, error.error.message);
    }
  }

  // Text, split into thread parts, each within the limit of every account's network (and
  // server: a Mastodon instance has its own).
  const parts = splitThread(cell('text'), cell('separator'));
  const mediaNames = cell('media')
    .split('|')
    .map((m) => m.trim())
    .filter((m) => m !== '');
  if (mediaNames.length > postLimits.imagesMax) {
    // As posts:schedule refuses it; the import's rows rely on it ([Note: bulk rows unchecked]).
    issue(
      'media',
      `A post takes at most ${String(postLimits.imagesMax)} media files; this one has ${String(mediaNames.length)}.`,
    );
  }
  if (parts.length > postLimits.partsMax) {
    issue(
      'text',
      `A thread can have at most ${String(postLimits.partsMax)} parts; this one has ${String(parts.length)}.`,
    );
  }
  const byLimit = groupBy(accounts, (a) => `${a.platform} ${String(a.textLimit)}`);
  for (const [index, text] of parts.entries()) {
    const name = parts.length > 1 ? `Part ${String(index + 1)}` : 'The text';
    if (text === '') {
      if (index > 0 || mediaNames.length === 0)
        issue('text', `${name} is empty: add text${index === 0 ? ' or media' : ''}.`);
      continue;
    }
    if (text.length > postLimits.textMax) {
      issue(
        'text',
        `${name} is ${String(text.length)} characters; a part holds at most ${String(postLimits.textMax)}. ${csvThreadHint}`,
      );
      continue;
    }
    for (const group of byLimit) {
      const first = group[0] as AccountRow;
      const label = `${name} for ${handles(group)}`;
      for (const message of textProblems(
        networkRules[first.platform],
        text,
        label,
        first.textLimit,
      )) {
        issue('text', `${message} ${csvThreadHint}`);
      }
    }
  }

  // Media for the first part, alt texts in the same order, checked once per network.
  const alts = cell('alt')
    .split('|')
    .map((a) => a.trim());
  const media: RowPlan['media'] = [];
  const items: PartMediaItem[] = [];
  for (const [index, name] of mediaNames.entries()) {
    const checked = lookups.media.resolve(name);
    if (!checked.ok) {
      issue('media', checked.message);
      continue;
    }
    const given = alts[index] ?? '';
    // A document's alt text is its title: without one, its file name, as the composer does.
    const altText =
      given === '' && checked.kind === 'document'
        ? titleFromFileName(name.split('/').pop() ?? name)
        : given;
    if (altText.length > postLimits.altTextMax) {
      // Starling's own limit on any post (posts:schedule's); the networks' come below.
      issue(
        'alt',
        `Alt text ${String(index + 1)} is ${String(altText.length)} characters: Starling keeps at most ${String(postLimits.altTextMax)}.`,
      );
    }
    media.push({ file: checked.file, kind: checked.kind, altText });
    items.push({
      kind: checked.kind,
      mime: checked.mime,
      bytes: checked.bytes,
      // Known only once the library probes the file, so a video's length is not checked here.
      durationMs: null,
      name,
      // Over Starling's own limit is reported once, above, not again per network.
      altText: altText.length > postLimits.altTextMax ? '' : altText,
    });
  }
  if (cell('alt') !== '' && alts.length > mediaNames.length) {
    issue(
      'alt',
      `${plural(alts.length, 'alt text')} for ${plural(mediaNames.length, 'media file')}: separate them with | in the same order as the media.`,
    );
  }
  if (items.length > 0) {
    const partName = parts.length > 1 ? 'Part 1' : 'The post';
    for (const group of groupBy(accounts, (a) => a.platform)) {
      const rules = networkRules[(group[0] as AccountRow).platform];
      const checked = mediaProblems(rules, items, `${partName} for ${handles(group)}`);
      for (const message of checked.errors) issue('media', message);
    }
  }

  let campaignId: string | undefined;
  const campaign = cell('campaign');
  if (campaign !== '' && client !== undefined) {
    campaignId = lookups.campaigns.get(client.id)?.get(campaign.toLowerCase());
    if (campaignId === undefined)
      issue('campaign', `${client.name} has no campaign "${campaign}".`);
  }

  if (issues.length > 0 || client === undefined) return { ok: false, issues };
  return {
    ok: true,
    plan: { clientId: client.id, accounts, campaignId, time, zone, parts, media },
  };
}
