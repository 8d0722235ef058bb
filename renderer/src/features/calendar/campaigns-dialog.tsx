// Campaigns of a client: create one (name, colour, first and last day) or edit, archive
// the ones there are. The core checks the rules again; its refusals show beside the form.
import { useId, useState } from 'react';
import type { Campaign } from '../../../../shared/calendar.ts';
import type { Client } from '../../../../shared/clients.ts';
import { showToast } from '../../app/toasts/toast-store.ts';
import { BusyButton } from '../../app/ui/busy-button.tsx';
import { Modal } from '../../app/ui/modal.tsx';
import { getBridge } from '../../bridge/bridge.ts';
import { useCalendar } from './calendar-store.ts';
import { campaignDates } from './calendar-time.ts';

interface Props {
  clients: Client[];
  campaigns: Campaign[];
  initialClientId: string | null;
  onClose: () => void;
}

interface Draft {
  id: string | null;
  name: string;
  color: string;
  startsOn: string;
  endsOn: string;
}

const blank: Draft = { id: null, name: '', color: '#7c3aed', startsOn: '', endsOn: '' };

export function CampaignsDialog({ clients, campaigns, initialClientId, onClose }: Props) {
  const uid = useId();
  const [clientId, setClientId] = useState(initialClientId ?? clients[0]?.id ?? '');
  const [draft, setDraft] = useState<Draft>(blank);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const own = campaigns.filter((c) => c.clientId === clientId && c.archivedAt === null);

  async function save() {
    if (busy) return;
    setBusy(true);
    setError(null);
    const dates = {
      startsOn: draft.startsOn === '' ? null : draft.startsOn,
      endsOn: draft.endsOn === '' ? null : draft.endsOn,
    };
    const result =
      draft.id === null
        ? await getBridge().invoke('campaigns:create', {
            clientId,
            name: draft.name,
            color: draft.color,
            ...dates,
          })
        : await getBridge().invoke('campaigns:update', {
            id: draft.id,
            name: draft.name,
            color: draft.color,
            ...dates,
          });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    showToast(`Campaign “${result.value.name}” saved.`);
    setDraft(blank);
    void useCalendar.getState().loadCampaigns();
  }

  async function archive(campaign: Campaign) {
    const result = await getBridge().invoke('campaigns:archive', { id: campaign.id });
    if (!result.ok) setError(result.error.message);
    else showToast(`Campaign “${campaign.name}” archived.`);
    void useCalendar.getState().loadCampaigns();
  }

  return (
    <Modal labelledBy={`${uid}-title`} onClose={onClose}>
      <header className="modal-header">
        <h2 id={`${uid}-title`}>Campaigns</h2>
      </header>
      <div className="modal-body cal-campaigns">
        <label className="field">
          <span className="field-label">Client</span>
          <select
            className="input"
            value={clientId}
            onChange={(e) => {
              setClientId(e.target.value);
              setDraft(blank);
            }}
          >
            {clients.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        {own.length === 0 ? (
          <p className="muted">No campaigns for this client yet.</p>
        ) : (
          <ul className="cal-campaign-list">
            {own.map((c) => (
              <li key={c.id} style={{ ['--campaign' as string]: c.color }}>
                <span className="cal-campaign-swatch" aria-hidden="true" />
                <span>
                  {c.name}{' '}
                  <span className="cal-campaign-dates muted">
                    {campaignDates(c.startsOn, c.endsOn)}
                  </span>
                </span>
                <button
                  type="button"
                  className="button button-ghost button-small"
                  onClick={() => {
                    setDraft({
                      id: c.id,
                      name: c.name,
                      color: c.color,
                      startsOn: c.startsOn ?? '',
                      endsOn: c.endsOn ?? '',
                    });
                  }}
                >
                  Edit<span className="visually-hidden"> {c.name}</span>
                </button>
                <button
                  type="button"
                  className="button button-ghost button-small"
                  onClick={() => {
                    void archive(c);
                  }}
                >
                  Archive<span className="visually-hidden"> {c.name}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <form
          className="cal-campaign-form"
          aria-label={draft.id === null ? 'New campaign' : 'Edit campaign'}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <h3>{draft.id === null ? 'New campaign' : `Edit “${draft.name}”`}</h3>
          <label className="field">
            <span className="field-label">Name</span>
            <input
              className="input"
              value={draft.name}
              onChange={(e) => {
                setDraft({ ...draft, name: e.target.value });
              }}
            />
          </label>
          <label className="field">
            <span className="field-label">Colour</span>
            <input
              className="input"
              type="color"
              value={draft.color}
              onChange={(e) => {
                setDraft({ ...draft, color: e.target.value });
              }}
            />
          </label>
          <label className="field">
            <span className="field-label">First day</span>
            <input
              className="input"
              type="date"
              value={draft.startsOn}
              onChange={(e) => {
                setDraft({ ...draft, startsOn: e.target.value });
              }}
            />
          </label>
          <label className="field">
            <span className="field-label">Last day</span>
            <input
              className="input"
              type="date"
              value={draft.endsOn}
              onChange={(e) => {
                setDraft({ ...draft, endsOn: e.target.value });
              }}
            />
          </label>
          {error !== null && (
            <p className="form-alert" role="alert">
              {error}
            </p>
          )}
          <div className="cal-campaign-actions">
            {draft.id !== null && (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  setDraft(blank);
                }}
              >
                Cancel edit
              </button>
            )}
            <BusyButton busy={busy} variant="primary" type="submit">
              {draft.id === null ? 'Create campaign' : 'Save campaign'}
            </BusyButton>
          </div>
        </form>
      </div>
      <footer className="modal-footer">
        <button type="button" className="button button-secondary" onClick={onClose}>
          Close
        </button>
      </footer>
    </Modal>
  );
}
