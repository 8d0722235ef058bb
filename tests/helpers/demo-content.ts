// What the demo data says: post texts, prose of any exact length, and the clients with
// their accounts ("realistic": a freelancer's four clients; "long": 40-character names
// and handles as long as each network allows in practice). demo-seed.ts writes them.
import type { Platform } from '../../shared/accounts.ts';

export const texts = [
  'Sourdough is back on Saturday — get there before 10 if you want the rye.',
  'New opening hours from Monday: 7:00 to 18:00, Sundays 8:00 to 14:00.',
  'Behind the scenes: our head baker Lena shapes 300 loaves before sunrise. 🥖',
  'We are hiring! Part-time counter staff, mornings. Details in the link: https://example.com/jobs',
  'Rainy day special: any hot drink and a cinnamon bun for €5.',
  'Thank you for 10,000 followers. A free coffee for everyone who shows this post today!',
  'Site visit at the new library in Leith: the timber frame is up. Photos in the thread.',
  'Our studio is moving to Canal Street on 1 December. Same team, bigger windows.',
  'Sunrise flow this Sunday at 7:30 on the river terrace, all levels welcome.',
  'Five minutes of breathing before your first email. Try it tomorrow and tell us how it went.',
  'Single origin of the month: Huila, Colombia. Notes of red apple and panela.',
  'Latte art throwdown Friday 19:00. Sign-up sheet at the counter.',
];

const longWords =
  'Northern Lights sourdough starter workshop every Saturday morning with fresh rye spelt ' +
  'and heritage wheat, plus a long explanation of fermentation times, hydration, folding, ' +
  'shaping, proofing baskets, scoring patterns and oven spring that a newcomer can follow ' +
  'at home without any special equipment beyond a bowl, a scale and a hot oven. See ' +
  'https://example.com/workshops/sourdough-starter-saturday-morning-fermentation-basics ';

/**
 * Exactly `length` characters of realistic prose (a long word-free URL included), from a
 * place the seed picks: the start of a word, as a person's text begins (a text starting
 * "ng with fresh rye" read as a broken screenshot).
 */
export function longText(length: number, seed = 0): string {
  const from = (((seed * 37) % 80) + 80) % 80;
  const start = from === 0 ? 0 : longWords.indexOf(' ', from - 1) + 1;
  let out = '';
  while (out.length < length + start) out += longWords;
  return out
    .slice(start, start + length)
    .trimStart()
    .padEnd(length, '.');
}

export interface AccountSpec {
  platform: Platform;
  handle: string;
}
export interface ClientSpec {
  name: string;
  timezone: string;
  color: string;
  accounts: AccountSpec[];
}

export const realisticClients: ClientSpec[] = [
  {
    name: 'Nova Bakery',
    timezone: 'Europe/Berlin',
    color: '#b45309',
    accounts: [
      { platform: 'x', handle: 'novabakery' },
      { platform: 'bluesky', handle: 'novabakery.bsky.social' },
      { platform: 'mastodon', handle: 'novabakery@mastodon.social' },
    ],
  },
  {
    name: 'Harbour & Pine Architects',
    timezone: 'Europe/London',
    color: '#0f766e',
    accounts: [
      { platform: 'x', handle: 'harbourpine' },
      { platform: 'mastodon', handle: 'harbourpine@mastodon.design' },
    ],
  },
  {
    name: 'Riverside Yoga',
    timezone: 'America/New_York',
    color: '#7c3aed',
    accounts: [
      { platform: 'bluesky', handle: 'riversideyoga.bsky.social' },
      { platform: 'x', handle: 'riversideyoga' },
    ],
  },
  {
    name: 'Kettle & Crumb Coffee',
    timezone: 'Australia/Sydney',
    color: '#be123c',
    accounts: [{ platform: 'x', handle: 'kettlecrumb' }],
  },
];

// Names of exactly 40 characters; handles as long as each network allows in practice.
export const longClients: ClientSpec[] = [
  {
    name: 'Northern Lights Artisanal Sourdough Coop',
    timezone: 'Europe/Berlin',
    color: '#1d4ed8',
    accounts: [
      { platform: 'x', handle: 'northernlights1' },
      { platform: 'bluesky', handle: 'northernlightsartisanalsourdough.bsky.social' },
      { platform: 'mastodon', handle: 'northernlightssourdough@mastodon.example.social' },
    ],
  },
  {
    name: 'One Reading Only Analytics Client Studio',
    timezone: 'America/Los_Angeles',
    color: '#15803d',
    accounts: [{ platform: 'x', handle: 'onereadingonly' }],
  },
  {
    name: 'Thousand Readings Analytics Client Group',
    timezone: 'Asia/Tokyo',
    color: '#9d174d',
    accounts: [{ platform: 'mastodon', handle: 'thousandreadings@mastodon.example.social' }],
  },
];
