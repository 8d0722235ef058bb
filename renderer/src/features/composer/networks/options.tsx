// The options of the chosen accounts' networks that have some, under the account choice,
// in the networks' usual order: Mastodon's (mastodon-options.tsx) and Instagram's
// (instagram-options.tsx). The composer renders this list and never names a network
// ([Note: network rules]; STYLE.md "Many networks, one shape").
import type { SocialAccount } from '../../../../../shared/accounts.ts';
import { InstagramOptions } from './instagram-options.tsx';
import { MastodonOptions } from './mastodon-options.tsx';

export function NetworkOptionsFor({
  chosen,
  relay,
}: {
  /** The chosen accounts, every network's: each section takes its own. */
  chosen: SocialAccount[];
  /** Whether the media relay is set; null while not known yet. */
  relay: boolean | null;
}) {
  return (
    <>
      <MastodonOptions accounts={chosen.filter((a) => a.platform === 'mastodon')} />
      <InstagramOptions accounts={chosen.filter((a) => a.platform === 'instagram')} relay={relay} />
    </>
  );
}
