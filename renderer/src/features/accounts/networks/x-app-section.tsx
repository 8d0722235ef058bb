// Settings → "Set up X": the guide to creating the user's own X app, its Client ID and
// callback port, and the OAuth 1.0a alternative (API key and secret) for a chosen client.
// Listed in the registry's Settings sections, so Settings shows it without naming X.
import { useId, useMemo, useState } from 'react';
import { usePreferences } from '../../../app/preferences-store.ts';
import { useClients } from '../../clients/clients-store.ts';
import { useCallbackPort } from './callback-uri.ts';
import { XAppForm } from './x-app-form.tsx';
import { useXConnect } from './x-connect-store.ts';
import { OAuth1Note, XSetupGuide } from './x-guide.tsx';
import '../accounts.css';

export function XAppSection() {
  const port = useCallbackPort();
  const configured = usePreferences((s) => s.preferences.xClientId !== null);
  return (
    <section
      className="settings-section settings-section-wide panel"
      aria-labelledby="x-app-heading"
    >
      <div className="settings-section-text">
        <h2 id="x-app-heading">Set up X</h2>
        <p>
          Starling posts through an X app that you create in X’s developer portal, so your clients’
          accounts are never shared with anyone else’s app.{' '}
          {configured
            ? 'Your X app is set up.'
            : 'Set it up once, before connecting the first account.'}
        </p>
      </div>
      <div className="app-setup-body">
        {/* Collapses once a Client ID is saved; the steps stay one click away. */}
        <details className="setup-guide" open={!configured}>
          <summary>How to create your X app</summary>
          <XSetupGuide port={port} />
        </details>
        <XAppForm />
        <OAuth1Note>
          <OAuth1Starter />
        </OAuth1Note>
      </div>
    </section>
  );
}

function OAuth1Starter() {
  const uid = useId();
  const clients = useClients((s) => s.clients);
  const openOAuth1 = useXConnect((s) => s.openOAuth1);
  const active = useMemo(() => clients.filter((c) => c.archivedAt === null), [clients]);
  const [chosen, setChosen] = useState('');
  const client = active.find((c) => c.id === chosen) ?? active[0];

  if (client === undefined) {
    return (
      <p className="muted oauth1-starter-empty">
        To connect an account with an API key, first add a client to your{' '}
        {/* Not named "Clients": the sidebar link is. */}
        <a href="#/clients">client list</a>.
      </p>
    );
  }
  return (
    <div className="oauth1-starter">
      <label className="field-label" htmlFor={`${uid}-client`}>
        Client
      </label>
      <select
        id={`${uid}-client`}
        className="input select"
        value={client.id}
        onChange={(e) => {
          setChosen(e.target.value);
        }}
      >
        {active.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button button-secondary"
        onClick={() => {
          void openOAuth1({ clientId: client.id, clientName: client.name, handle: null });
        }}
      >
        Connect with API key…
      </button>
    </div>
  );
}
