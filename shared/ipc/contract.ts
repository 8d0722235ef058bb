// [Note: IPC contract] The one list of calls the renderer may make. Each channel names
// its input schema (validated in the core's dispatch before any handler runs) and its
// output type. The Electron preload, the browser host's socket and the CLI all go through
// this table; a handler missing from the core's map fails to compile. Each feature keeps
// its channels in ./channels/<feature>.ts and they are spread in here.
import type { z } from 'zod';
import type { Result } from '../result.ts';
import { accountsChannels } from './channels/accounts.ts';
import { analyticsChannels } from './channels/analytics.ts';
import { appChannels } from './channels/app.ts';
import { calendarChannels } from './channels/calendar.ts';
import { clientsChannels } from './channels/clients.ts';
import { composerChannels } from './channels/composer.ts';
import { dataChannels } from './channels/data.ts';
import { mediaChannels } from './channels/media.ts';
import { postsChannels } from './channels/posts.ts';
import { progressChannels } from './channels/progress.ts';
import { relayChannels } from './channels/relay.ts';
import { reviewChannels } from './channels/review.ts';
import { searchChannels } from './channels/search.ts';
import { vaultChannels } from './channels/vault.ts';

export const contract = {
  ...appChannels,
  ...clientsChannels,
  ...vaultChannels,
  ...postsChannels,
  ...accountsChannels,
  ...calendarChannels,
  ...mediaChannels,
  ...dataChannels,
  ...analyticsChannels,
  ...composerChannels,
  ...progressChannels,
  ...reviewChannels,
  ...searchChannels,
  ...relayChannels,
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
