// Post text for the 1,000,000-post dataset: words drawn from a Zipf distribution over a
// vocabulary of common English words and seeded made-up ones, as real text is (a few
// words everywhere, most words rare), so a text search meets both a word in a quarter of
// all posts and one in a few dozen. Client hashtags and links mixed in.
import type { seededRandom } from './random.ts';

type Rng = ReturnType<typeof seededRandom>;

const common =
  'the to and a of our for in is you on with this we it at new your today be are from all more by just get out up what how now week team about day can time one see join us here first best next love live back thanks make big great last launch coffee story event guide tips update design offer customers free open come morning weekend spring summer autumn winter shop early book read video photo watch share friends world work local fresh good happy proud ready help better learn community news season sale meet tickets project results report community growth product service holiday studio market kitchen garden menu recipe workshop course class training podcast episode interview behind scenes celebrate anniversary customer partner brand future success journey moment opening lunch dinner breakfast tea wine beer city street music festival concert gallery art craft handmade sustainable organic recycled energy climate health fitness running yoga coach tech software release feature beta app mobile cloud data security privacy remote hiring careers jobs internship volunteer charity donate support thank'.split(
    ' ',
  );
const syllables =
  'ka lo mi ne ru sa te vi zo ba de fi go hu ja ke li mo nu pa qui ro su ta ve wa xe yo zu bri cla dra fle gri plo sta tre'.split(
    ' ',
  );

export interface Vocabulary {
  words: string[];
  /** Cumulative Zipf weights, for a binary-search draw. */
  cumulative: Float64Array;
}

export function makeVocabulary(rng: Rng, size = 12_000): Vocabulary {
  const words = [...new Set(common)];
  const seen = new Set(words);
  while (words.length < size) {
    const count = rng.int(2, 4);
    let word = '';
    for (let i = 0; i < count; i += 1) word += rng.pick(syllables);
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  const cumulative = new Float64Array(words.length);
  let sum = 0;
  for (let rank = 0; rank < words.length; rank += 1) {
    sum += 1 / (rank + 2.7) ** 1.07;
    cumulative[rank] = sum;
  }
  for (let rank = 0; rank < words.length; rank += 1)
    cumulative[rank] = (cumulative[rank] ?? 0) / sum;
  return { words, cumulative };
}

function drawWord(rng: Rng, vocabulary: Vocabulary): string {
  const roll = rng.next();
  const { cumulative } = vocabulary;
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((cumulative[mid] ?? 1) < roll) low = mid + 1;
    else high = mid;
  }
  return vocabulary.words[low] ?? '';
}

/** One thread part: a sentence or two, sometimes a link and the client's hashtags. */
export function partText(
  rng: Rng,
  vocabulary: Vocabulary,
  hashtags: readonly string[],
  site: string,
): string {
  const length = rng.int(6, 40);
  const words: string[] = [];
  for (let i = 0; i < length; i += 1) words.push(drawWord(rng, vocabulary));
  const first = words[0] ?? '';
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  let text = words.join(' ');
  if (length > 20 && rng.next() < 0.3) text = text.replace(' ', '.\n');
  if (rng.next() < 0.2) text += ` https://${site}/p/${String(rng.int(1000, 99_999))}`;
  if (rng.next() < 0.4) text += ` #${rng.pick(hashtags)}`;
  if (rng.next() < 0.15) text += ` #${rng.pick(hashtags)}`;
  return text;
}
