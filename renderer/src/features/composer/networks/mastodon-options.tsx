// Each chosen Mastodon account's options for this post: who sees it (its own default on
// the instance unless chosen here) and a content warning, which Mastodon shows in place
// of the text until the reader opens it. Sent with the post (posts:schedule
// networkOptions); every part of a thread goes out with them.
import type { SocialAccount } from '../../../../../shared/accounts.ts';
import { mastodonTextLimit } from '../../../../../shared/networks/mastodon.ts';
import type { NetworkOptions } from '../../../../../shared/posts.ts';
import { shownHandle } from '../../../../../shared/networks/index.ts';
import { NetworkIcon } from '../../accounts/networks/network-icon.tsx';
import { useEditor } from '../editor/editor-store.ts';

type Visibility = NonNullable<NetworkOptions['visibility']>;

export const visibilityLabels: Record<Visibility, string> = {
  public: 'Public',
  unlisted: 'Unlisted',
  private: 'Followers only',
};

/** The content warning's own limit (networkOptionsInput). */
const contentWarningMax = 500;

export function MastodonOptions({ accounts }: { accounts: SocialAccount[] }) {
  const options = useEditor((s) => s.networkOptions);
  const setOptions = useEditor((s) => s.setNetworkOptions);
  if (accounts.length === 0) return null;
  return (
    <div className="network-options">
      {accounts.map((account) => {
        const mine = options[account.id] ?? {};
        const id = `mastodon-${account.id}`;
        const warning = mine.contentWarning ?? '';
        return (
          <fieldset key={account.id} className="network-options-group">
            <legend className="field-label">
              <NetworkIcon platform="mastodon" size={14} />
              <span className="network-options-handle">
                On Mastodon as {shownHandle(account.platform, account.handle)}
              </span>
            </legend>
            <label className="network-option" htmlFor={`${id}-visibility`}>
              <span>Visibility</span>
              <select
                id={`${id}-visibility`}
                className="input"
                value={mine.visibility ?? ''}
                onChange={(e) => {
                  const value = e.target.value as Visibility | '';
                  setOptions(account.id, { visibility: value === '' ? undefined : value });
                }}
              >
                <option value="">The account’s default</option>
                {Object.entries(visibilityLabels).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label className="network-option network-option-wide" htmlFor={`${id}-warning`}>
              <span>
                Content warning{' '}
                <span
                  className={
                    warning.length > contentWarningMax ? 'counter counter-over' : 'counter'
                  }
                >
                  {warning.length} / {contentWarningMax}
                </span>
              </span>
              <input
                id={`${id}-warning`}
                className="input"
                value={warning}
                placeholder="None: the text shows at once"
                aria-describedby={`${id}-warning-hint`}
                onChange={(e) => {
                  setOptions(account.id, { contentWarning: e.target.value });
                }}
              />
              <span id={`${id}-warning-hint`} className="field-hint">
                Mastodon counts it with the text, within the instance’s{' '}
                {account.textLimit ?? mastodonTextLimit} characters.
              </span>
            </label>
          </fieldset>
        );
      })}
    </div>
  );
}
