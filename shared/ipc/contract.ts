// [Note: IPC contract] The one list of calls the renderer may make. Each channel names
// its input schema (validated in the core's dispatch before any handler runs) and its
// output type. The Electron preload, the browser host's socket and the CLI all go through
// this table; a handler missing from the core's map fails to compile. Each feature keeps
// its channels in ./channels/ and they are spread in here.
import { z } from 'zod';
import { clientCreateInput, clientId, clientUpdateInput, type Client } from '../clients.ts';
import type { AppInfo, Preferences } from '../app.ts';
import type { VaultStatus } from '../accounts.ts';
import { preferencesPatch } from '../app.ts';
import {
  postIdInput,
  postRescheduleInput,
  postScheduleInput,
  postsListInput,
  type PostDetail,
  type PostSummary,
} from '../posts.ts';
import type { Result } from '../result.ts';
import { channel, none } from './channel.ts';
import { accountsChannels } from './channels/accounts.ts';
import { analyticsChannels } from './channels/analytics.ts';
import { calendarChannels } from './channels/calendar.ts';
import { composerChannels } from './channels/composer.ts';
import { dataChannels } from './channels/data.ts';
import { mediaChannels } from './channels/media.ts';
import { progressChannels } from './channels/progress.ts';

/** The foundation's channels: app, settings, clients, accounts, vault and posts. */
export const coreChannels = {
  /** Version, data folder and which host the UI is running in. */
  'app:get-info': channel<AppInfo>()(none),
  /** User preferences (theme, default time zone). */
  'settings:get-preferences': channel<Preferences>()(none),
  /** Change some preferences; returns all of them. */
  'settings:update-preferences': channel<Preferences>()(preferencesPatch),
  /** Clients, active first, by name; archived ones only when asked. */
  'clients:list': channel<Client[]>()(z.strictObject({ includeArchived: z.boolean().optional() })),
  /** One client by id; NOT_FOUND if there is none. */
  'clients:get': channel<Client>()(z.strictObject({ id: clientId })),
  /** Create a client; defaults: the machine's time zone, the next palette colour. */
  'clients:create': channel<Client>()(clientCreateInput),
  /** Change some fields of a client. */
  'clients:update': channel<Client>()(clientUpdateInput),
  /** Archive a client: hidden from lists and calendars, nothing deleted. */
  'clients:archive': channel<Client>()(z.strictObject({ id: clientId })),
  /** Bring an archived client back. */
  'clients:unarchive': channel<Client>()(z.strictObject({ id: clientId })),

  /** Whether tokens can be stored securely here, and whether weaker protection is offered. */
  'vault:get-status': channel<VaultStatus>()(none),
  /**
   * Desktop app without a keychain: accept weaker protection (the key kept in a file only
   * this user can read). Remembered. ENCRYPTION_UNAVAILABLE where it is not offered.
   */
  'vault:accept-weak-protection': channel<VaultStatus>()(
    z.strictObject({ accept: z.literal(true) }),
  ),

  /**
   * Schedule a post: its thread parts (per-account text variants, media from the library
   * with alt text) to one or more of the client's accounts (active or needs_reauth), at
   * `when` (epoch ms, or `{ at, timezone? }`: ISO with an offset, or a wall time in the
   * zone, default the client's; DST-skipped or repeated wall times are refused with the
   * choices). Writes the post, its targets and one pending publish job per target in one
   * transaction. VALIDATION: text over 280 (X's weighting) or empty, media mix X refuses,
   * accounts of another client or disconnected, a time more than a minute past.
   * NOT_FOUND: client, account, media or campaign.
   */
  'posts:schedule': channel<PostSummary>()(postScheduleInput),
  /** Posts by scheduled time (from ≤ t < to), optionally one client's or one status. */
  'posts:list': channel<PostSummary[]>()(postsListInput),
  /** One post with its parts, targets (remote ids, URLs, attempts, errors) and event log. */
  'posts:get': channel<PostDetail>()(postIdInput),
  /**
   * Cancel a post that has not gone out: its waiting targets and jobs are cancelled.
   * CONFLICT while it is publishing or once it is (partially) published.
   */
  'posts:cancel': channel<PostSummary>()(postIdInput),
  /**
   * Move a post to another time (same parsing and DST refusals as posts:schedule; the zone
   * defaults to the post's). Waiting targets' jobs move; failed or missed targets are
   * scheduled again with fresh jobs; published ones stay. CONFLICT while publishing, once
   * published or cancelled.
   */
  'posts:reschedule': channel<PostSummary>()(postRescheduleInput),
  /**
   * Try failed, missed and needs-review targets again now: a fresh job each, attempts
   * reset. CONFLICT when no target can be retried.
   */
  'posts:retry': channel<PostSummary>()(postIdInput),
} as const;

export const contract = {
  ...coreChannels,
  ...accountsChannels,
  ...calendarChannels,
  ...mediaChannels,
  ...dataChannels,
  ...analyticsChannels,
  ...composerChannels,
  ...progressChannels,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = NonNullable<Contract[C]['output']>;

/**
 * A typed call into the core: the renderer's bridge, and the core's own `invoke` that the
 * CLI, tests and benches use. A contract change breaks every caller at compile time.
 */
export type Invoke = <C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
) => Promise<Result<ChannelOutput<C>>>;

export const channels = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
