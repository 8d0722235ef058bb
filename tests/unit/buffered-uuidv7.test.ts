// The CSV import's id source (main/core/adapters/buffered-uuidv7.ts) writes each id's text
// itself: it must read exactly as the library's own UUID#toString for the same bytes, and
// the ids stay version-7 ids that grow within the thread.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UUID } from 'uuidv7';
import { bufferedUuidv7, uuidText } from '../../main/core/adapters/buffered-uuidv7.ts';

describe('bufferedUuidv7', () => {
  it('writes the text the library writes for the same bytes', () => {
    const samples = [new Uint8Array(16), new Uint8Array(16).fill(255)];
    for (let i = 0; i < 2000; i += 1) samples.push(new Uint8Array(randomBytes(16)));
    for (const bytes of samples) expect(uuidText(bytes)).toBe(UUID.ofInner(bytes).toString());
  });

  it('gives distinct version-7 ids in the order they were made', () => {
    const ids = Array.from({ length: 5000 }, bufferedUuidv7());
    for (const id of ids) {
      expect(UUID.parse(id).getVariant()).toBe('VAR_10');
      expect(UUID.parse(id).getVersion()).toBe(7);
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
