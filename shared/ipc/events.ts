// Push events from the core to every connected renderer, named in the past tense.
import type { Client } from '../clients.ts';
import type { Preferences } from '../app.ts';

export interface Events {
  /** A client was created, edited, archived or unarchived. */
  'client:saved': { client: Client };
  'preferences:changed': { preferences: Preferences };
}

export type EventName = keyof Events;

export const eventNames: readonly EventName[] = ['client:saved', 'preferences:changed'];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name);
}
