// LinkedIn's connect guide and form (network-app-form.tsx): the user's own LinkedIn app (its
// Client ID and secret), whether to ask for company pages too, then the browser sign-in.
// The wait that follows is connect-waiting.tsx; the pages picker, pages-picker.tsx.
import { useId, useState } from 'react';
import { useNetworkConnect, type NetworkTarget } from '../network-connect-store.ts';
import { callbackUri, useCallbackPort } from './callback-uri.ts';
import { isLinkedInPage, linkedInAppIssue, type LinkedInAppField } from './linkedin-app.ts';
import { LinkedInSetupGuide } from './linkedin-guide.tsx';
import { NetworkAppForm, type AppFieldSpec } from './network-app-form.tsx';

const fields: readonly AppFieldSpec<LinkedInAppField>[] = [
  { name: 'clientId', label: 'Client ID', placeholder: 'e.g. 86abcdefghijkl' },
  { name: 'clientSecret', label: 'Client secret' },
];

export function LinkedInConnect({ target }: { target: NetworkTarget }) {
  const uid = useId();
  const port = useCallbackPort();
  // Reconnecting a page means signing in again with pages, then renewing it in the picker.
  // After a refused sign-in the form comes back with the choice made then.
  const remembered = useNetworkConnect((s) => s.pages);
  const [pages, setPages] = useState(
    remembered ?? (target.reconnect !== null && isLinkedInPage(target.reconnect.platformUserId)),
  );
  const redirectUri = callbackUri(port);

  return (
    <NetworkAppForm
      target={target}
      platform="linkedin"
      fields={fields}
      issue={linkedInAppIssue}
      formLabel="Sign in to LinkedIn"
      intro={
        <>
          Starling signs in to LinkedIn through <strong>your own LinkedIn app</strong>, so your
          clients’ accounts are never shared with anyone else’s. Set the app up once; you then sign
          in <strong>on LinkedIn, in the browser</strong>, and Starling never sees the password.
        </>
      }
      errorTitle="LinkedIn account not connected"
      guideSummary="How to set up your LinkedIn app"
      guide={<LinkedInSetupGuide redirectUri={redirectUri} />}
      fromEnvironment={(known) => (
        <>
          Your LinkedIn app comes from STARLING_LINKEDIN_CLIENT_ID
          {known.hasSecret ? ' and STARLING_LINKEDIN_CLIENT_SECRET' : ''}; its redirect URL must be{' '}
          {redirectUri}.
        </>
      )}
      signIn={{ pages }}
      submitLabel="Sign in on LinkedIn"
    >
      <div className="pages-choice">
        <label className="toggle toggle-wrap">
          <input
            type="checkbox"
            className="checkbox"
            checked={pages}
            aria-describedby={`${uid}-pages-hint`}
            onChange={(e) => {
              setPages(e.target.checked);
            }}
          />
          Also connect company pages
        </label>
        <p className="field-hint" id={`${uid}-pages-hint`}>
          After signing in, choose which of the pages you administer to add as accounts of{' '}
          {target.clientName}. Needs the Community Management API product.
        </p>
      </div>
    </NetworkAppForm>
  );
}
