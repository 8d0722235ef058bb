// Templates and hashtag groups of the client: insert one into the part being written, and
// a small manager (add, edit, delete) in a dialog reachable from the composer.
import { useEffect, useId, useState } from 'react';
import { createPortal } from 'react-dom';
import type { HashtagGroup, Template } from '../../../../../shared/compose-inputs.ts';
import { Modal } from '../../../app/ui/modal.tsx';
import { getBridge } from '../../../bridge/bridge.ts';

export function useSnippets(clientId: string) {
  const [templates, setTemplates] = useState<Template[]>([]);
  const [groups, setGroups] = useState<HashtagGroup[]>([]);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (clientId === '') return;
    void Promise.all([
      getBridge().invoke('templates:list', { clientId }),
      getBridge().invoke('hashtag-groups:list', { clientId }),
    ]).then(([t, g]) => {
      if (t.ok) setTemplates(t.value);
      if (g.ok) setGroups(g.value);
    });
  }, [clientId, version]);
  const reload = () => {
    setVersion((v) => v + 1);
  };
  return { templates, groups, reload };
}

interface BarProps {
  clientId: string;
  onInsert: (text: string) => void;
}

export function SnippetsBar({ clientId, onInsert }: BarProps) {
  const uid = useId();
  const { templates, groups, reload } = useSnippets(clientId);
  const [managing, setManaging] = useState(false);
  return (
    <div className="composer-snippets">
      <label className="field-label" htmlFor={`${uid}-t`}>
        Insert template
      </label>
      <select
        id={`${uid}-t`}
        className="input"
        value=""
        onChange={(e) => {
          const t = templates.find((x) => x.id === e.target.value);
          if (t !== undefined) onInsert(t.body);
        }}
      >
        <option value="">{templates.length === 0 ? 'No templates yet' : 'Choose…'}</option>
        {templates.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
      <label className="field-label" htmlFor={`${uid}-h`}>
        Insert hashtags
      </label>
      <select
        id={`${uid}-h`}
        className="input"
        value=""
        onChange={(e) => {
          const g = groups.find((x) => x.id === e.target.value);
          if (g !== undefined) onInsert(g.hashtags.join(' '));
        }}
      >
        <option value="">{groups.length === 0 ? 'No hashtag groups yet' : 'Choose…'}</option>
        {groups.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button button-ghost button-small"
        onClick={() => {
          setManaging(true);
        }}
      >
        Manage templates and hashtags
      </button>
      {managing &&
        // A portal: the manager has its own form, and forms cannot nest in the composer's.
        createPortal(
          <SnippetsManager
            clientId={clientId}
            templates={templates}
            groups={groups}
            onChanged={reload}
            onClose={() => {
              setManaging(false);
            }}
          />,
          document.body,
        )}
    </div>
  );
}

interface ManagerProps {
  clientId: string;
  templates: Template[];
  groups: HashtagGroup[];
  onChanged: () => void;
  onClose: () => void;
}

function SnippetsManager({ clientId, templates, groups, onChanged, onClose }: ManagerProps) {
  const uid = useId();
  const [kind, setKind] = useState<'template' | 'hashtags'>('template');
  const [name, setName] = useState('');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function add() {
    const result =
      kind === 'template'
        ? await getBridge().invoke('templates:save', { clientId, name, body })
        : await getBridge().invoke('hashtag-groups:save', {
            clientId,
            name,
            hashtags: body.split(/[\s,]+/u).filter((h) => h !== ''),
          });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setError(null);
    setName('');
    setBody('');
    onChanged();
  }

  async function remove(what: 'template' | 'hashtags', id: string) {
    const result =
      what === 'template'
        ? await getBridge().invoke('templates:delete', { id })
        : await getBridge().invoke('hashtag-groups:delete', { id });
    setError(result.ok ? null : result.error.message);
    onChanged();
  }

  return (
    <Modal labelledBy={`${uid}-title`} onClose={onClose}>
      <h2 id={`${uid}-title`}>Templates and hashtags</h2>
      <ul className="snippet-list" aria-label="Templates">
        {templates.map((t) => (
          <li key={t.id}>
            <strong>{t.name}</strong> <span className="muted">{t.body.slice(0, 60)}</span>{' '}
            <button
              type="button"
              className="button button-ghost button-small"
              aria-label={`Delete template ${t.name}`}
              onClick={() => void remove('template', t.id)}
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
      <ul className="snippet-list" aria-label="Hashtag groups">
        {groups.map((g) => (
          <li key={g.id}>
            <strong>{g.name}</strong> <span className="muted">{g.hashtags.join(' ')}</span>{' '}
            <button
              type="button"
              className="button button-ghost button-small"
              aria-label={`Delete hashtag group ${g.name}`}
              onClick={() => void remove('hashtags', g.id)}
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
      <form
        className="snippet-form"
        aria-label="Add a template or hashtag group"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label className="field-label" htmlFor={`${uid}-kind`}>
          Kind
        </label>
        <select
          id={`${uid}-kind`}
          className="input"
          value={kind}
          onChange={(e) => {
            setKind(e.target.value === 'hashtags' ? 'hashtags' : 'template');
          }}
        >
          <option value="template">Template</option>
          <option value="hashtags">Hashtag group</option>
        </select>
        <label className="field-label" htmlFor={`${uid}-name`}>
          Name
        </label>
        <input
          id={`${uid}-name`}
          className="input"
          value={name}
          data-autofocus
          onChange={(e) => {
            setName(e.target.value);
          }}
        />
        <label className="field-label" htmlFor={`${uid}-body`}>
          {kind === 'template' ? 'Template text' : 'Hashtags (separated by spaces)'}
        </label>
        <textarea
          id={`${uid}-body`}
          className="input textarea"
          rows={3}
          value={body}
          onChange={(e) => {
            setBody(e.target.value);
          }}
        />
        {error !== null && (
          <p className="form-alert" role="alert">
            {error}
          </p>
        )}
        <div className="composer-actions">
          <button type="button" className="button button-ghost" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="button button-primary">
            Add
          </button>
        </div>
      </form>
    </Modal>
  );
}
