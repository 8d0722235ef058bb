// [Note: IPC contract] The one list of calls the renderer may make. Each channel names
// its input schema (validated in the core's dispatch before any handler runs) and its
// output type. The Electron preload, the browser host's socket and the CLI all go through
// this table; a handler missing from the core's map fails to compile.
import { z } from 'zod';
import { clientCreateInput, clientId, clientUpdateInput, type Client } from '../clients.ts';
import type { AppInfo, Preferences } from '../app.ts';
import { preferencesPatch } from '../app.ts';

interface ChannelSpec<I extends z.ZodType, O> {
  input: I;
  /** Type-only: never read at run time. */
  output?: O;
}

const channel =
  <O>() =>
  <I extends z.ZodType>(input: I): ChannelSpec<I, O> => ({ input });

const none = z.strictObject({});

export const contract = {
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
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = NonNullable<Contract[C]['output']>;

export const channels = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
