// The "Connect <network> account" dialog of every network without a flow of its own: one
// per app, driven by the network connect store (see [Note: network connect]) and mounted
// through the registry's NetworkDialogHosts. Each network's guide and form lives in
// networks/<network>.tsx, picked by networks/connect-forms.tsx; a browser sign-in waits
// (connect-waiting.tsx), and one that asked for pages goes on to the pages picker.
import { shownHandle } from '../../../../shared/networks/index.ts';
import { useEffect, useId, useRef } from 'react';
import { Modal } from '../../app/ui/modal.tsx';
import { ConnectWaiting } from './connect-waiting.tsx';
import { NetworkIcon } from './networks/network-icon.tsx';
import { networkNames } from './networks/network-glyphs.ts';
import { approveLabels, NetworkConnectForm } from './networks/connect-forms.tsx';
import { pageWords, titleWords } from './pages-choice.ts';
import { PagesPicker } from './pages-picker.tsx';
import {
  useNetworkConnect,
  type NetworkPhase,
  type NetworkTarget,
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
  return <NetworkConnectForm target={target} />;
}
