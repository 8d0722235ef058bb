// Facebook's connect guide and form (network-app-form.tsx): the user's own Meta app (its
// App ID and App Secret), then the browser sign-in, then the Pages picker
// (pages-picker.tsx): each Page chosen becomes an account, with the Instagram account
// linked to it.
import type { NetworkTarget } from '../network-connect-store.ts';
import { callbackUri, useCallbackPort } from './callback-uri.ts';
import { metaAppIssue, type MetaAppField } from './facebook-app.ts';
import { FacebookSetupGuide } from './facebook-guide.tsx';
import { NetworkAppForm, type AppFieldSpec } from './network-app-form.tsx';

const fields: readonly AppFieldSpec<MetaAppField>[] = [
  { name: 'clientId', label: 'App ID', placeholder: 'e.g. 1234567890123456', inputMode: 'numeric' },
  { name: 'clientSecret', label: 'App Secret' },
];

export function FacebookConnect({ target }: { target: NetworkTarget }) {
  const port = useCallbackPort();
  const redirectUri = callbackUri(port);
  return (
    <NetworkAppForm
      target={target}
      platform="facebook"
      fields={fields}
      issue={metaAppIssue}
      formLabel="Sign in with Facebook"
      intro={
        <>
          Starling posts to <strong>Facebook Pages</strong> and the{' '}
          <strong>Instagram accounts linked to them</strong> through your own Meta app. Sign in with
          Facebook in the browser, then choose which of your Pages become accounts of{' '}
          {target.clientName}.
        </>
      }
      errorTitle="Facebook not connected"
      guideSummary="How to set up your Meta app"
      guide={<FacebookSetupGuide redirectUri={redirectUri} />}
      fromEnvironment={(known) => (
        <>
          Your Meta app comes from STARLING_META_APP_ID
          {known.hasSecret ? ' and STARLING_META_APP_SECRET' : ''}; its redirect URL must be{' '}
          {redirectUri}.
        </>
      )}
      // Facebook accounts are Pages: the picker always follows the sign-in.
      signIn={{ pages: true }}
      submitLabel="Continue with Facebook"
    />
  );
}
