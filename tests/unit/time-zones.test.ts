import { describe, expect, it } from 'vitest';
import { isValidTimeZone } from '../../shared/time-zones.ts';
import { clientColor, clientCreateInput } from '../../shared/clients.ts';

describe('time zones', () => {
  it('accepts IANA zones and refuses offsets and inventions', () => {
    for (const zone of [
      'Europe/Berlin',
      'America/Argentina/Buenos_Aires',
      'UTC',
      'Asia/Kolkata',
      'Etc/GMT+5',
    ]) {
      expect(isValidTimeZone(zone), zone).toBe(true);
    }
    for (const zone of ['Mars/Olympus', '+02:00', '', 'Europe/', '../etc', 'Europe/Berlin\n']) {
      expect(isValidTimeZone(zone), zone).toBe(false);
    }
  });
});

describe('client rules', () => {
  it('trims names, lower-cases colours and refuses unknown fields', () => {
    expect(clientCreateInput.parse({ name: '  Bloom  ', color: '#ABCDEF' })).toEqual({
      name: 'Bloom',
      color: '#abcdef',
    });
    expect(clientColor.safeParse('#abc').success).toBe(false);
    expect(clientCreateInput.safeParse({ name: 'A', extra: 1 }).success).toBe(false);
  });
});
