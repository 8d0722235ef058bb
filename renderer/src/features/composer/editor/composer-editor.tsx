// The composer: a client and some of its accounts (of any network), the thread (see
// part-editor.tsx), when to publish, each network's checks, the estimated X API cost
// (the other networks are free), a preview per network, then schedule. Everything typed is
// autosaved as a draft (editor-store.ts). Ctrl/Cmd+Enter schedules, Ctrl/Cmd+S saves now.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { composeIssuesFor } from '../../../../../shared/compose.ts';
import { networkOptionsInput } from '../../../../../shared/posts.ts';
import { shownHandle } from '../../../../../shared/networks/index.ts';
import { isSaveDraftKey, isScheduleKey } from '../../../app/shortcuts.ts';
import { showToast } from '../../../app/toasts/toast-store.ts';
import { BusyButton } from '../../../app/ui/busy-button.tsx';
import { Field } from '../../../app/ui/field.tsx';
import { getBridge } from '../../../bridge/bridge.ts';
import { accountsOf, useAccounts } from '../../accounts/accounts-store.ts';
import { useClients } from '../../clients/clients-store.ts';
import { formatInZone } from '../format-time.ts';
import { AccountChoice } from './account-choice.tsx';
import { CostEstimate } from './cost-estimate.tsx';
import { DraftConflict } from './draft-conflict.tsx';
import { PostingQuota } from './posting-quota.tsx';
import { RateLimits } from './rate-limits.tsx';
import { DraftList } from './draft-list.tsx';
import { useEditor } from './editor-store.ts';
import { useOpenFromRoute } from './open-from-route.ts';
import { MediaPicker } from './media-picker.tsx';
import { PartEditor } from './part-editor.tsx';
import { SchedulePicker } from './schedule-picker.tsx';
import { NetworkOptionsFor } from '../networks/options.tsx';
import { sentOptions } from './network-options.ts';
import { composeAccount, fallbackNetworks } from './network-text.ts';
import { Previews } from '../networks/previews.tsx';
import { useSaveOnLeave } from './save-on-leave.ts';
import { MentionButtons } from './mention-picker.tsx';
import { SnippetsBar } from './snippets.tsx';
import './editor.css';

interface Props {
  /** Called after a post was scheduled, so the list can refetch at once. */
  onScheduled: () => void;
}

const saveLabels = {
  empty: '',
  unsaved: 'Unsaved changes',
  saving: 'Saving draft…',
  saved: 'Draft saved',
  error: 'Draft not saved',
} as const;

export function ComposerEditor({ onScheduled }: Props) {
  const uid = useId();
  const allClients = useClients((s) => s.clients);
  const allAccounts = useAccounts((s) => s.accounts);
  const clients = useMemo(() => allClients.filter((c) => c.archivedAt === null), [allClients]);
  const editor = useEditor();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [picking, setPicking] = useState<number | null>(null);
  const focused = useRef<{ key: number; accountId: string | null; cursor?: number } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // The first client until one is picked; a client archived meanwhile falls back too.
  const client = clients.find((c) => c.id === editor.clientId) ?? clients[0] ?? null;
  const clientId = client?.id ?? '';
  const { setClient, knowMedia, flush } = editor;
  useEffect(() => {
    if (clientId !== '') setClient(clientId);
  }, [clientId, setClient]);
  useOpenFromRoute(allAccounts);

  // The library's facts (kind, size, name) for the checks and the thumbnails.
  useEffect(() => {
    if (clientId === '') return;
    void getBridge()
      .invoke('media:list', { clientId })
      .then((r) => {
        if (r.ok) knowMedia(r.value);
      });
  }, [clientId, knowMedia]);

  useSaveOnLeave(flush);

  // Whether the media relay is set: networks that fetch media by link need it.
  const [relay, setRelay] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    void getBridge()
      .invoke('relay:get', {})
      .then((result) => {
        if (live && result.ok) setRelay(result.value.relay !== null);
      });
    return () => {
      live = false;
    };
  }, []);

  const accounts = client === null ? [] : accountsOf(allAccounts, client.id);
  const chosen = accounts.filter((a) => editor.accountIds.includes(a.id));
  const chosenIds = chosen.map((a) => a.id);
  const fallback = fallbackNetworks(accounts);
  const issues = composeIssuesFor(
    {
      accounts: chosen.map((a) => composeAccount(a, editor.networkOptions[a.id])),
      parts: editor.parts,
      ...(relay !== null && { relay }),
    },
    (id) => {
      const m = editor.media[id];
      return m === undefined
        ? undefined
        : { kind: m.kind, mime: m.mime, bytes: m.bytes, durationMs: m.durationMs, name: m.name };
    },
    fallback,
  );
  // See [Note: quiet until touched] in editor-store.ts.
  const issuesShown = (part: (typeof editor.parts)[number]) =>
    editor.attempted ||
    editor.touched.includes(part.key) ||
    part.text.trim() !== '' ||
    part.media.length > 0;

  // A client with a single account: the post can only go there, so it starts chosen
  // (once per client; unticking it sticks). A draft or an opened post keeps its own.
  const onlyAccount = accounts.length === 1 ? accounts[0]?.id : undefined;
  useEffect(() => {
    if (onlyAccount === undefined) return;
    const state = useEditor.getState();
    if (state.accountIds.length === 0 && state.draftId === null) {
      state.toggleAccount(onlyAccount, true);
    }
  }, [onlyAccount]);

  /** Writes into the text last focused: at the end, or (`atCursor`) where its cursor was. */
  function insert(text: string, atCursor = false) {
    const target = focused.current ?? { key: editor.parts[0]?.key ?? 0, accountId: null };
    const part = editor.parts.find((p) => p.key === target.key);
    if (part === undefined) return;
    const current = target.accountId === null ? part.text : (part.variants[target.accountId] ?? '');
    const cursor = atCursor ? target.cursor : undefined;
    let joined: string;
    if (cursor === undefined || cursor >= current.length) {
      joined = current === '' ? text : `${current.replace(/\s+$/u, '')} ${text}`;
    } else {
      const before = current.slice(0, cursor);
      const after = current.slice(cursor);
      const gap = (s: string) => (s === '' || /\s$/u.test(s) ? '' : ' ');
      joined = `${before}${gap(before)}${text}${/^\s/u.test(after) ? '' : ' '}${after}`;
      focused.current = { ...target, cursor: before.length + gap(before).length + text.length + 1 };
    }
    if (target.accountId === null) editor.updatePart(part.key, { text: joined });
    else editor.setVariant(part.key, target.accountId, joined);
  }

  function problem(): string | null {
    if (client === null) return 'Add a client first, in Clients.';
    const first = issues.find((i) => i.severity === 'error');
    if (first !== undefined) return first.message;
    // The core's own rules for the options (a content warning's length), in its words.
    for (const [id, options] of Object.entries(sentOptions(chosen, editor.networkOptions))) {
      const checked = networkOptionsInput.safeParse(options);
      if (!checked.success) {
        const account = chosen.find((a) => a.id === id);
        const handle = account === undefined ? id : shownHandle(account.platform, account.handle);
        return `${handle}: ${checked.error.issues[0]?.message ?? 'these options are not valid.'}`;
      }
    }
    if (editor.date === '' || editor.time === '')
      return 'Choose the date and time to publish, or Add to queue.';
    return null;
  }

  async function submit() {
    if (busy) return;
    editor.attempt();
    const local = problem();
    if (local !== null || client === null) {
      setError(local);
      return;
    }
    setBusy(true);
    setError(null);
    await flush();
    // A refused save (the draft changed elsewhere) is answered first: DraftConflict asks.
    const { draftId, conflict, baseUpdatedAt } = useEditor.getState();
    if (conflict) {
      setBusy(false);
      return;
    }
    const networkOptions = sentOptions(chosen, editor.networkOptions);
    const result = await getBridge().invoke('drafts:schedule', {
      ...(draftId === null ? {} : { draftId, ...(baseUpdatedAt !== null && { baseUpdatedAt }) }),
      post: {
        clientId: client.id,
        accountIds: chosenIds,
        parts: editor.parts.map((p) => ({
          text: p.text,
          variants: Object.fromEntries(
            Object.entries(p.variants).filter(([a]) => chosenIds.includes(a)),
          ),
          media: p.media,
        })),
        when: { at: `${editor.date} ${editor.time}`, timezone: client.timezone },
        ...(Object.keys(networkOptions).length > 0 ? { networkOptions } : {}),
      },
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    const post = result.value;
    const at =
      post.scheduledAt === null
        ? `${editor.date} ${editor.time}`
        : formatInZone(post.scheduledAt, post.timezone);
    showToast(`Scheduled for ${at} (${post.timezone})`);
    editor.reset();
    onScheduled();
  }

  if (clients.length === 0) {
    return (
      <section className="panel composer-panel">
        <p className="muted">
          Add a client and connect one of its accounts in <a href="#/clients">Clients</a> to
          schedule posts.
        </p>
      </section>
    );
  }

  return (
    <div className="composer-editor">
      <form
        ref={formRef}
        className="panel composer-panel"
        aria-label="New post"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        onKeyDown={(e) => {
          // Listed in the shortcuts dialog: see [Note: one list of shortcuts].
          if (isScheduleKey(e)) {
            e.preventDefault();
            void submit();
          } else if (isSaveDraftKey(e)) {
            e.preventDefault();
            void flush().then(() => {
              const state = useEditor.getState();
              if (state.saveState === 'saved') showToast('Draft saved');
            });
          }
        }}
      >
        <Field id={`${uid}-client`} label="Client" error={null}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={client?.id ?? ''}
              onChange={(e) => {
                setClient(e.target.value);
                setError(null);
              }}
            >
              {clients.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>

        <AccountChoice
          clientName={client?.name ?? ''}
          accounts={accounts}
          chosenIds={editor.accountIds}
          onToggle={editor.toggleAccount}
        />

        <NetworkOptionsFor chosen={chosen} relay={relay} />

        <SnippetsBar
          clientId={clientId}
          onInsert={(text) => {
            insert(text);
          }}
        />
        <MentionButtons
          accounts={chosen}
          onInsert={(token) => {
            insert(token, true);
          }}
        />

        {editor.parts.map((part, index) => (
          <PartEditor
            key={part.key}
            part={part}
            index={index}
            total={editor.parts.length}
            clientId={clientId}
            accounts={chosen}
            fallback={fallback}
            issues={issuesShown(part) ? issues.filter((i) => i.part === index) : []}
            onPickFromLibrary={setPicking}
            onFocusText={(key, accountId, cursor) => {
              focused.current =
                cursor === undefined ? { key, accountId } : { key, accountId, cursor };
            }}
          />
        ))}
        <div>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={editor.addPart}
          >
            Add to thread
          </button>
        </div>

        <SchedulePicker
          uid={uid}
          clientId={clientId}
          zone={client?.timezone ?? 'UTC'}
          date={editor.date}
          time={editor.time}
          accounts={chosen}
          onChange={editor.setWhen}
        />

        <CostEstimate accounts={chosen} fallback={fallback} parts={editor.parts} />
        <RateLimits accounts={chosen} />
        <PostingQuota accounts={chosen} parts={editor.parts.length} />

        <div className="composer-alert-slot">
          <DraftConflict />
          {error !== null && (
            <div className="form-alert" role="alert">
              {error}
            </div>
          )}
        </div>

        <div className="composer-actions">
          <span className="muted composer-save-state" role="status">
            {editor.saveState !== 'error'
              ? saveLabels[editor.saveState]
              : editor.conflict
                ? 'Not saved'
                : editor.saveError}
          </span>
          <button
            type="button"
            className="button button-secondary"
            aria-keyshortcuts="Control+S Meta+S"
            onClick={() => void flush()}
          >
            Save draft
          </button>
          <BusyButton type="submit" variant="primary" busy={busy}>
            Schedule post
          </BusyButton>
        </div>
        {picking !== null &&
          createPortal(
            <MediaPicker
              clientId={clientId}
              onPick={(asset) => {
                editor.addMedia(picking, asset);
                setPicking(null);
              }}
              onClose={() => {
                setPicking(null);
              }}
            />,
            document.body,
          )}
      </form>
      <Previews
        accounts={chosen}
        parts={editor.parts}
        media={editor.media}
        options={editor.networkOptions}
      />
      <DraftList clientId={clientId} />
    </div>
  );
}
