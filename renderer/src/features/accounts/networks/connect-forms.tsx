// Each network's part of the shared connect dialog (network-connect-dialog.tsx): its guide
// and form (networks/<network>.tsx), and the button its consent page shows, which the wait
// for a browser sign-in names. Kept apart from registry.tsx, which mounts that dialog: the
// dialog imports this, so the two never import each other.
import type { NetworkTarget } from '../network-connect-store.ts';
import { BlueskyConnect } from './bluesky.tsx';
import { FacebookConnect } from './facebook.tsx';
import { LinkedInConnect } from './linkedin.tsx';
import { MastodonConnect } from './mastodon.tsx';
import type { OpenPlatform } from './registry.tsx';
import { ThreadsConnect } from './threads.tsx';

/** The button the user presses on the network's consent page. */
export const approveLabels: Record<OpenPlatform, string> = {
  bluesky: 'Authorize',
  mastodon: 'Authorize',
  linkedin: 'Allow',
  threads: 'Allow',
  facebook: 'Continue',
  instagram: 'Continue',
};

/** The network's guide and form, until its sign-in starts. */
export function NetworkConnectForm({ target }: { target: NetworkTarget }) {
  switch (target.platform) {
    case 'bluesky':
      return <BlueskyConnect target={target} />;
    case 'mastodon':
      return <MastodonConnect target={target} />;
    case 'linkedin':
      return <LinkedInConnect target={target} />;
    case 'threads':
      return <ThreadsConnect target={target} />;
    // Instagram accounts come with the Facebook Page they are linked to.
    case 'facebook':
    case 'instagram':
      return <FacebookConnect target={target} />;
  }
}
