// Backups in Settings: "Back up now", the list of backups (daily ones are taken while
// Starling runs, 7 daily and 4 weekly kept), how to restore, and exports to download.
import { useEffect, useState } from 'react';
import type { BackupInfo, ExportFormat } from '../../../../shared/data.ts';
import { useOperation } from '../../app/operations-store.ts';
import { BusyButton } from '../../app/ui/busy-button.tsx';
import { OperationProgressBar } from '../../app/ui/operation-progress.tsx';
import { getBridge } from '../../bridge/bridge.ts';
import { downloadExport, useBackups } from './data-store.ts';

const kindLabels: Record<BackupInfo['kind'], string> = {
  daily: 'Daily',
  manual: 'By hand',
  'pre-restore': 'Before a restore',
  'pre-migrate': 'Before an update',
};

const size = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${String(Math.ceil(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function BackupsSection() {
  const { backups, error, notice, busy, operation, load, backUpNow, cancel } = useBackups();
  const progress = useOperation(operation);
  const [exportError, setExportError] = useState<string | null>(null);

  useEffect(() => {
    void load();
    // The daily backup (and one made from the CLI's core in this process) shows up at once.
    return getBridge().on('backup:created', () => void load());
  }, [load]);

  const exportAs = async (format: ExportFormat) => {
    setExportError(await downloadExport(format));
  };

  return (
    <section className="settings-section panel" aria-labelledby="backups-heading">
      <div className="settings-section-text">
        <h2 id="backups-heading">Backups and exports</h2>
        <p>
          While Starling runs it backs up the database once a day and keeps 7 daily and 4 weekly
          copies in the data folder&apos;s backups folder. To restore one, quit Starling and run{' '}
          <code>starling backup restore NAME</code>: the current database is kept as a backup first.
          A calendar app can subscribe to <code>calendar/starling.ics</code> in the data folder,
          kept current while Starling runs.
        </p>
      </div>
      <div className="data-backups">
        <div className="data-actions">
          <BusyButton busy={busy} variant="primary" onClick={() => void backUpNow()}>
            Back up now
          </BusyButton>
          {(['csv', 'json', 'ics'] as const).map((format) => (
            <button
              key={format}
              type="button"
              className="button"
              onClick={() => void exportAs(format)}
            >
              Export {format.toUpperCase()}
            </button>
          ))}
        </div>
        {busy && <OperationProgressBar progress={progress} label="Backing up" onCancel={cancel} />}
        {notice !== null && (
          <p className="muted" role="status">
            {notice}
          </p>
        )}
        {(error ?? exportError) !== null && (
          <p className="about-error" role="alert">
            {error ?? exportError}
          </p>
        )}
        {backups === null ? (
          <p className="muted">Loading…</p>
        ) : backups.length === 0 ? (
          <p className="muted">No backups yet.</p>
        ) : (
          <table className="data-rows" aria-label="Backups">
            <thead>
              <tr>
                <th scope="col">Taken</th>
                <th scope="col">Kind</th>
                <th scope="col">Size</th>
                <th scope="col">Name</th>
              </tr>
            </thead>
            <tbody>
              {backups.map((b) => (
                <tr key={b.file}>
                  <td>{new Date(b.createdAt).toLocaleString()}</td>
                  <td>{kindLabels[b.kind]}</td>
                  <td>{size(b.bytes)}</td>
                  <td>
                    <code>{b.name}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
