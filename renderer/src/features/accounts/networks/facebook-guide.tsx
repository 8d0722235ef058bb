// How to make the Meta app Starling signs in with: its type, the product to add, the
// permissions it asks for, the redirect URL to register, and being the app's admin so it
// works in development mode with the Pages the user already manages. Shown by Connect
// Facebook, open while no app is saved.
import { CopyValue } from '../../../app/ui/copy-value.tsx';

const developerUrl = 'https://developers.facebook.com/apps';

export function FacebookSetupGuide({ redirectUri }: { redirectUri: string }) {
  return (
    <ol className="setup-steps">
      <li>
        <h3>Create a Meta app</h3>
        <p>
          Go to{' '}
          <a href={developerUrl} target="_blank" rel="noopener noreferrer">
            Meta for Developers → My Apps
          </a>
          , choose <strong>Create app</strong>, pick the use case <strong>Other</strong> and the app
          type <strong>Business</strong>.
        </p>
      </li>
      <li>
        <h3>Add Facebook Login and the permissions</h3>
        <p>
          Add the product <strong>Facebook Login for Business</strong> (or Facebook Login). Under
          App Review → Permissions, the app needs:
        </p>
        <dl className="setup-values">
          <div>
            <dt>Pages</dt>
            <dd>
              pages_show_list, pages_manage_posts, pages_read_engagement, pages_manage_engagement,
              read_insights, business_management
            </dd>
          </div>
          <div>
            <dt>Instagram</dt>
            <dd>
              instagram_basic, instagram_content_publish, instagram_manage_insights,
              instagram_manage_comments
            </dd>
          </div>
        </dl>
      </li>
      <li>
        <h3>Register the redirect URL</h3>
        <p>
          Under Facebook Login → Settings, add this as a <strong>Valid OAuth Redirect URI</strong>.
          If Meta refuses it, register any https address you own instead: after signing in, paste
          the address your browser shows into Starling.
        </p>
        <CopyValue label="redirect URL" value={redirectUri} />
      </li>
      <li>
        <h3>Stay in development mode, as the app’s admin</h3>
        <p>
          An app in development mode works without Meta’s review for the people with a role on it:
          you created it, so you are its admin, and it can reach every Page you manage. Add anyone
          else who signs in under App Roles.
        </p>
      </li>
      <li>
        <h3>Copy the App ID and App Secret into Starling</h3>
        <p>
          Under App settings → Basic, copy the <strong>App ID</strong> and the{' '}
          <strong>App Secret</strong> into the form below. Starling seals the secret with your vault
          and never shows it again.
        </p>
      </li>
    </ol>
  );
}
