// A feature of the core (app, clients, vault, posts, accounts, calendar, media, data
// in/out, analytics, composer, progress): the handlers of its channels, built from the
// shared context, and optional background work that the hosts which publish (desktop app,
// `starling daemon`, `serve --publish`) start with the scheduler. Each feature is built by
// one function in ipc/<name>-feature.ts; create-core.ts lists them once.
import type { Channel } from '../../shared/ipc/contract.ts';
import type { OpenDatabase } from './db/open-database.ts';
import type { EventBus } from './events.ts';
import type { Handlers } from './ipc/dispatch.ts';
import type { Platforms } from './platforms/registry.ts';
import type { Ports } from './ports.ts';
import type { Operations } from './progress/operations.ts';
import type { Scheduler } from './scheduler/engine.ts';
import type { Unpublisher } from './publishing/unpublish.ts';
import type { PostsService } from './services/posts.ts';

export interface CoreContext {
  dataDir: string;
  database: OpenDatabase;
  ports: Ports;
  events: EventBus;
  /** Every network's module (platforms/registry.ts). */
  platforms: Platforms;
  posts: PostsService;
  /** Deleting published posts from their networks (publishing/unpublish.ts). */
  unpublisher: Unpublisher;
  scheduler: Scheduler;
  /** Long work's progress events and cancels (progress/operations.ts). */
  operations: Operations;
}

export interface CoreFeature<C extends Channel> {
  handlers: Pick<Handlers, C>;
  /** Background work (timers); started by publishing hosts, never by the CLI's one-shot commands. */
  start?: () => Promise<void> | void;
  /** Stops background work and releases resources; called by core.close(). */
  stop?: () => Promise<void> | void;
}

/** A union's members joined into one intersection: every feature's handlers together. */
type Joined<U> = (U extends unknown ? (part: U) => void : never) extends (part: infer I) => void
  ? I
  : never;

/** The handler map that a list of features makes together. */
export type HandlersOf<F extends readonly { handlers: Partial<Handlers> }[]> = Joined<
  F[number]['handlers']
>;

/**
 * Joins the features' handler maps into one. The caller checks the result `satisfies
 * Handlers`, so a channel no feature handles fails to compile; one handled twice fails at
 * start-up.
 */
export function mergeHandlers<const F extends readonly { handlers: Partial<Handlers> }[]>(
  features: F,
): HandlersOf<F> {
  const merged: Partial<Record<Channel, unknown>> = {};
  for (const feature of features) {
    for (const [channel, handler] of Object.entries(feature.handlers)) {
      if (Object.hasOwn(merged, channel)) throw new Error(`Two features handle ${channel}.`);
      merged[channel as Channel] = handler;
    }
  }
  return merged as HandlersOf<F>;
}
