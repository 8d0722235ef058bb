// X's setup guide: creating the user's own X developer app, step by step, with the exact
// values to copy, and the note on the OAuth 1.0a alternative. Shown in Settings (Set up X)
// and by the Connect X dialog while no Client ID is set.
import type { ReactNode } from 'react';
import { xOAuth2Scopes } from '../../../../../shared/networks/x.ts';
import { CopyValue } from '../../../app/ui/copy-value.tsx';
import { callbackUri } from './callback-uri.ts';

/** What Starling asks X for (see [Note: X scopes]), so the user knows before approving. */
export const xScopes = xOAuth2Scopes.join(' ');

const portalUrl = 'https://developer.x.com/en/portal/dashboard';

export function XSetupGuide({ port }: { port: number }) {
  return (
    <ol className="setup-steps">
      <li>
        <h3>Open the X Developer Portal</h3>
        <p>
          Go to{' '}
          <a href={portalUrl} target="_blank" rel="noopener noreferrer">
            developer.x.com
          </a>{' '}
          and sign in. Any X account can own the app; it does not have to be a client’s.
        </p>
      </li>
      <li>
        <h3>Create an app</h3>
        <p>
          Under <strong>Projects &amp; Apps</strong>, create a project if X asks for one, then add
          an app to it. Any name will do, for example “Starling for” and your name.
        </p>
      </li>
      <li>
        <h3>Set up user authentication</h3>
        <p>
          In the app’s settings, find <strong>User authentication settings</strong> and choose{' '}
          <strong>Set up</strong>. Fill in:
        </p>
        <dl className="setup-values">
          <div>
            <dt>App permissions</dt>
            <dd>
              <strong>Read and write</strong>
            </dd>
          </div>
          <div>
            <dt>Type of App</dt>
            <dd>
              <strong>Native App</strong> (a public client: there is no secret for Starling to keep)
            </dd>
          </div>
          <div>
            <dt>Callback URI / Redirect URL</dt>
            <dd>
              <CopyValue label="callback URI" value={callbackUri(port)} />
            </dd>
          </div>
          <div>
            <dt>Website URL</dt>
            <dd>Any address of yours, for example your own site.</dd>
          </div>
        </dl>
        <p>Then save.</p>
      </li>
      <li>
        <h3>Know what Starling asks for</h3>
        <p>
          When you connect an account, X asks it to allow these scopes: read and write posts, read
          the profile, stay connected without signing in again, and upload media.
        </p>
        <CopyValue label="scopes" value={xScopes} />
      </li>
      <li>
        <h3>Copy the Client ID into Starling</h3>
        <p>
          On the app’s <strong>Keys and tokens</strong> page, under{' '}
          <strong>OAuth 2.0 Client ID and Client Secret</strong>, copy the{' '}
          <strong>Client ID</strong> and paste it below. Starling does not need the Client Secret.
        </p>
      </li>
    </ol>
  );
}

/** The OAuth 1.0a alternative, in a sentence or two, and what starts it. */
export function OAuth1Note({ children }: { children: ReactNode }) {
  return (
    <div className="setup-note">
      <p>
        <strong>Tokens that never expire:</strong> instead of signing in with OAuth 2, you can
        connect with your app’s <strong>API key and API key secret</strong> (OAuth 1.0a, from the
        same <strong>Keys and tokens</strong> page). X still asks the account to approve Starling,
        using the same callback URI.
      </p>
      {children}
    </div>
  );
}
