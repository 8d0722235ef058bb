// How to make the Threads app Starling signs in with: a Meta app with the Threads use case,
// the permissions, the https redirect to register (Threads accepts no loopback address, so
// the browser lands there and the user pastes its address back), and where the app id and
// secret are. Shown by Connect Threads, open while no app is saved.
const developerUrl = 'https://developers.facebook.com/apps';

export const threadsPermissions =
  'threads_basic, threads_content_publish, threads_manage_insights, threads_manage_replies, threads_read_replies';

export function ThreadsSetupGuide() {
  return (
    <ol className="setup-steps">
      <li>
        <h3>Create a Meta app with the Threads use case</h3>
        <p>
          Go to{' '}
          <a href={developerUrl} target="_blank" rel="noopener noreferrer">
            Meta for Developers → My Apps
          </a>
          , choose <strong>Create app</strong> and pick the use case{' '}
          <strong>Access the Threads API</strong>. Add your Threads profile as a{' '}
          <strong>Threads tester</strong> (App roles) and accept the invitation in Threads under
          Settings → Account → Website permissions, so the app works while in development.
        </p>
      </li>
      <li>
        <h3>Add the permissions</h3>
        <p>
          Under the use case’s <strong>Permissions</strong>, add: {threadsPermissions}.
        </p>
      </li>
      <li>
        <h3>Register a redirect address</h3>
        <p>
          Under <strong>Settings</strong>, enter an https address you control as{' '}
          <strong>Redirect Callback URL</strong> (any page will do: nothing needs to run there).
          After you approve Starling, Threads sends your browser to it; you copy the address the
          browser shows and paste it into Starling.
        </p>
      </li>
      <li>
        <h3>Copy the app id and secret into Starling</h3>
        <p>
          Copy the <strong>Threads app ID</strong> and <strong>Threads app secret</strong> from the
          same page into the form below, with the redirect address exactly as registered. Starling
          seals the secret with your vault and never shows it again.
        </p>
      </li>
    </ol>
  );
}
