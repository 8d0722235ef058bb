// A network's mark as an inline SVG: named for screen readers where no visible text says
// the network, hidden from them where text beside it does.
import type { Platform } from '../../../../../shared/accounts.ts';
import { glyphTransform, networkMarks, networkNames, ring } from './network-glyphs.ts';
import './networks.css';

interface Props {
  platform: Platform;
  size?: number;
  /** Name it for screen readers ("Bluesky"); leave false when text beside it says so. */
  named?: boolean;
}

export function NetworkIcon({ platform, size = 16, named = false }: Props) {
  const { background, path } = networkMarks[platform];
  return (
    <svg
      className="network-icon"
      viewBox="0 0 24 24"
      width={size}
      height={size}
      {...(named ? { role: 'img', 'aria-label': networkNames[platform] } : { 'aria-hidden': true })}
    >
      {named && <title>{networkNames[platform]}</title>}
      <rect x=".5" y=".5" width="23" height="23" rx="5.5" fill={background} stroke={ring} />
      <path d={path} fill="#fff" transform={glyphTransform} />
    </svg>
  );
}

/**
 * The mark, the network's name in words and, where it has one, the server. Plain text
 * with real spaces, so it reads as words; a long server address is cut with an ellipsis.
 */
export function NetworkBadge({ platform, server }: { platform: Platform; server?: string | null }) {
  return (
    <span
      className="network-badge"
      data-platform={platform}
      // The whole address, for when it is cut.
      title={server == null ? undefined : `${networkNames[platform]} · ${server}`}
    >
      <NetworkIcon platform={platform} size={14} />{' '}
      <span className="network-badge-name">{networkNames[platform]}</span>
      {server !== undefined && server !== null && ` · ${server}`}
    </span>
  );
}
