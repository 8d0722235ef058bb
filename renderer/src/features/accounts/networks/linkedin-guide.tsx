// How to make the LinkedIn app Starling signs in with: the products to add (company pages
// need one more) and the loopback redirect URL to register, with Copy, then where the
// Client ID and secret are. Shown by Connect LinkedIn, open while no app is saved.
import { CopyValue } from '../../../app/ui/copy-value.tsx';

const developerUrl = 'https://www.linkedin.com/developers/apps';

export function LinkedInSetupGuide({ redirectUri }: { redirectUri: string }) {
  return (
    <ol className="setup-steps">
      <li>
        <h3>Create a LinkedIn app</h3>
        <p>
          Go to{' '}
          <a href={developerUrl} target="_blank" rel="noopener noreferrer">
            LinkedIn Developers → My apps
          </a>{' '}
          and choose <strong>Create app</strong>. LinkedIn asks for a company page to link the app
          to (any page you manage will do) and a logo.
        </p>
      </li>
      <li>
        <h3>Add the products</h3>
        <p>On the app’s Products tab, add:</p>
        <dl className="setup-values">
          <div>
            <dt>To sign in and post</dt>
            <dd>
              <strong>Sign In with LinkedIn using OpenID Connect</strong> and{' '}
              <strong>Share on LinkedIn</strong>
            </dd>
          </div>
          <div>
            <dt>For company pages</dt>
            <dd>
              <strong>Community Management API</strong> (LinkedIn reviews this one first; until it
              is approved, connect without pages)
            </dd>
          </div>
        </dl>
      </li>
      <li>
        <h3>Register the redirect URL</h3>
        <p>
          On the Auth tab, under <strong>OAuth 2.0 settings</strong>, add this as an{' '}
          <strong>Authorized redirect URL</strong>:
        </p>
        <CopyValue label="redirect URL" value={redirectUri} />
      </li>
      <li>
        <h3>Copy the Client ID and secret into Starling</h3>
        <p>
          On the same Auth tab, copy the <strong>Client ID</strong> and the{' '}
          <strong>Primary Client Secret</strong> into the form below. Starling seals the secret with
          your vault and never shows it again.
        </p>
      </li>
    </ol>
  );
}
