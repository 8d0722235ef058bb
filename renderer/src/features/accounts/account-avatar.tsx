// An account's picture, or its initial. [Note: avatars] The page's CSP allows images only
// from the app itself and data:/blob: URLs: the core keeps a small copy of the picture as
// a data: URL when it connects the account (platforms/x/avatar.ts). Where that copy could
// not be made the remote URL stays, and is not loaded here (a blocked <img> would only log
// a CSP error).
import type { SocialAccount } from '../../../../shared/accounts.ts';

const loadable = (url: string | null): url is string =>
  url !== null && (url.startsWith('data:image/') || url.startsWith('blob:'));

function initialOf(account: SocialAccount): string {
  const source = account.displayName.trim() || account.handle;
  // The first whole character, so an emoji or accented letter is not cut in half.
  const [first = '?'] = Array.from(source.normalize('NFC'));
  return first.toLocaleUpperCase();
}

export function AccountAvatar({ account }: { account: SocialAccount }) {
  if (loadable(account.avatarUrl)) {
    return <img className="account-avatar" src={account.avatarUrl} alt="" width={32} height={32} />;
  }
  return (
    <span className="account-avatar account-monogram" aria-hidden="true">
      {initialOf(account)}
    </span>
  );
}
