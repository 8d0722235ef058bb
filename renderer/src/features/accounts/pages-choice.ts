// The pages picker's plain rules (pages-picker.tsx): a role in words, and what is ticked
// when the pages are first listed.
import type { NetworkPage } from '../../../../shared/accounts.ts';

/** "ADMINISTRATOR" → "Administrator", "CONTENT_ADMINISTRATOR" → "Content administrator". */
export function roleWords(role: string): string {
  const words = role.toLowerCase().replace(/_+/g, ' ').trim();
  return words === '' ? 'Member' : words.charAt(0).toUpperCase() + words.slice(1);
}

/** Ticked at first: the pages connected already (renewed), or the only page there is. */
export function initialPageChoice(pages: readonly NetworkPage[]): Set<string> {
  if (pages.length === 1 && pages[0] !== undefined) return new Set([pages[0].id]);
  return new Set(pages.filter((p) => p.accountId !== null).map((p) => p.id));
}
