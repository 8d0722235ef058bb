// The "Connect Bluesky account", "Connect Mastodon account" and "Connect LinkedIn account"
// dialogs: one per app, driven by the network connect store (see [Note: network connect]).
// Each network's guide and form lives in networks/<network>.tsx; a browser sign-in waits
// as X's does, and one that asked for pages goes on to the pages picker.
import { shownHandle } from '../../../../shared/networks/index.ts';
import { useEffect, useId, useRef } from 'react';
import { Modal } from '../../app/ui/modal.tsx';
import { ConnectWaiting } from './connect-waiting.tsx';
import { NetworkIcon } from './networks/network-icon.tsx';
import { networkNames } from './networks/network-glyphs.ts';
import { BlueskyConnect } from './networks/bluesky.tsx';
import { FacebookConnect } from './networks/facebook.tsx';
import { LinkedInConnect } from './networks/linkedin.tsx';
import { ThreadsConnect } from './networks/threads.tsx';
import { MastodonConnect } from './networks/mastodon.tsx';
import { pageWords, titleWords } from './pages-choice.ts';
import { PagesPicker } from './pages-picker.tsx';
import {
  useNetworkConnect,
  type NetworkPhase,
  type NetworkTarget,
  type OpenPlatform,
} from './network-connect-store.ts';
import './accounts.css';

export function NetworkConnectDialogHost() {
  const target = useNetworkConnect((s) => s.target);
  const phase = useNetworkConnect((s) => s.phase);
  if (target === null || phase.name === 'closed') return null;
  return <NetworkConnectDialog target={target} phase={phase} />;
}

function NetworkConnectDialog({ target, phase }: { target: NetworkTarget; phase: NetworkPhase }) {
  const uid = useId();
  const bodyRef = useRef<HTMLDivElement>(null);
  const close = useNetworkConnect((s) => s.close);
  const name = networkNames[target.platform];

  // The form, the wait and the pages replace each other: focus goes to why the wait ended
  // (the network refused or timed out), else the new content's first control or the title,
  // so it never falls out of the dialog. The pages move it again once they are listed.
  const pagesListed = phase.name === 'pages' && phase.pages !== null;
  useEffect(() => {
    const body = bodyRef.current;
    if (body === null) return;
    const first =
      body.querySelector<HTMLElement>('.connect-error') ??
      body.querySelector<HTMLElement>('[data-autofocus]') ??
      body.querySelector<HTMLElement>('h2');
    first?.focus();
  }, [phase.name, pagesListed]);

  const subtitle =
    phase.name === 'pages'
      ? `${titleWords(pageWords(target.platform).noun)} for ${target.clientName}`
      : target.reconnect === null
        ? `For ${target.clientName}`
        : `Reconnect ${shownHandle(target.platform, target.reconnect.handle)} for ${target.clientName}`;

  return (
    <Modal labelledBy={`${uid}-title`} onClose={close}>
      <div ref={bodyRef} className="connect-dialog">
        <header className="modal-header">
          <h2 id={`${uid}-title`} tabIndex={-1} className="connect-title">
            <NetworkIcon platform={target.platform} size={20} />
            Connect {name} account
          </h2>
          <p className="modal-subtitle">{subtitle}</p>
        </header>
        <Content target={target} phase={phase} />
      </div>
    </Modal>
  );
}

/** The button the user presses on the network's consent page. */
const approveLabels: Record<OpenPlatform, string> = {
  bluesky: 'Authorize',
  mastodon: 'Authorize',
  linkedin: 'Allow',
  threads: 'Allow',
  facebook: 'Continue',
  instagram: 'Continue',
};

function Content({ target, phase }: { target: NetworkTarget; phase: NetworkPhase }) {
  const close = useNetworkConnect((s) => s.close);
  const expired = useNetworkConnect((s) => s.expired);
  if (phase.name === 'waiting') {
    return (
      <>
        <div className="modal-body">
          <ConnectWaiting
            flow={phase.flow}
            network={networkNames[target.platform]}
            site={phase.site}
            approveLabel={approveLabels[target.platform]}
            onExpired={expired}
          />
        </div>
        <footer className="modal-footer">
          <button type="button" className="button button-secondary" data-autofocus onClick={close}>
            Cancel
          </button>
        </footer>
      </>
    );
  }
  if (phase.name === 'pages') {
    return (
      <PagesPicker
        target={target}
        account={phase.account}
        pages={phase.pages}
        busy={phase.busy}
        error={phase.error}
      />
    );
  }
  switch (target.platform) {
    case 'bluesky':
      return <BlueskyConnect target={target} />;
    case 'mastodon':
      return <MastodonConnect target={target} />;
    case 'linkedin':
      return <LinkedInConnect target={target} />;
    case 'threads':
      return <ThreadsConnect target={target} />;
    // Instagram accounts come with the Facebook Page they are linked to.
    case 'facebook':
    case 'instagram':
      return <FacebookConnect target={target} />;
  }
}
