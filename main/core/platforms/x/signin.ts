// What a connect flow needs from one sign-in at X, OAuth 2 or OAuth 1.0a alike.
import type { XCredentials } from './x-credentials.ts';
import type { XProfile } from './x-user.ts';

export type CallbackVerdict =
  /** Not this flow's callback (no or wrong state): refuse it and keep waiting. */
  | { kind: 'ignore'; reason: string }
  /** The user said no at X, or X reported an error: the flow ends. */
  | { kind: 'denied'; error: string }
  /** The authorization code (OAuth 2) or verifier (OAuth 1.0a) to redeem. */
  | { kind: 'code'; code: string };

export interface XSignin {
  authorizeUrl: string;
  judge(query: URLSearchParams): CallbackVerdict;
  /** Redeems the code and reads who signed in; call at once (OAuth 2 codes live 30 s). */
  finish(code: string): Promise<{ profile: XProfile; credentials: XCredentials }>;
}
