// How a CSV names an account: its id, or its handle with an optional network in front
// (`x:@bakery`, `bluesky:bakery.bsky.social`, `mastodon:bakery@mastodon.social`,
// `linkedin:Ada-Baker` for a member named "Ada Baker"). The same
// handle can exist on several networks of one client, so a bare handle that matches more
// than one account is refused with the written-out choices rather than guessed.
import { platforms, type Platform } from '../../../shared/accounts.ts';
import { networkRules, shownHandle } from '../../../shared/networks/index.ts';

export interface AccountRow {
  /** [Note: accounts and clients by number] (migration 0040). */
  seq: number;
  id: string;
  clientId: string;
  platform: Platform;
  handle: string;
  /** The server's own text limit (a Mastodon instance's); null: the network's default. */
  textLimit: number | null;
  status: 'active' | 'needs_reauth' | 'disconnected';
}

/** Network names a CSV may use, beside the networks' own ids. */
const aliases: ReadonlyMap<string, Platform> = new Map(
  platforms.flatMap((p) => networkRules[p].accounts.aliases.map((alias) => [alias, p] as const)),
);

/** The network a name stands for (`X`, `bluesky`, `Twitter`), or null. */
export function networkNamed(name: string): Platform | null {
  const key = name.trim().toLowerCase();
  return platforms.find((p) => p === key) ?? aliases.get(key) ?? null;
}

export const networkChoices = platforms.join(', ');

/**
 * A handle as one word of an account list: a name with spaces or list separators in it (a
 * LinkedIn member's "Ada Baker") is written with hyphens ("Ada-Baker"), which the import
 * also answers to (namesOf).
 */
const oneWord = (handle: string) => handle.trim().replace(/[\s,;|]+/g, '-');

/** How an export writes an account and how the import reads it back: `x:@bakery`. */
export function accountRef(account: Pick<AccountRow, 'platform' | 'handle'>): string {
  return `${account.platform}:${networkRules[account.platform].accounts.at ? '@' : ''}${oneWord(account.handle)}`;
}

/** How a message names an account: `@bakery.bsky.social (Bluesky)`, `Bright Bakery (Facebook)`. */
export function accountLabel(account: Pick<AccountRow, 'platform' | 'handle'>): string {
  return `${shownHandle(account.platform, account.handle)} (${networkRules[account.platform].label})`;
}

export type AccountName =
  { ok: true; network: Platform | null; handle: string } | { ok: false; message: string };

/**
 * Splits `network:handle`. A prefix is letters only, so a Mastodon handle on a port
 * (`nova@127.0.0.1:4000`) stays a handle; a prefix that is no network is refused.
 */
export function parseAccountName(name: string): AccountName {
  const match = /^([a-z]+):(.+)$/i.exec(name);
  if (match === null) return { ok: true, network: null, handle: bare(name) };
  const network = networkNamed(match[1] ?? '');
  if (network === null) {
    return {
      ok: false,
      message: `${name}: "${match[1] ?? ''}" is not a network Starling posts to (use ${networkChoices}).`,
    };
  }
  return { ok: true, network, handle: bare(match[2] ?? '') };
}

const bare = (handle: string) => handle.replace(/^@/, '').toLowerCase();

/**
 * Every lower-case name an account answers to: its full handle, and the short forms its
 * network says people use (a Bluesky handle without `.bsky.social`, a Mastodon handle
 * without its instance).
 */
export function namesOf(account: Pick<AccountRow, 'platform' | 'handle'>): string[] {
  const handle = account.handle.toLowerCase();
  const word = oneWord(handle);
  return [
    handle,
    ...(word === handle ? [] : [word]),
    ...networkRules[account.platform].accounts.shortNames(handle),
  ];
}

export interface AccountLookups {
  accountsById: Map<string, AccountRow>;
  /** Each lower-case name (namesOf) → the accounts answering to it, in every client. */
  accountsByName: Map<string, AccountRow[]>;
  /** Only this client's accounts (--client). */
  clientId: string | undefined;
}

/** Indexes accounts by id and by every name they answer to. */
export function indexAccounts(
  accounts: AccountRow[],
): Pick<AccountLookups, 'accountsById' | 'accountsByName'> {
  const accountsById = new Map<string, AccountRow>();
  const accountsByName = new Map<string, AccountRow[]>();
  for (const account of accounts) {
    accountsById.set(account.id, account);
    for (const name of namesOf(account)) {
      accountsByName.set(name, [...(accountsByName.get(name) ?? []), account]);
    }
  }
  return { accountsById, accountsByName };
}

const orList = (items: string[]) =>
  items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`;

/**
 * The one account `name` means (an id, or a handle on the network it or the row's network
 * column names), or why it means none or several.
 */
export function resolveAccount(
  name: string,
  rowNetwork: Platform | null,
  lookups: AccountLookups,
): { ok: true; account: AccountRow } | { ok: false; message: string } {
  let found: AccountRow[];
  let spelled = name;
  let network: Platform | null = null;
  const byId = lookups.accountsById.get(name);
  if (byId !== undefined) {
    found = [byId];
  } else {
    const parsed = parseAccountName(name);
    if (!parsed.ok) return parsed;
    if (parsed.network !== null && rowNetwork !== null && parsed.network !== rowNetwork) {
      return {
        ok: false,
        message: `${name} names ${networkRules[parsed.network].label}, but the network column says ${networkRules[rowNetwork].label}.`,
      };
    }
    network = parsed.network ?? rowNetwork;
    found = (lookups.accountsByName.get(parsed.handle) ?? []).filter(
      (a) => network === null || a.platform === network,
    );
    spelled =
      parsed.network === null
        ? `@${parsed.handle}`
        : accountRef({ platform: parsed.network, handle: parsed.handle });
  }
  if (lookups.clientId !== undefined) {
    const mine = found.filter((a) => a.clientId === lookups.clientId);
    if (mine.length === 0 && found.length > 0) {
      return {
        ok: false,
        message: `${spelled} is an account of another client, not of the chosen one.`,
      };
    }
    found = mine;
  }
  const [first] = found;
  if (first === undefined) {
    const where = network === null ? '' : ` on ${networkRules[network].label}`;
    return {
      ok: false,
      message: `${name}: no such account${where}. Connect it first, or check the spelling.`,
    };
  }
  if (new Set(found.map((a) => a.clientId)).size > 1) {
    return {
      ok: false,
      message: `${spelled} is connected for several clients: choose the client to import for (--client) or use the account id.`,
    };
  }
  if (found.length > 1) {
    const choices = found.map(accountRef).sort();
    return {
      ok: false,
      message: `${spelled} could be ${orList(choices)}: write the one you mean (network:handle) or its account id.`,
    };
  }
  return { ok: true, account: first };
}
