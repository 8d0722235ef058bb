// Media library: a client's images, GIFs, videos and PDF documents with search and kind
// filter, where each is used, Fit for X and delete; files come in by drop, pick or paste
// (media-import.tsx).
import { useEffect, useId, useMemo } from 'react';
import { kindWords, mediaKinds, type MediaKind } from '../../../../shared/media.ts';
import { getBridge } from '../../bridge/bridge.ts';
import { useClients } from '../clients/clients-store.ts';
import { MediaCard } from './media-card.tsx';
import { MediaImport } from './media-import.tsx';
import { useMedia } from './media-store.ts';
import './media.css';

export function MediaView() {
  const uid = useId();
  const allClients = useClients((s) => s.clients);
  const loadClients = useClients((s) => s.load);
  const clients = useMemo(() => allClients.filter((c) => c.archivedAt === null), [allClients]);
  const { clientId, search, kind, assets, status, loadError, setFilter, load } = useMedia();

  // The first client until one is chosen (or when the chosen one was archived).
  const client = clients.find((c) => c.id === clientId) ?? clients[0] ?? null;
  useEffect(() => {
    if (client !== null && client.id !== clientId) setFilter({ clientId: client.id });
  }, [client, clientId, setFilter]);

  useEffect(() => {
    void loadClients();
    void load();
    const bridge = getBridge();
    const offSaved = bridge.on('media:saved', () => void load());
    const offDeleted = bridge.on('media:deleted', () => void load());
    const offPost = bridge.on('post:saved', () => void load());
    return () => {
      offSaved();
      offDeleted();
      offPost();
    };
  }, [load, loadClients]);

  return (
    <>
      <header className="view-header">
        <div>
          <h1 tabIndex={-1}>Media</h1>
          <p className="view-subtitle">
            Each client’s images, GIFs, videos and PDFs, stored once on this computer.
          </p>
        </div>
      </header>
      {client === null ? (
        <section className="panel media-empty">
          <p className="muted">Add a client first: media belong to a client’s library.</p>
        </section>
      ) : (
        <div className="media">
          <div className="media-toolbar" role="search">
            <div className="field">
              <label className="field-label" htmlFor={`${uid}-client`}>
                Client
              </label>
              <select
                id={`${uid}-client`}
                className="input"
                value={client.id}
                onChange={(event) => {
                  setFilter({ clientId: event.target.value });
                }}
              >
                {clients.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="field-label" htmlFor={`${uid}-search`}>
                Search names
              </label>
              <input
                id={`${uid}-search`}
                className="input"
                type="search"
                value={search}
                maxLength={200}
                onChange={(event) => {
                  setFilter({ search: event.target.value });
                }}
              />
            </div>
            <div className="field">
              <label className="field-label" htmlFor={`${uid}-kind`}>
                Kind
              </label>
              <select
                id={`${uid}-kind`}
                className="input"
                value={kind}
                onChange={(event) => {
                  setFilter({ kind: event.target.value as MediaKind | '' });
                }}
              >
                <option value="">All kinds</option>
                {mediaKinds.map((k) => (
                  <option key={k} value={k}>
                    {kindWords[k].label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <MediaImport disabled={false} />
          {status === 'error' && (
            <p className="form-alert" role="alert">
              {loadError}
            </p>
          )}
          {status === 'ready' && assets.length === 0 && (
            <p className="muted media-none">
              {search === '' && kind === ''
                ? `No media in ${client.name}’s library yet.`
                : 'Nothing matches this search.'}
            </p>
          )}
          <ul className="media-grid" aria-label={`${client.name}’s media`}>
            {assets.map((a) => (
              <MediaCard key={a.id} asset={a} />
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
