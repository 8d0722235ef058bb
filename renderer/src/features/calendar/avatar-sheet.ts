// Account pictures on calendar chips without a second element per chip: one constructed
// stylesheet with a rule per account that has a picture (`.cal-chip[data-a=ID]::before`),
// so 2,000 chips share 20 images; and each network's mark as a custom property
// (--net-x …) that a chip's --nets lists (post-chip.tsx). Constructed sheets go through
// the CSSOM, which the page's CSP (no inline styles) allows.
import { useEffect } from 'react';
import { platforms, type SocialAccount } from '../../../../shared/accounts.ts';
import { networkMarkUrl } from '../accounts/networks/network-glyphs.ts';

let sheet: CSSStyleSheet | null = null;

function ensureSheet(): CSSStyleSheet {
  if (sheet === null) {
    sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  return sheet;
}

const picture = (url: string | null): url is string =>
  url !== null && /^data:image\/(webp|png|jpeg|gif);base64,[A-Za-z0-9+/=]+$/.test(url);

export function useAvatarSheet(accounts: readonly SocialAccount[]): void {
  useEffect(() => {
    const rules = accounts
      .filter((a) => picture(a.avatarUrl) && /^[\w-]+$/.test(a.id))
      .map(
        (a) =>
          `.cal-chip[data-a="${a.id}"]::before { background: center / cover url("${a.avatarUrl ?? ''}"); color: transparent; }`,
      );
    const marks = platforms.map((p) => `--net-${p}: ${networkMarkUrl(p)};`).join(' ');
    ensureSheet().replaceSync([`.cal-chip { ${marks} }`, ...rules].join('\n'));
  }, [accounts]);
}
