// Threads' connect guide and form (network-app-form.tsx): the user's own Threads app (its
// app id, its secret and the https redirect registered with it), then the browser sign-in.
// Threads sends the browser to that redirect, so the wait that follows
// (connect-waiting.tsx) asks for the address it shows.
import type { NetworkApp } from '../../../../../shared/accounts.ts';
import type { NetworkTarget } from '../network-connect-store.ts';
import { NetworkAppForm, type AppField, type AppFieldSpec } from './network-app-form.tsx';
import { ThreadsSetupGuide } from './threads-guide.tsx';

/** What the form checks before anything is sent (the core checks again). */
function issue(field: AppField, value: string, known: NetworkApp | null): string | null {
  const text = value.trim();
  switch (field) {
    case 'clientId':
      return /^[A-Za-z0-9_-]{6,100}$/.test(text)
        ? null
        : 'Enter the Threads app ID from your Meta app.';
    case 'clientSecret':
      return text === '' && known?.hasSecret !== true ? 'Enter the Threads app secret.' : null;
    case 'redirectUri':
      return URL.canParse(text) && text.startsWith('https://')
        ? null
        : 'Enter the https redirect address registered with the app.';
  }
}

const fields: readonly AppFieldSpec[] = [
  { name: 'clientId', label: 'Threads app ID', placeholder: 'e.g. 1234567890123456' },
  { name: 'clientSecret', label: 'Threads app secret' },
  {
    name: 'redirectUri',
    label: 'Redirect address',
    placeholder: 'https://example.com/threads-callback',
  },
];

export function ThreadsConnect({ target }: { target: NetworkTarget }) {
  return (
    <NetworkAppForm
      target={target}
      platform="threads"
      fields={fields}
      issue={issue}
      formLabel="Sign in to Threads"
      intro={
        <>
          Starling signs in to Threads through <strong>your own Threads app</strong>. Threads sends
          your browser back to the https address you registered, not to Starling, so after approving
          you <strong>paste the address your browser shows</strong>. Images and videos go to Threads
          through your media relay (Settings → Media relay); without one, Threads posts carry text
          only.
        </>
      }
      errorTitle="Threads account not connected"
      guideSummary="How to set up your Threads app"
      guide={<ThreadsSetupGuide />}
      fromEnvironment={(known) => (
        <>
          Your Threads app comes from STARLING_THREADS_APP_ID
          {known.redirectUri === null ? '' : `; its redirect address is ${known.redirectUri}`}.
        </>
      )}
      signIn={{}}
      submitLabel="Sign in on Threads"
    />
  );
}
