// The CSV import wizard in Settings: pick or drop a CSV, read its dry run row by row
// (what each row would schedule, or every problem with its row and column), then import
// every row — or, when some rows are wrong and the user says so, only the valid ones.
import { useEffect, useMemo, useState, type DragEvent, type ReactNode } from 'react';
import { csvImportMaxBytes, importRowsListed, type ImportReport } from '../../../../shared/data.ts';
import { plural } from '../../../../shared/plural.ts';
import { shownHandle } from '../../../../shared/networks/index.ts';
import { usePreferences } from '../../app/preferences-store.ts';
import { useOperation } from '../../app/operations-store.ts';
import { BusyButton } from '../../app/ui/busy-button.tsx';
import { OperationProgressBar } from '../../app/ui/operation-progress.tsx';
import { useAccounts } from '../accounts/accounts-store.ts';
import { useClients } from '../clients/clients-store.ts';
import { useCsvImport } from './data-store.ts';
import './data.css';

/**
 * The browser host's socket carries messages up to 1 MB (main/host/browser-host.ts); the
 * CSV and the rest of the message must fit. The desktop app's IPC takes the import's own
 * limit.
 */
const browserHostMaxBytes = 1024 * 1024 - 4096;

async function readFile(
  file: File,
  maxBytes: number,
  pick: (name: string, text: string, maxBytes: number) => Promise<void>,
) {
  await pick(file.name, await file.text(), maxBytes);
}

export function ImportSection() {
  const {
    clientId,
    fileName,
    report,
    error,
    notice,
    busy,
    operation,
    done,
    pick,
    choose,
    run,
    reset,
    cancel: stop,
    setClient,
  } = useCsvImport();
  const progress = useOperation(operation);
  const clients = useClients((s) => s.clients);
  const loadClients = useClients((s) => s.load);
  const [dragging, setDragging] = useState(false);
  const host = usePreferences((s) => s.info?.host);
  const maxBytes = host === 'electron' ? csvImportMaxBytes : browserHostMaxBytes;

  useEffect(() => {
    void loadClients();
  }, [loadClients]);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file !== undefined) void readFile(file, maxBytes, pick);
  };

  return (
    <section className="settings-section panel" aria-labelledby="import-heading">
      <div className="settings-section-text">
        <h2 id="import-heading">Import posts from CSV</h2>
        <p>
          One post per row: text, account, date, time (and optionally time zone, thread separator,
          campaign). Nothing is written until you confirm, and an import writes every row or none.
        </p>
      </div>
      <div className="data-import">
        <label className="data-client">
          <span>Accounts of</span>
          <select
            value={clientId}
            onChange={(e) => {
              void setClient(e.target.value);
            }}
          >
            <option value="">any client (each row&apos;s accounts decide)</option>
            {clients
              .filter((c) => c.archivedAt === null)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
          </select>
        </label>
        <label
          className={`data-drop${dragging ? ' data-drop-active' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => {
            setDragging(false);
          }}
          onDrop={onDrop}
        >
          <span>{fileName === null ? 'Choose a CSV file or drop it here' : fileName}</span>
          <input
            type="file"
            accept=".csv,text/csv"
            aria-label="CSV file to import"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file !== undefined) void readFile(file, maxBytes, pick);
              e.target.value = '';
            }}
          />
        </label>
        {host === 'electron' && (
          // The main process's dialog: the file stays on disk, so its media columns work.
          <button
            type="button"
            className="button"
            onClick={() => {
              void choose();
            }}
          >
            Choose a file… (with its media)
          </button>
        )}
        {busy === 'checking' && (
          <OperationProgressBar
            progress={progress}
            label={`Checking every row of ${fileName ?? 'the file'}`}
            onCancel={stop}
          />
        )}
        {notice !== null && (
          <p className="muted" role="status">
            {notice}
          </p>
        )}
        {error !== null && (
          <p className="about-error" role="alert">
            {error}
          </p>
        )}
        {done !== null && (
          <p className="data-done" role="status">
            Imported {plural(done.imported, 'post')}
            {done.invalid > 0
              ? `; ${plural(done.invalid, 'row')} with errors ${done.invalid === 1 ? 'was' : 'were'} left out.`
              : '.'}
          </p>
        )}
        {report !== null && (
          <DryRun
            report={report}
            busy={busy === 'importing'}
            run={run}
            cancel={reset}
            importing={
              // Where the Import button was, so the bar is in view: the import checks
              // every row again, copies media, then writes, each step named on the bar.
              <OperationProgressBar progress={progress} onCancel={stop} />
            }
          />
        )}
      </div>
    </section>
  );
}

function DryRun(props: {
  report: ImportReport;
  busy: boolean;
  /** Shown above the actions while the import runs. */
  importing: ReactNode;
  run: (validRowsOnly: boolean) => Promise<void>;
  cancel: () => void;
}) {
  const { report, busy, importing, run, cancel } = props;
  // [Note: bounded import report] The core lists the first rows and the refused ones after
  // them; the counts above the table always cover the whole file.
  const shown = report.rows;
  const refusedAfter = shown.filter((row) => !row.ok && row.row - 2 >= importRowsListed).length;
  const accounts = useAccounts((s) => s.accounts);
  const platformOf = useMemo(() => new Map(accounts.map((a) => [a.id, a.platform])), [accounts]);
  return (
    <div className="data-report">
      <p role="status" className="data-summary">
        {report.valid} of {plural(report.total, 'row')} can be scheduled
        {report.invalid > 0
          ? `, ${String(report.invalid)} ${report.invalid === 1 ? 'has' : 'have'} errors`
          : ''}
        .
      </p>
      <table className="data-rows">
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Accounts</th>
            <th scope="col">When</th>
            <th scope="col">Post or problem</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.row} className={row.ok ? 'data-row-ok' : 'data-row-error'}>
              <td>{row.row}</td>
              <td>
                {(row.handles ?? [])
                  .map((h, i) => shownHandle(platformOf.get(row.accountIds?.[i] ?? ''), h))
                  .join(' ')}
              </td>
              <td>
                {row.localTime === undefined
                  ? ''
                  : `${row.localTime.replace('T', ' ')} ${row.timezone ?? ''}`}
                {row.queued === true ? ' (queue)' : ''}
              </td>
              <td>
                {row.ok ? (
                  <span>
                    {row.firstLine}
                    {(row.parts ?? 1) > 1 ? ` (thread of ${String(row.parts)})` : ''}
                  </span>
                ) : (
                  <ul className="data-issues">
                    {row.issues.map((issue, i) => (
                      <li key={i}>
                        {issue.column === null ? '' : <strong>{issue.column}: </strong>}
                        {issue.message}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.total > shown.length && (
        <p className="muted">
          Showing the first {importRowsListed} of {report.total} rows
          {refusedAfter > 0 ? ' and the rows with errors after them' : ''}
          {report.refusedUnlisted > 0
            ? `; ${plural(report.refusedUnlisted, 'more row')} with errors ${report.refusedUnlisted === 1 ? 'is' : 'are'} not listed`
            : ''}
          .
        </p>
      )}
      {busy && importing}
      <div className="data-actions">
        {report.invalid === 0 ? (
          <BusyButton busy={busy} variant="primary" onClick={() => void run(false)}>
            Import {report.valid} {report.valid === 1 ? 'post' : 'posts'}
          </BusyButton>
        ) : (
          report.valid > 0 && (
            <BusyButton busy={busy} variant="primary" onClick={() => void run(true)}>
              Import the {report.valid} valid {report.valid === 1 ? 'row' : 'rows'}
            </BusyButton>
          )
        )}
        {!busy && (
          // While importing, the bar's own Cancel stops the import instead.
          <button type="button" className="button" onClick={cancel}>
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}
