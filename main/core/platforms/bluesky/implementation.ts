// Everything of Bluesky that needs @atproto/api (sessions, sign-in, sending, sign-out),
// built on first use by platform.ts: loading the library takes about 1.5 s.
import type { PlatformDeps } from '../registry.ts';
import { createBlueskySignIn } from './connect.ts';
import { createBlueskySending } from './publish.ts';
import { revokeBlueskySession } from './revoke.ts';
import { createBlueskySessions } from './sessions.ts';

export function createBlueskyImplementation(deps: PlatformDeps, timeoutMs: number) {
  const { clock, logger, sleep } = deps;
  const sessions = createBlueskySessions({ ...deps, timeoutMs });
  return {
    sessions,
    signIn: createBlueskySignIn({ clock, logger, timeoutMs }),
    sending: createBlueskySending({ sessions, clock, logger, sleep, timeoutMs }),
    revoke: (sealed: unknown) => revokeBlueskySession(sealed, logger, timeoutMs, () => clock.now()),
  };
}

export type BlueskyImplementation = ReturnType<typeof createBlueskyImplementation>;
