// Threads' count (shared/networks/threads.ts), as Threads documents it: 500 characters, each
// character one, an emoji as the number of its UTF-8 bytes; the over-limit point never
// splits an emoji.
import { describe, expect, it } from 'vitest';
import { networkRules } from '../../shared/networks/index.ts';

const count = (text: string) => networkRules.threads.count(text);

describe('counting a Threads post', () => {
  it('counts characters one each, accents and CJK included, and a URL at its full length', () => {
    expect(count('Fresh rye').length).toBe(9);
    expect(count('café 麵包').length).toBe(7);
    expect(count('https://nova.example/menu').length).toBe(25);
    expect(count('𝐁𝐨𝐥𝐝').length).toBe(4);
  });

  it('counts an emoji as its UTF-8 bytes, sequences whole', () => {
    expect(count('🥖').length).toBe(4);
    expect(count('❤️').length).toBe(6);
    expect(count('👩‍👩‍👧').length).toBe(18);
    expect(count('🇩🇪').length).toBe(8);
    expect(count('1️⃣').length).toBe(7);
    expect(count('Rye 🥖!').length).toBe(9);
  });

  it('fits 500 and marks where a longer text goes over, before an emoji that does not fit', () => {
    expect(count('a'.repeat(500))).toEqual({ length: 500, limit: 500, overFrom: null });
    expect(count('a'.repeat(501)).overFrom).toBe(500);
    const text = `${'a'.repeat(498)}🥖`;
    expect(count(text)).toEqual({ length: 502, limit: 500, overFrom: 498 });
  });

  it('takes an image, a video or a carousel of up to 20, with replies carrying media too', () => {
    const rules = networkRules.threads;
    expect(rules.media.imagesPerPart).toBe(20);
    expect(rules.media.kinds.gif).toBeUndefined();
    expect(rules.replyMedia).toBeUndefined();
    expect(rules.cost).toBeNull();
  });
});
