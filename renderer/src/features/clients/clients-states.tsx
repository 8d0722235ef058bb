// What the clients view shows instead of the list: loading, a load failure, no clients.
import { NavIcon } from '../../app/nav-icons.tsx';

export function ClientsLoading() {
  return (
    <div className="client-list panel client-list-loading" aria-busy="true">
      <span className="visually-hidden" role="status">
        Loading clients…
      </span>
      {[0, 1, 2].map((i) => (
        <div key={i} className="client-row skeleton-row" aria-hidden="true">
          <span className="swatch swatch-lg skeleton" />
          <div className="client-text">
            <span className="skeleton skeleton-line" />
            <span className="skeleton skeleton-line skeleton-short" />
          </div>
        </div>
      ))}
    </div>
  );
}

export function ClientsLoadError({
  message,
  onRetry,
}: {
  message: string | null;
  onRetry: () => void;
}) {
  return (
    <div className="empty-state panel" role="alert">
      <h2>Clients could not be loaded</h2>
      <p>{message ?? 'Something went wrong while loading your clients.'}</p>
      <button type="button" className="button button-secondary" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

export function ClientsEmpty({
  hasArchived,
  onCreate,
}: {
  hasArchived: boolean;
  onCreate: () => void;
}) {
  return (
    <div className="empty-state panel">
      <div className="empty-icon" aria-hidden="true">
        <NavIcon route="clients" />
      </div>
      <h2>{hasArchived ? 'No active clients' : 'Add your first client'}</h2>
      <p>
        A client holds the social accounts you post for, their time zone and a colour that marks
        their posts on the calendar.
      </p>
      <button type="button" className="button button-primary" onClick={onCreate}>
        Add a client
      </button>
    </div>
  );
}
