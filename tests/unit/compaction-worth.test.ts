// When an upgrade's free pages are worth a VACUUM ([Note: compaction after migrating]): a
// quarter of the file, or half a gigabyte of a big one, and never a few megabytes.
import { describe, expect, it } from 'vitest';
import { worthCompacting } from '../../main/core/db/compact-after-migrating.ts';

const MB = 1024 * 1024;

describe('worthCompacting', () => {
  it.each([
    // file, free inside, compacted?
    [5_188, 1_060, true], // a million posts after 0032: a fifth free, over 512 MiB
    [5_188, 709, true], // after 0029: 14% free, still half a gigabyte
    [5_188, 500, false], // under both
    [400, 100, true], // a quarter of a small file
    [400, 90, false],
    [100, 30, false], // a quarter, but under 64 MiB: not worth a start's time
  ])('a %d MiB file with %d MiB free: %s', (file, free, expected) => {
    expect(worthCompacting({ fileBytes: file * MB, freeBytes: free * MB })).toBe(expected);
  });
});
