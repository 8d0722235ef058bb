// The machine's zone and the zone list for pickers, computed once per page.
import { listTimeZones } from '../../../shared/time-zones.ts';

export const machineTimeZone: string = Intl.DateTimeFormat().resolvedOptions().timeZone;

let zones: readonly string[] | null = null;

/** Every IANA zone the runtime knows, plus the machine's own (which may be an alias). */
export function timeZoneOptions(): readonly string[] {
  if (zones === null) {
    const list = listTimeZones();
    zones = list.includes(machineTimeZone) ? list : [machineTimeZone, ...list].sort();
  }
  return zones;
}

const offsetCache = new Map<string, string>();

/** "GMT+2", "GMT-5:30", "GMT": the zone's offset today, for labels. */
export function zoneOffsetLabel(zone: string, at: Date): string {
  const key = `${zone}@${at.toDateString()}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  let label: string;
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      timeZoneName: 'shortOffset',
    }).formatToParts(at);
    label = parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
  } catch {
    label = '';
  }
  offsetCache.set(key, label);
  return label;
}
