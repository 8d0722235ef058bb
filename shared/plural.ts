// Counted words in messages ("1 minute", "2 minutes"), chosen by the CLDR plural rules
// that Intl.PluralRules knows, so no message reads "1 minutes" or "post(s)". Messages are
// in English, so the rules are English ones whatever the machine's locale.
const rules = new Intl.PluralRules('en-US');

/** The word that goes with `count`: `one` for 1, else `other` (default `one` + "s"). */
export function pluralWord(count: number, one: string, other = `${one}s`): string {
  return rules.select(count) === 'one' ? one : other;
}

/** The count and its word: plural(1, 'minute') → "1 minute", plural(2, 'reply', 'replies') → "2 replies". */
export function plural(count: number, one: string, other?: string): string {
  return `${String(count)} ${pluralWord(count, one, other)}`;
}
