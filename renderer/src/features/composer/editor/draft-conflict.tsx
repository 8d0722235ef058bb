// [Note: draft base] The draft changed somewhere else (another window, the CLI) after this
// editor read it, so its autosave was refused instead of silently replacing that version.
// The person chooses: keep what is here (it replaces the other version), or open the other
// version (what is here is dropped). Until then every save is refused the same way.
import { showToast } from '../../../app/toasts/toast-store.ts';
import { getBridge } from '../../../bridge/bridge.ts';
import { useEditor } from './editor-store.ts';

export function DraftConflict() {
  const conflict = useEditor((s) => s.conflict);
  const draftId = useEditor((s) => s.draftId);
  // The core's refusal says what happened; it is not written twice here.
  const message = useEditor((s) => s.saveError);
  if (!conflict || draftId === null) return null;

  const keepMine = () => {
    useEditor.setState({ baseUpdatedAt: null, conflict: false });
    void useEditor.getState().flush();
  };
  const openOther = async () => {
    const result = await getBridge().invoke('posts:get', { id: draftId });
    if (!result.ok) {
      useEditor.setState({ saveError: result.error.message });
    } else if (result.value.status !== 'draft') {
      // Scheduled (or sent) from elsewhere: loading it here would make a second post, so
      // what is here is kept as a new draft instead.
      useEditor.setState({ draftId: null, baseUpdatedAt: null, conflict: false });
      showToast(
        'The other version was scheduled elsewhere; what you wrote here is now a new draft.',
      );
      void useEditor.getState().flush();
    } else {
      useEditor.getState().open(result.value);
    }
  };

  return (
    <div className="form-alert draft-conflict" role="alert">
      <p>{message}</p>
      <div className="draft-conflict-actions">
        <button type="button" className="button button-primary" onClick={keepMine}>
          Keep mine, replace the other
        </button>
        <button type="button" className="button button-secondary" onClick={() => void openOther()}>
          Open the other version, drop mine
        </button>
      </div>
    </div>
  );
}
