// One preview per network the post goes to, in the networks' usual order: X's own
// (x-preview.tsx), then Bluesky's and Mastodon's. With no account chosen yet, X's shows
// a placeholder account, as before any network was added.
import { platforms, type SocialAccount } from '../../../../../shared/accounts.ts';
import type { MediaAsset } from '../../../../../shared/media.ts';
import type { NetworkOptions } from '../../../../../shared/posts.ts';
import type { EditorPart } from './editor-store.ts';
import { NetworkPreview } from './network-preview.tsx';
import { XPreview } from './x-preview.tsx';

interface Props {
  accounts: SocialAccount[];
  parts: EditorPart[];
  media: Record<string, MediaAsset>;
  /** Per account, its network's options (Mastodon's visibility and content warning). */
  options: Record<string, NetworkOptions>;
}

export function Previews({ accounts, parts, media, options }: Props) {
  if (accounts.length === 0) return <XPreview accounts={[]} parts={parts} media={media} />;
  return (
    <div className="composer-previews">
      {platforms.map((platform) => {
        const of = accounts.filter((a) => a.platform === platform);
        // LinkedIn's preview comes with its composer work; until then it shows none.
        if (of.length === 0 || platform === 'linkedin') return null;
        return platform === 'x' ? (
          <XPreview key={platform} accounts={of} parts={parts} media={media} />
        ) : (
          <NetworkPreview
            key={platform}
            network={platform}
            accounts={of}
            parts={parts}
            media={media}
            options={options}
          />
        );
      })}
    </div>
  );
}
