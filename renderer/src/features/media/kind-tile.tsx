// What stands in for a picture where Starling has none to show: a video (no frame
// extractor here) or a PDF document (no PDF renderer here; see main/core/media/probe.ts).
// A document is drawn as a page with its name, so it reads as a document at a glance.
import type { MediaAsset } from '../../../../shared/media.ts';

/** A page with a folded corner and "PDF" on it; decorative, the name says what it is. */
export function DocumentIcon({ size = 40 }: { size?: number }) {
  return (
    <svg
      className="document-icon"
      width={size}
      height={size * 1.25}
      viewBox="0 0 32 40"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d="M3 1h18l8 8v28a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V3a2 2 0 0 1 2-2z"
        fill="var(--surface)"
        stroke="currentColor"
        strokeWidth="1.5"
      />
      <path d="M21 1v8h8" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <text x="15" y="29" textAnchor="middle" fontSize="8" fontWeight="700" fill="currentColor">
        PDF
      </text>
    </svg>
  );
}

/** The small square a part or the library picker shows for media without a thumbnail. */
export function KindPlaceholder({ asset }: { asset: MediaAsset | undefined }) {
  if (asset?.kind === 'document') return <DocumentIcon size={28} />;
  return <>{asset?.kind === 'video' ? '▶' : '?'}</>;
}
