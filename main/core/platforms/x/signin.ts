// What a connect flow needs from one sign-in at X, OAuth 2 or OAuth 1.0a alike: the
// port's Signin, with X's profile and token set.
import type { Signin } from '../port.ts';
import type { XCredentials } from './x-credentials.ts';
import type { XProfile } from './x-user.ts';

export interface XSignin extends Signin {
  finish(code: string): Promise<{ profile: XProfile; credentials: XCredentials }>;
}
