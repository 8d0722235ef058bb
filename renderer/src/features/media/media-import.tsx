// Getting files into the library: drop them from the OS on the zone, choose them with
// the button, or paste an image anywhere on the view. Uploads show their progress and,
// when refused, the core's message (what is wrong and what to do).
import { useEffect, useRef, useState } from 'react';
import { networksTaking } from '../../../../shared/networks/index.ts';
import { libraryUploads, useMedia } from './media-store.ts';
import { useUploadQueue } from './upload-queue-hook.ts';
import { UploadQueueList } from './upload-queue-list.tsx';

/** Where a PDF can go, from the networks' own rules. */
const documentNetworks = networksTaking('document').join(' and ');

const accept =
  'image/jpeg,image/png,image/webp,image/gif,video/mp4,video/quicktime,.mov,application/pdf,.pdf';

function pastedName(file: File, index: number): File {
  if (file.name !== '' && file.name !== 'image.png') return file;
  const stamp = new Date().toISOString().slice(0, 19).replace(/[T:]/g, '-');
  const ext = file.type.split('/')[1] ?? 'png';
  return new File([file], `pasted-${stamp}${index > 0 ? `-${String(index)}` : ''}.${ext}`, {
    type: file.type,
  });
}

export function MediaImport({ disabled }: { disabled: boolean }) {
  const importFiles = useMedia((s) => s.importFiles);
  const uploads = useUploadQueue(libraryUploads);
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  useEffect(() => {
    if (disabled) return;
    const onPaste = (event: ClipboardEvent) => {
      const files = [...(event.clipboardData?.files ?? [])];
      if (files.length === 0) return;
      event.preventDefault();
      void importFiles(files.map(pastedName));
    };
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('paste', onPaste);
    };
  }, [disabled, importFiles]);

  return (
    <section className="media-import" aria-label="Import media">
      <div
        className="media-drop"
        data-over={over}
        data-testid="media-drop"
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
          setOver(true);
        }}
        onDragLeave={() => {
          setOver(false);
        }}
        onDrop={(event) => {
          event.preventDefault();
          setOver(false);
          if (disabled) return;
          void importFiles([...event.dataTransfer.files]);
        }}
      >
        <p>
          Drop images, GIFs, videos or PDFs here, paste an image, or{' '}
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={disabled}
            onClick={() => input.current?.click()}
          >
            Choose files…
          </button>
        </p>
        <p className="muted media-drop-hint">
          JPEG, PNG, WebP, GIF, MP4, MOV or PDF. The type is read from the file itself; each file is
          stored once however often it is imported. A PDF goes to {documentNetworks} as a document
          post.
        </p>
        <input
          ref={input}
          type="file"
          multiple
          accept={accept}
          className="visually-hidden"
          tabIndex={-1}
          aria-label="Choose media files"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            if (files.length > 0) void importFiles(files);
          }}
        />
      </div>
      <UploadQueueList queue={uploads} label="Imports" verb="Importing" />
    </section>
  );
}
