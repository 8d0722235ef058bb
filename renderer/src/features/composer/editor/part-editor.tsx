// One part of the thread: its text with the live weighted counter (overflow highlighted),
// per-account texts, media (dropped from the OS, chosen, pasted or picked from the library)
// and the thread operations: move, merge with the next, split into thread, remove.
import { useRef, useState, type ClipboardEvent, type DragEvent } from 'react';
import type { SocialAccount } from '../../../../../shared/accounts.ts';
import type { ComposeIssue } from '../../../../../shared/compose.ts';
import { acceptedMimes } from '../../../../../shared/media.ts';
import { countXText, xMaxWeightedLength } from '../../../../../shared/x-text.ts';
import { Field } from '../../../app/ui/field.tsx';
import { useEditor, type EditorPart } from './editor-store.ts';
import { PartMedia, useUploads } from './part-media.tsx';
import { Counter, TextWithLimit } from './text-with-limit.tsx';

export const partLabel = (index: number) =>
  index === 0 ? 'Post text' : `Thread part ${String(index + 1)}`;

interface Props {
  part: EditorPart;
  index: number;
  total: number;
  clientId: string;
  accounts: SocialAccount[];
  issues: ComposeIssue[];
  onPickFromLibrary: (partKey: number) => void;
  /** The textarea that template and hashtag insertion write into. */
  onFocusText: (partKey: number, accountId: string | null) => void;
}

const accept = Object.keys(acceptedMimes).join(',');

export function PartEditor(props: Props) {
  const { part, index, total, clientId, accounts, issues } = props;
  const updatePart = useEditor((s) => s.updatePart);
  const setVariant = useEditor((s) => s.setVariant);
  const partAction = useEditor((s) => s.partAction);
  const media = useEditor((s) => s.media);
  const { uploads, upload, dismiss } = useUploads(clientId, part.key);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const label = partLabel(index);
  // Not "post text": Playwright and screen-reader users find the first part by that label.
  const lower = index === 0 ? 'the first part' : label.toLowerCase();
  const id = `part-${String(part.key)}`;
  const over = countXText(part.text).weightedLength > xMaxWeightedLength;

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
            <Counter text={part.text} />
          </span>
        }
      >
        {(control) => (
          <div
            onFocus={() => {
              props.onFocusText(part.key, null);
            }}
          >
            <TextWithLimit
              control={control}
              value={part.text}
              rows={index === 0 ? 5 : 3}
              onChange={(text) => {
                updatePart(part.key, { text });
              }}
              onPaste={onPaste}
            />
          </div>
        )}
      </Field>
      {warnings.map((w) => (
        <p key={w} className="part-warning">
          {w}
        </p>
      ))}

      {accounts.map((account) => {
        const variant = part.variants[account.id];
        const vid = `${id}-${account.id}`;
        if (variant === undefined) return null;
        return (
          <Field
            key={account.id}
            id={vid}
            label={`${label} for @${account.handle}`}
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
                <Counter text={variant} />
              </span>
            }
          >
            {(control) => (
              <div
                onFocus={() => {
                  props.onFocusText(part.key, account.id);
                }}
              >
                <TextWithLimit
                  control={control}
                  value={variant}
                  rows={3}
                  onChange={(text) => {
                    setVariant(part.key, account.id, text);
                  }}
                />
              </div>
            )}
          </Field>
        );
      })}

      <PartMedia
        part={part}
        partLabel={lower}
        media={media}
        uploads={uploads}
        onDismiss={dismiss}
      />

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
              className="button button-ghost button-small"
              onClick={() => {
                setVariant(part.key, a.id, part.text);
              }}
            >
              Own text for @{a.handle}
            </button>
          ))}
        {over && (
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => {
              partAction(part.key, 'split');
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
