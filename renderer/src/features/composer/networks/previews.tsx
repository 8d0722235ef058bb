// One preview per network the post goes to, in the networks' usual order: X's own
// (x-preview.tsx), then Bluesky's, Mastodon's, Threads' and Facebook's, LinkedIn's
// (linkedin-preview.tsx) and Instagram's (instagram-preview.tsx).
// With no account chosen yet, X's shows a placeholder account, as before any network was
// added. This folder is the composer's only list of networks: the editor renders this and
// networks/options.tsx and never names a network (STYLE.md "Many networks, one shape").
import { platforms, type SocialAccount } from '../../../../../shared/accounts.ts';
import type { MediaAsset } from '../../../../../shared/media.ts';
import type { NetworkOptions } from '../../../../../shared/posts.ts';
import type { EditorPart } from '../editor/editor-store.ts';
import { InstagramPreview } from './instagram-preview.tsx';
import { LinkedInPreview } from './linkedin-preview.tsx';
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
        if (of.length === 0) return null;
        switch (platform) {
          case 'x':
            return <XPreview key={platform} accounts={of} parts={parts} media={media} />;
          case 'linkedin':
            return <LinkedInPreview key={platform} accounts={of} parts={parts} media={media} />;
          case 'instagram':
            return (
              <InstagramPreview
                key={platform}
                accounts={of}
                parts={parts}
                media={media}
                options={options}
              />
            );
          case 'bluesky':
          case 'mastodon':
          case 'threads':
          case 'facebook':
            return (
              <NetworkPreview
                key={platform}
                network={platform}
                accounts={of}
                parts={parts}
                media={media}
                options={options}
              />
            );
        }
      })}
    </div>
  );
}
