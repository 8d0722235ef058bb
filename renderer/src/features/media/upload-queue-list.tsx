// An upload queue as a list: a progress bar with Cancel for each file on its way, and for
// each refused one its name, the core's message and Dismiss. Nothing while it is empty.
import { OperationProgressBar } from '../../app/ui/operation-progress.tsx';
import { uploadProgress } from './media-transport.ts';
import type { UploadQueueState } from './upload-queue.ts';
import './upload-queue.css';

interface Props {
  queue: UploadQueueState;
  /** The list's accessible name. */
  label: string;
  /** What the bar says is happening to the file: "Importing", "Uploading". */
  verb: string;
}

export function UploadQueueList({ queue, label, verb }: Props) {
  if (queue.uploads.length === 0) return null;
  return (
    <ul className="upload-queue" aria-label={label}>
      {queue.uploads.map((u) => (
        <li key={u.id} className="upload-queue-item" data-failed={u.error !== null}>
          {/* The bar names the file itself; a refusal names it here. */}
          {u.error !== null && <span className="upload-queue-name">{u.name}</span>}
          {u.error === null ? (
            <OperationProgressBar
              progress={uploadProgress(u)}
              label={`${verb} ${u.name}`}
              onCancel={() => {
                queue.cancel(u.id);
              }}
            />
          ) : (
            <>
              <span role="alert" className="field-error">
                {u.error}
              </span>
              <button
                type="button"
                className="button button-ghost button-small"
                onClick={() => {
                  queue.dismiss(u.id);
                }}
              >
                Dismiss
              </button>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
