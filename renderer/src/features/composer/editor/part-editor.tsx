// One part of the thread: its text with a live counter per network it goes to (overflow
// past the strictest highlighted), per-account texts counted by their own network, media
// (dropped from the OS, chosen, pasted or picked from the library) and the thread
// operations: move, merge with the next, split into thread, remove.
import { useRef, useState, type ClipboardEvent, type DragEvent } from 'react';
import type { Platform, SocialAccount } from '../../../../../shared/accounts.ts';
import { fitsAll, sharedTextTargets, type ComposeIssue } from '../../../../../shared/compose.ts';
import { acceptedMimes } from '../../../../../shared/media.ts';
import { mentionsIn } from '../../../../../shared/mentions.ts';
import { isMentionRef, networkRules, shownHandle } from '../../../../../shared/networks/index.ts';
import { postLimits } from '../../../../../shared/posts.ts';
import { Field } from '../../../app/ui/field.tsx';
import { useUploadQueue } from '../../media/upload-queue-hook.ts';
import { UploadQueueList } from '../../media/upload-queue-list.tsx';
import { useEditor, type EditorPart } from './editor-store.ts';
import { composeAccount, countFor, firstOverflow, partTarget, targetOf } from './network-text.ts';
import { PartMedia } from './part-media.tsx';
import { Counters, TextWithLimit } from './text-with-limit.tsx';

export const partLabel = (index: number) =>
  index === 0 ? 'Post text' : `Thread part ${String(index + 1)}`;

interface Props {
  part: EditorPart;
  index: number;
  total: number;
  clientId: string;
  accounts: SocialAccount[];
  /** The networks the text is counted for while no account is chosen. */
  fallback: Platform[];
  issues: ComposeIssue[];
  onPickFromLibrary: (partKey: number) => void;
  /**
   * The textarea that template, hashtag and mention insertion write into, and where its
   * cursor is once known (a mention goes there; templates and hashtags go at the end).
   */
  onFocusText: (partKey: number, accountId: string | null, cursor?: number) => void;
}

const accept = Object.keys(acceptedMimes).join(',');

/** The pages a text mentions, by name: the text box shows the raw @[Name](ref). */
function MentionNote({ text }: { text: string }) {
  const found = mentionsIn(text, isMentionRef);
  if (found.length === 0) return null;
  const names = [...new Set(found.map((m) => m.name))];
  const linking = Object.values(networkRules)
    .filter((rules) => found.some((m) => rules.mentions?.ref.test(m.ref) === true))
    .map((rules) => rules.label);
  return (
    <p className="part-note muted">
      Mentions {names.join(', ')}: linked on {linking.join(' and ')}, the name as text elsewhere.
    </p>
  );
}

export function PartEditor(props: Props) {
  const { part, index, total, clientId, accounts, issues } = props;
  const updatePart = useEditor((s) => s.updatePart);
  const setVariant = useEditor((s) => s.setVariant);
  const partAction = useEditor((s) => s.partAction);
  const media = useEditor((s) => s.media);
  const options = useEditor((s) => s.networkOptions);
  const addMedia = useEditor((s) => s.addMedia);
  const uploads = useUploadQueue();
  // Into the client's library, each file attached to this part as it lands.
  const upload = (files: readonly File[]) =>
    uploads.upload(files, clientId, (asset) => {
      addMedia(part.key, asset);
    });
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const label = partLabel(index);
  // Not "post text": Playwright and screen-reader users find the first part by that label.
  const lower = index === 0 ? 'the first part' : label.toLowerCase();
  const id = `part-${String(part.key)}`;
  const composeAccounts = accounts.map((a) => composeAccount(a, options[a.id]));
  const sharedTargets = sharedTextTargets(part, composeAccounts, props.fallback).map((t) =>
    partTarget(t, index),
  );
  const sharedCounts = countFor(part.text, sharedTargets);
  const over = sharedCounts.some((c) => c.overFrom !== null);
  // Each network's alt text limit, and Starling's own cap on what it accepts.
  const platforms = accounts.length === 0 ? props.fallback : accounts.map((a) => a.platform);
  const altTextMax = Math.min(
    postLimits.altTextMax,
    ...platforms.map((p) => networkRules[p].media.altTextMax),
  );

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const files = [...event.dataTransfer.files];
    if (files.length > 0) void upload(files);
  };
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = [...event.clipboardData.files].filter((f) => f.type.startsWith('image/'));
    if (files.length === 0) return;
    event.preventDefault();
    void upload(files);
  };
  const errors = issues.filter((i) => i.severity === 'error').map((i) => i.message);
  const warnings = issues.filter((i) => i.severity === 'warning').map((i) => i.message);

  return (
    <section
      className={dragging ? 'part part-dragging' : 'part'}
      aria-label={`Part ${String(index + 1)} of ${String(total)}`}
      data-testid={id}
      onDragEnter={(e) => {
        if (e.dataTransfer.types.includes('Files')) setDragging(true);
      }}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <Field
        id={id}
        label={label}
        error={errors.length > 0 ? errors.join(' ') : null}
        aside={
          <span className="composer-aside">
            <Counters counts={sharedCounts} />
          </span>
        }
      >
        {(control) => (
          <div
            onFocus={() => {
              props.onFocusText(part.key, null);
            }}
            onSelect={(e) => {
              props.onFocusText(part.key, null, (e.target as HTMLTextAreaElement).selectionEnd);
            }}
          >
            <TextWithLimit
              control={control}
              value={part.text}
              rows={index === 0 ? 5 : 3}
              overFrom={firstOverflow(sharedCounts)}
              onChange={(text) => {
                updatePart(part.key, { text });
              }}
              onPaste={onPaste}
            />
          </div>
        )}
      </Field>
      <MentionNote text={part.text} />
      {warnings.map((w) => (
        <p key={w} className="part-warning">
          {w}
        </p>
      ))}

      {accounts.map((account) => {
        const variant = part.variants[account.id];
        const vid = `${id}-${account.id}`;
        if (variant === undefined) return null;
        const counts = countFor(variant, [
          partTarget(targetOf(account, options[account.id]), index),
        ]);
        return (
          <Field
            key={account.id}
            id={vid}
            label={`${label} for ${shownHandle(account.platform, account.handle)}`}
            error={null}
            aside={
              <span className="composer-aside">
                <button
                  type="button"
                  className="button button-ghost button-small"
                  onClick={() => {
                    setVariant(part.key, account.id, null);
                  }}
                >
                  Use shared text
                </button>
                <Counters counts={counts} />
              </span>
            }
          >
            {(control) => (
              <div
                onFocus={() => {
                  props.onFocusText(part.key, account.id);
                }}
                onSelect={(e) => {
                  props.onFocusText(
                    part.key,
                    account.id,
                    (e.target as HTMLTextAreaElement).selectionEnd,
                  );
                }}
              >
                <TextWithLimit
                  control={control}
                  value={variant}
                  rows={3}
                  overFrom={firstOverflow(counts)}
                  onChange={(text) => {
                    setVariant(part.key, account.id, text);
                  }}
                />
              </div>
            )}
          </Field>
        );
      })}

      <PartMedia part={part} partLabel={lower} media={media} altTextMax={altTextMax} />
      <UploadQueueList queue={uploads} label={`Uploads to ${lower}`} verb="Uploading" />

      <div className="part-tools" role="toolbar" aria-label={`Tools for ${lower}`}>
        <button
          type="button"
          className="button button-secondary button-small"
          aria-label={`Add media (${lower})`}
          onClick={() => fileInput.current?.click()}
        >
          Add media
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          accept={accept}
          hidden
          aria-label={`Add media to ${lower}`}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length > 0) void upload(files);
          }}
        />
        <button
          type="button"
          className="button button-secondary button-small"
          aria-label={`From library (${lower})`}
          onClick={() => {
            props.onPickFromLibrary(part.key);
          }}
        >
          From library
        </button>
        {accounts
          .filter((a) => part.variants[a.id] === undefined)
          .map((a) => (
            <button
              key={a.id}
              type="button"
              className="button button-ghost button-small own-text-button"
              onClick={() => {
                setVariant(part.key, a.id, part.text);
              }}
            >
              <span>Own text for {shownHandle(a.platform, a.handle)}</span>
            </button>
          ))}
        {over && (
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => {
              partAction(part.key, 'split', fitsAll(sharedTargets));
            }}
          >
            Split into thread
          </button>
        )}
        {index > 0 && (
          <button
            type="button"
            className="button button-ghost button-small"
            aria-label={`Move up (${lower})`}
            onClick={() => {
              partAction(part.key, 'up');
            }}
          >
            Move up
          </button>
        )}
        {index < total - 1 && (
          <>
            <button
              type="button"
              className="button button-ghost button-small"
              aria-label={`Move down (${lower})`}
              onClick={() => {
                partAction(part.key, 'down');
              }}
            >
              Move down
            </button>
            <button
              type="button"
              className="button button-ghost button-small"
              aria-label={`Merge with next (${lower})`}
              onClick={() => {
                partAction(part.key, 'merge');
              }}
            >
              Merge with next
            </button>
          </>
        )}
        {total > 1 && (
          <button
            type="button"
            className="button button-ghost button-small"
            aria-label={`Remove ${lower}`}
            onClick={() => {
              partAction(part.key, 'remove');
            }}
          >
            Remove
          </button>
        )}
      </div>
    </section>
  );
}
