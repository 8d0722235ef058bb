// Recording a client's reply to a review packet: paste the code from their email, or open
// the reply file they attached. What was recorded, what was already, and which posts were
// refused (changed since the packet) and why, are listed before the dialog closes.
import { useId, useState } from 'react';
import { reviewLimits, type ReviewImportResult } from '../../../../shared/approval.ts';
import { BusyButton } from '../../app/ui/busy-button.tsx';
import { Modal } from '../../app/ui/modal.tsx';
import { useReview } from './review-store.ts';

const decisionWord = (d: string) => (d === 'approved' ? 'Approved' : 'Changes requested');

export function ReplyDialog({ onClose }: { onClose: () => void }) {
  const uid = useId();
  const importReply = useReview((s) => s.importReply);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ReviewImportResult | null>(null);

  async function openFile(file: File) {
    if (file.size > reviewLimits.replyMaxBytes) {
      setError(`${file.name} is over 256 KB: that is not a review reply.`);
      return;
    }
    setText(await file.text());
    setError(null);
  }

  async function submit() {
    if (text.trim() === '') {
      setError('Paste the reply code, or open the reply file.');
      return;
    }
    setBusy(true);
    const answer = await importReply(text);
    setBusy(false);
    if (answer.ok) {
      setResult(answer.value);
      setError(null);
    } else {
      setError(answer.error.message);
    }
  }

  const line = (p: { postId: string; firstLine: string }) =>
    p.firstLine === '' ? p.postId : `“${p.firstLine}”`;

  return (
    <Modal labelledBy={`${uid}-title`} onClose={onClose}>
      <header className="modal-header">
        <h2 id={`${uid}-title`}>Import a review reply</h2>
      </header>
      <div className="modal-body review-reply">
        {result === null ? (
          <>
            <p>
              Paste the code your client sent from their review packet, or open the reply file they
              attached.
            </p>
            <label className="field-label" htmlFor={`${uid}-code`}>
              Reply code
            </label>
            <textarea
              id={`${uid}-code`}
              className="textarea review-code"
              rows={5}
              value={text}
              data-autofocus
              aria-invalid={error !== null}
              aria-describedby={error === null ? undefined : `${uid}-error`}
              onChange={(e) => {
                setText(e.target.value);
                setError(null);
              }}
            />
            <label className="button button-secondary button-small review-file">
              Open reply file…
              <input
                type="file"
                accept=".txt,text/plain"
                className="visually-hidden"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file !== undefined) void openFile(file);
                }}
              />
            </label>
            {error !== null && (
              <p className="form-alert" role="alert" id={`${uid}-error`}>
                {error}
              </p>
            )}
          </>
        ) : (
          <div role="status">
            <p>Recorded {result.applied.length} decisions.</p>
            <ul className="review-results">
              {result.applied.map((p) => (
                <li key={p.postId}>
                  {decisionWord(p.decision)}: {line(p)}
                </li>
              ))}
              {result.unchanged.map((p) => (
                <li key={p.postId} className="muted">
                  Already recorded ({decisionWord(p.decision).toLowerCase()}): {line(p)}
                </li>
              ))}
              {result.refused.map((p) => (
                <li key={p.postId} className="review-refused">
                  Not recorded: {line(p)}: {p.reason}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <footer className="modal-footer">
        <button type="button" className="button button-secondary" onClick={onClose}>
          {result === null ? 'Cancel' : 'Close'}
        </button>
        {result === null && (
          <BusyButton
            variant="primary"
            busy={busy}
            onClick={() => {
              void submit();
            }}
          >
            Import reply
          </BusyButton>
        )}
      </footer>
    </Modal>
  );
}
