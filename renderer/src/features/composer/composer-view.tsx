// Composer: write a post for some of a client's accounts and schedule it, with the posts
// still to come listed underneath. Loaded lazily (X's text counting is heavy).
import { useEffect } from 'react';
import { getBridge } from '../../bridge/bridge.ts';
import { useAccounts } from '../accounts/accounts-store.ts';
import { useClients } from '../clients/clients-store.ts';
import { ComposerEditor } from './editor/composer-editor.tsx';
import { PostPanel } from './post-panel.tsx';
import { UpcomingList } from './upcoming-list.tsx';
import { useUpcoming } from './upcoming-store.ts';
import './composer.css';

export function ComposerView() {
  const load = useUpcoming((s) => s.load);
  const loadClients = useClients((s) => s.load);
  const loadAccounts = useAccounts((s) => s.load);

  // Refetch on opening (the CLI sends no events) and whenever the core saves a post.
  useEffect(() => {
    void load();
    void loadClients();
    void loadAccounts();
    const bridge = getBridge();
    return bridge.on('post:saved', () => {
      void load();
    });
  }, [load, loadClients, loadAccounts]);

  return (
    <>
      <header className="view-header">
        <div>
          <h1 tabIndex={-1}>Composer</h1>
          <p className="view-subtitle">
            Write a post once and schedule it for a client’s accounts.
          </p>
        </div>
      </header>
      <PostPanel />
      <div className="composer">
        <ComposerEditor
          onScheduled={() => {
            void load();
          }}
        />
        <UpcomingList />
      </div>
    </>
  );
}
