// Each chosen Instagram account's options for this post: the caption's hashtags in a first
// comment instead (posted under the post as soon as it is out), and the limits that apply
// there: Instagram fetches media only from the user's media relay, and takes 50 posts in
// 24 hours per account. Sent with the post (posts:schedule networkOptions).
import type { SocialAccount } from '../../../../../shared/accounts.ts';
import { instagramHashtagsMax } from '../../../../../shared/networks/instagram.ts';
import { shownHandle } from '../../../../../shared/networks/index.ts';
import { NetworkIcon } from '../../accounts/networks/network-icon.tsx';
import { useEditor } from '../editor/editor-store.ts';

export function InstagramOptions(props: { accounts: SocialAccount[]; relay: boolean | null }) {
  const options = useEditor((s) => s.networkOptions);
  const setOptions = useEditor((s) => s.setNetworkOptions);
  if (props.accounts.length === 0) return null;
  return (
    <div className="network-options">
      {props.accounts.map((account) => {
        const id = `instagram-${account.id}`;
        return (
          <fieldset key={account.id} className="network-options-group">
            <legend className="field-label">
              <NetworkIcon platform="instagram" size={14} />
              <span className="network-options-handle">
                On Instagram as {shownHandle(account.platform, account.handle)}
              </span>
            </legend>
            <label className="network-option network-option-check" htmlFor={`${id}-tags`}>
              <span>
                <input
                  id={`${id}-tags`}
                  type="checkbox"
                  checked={options[account.id]?.hashtagsInComment === true}
                  onChange={(e) => {
                    setOptions(account.id, {
                      hashtagsInComment: e.target.checked ? true : undefined,
                    });
                  }}
                />{' '}
                Put the hashtags in a first comment
              </span>
              <span className="field-hint">
                Up to {instagramHashtagsMax} hashtags, counted in the caption either way. At most 50
                posts in 24 hours per account.
                {props.relay === false &&
                  ' Instagram fetches images and videos only from a public link: set up the media relay in Settings → Media relay.'}
              </span>
            </label>
          </fieldset>
        );
      })}
    </div>
  );
}
