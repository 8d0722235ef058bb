// The pages picker's plain rules (pages-picker.tsx): how the network names its pages, a
// role in words, and what is ticked when the pages are first listed.
import type { NetworkPage, Platform } from '../../../../shared/accounts.ts';
import { networkRules } from '../../../../shared/networks/index.ts';

/** The network's own words for its pages ("company pages", "Pages"), from its rules. */
export function pageWords(platform: Platform): { noun: string; brings?: string } {
  return networkRules[platform].accounts.pages ?? { noun: 'pages' };
}

/** "company pages" → "Company pages": the words starting a title. */
export const titleWords = (words: string): string => words.charAt(0).toUpperCase() + words.slice(1);

/** "ADMINISTRATOR" → "Administrator", "CONTENT_ADMINISTRATOR" → "Content administrator". */
export function roleWords(role: string): string {
  const words = role.toLowerCase().replace(/_+/g, ' ').trim();
  return words === '' ? 'Member' : titleWords(words);
}

/** Ticked at first: the pages connected already (renewed), or the only page there is. */
export function initialPageChoice(pages: readonly NetworkPage[]): Set<string> {
  if (pages.length === 1 && pages[0] !== undefined) return new Set([pages[0].id]);
  return new Set(pages.filter((p) => p.accountId !== null).map((p) => p.id));
}
