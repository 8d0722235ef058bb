// What each channel's dispatch cases look like (see ../ipc-dispatch.test.ts): one file
// per feature beside this one.
import type { Cipher, Ports } from '../../../main/core/ports.ts';
import type { TestCore } from '../../helpers/core.ts';

export interface Ctx {
  clientId: string;
  /** An X account of that client, with (fake) stored tokens. */
  accountId: string;
  /** A free loopback port for a connect flow's callback. */
  port: number;
  /** A scheduled post to that account ('' where the account could not be stored). */
  postId: string;
  /** A post whose only target failed. */
  failedPostId: string;
  /** What the channel's `prepare` made (e.g. a campaign's id), by name. */
  made?: Record<string, string>;
}

export interface ChannelCases {
  /** Builds a valid payload, given a fresh core with one client in it. */
  valid: (ctx: Ctx) => unknown;
  /** Makes what a valid payload refers to beyond the setup (e.g. a campaign); joins ctx.made. */
  prepare?: (ctx: Ctx & { core: TestCore }) => Promise<Record<string, string>>;
  check?: (value: unknown, ctx: Ctx & { core: TestCore }) => void;
  invalid: unknown[];
  /** A cipher other than the passphrase vault, for channels about the desktop keychain. */
  cipher?: (dataDir: string) => Promise<Cipher>;
  /** Ports only a desktop host has (the media file dialog), for channels that need them. */
  ports?: Partial<Ports>;
}
